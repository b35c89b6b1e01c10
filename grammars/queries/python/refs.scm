(call
  function: [(identifier) @ref.call
             (attribute object: (_) @recv attribute: (identifier) @ref.call)])
(class_definition superclasses: (argument_list (identifier) @ref.inherit))
(class_definition superclasses: (argument_list (attribute attribute: (identifier) @ref.inherit)))
(decorator (identifier) @ref.decorator)
(type (identifier) @ref.type)
