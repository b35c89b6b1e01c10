; Calls: f(), obj.m(), new C(). (One pattern per node type: each pattern
; rooted at a node costs a cursor state there.)
(call_expression
  function: [(identifier) @ref.call
             (member_expression object: (_) @recv property: (property_identifier) @ref.call)])
(new_expression constructor: (identifier) @ref.call)
