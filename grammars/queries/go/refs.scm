(call_expression
  function: [(identifier) @ref.call
             (selector_expression operand: (_) @recv field: (field_identifier) @ref.call)])
(composite_literal type: (type_identifier) @ref.call)
; Type uses, without the predeclared types.
((type_identifier) @ref.type
  (#not-any-of? @ref.type "bool" "byte" "complex64" "complex128" "error" "float32"
    "float64" "int" "int8" "int16" "int32" "int64" "rune" "string" "uint" "uint8"
    "uint16" "uint32" "uint64" "uintptr" "any" "comparable"))
(qualified_type name: (type_identifier) @ref.type)

; Uses of values (docs/parse.md): every identifier is a read unless a more
; specific kind captures it too (`read` and `member` yield). Reads and
; writes of local names are left out (@local).
(identifier) @ref.read
(selector_expression field: (field_identifier) @ref.member)
(assignment_statement
  left: (expression_list [(identifier) @ref.write
                          (selector_expression field: (field_identifier) @ref.write)]))
; A struct literal's key names a field (in a map literal it may be a
; variable, which the syntax cannot tell: a member is the likelier).
(keyed_element key: (literal_element (identifier) @ref.member))
((identifier) @ref.none (#eq? @ref.none "_"))
(inc_statement (identifier) @ref.write)
(dec_statement (identifier) @ref.write)

; Local bindings: parameters and receivers, :=, range and type-switch
; variables, var and const (a package-level one is a symbol, so it stays a
; global).
(parameter_declaration name: (identifier) @local)
(variadic_parameter_declaration name: (identifier) @local)
(short_var_declaration left: (expression_list (identifier) @local))
(range_clause left: (expression_list (identifier) @local))
(var_spec (identifier) @local)            ; every name of `var a, b int`
(const_spec (identifier) @local)
(type_switch_statement alias: (expression_list (identifier) @local))
(receive_statement left: (expression_list (identifier) @local))   ; case v := <-ch

; A local is local in its function (docs/parse.md): elsewhere in the file
; the name is the package's.
[(function_declaration) (method_declaration) (func_literal)] @local_scope
