; Calls: f(), and s.f() / p->f() through a receiver (@recv: docs/graph.md).
(call_expression
  function: [(identifier) @ref.call
             (field_expression argument: (_) @recv field: (field_identifier) @ref.call)])
(type_identifier) @ref.type
