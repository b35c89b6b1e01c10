((call receiver: (_)? @recv method: (identifier) @ref.call)
  (#not-any-of? @ref.call "require" "require_relative" "load" "attr_reader" "attr_writer"
    "attr_accessor" "include" "extend" "prepend" "private" "protected" "public"))
(superclass (constant) @ref.inherit)
(superclass (scope_resolution name: (constant) @ref.inherit))
((call method: (identifier) @_m arguments: (argument_list (constant) @ref.inherit))
  (#any-of? @_m "include" "extend" "prepend"))
(scope_resolution name: (constant) @ref.type)
