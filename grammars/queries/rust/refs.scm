(call_expression
  function: [(identifier) @ref.call
             (field_expression value: (_) @recv field: (field_identifier) @ref.call)
             (scoped_identifier path: (_) @recv name: (identifier) @ref.call)])
(macro_invocation macro: (identifier) @ref.macro)
(type_identifier) @ref.type
(impl_item trait: (type_identifier) @ref.inherit)
