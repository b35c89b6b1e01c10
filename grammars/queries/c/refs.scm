; Calls: f(), and s.f() / p->f() through a receiver (@recv: docs/graph.md).
(call_expression
  function: [(identifier) @ref.call
             (field_expression argument: (_) @recv field: (field_identifier) @ref.call)])
(type_identifier) @ref.type

; Uses of values (docs/parse.md): every identifier is a read unless a more
; specific kind captures it too (`read` and `member` yield): globals,
; macros, enumerators, functions taken as values. Reads and writes of local
; names are left out (@local).
(identifier) @ref.read
(field_expression field: (field_identifier) @ref.member)
(assignment_expression
  left: [(identifier) @ref.write (field_expression field: (field_identifier) @ref.write)])
(update_expression
  argument: [(identifier) @ref.write (field_expression field: (field_identifier) @ref.write)])

; Local bindings: parameters (also macro parameters) and the variables a
; declaration binds through one to three declarators (K&R parameter
; declarations too; a file-scope declaration is a symbol, so it stays a
; global).
(parameter_declaration
  declarator: [(identifier) @local
               (_ declarator: (identifier) @local)
               (_ declarator: (_ declarator: (identifier) @local))
               (_ declarator: (_ declarator: (_ declarator: (identifier) @local)))])
(preproc_params (identifier) @local)
(declaration
  declarator: [(identifier) @local
               (_ declarator: (identifier) @local)
               (_ declarator: (_ declarator: (identifier) @local))
               (_ declarator: (_ declarator: (_ declarator: (identifier) @local)))])
