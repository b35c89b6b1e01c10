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
