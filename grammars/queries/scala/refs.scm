(call_expression
  function: [(identifier) @ref.call
             (field_expression value: (_) @recv field: (identifier) @ref.call)])
(instance_expression (type_identifier) @ref.call)
(extends_clause type: (type_identifier) @ref.inherit)
(extends_clause type: (generic_type type: (type_identifier) @ref.inherit))
(type_identifier) @ref.type
