; C (and the base of C++): functions and prototypes, tagged types, typedefs,
; macros, enumerators, fields, file-scope variables.

; A function body (with K&R parameter declarations): the `declaration`s in
; it are locals, which the patterns marked (#set! not-in "local_scope") skip.
; `class EXPORT_MACRO A {...}`, misread as a function A (below), is not one.
(function_definition declarator: [(function_declarator) (pointer_declarator) (attributed_declarator)]) @local_scope

; Functions: the declarator is a function declarator, maybe under pointers
; (`char **f(void)`). C always has a type; C++ also allows none (a
; constructor), which cpp/symbols.scm takes apart from macro calls.
(function_definition type: (_) declarator: [
  (function_declarator declarator: (identifier) @name)
  (pointer_declarator declarator: (function_declarator declarator: (identifier) @name))
  (pointer_declarator declarator: (pointer_declarator declarator: (function_declarator declarator: (identifier) @name)))]) @sym.function

; Prototypes, at file scope only: in a body, `Lock l(m);` reads the same.
((declaration type: (_) declarator: [
  (function_declarator declarator: (identifier) @name)
  (pointer_declarator declarator: (function_declarator declarator: (identifier) @name))
  (pointer_declarator declarator: (pointer_declarator declarator: (function_declarator declarator: (identifier) @name)))]) @sym.function
 (#set! not-in "local_scope"))

; Variables at file scope (under any #if, extern "C" or namespace): plain,
; pointers, arrays, function pointers, with or without an initializer (the
; name is at the bottom of the declarator: docs/queries.md). Not the
; `module`/`import` lines of C++ modules, which the grammar reads as
; declarations of a type `module`, nor `GLAPI void` of `GLAPI void APIENTRY
; f(...)`, which it ends with an invented `;`.
((declaration type: (_) @_type declarator: (_) @name) @sym.variable
 (#not-any-of? @_type "module" "import" "export")
 (#set! name "declarator")
 (#set! not-in "local_scope")
 (#set! unless "missing"))

(struct_specifier name: (type_identifier) @name body: (field_declaration_list)) @sym.struct
(union_specifier name: (type_identifier) @name body: (field_declaration_list)) @sym.union
(enum_specifier name: (type_identifier) @name body: (enumerator_list)) @sym.enum
; `struct EXPORT_MACRO A {...}`: the grammar reads a function A returning
; `struct EXPORT_MACRO`, with the members as its body.
(function_definition type: (struct_specifier) declarator: (identifier) @name body: (compound_statement)) @sym.struct
(function_definition type: (union_specifier) declarator: (identifier) @name body: (compound_statement)) @sym.union
(enumerator name: (identifier) @name) @sym.constant

; Typedefs: of a type, pointer, array, function pointer (also with a
; calling-convention macro: `(APIENTRY *name)` or `(APIENTRYP name)`), and
; of a function type. A bare `(...)` is the misreading below.
((type_definition declarator: [(type_identifier) (primitive_type) (pointer_declarator) (array_declarator) (function_declarator)] @name) @sym.type
 (#set! name "declarator"))
(type_definition declarator: (function_declarator declarator: (type_identifier) @name)) @sym.type
; `typedef R (APIENTRYP name)(args)` that the grammar reads as a macro type
; `R(APIENTRYP name)` and the arguments as a parenthesized declarator (the
; node is macro_type_specifier, which C++'s grammar lacks).
(type_definition type: (_ type: (type_descriptor type: (type_identifier) @name)) declarator: (parenthesized_declarator)) @sym.type

; Fields: plain, pointers, arrays, function pointers, bit-fields (not one
; without a name, `int :32;`).
((field_declaration declarator: (_) @name) @sym.field
 (#set! name "declarator")
 (#set! unless "missing"))

(preproc_def name: (identifier) @name) @sym.macro
(preproc_function_def name: (identifier) @name) @sym.macro

(comment) @doc
