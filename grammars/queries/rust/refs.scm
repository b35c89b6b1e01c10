(call_expression
  function: [(identifier) @ref.call
             (field_expression value: (_) @recv field: (field_identifier) @ref.call)
             (scoped_identifier path: (_) @recv name: (identifier) @ref.call)])
(macro_invocation macro: (identifier) @ref.macro)
(type_identifier) @ref.type
(impl_item trait: (type_identifier) @ref.inherit)

; Uses of values (docs/parse.md): every identifier is a read unless a more
; specific kind captures it too (`read` and `member` yield). Reads and
; writes of local names are left out (@local).
(identifier) @ref.read
(field_expression field: (field_identifier) @ref.member)
(assignment_expression
  left: [(identifier) @ref.write (field_expression field: (field_identifier) @ref.write)])
(compound_assignment_expr
  left: [(identifier) @ref.write (field_expression field: (field_identifier) @ref.write)])

; Local bindings: parameters, let (also one level of a tuple or struct
; pattern), closure parameters, for variables.
(parameter pattern: (identifier) @local)
(let_declaration pattern: [(identifier) @local (_ (identifier) @local)])
(closure_parameters (identifier) @local)
(for_expression pattern: [(identifier) @local (_ (identifier) @local)])
