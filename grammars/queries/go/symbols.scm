; Go: the package (a module enclosing the file), functions, methods (their
; receiver type is in the signature: Go methods are not inside their type).
; Types, their fields and interface methods, consts and vars are
; package-level only (toplevel.scm): a type, a field of a table-test
; struct or an `interface{ M() }` inside a function body is local.

(function_declaration name: (identifier) @name) @sym.function
(method_declaration name: (field_identifier) @name) @sym.method

; The package clause encloses the file.
((package_clause (package_identifier) @name) @sym.module (#set! encloses "rest"))

(comment) @doc
