(invocation_expression
  function: [(identifier) @ref.call
             (member_access_expression expression: (_) @recv name: (identifier) @ref.call)])
(object_creation_expression type: (identifier) @ref.call)
(object_creation_expression type: (generic_name (identifier) @ref.call))
(base_list (identifier) @ref.inherit)
(base_list (generic_name (identifier) @ref.inherit))
(parameter type: (identifier) @ref.type)
(variable_declaration type: (identifier) @ref.type)
(property_declaration type: (identifier) @ref.type)
(method_declaration returns: (identifier) @ref.type)
