; Go: the package (a module enclosing the file), functions, methods (their
; receiver type is in the signature: Go methods are not inside their type),
; types by what they are, package-level consts and vars, struct fields and
; interface methods.

(function_declaration name: (identifier) @name) @sym.function
(method_declaration name: (field_identifier) @name) @sym.method

(type_spec name: (type_identifier) @name type: (struct_type)) @sym.struct
(type_spec name: (type_identifier) @name type: (interface_type)) @sym.interface
(type_spec name: (type_identifier) @name) @sym.type
(type_alias name: (type_identifier) @name) @sym.type

; Struct fields and interface methods.
(field_declaration name: (field_identifier) @name) @sym.field
(method_elem name: (field_identifier) @name) @sym.method

; The package clause encloses the file.
((package_clause (package_identifier) @name) @sym.module (#set! encloses "rest"))

(comment) @doc
