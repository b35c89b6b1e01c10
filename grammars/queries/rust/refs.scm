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

; 'a in a lifetime is no value.
(lifetime (identifier) @ref.none)

; Local bindings: parameters, let (also one level of a tuple or struct
; pattern), closure parameters, for variables, and the names any pattern
; binds (match arms, if let, while let, nested tuples and structs): a
; lower-case name alone in a match arm binds, an upper-case one is a
; constant.
(parameter pattern: (identifier) @local)
(let_declaration pattern: [(identifier) @local (_ (identifier) @local)])
(closure_parameters (identifier) @local)
(for_expression pattern: [(identifier) @local (_ (identifier) @local)])
(tuple_struct_pattern type: (_) (identifier) @local)
[(tuple_pattern (identifier) @local) (slice_pattern (identifier) @local)
 (captured_pattern . (identifier) @local) (ref_pattern (identifier) @local)
 (mut_pattern (identifier) @local)]
(field_pattern name: (shorthand_field_identifier) @local)
(field_pattern pattern: (identifier) @local)
((match_pattern . (identifier) @local) (#match? @local "^[a-z_]"))
(let_condition pattern: (identifier) @local)

; No @local_scope: a macro's arguments are tokens, so the names a closure
; or a pattern inside one binds are not seen, and a local name stays local
; in the whole file (docs/parse.md).
