(call_expression function: (qualified_identifier scope: (_) @recv name: (identifier) @ref.call))
(base_class_clause (type_identifier) @ref.inherit)
(new_expression type: (type_identifier) @ref.call)
