; inherits: c
; C++ on top of the C rules: classes, namespaces, methods (in the class and
; defined outside it as A::f), aliases, concepts, references and static
; members.

(class_specifier name: (type_identifier) @name body: (field_declaration_list)) @sym.class
(struct_specifier name: (template_type name: (type_identifier) @name) body: (field_declaration_list)) @sym.struct
(class_specifier name: (template_type name: (type_identifier) @name) body: (field_declaration_list)) @sym.class
; `class EXPORT_MACRO A {...}` (Qt, Boost, every DLL-exported class): the
; grammar reads a function A returning `class EXPORT_MACRO`.
(function_definition type: (class_specifier) declarator: (identifier) @name body: (compound_statement)) @sym.class

; namespace a::b {...} is the namespace a::b, and a is one too (at its name).
(namespace_definition name: (_) @name) @sym.namespace
(namespace_definition name: (nested_namespace_specifier . (namespace_identifier) @sym.namespace))
(namespace_definition name: (nested_namespace_specifier (nested_namespace_specifier . (namespace_identifier) @sym.namespace . (_))))
(alias_declaration name: (type_identifier) @name) @sym.type
(concept_definition name: (identifier) @name) @sym.type

; Functions and prototypes with no type (c/symbols.scm takes those with one):
; constructors, unless the name is all capitals: that is a macro call the
; grammar took for a function (`BOOST_CATCH(...) {`, `BOOST_STATIC_CONSTANT(bool,
; value = true);` in a class), or a `catch` whose `try` it lost.
((function_definition !type declarator: (function_declarator declarator: (identifier) @name)) @sym.function
 (#not-match? @name "^[A-Z][A-Z0-9_]*$|^catch$"))
((declaration !type declarator: (function_declarator declarator: (identifier) @name)) @sym.function
 (#not-match? @name "^[A-Z][A-Z0-9_]*$")
 (#set! not-in "local_scope"))

; Functions: in a class (then methods) or free (operators, `T &f()`),
; template specializations (`f<int>()`).
(function_definition declarator: [
  (function_declarator declarator: [(field_identifier) (destructor_name) (operator_name)] @name)
  (function_declarator declarator: (template_function name: (identifier) @name))
  (pointer_declarator declarator: (function_declarator declarator: [(field_identifier) (operator_name)] @name))
  (reference_declarator (function_declarator declarator: [(identifier) (field_identifier) (operator_name)] @name))]) @sym.function
; A::f and a::b::C::f defined outside the class: named by the last part
; (docs/queries.md: the name of a declarator).
((function_definition declarator: [
  (function_declarator declarator: (qualified_identifier) @name)
  (pointer_declarator declarator: (function_declarator declarator: (qualified_identifier) @name))
  (reference_declarator (function_declarator declarator: (qualified_identifier) @name))]) @sym.method
 (#set! name "declarator"))

; Declarations of methods and operators (in a class, or free).
(field_declaration declarator: [
  (function_declarator declarator: [(field_identifier) (destructor_name) (operator_name)] @name)
  (pointer_declarator declarator: (function_declarator declarator: [(field_identifier) (operator_name)] @name))
  (pointer_declarator declarator: (pointer_declarator declarator: (function_declarator declarator: (field_identifier) @name)))
  (reference_declarator (function_declarator declarator: [(field_identifier) (operator_name)] @name))]) @sym.method
((declaration declarator: [
  (function_declarator declarator: [(destructor_name) (operator_name)] @name)
  (pointer_declarator declarator: (function_declarator declarator: (operator_name) @name))
  (reference_declarator (function_declarator declarator: [(identifier) (operator_name)] @name))]) @sym.function
 (#set! not-in "local_scope"))
(declaration declarator: (function_declarator declarator: (qualified_identifier name: (identifier) @name))) @sym.method

; Bodies of locals besides C's (c/symbols.scm): `T &f() {...}`,
; `A::operator bool() {...}`, lambdas.
(function_definition declarator: [(reference_declarator) (operator_cast) (qualified_identifier)]) @local_scope
(lambda_expression) @local_scope
