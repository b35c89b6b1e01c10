; Dart: library, classes, mixins, extensions, enums and their values,
; typedefs, top-level functions and variables, methods, getters and setters
; (properties), constructors (A, A.named, const, factory), fields.
; A function's signature and body are siblings in this grammar, so a
; function's span is its signature.

((library_name (dotted_identifier_list) @name) @sym.module (#set! encloses "rest"))
(class_definition name: (identifier) @name) @sym.class
(mixin_declaration . (identifier) @name) @sym.mixin
(extension_declaration name: (identifier) @name) @sym.extension
(enum_declaration name: (identifier) @name) @sym.enum
(enum_constant name: (identifier) @name) @sym.constant
(type_alias . (type_identifier) @name) @sym.type

(function_signature name: (identifier) @name) @sym.function
(getter_signature name: (identifier) @name) @sym.property
(setter_signature name: (identifier) @name) @sym.property
; `int operator +(A o)`: a method named `operator +`.
(operator_signature "operator" @name ["~" "[]" "[]=" (binary_operator)] @name) @sym.method

(constructor_signature . (identifier) @name . (formal_parameter_list)) @sym.constructor
(constructor_signature . (identifier) @name . (identifier) @name) @sym.constructor
(constant_constructor_signature (qualified) @name) @sym.constructor
(factory_constructor_signature . (identifier) @name . (formal_parameter_list)) @sym.constructor
(factory_constructor_signature . (identifier) @name . (identifier) @name) @sym.constructor

; Fields in classes, variables at the top.
(class_body (declaration (initialized_identifier_list (initialized_identifier . (identifier) @name) @sym.field)))
(class_body (declaration (static_final_declaration_list (static_final_declaration . (identifier) @name) @sym.field)))
(class_body (declaration (identifier_list (identifier) @name @sym.field)))
(documentation_comment) @doc
(comment) @doc
(marker_annotation) @skip
(annotation) @skip
