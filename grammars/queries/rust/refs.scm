(call_expression function: (identifier) @ref.call)
(call_expression function: (field_expression field: (field_identifier) @ref.call))
(call_expression function: (scoped_identifier name: (identifier) @ref.call))
(macro_invocation macro: (identifier) @ref.macro)
(type_identifier) @ref.type
(impl_item trait: (type_identifier) @ref.inherit)
