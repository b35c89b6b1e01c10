((call receiver: (_)? @recv method: (identifier) @ref.call)
  (#not-any-of? @ref.call "require" "require_relative" "load" "attr_reader" "attr_writer"
    "attr_accessor" "include" "extend" "prepend" "private" "protected" "public"))
(superclass (constant) @ref.inherit)
(superclass (scope_resolution name: (constant) @ref.inherit))
((call method: (identifier) @_m arguments: (argument_list (constant) @ref.inherit))
  (#any-of? @_m "include" "extend" "prepend"))
(scope_resolution name: (constant) @ref.type)

; Uses of values (docs/parse.md): constants and identifiers (a bare `name`
; may be a local or a method call without arguments) are reads unless a
; more specific kind captures them too. Reads and writes of local names
; are left out (@local).
(constant) @ref.read
(identifier) @ref.read
(assignment left: (identifier) @ref.write)
(operator_assignment left: (identifier) @ref.write)

; Local bindings: method and block parameters, assignments.
(method_parameters
  [(identifier) @local
   (optional_parameter name: (identifier) @local)
   (keyword_parameter name: (identifier) @local)
   (splat_parameter name: (identifier) @local)])
(block_parameters
  [(identifier) @local
   (optional_parameter name: (identifier) @local)
   (keyword_parameter name: (identifier) @local)])
(assignment left: (identifier) @local)
