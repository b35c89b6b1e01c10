; Java: types, members, enum constants, the package.

(class_declaration name: (identifier) @name) @sym.class
(interface_declaration name: (identifier) @name) @sym.interface
(enum_declaration name: (identifier) @name) @sym.enum
(record_declaration name: (identifier) @name) @sym.class
(annotation_type_declaration name: (identifier) @name) @sym.interface
; A record's components are its fields (each with an accessor).
(record_declaration parameters: (formal_parameters
  (formal_parameter name: (identifier) @name) @sym.field))

; Members of named types only: the members of an anonymous class
; (`new Runnable() { public void run() ... }`, an enum constant's body)
; implement a method as a lambda would, and have no name to look up.
(class_declaration body: (class_body
  [(method_declaration name: (identifier) @name) @sym.method
   (constructor_declaration name: (identifier) @name) @sym.constructor
   (field_declaration declarator: (variable_declarator name: (identifier) @name)) @sym.field]))
(record_declaration body: (class_body
  [(method_declaration name: (identifier) @name) @sym.method
   (constructor_declaration name: (identifier) @name) @sym.constructor
   (compact_constructor_declaration name: (identifier) @name) @sym.constructor
   (field_declaration declarator: (variable_declarator name: (identifier) @name)) @sym.field]))
(enum_body_declarations
  [(method_declaration name: (identifier) @name) @sym.method
   (constructor_declaration name: (identifier) @name) @sym.constructor
   (field_declaration declarator: (variable_declarator name: (identifier) @name)) @sym.field])
(interface_body (method_declaration name: (identifier) @name) @sym.method)
; `@interface A { String value() default ""; }`
(annotation_type_element_declaration name: (identifier) @name) @sym.method
(constant_declaration declarator: (variable_declarator name: (identifier) @name)) @sym.constant
(enum_constant name: (identifier) @name) @sym.constant

; `package a.b;` encloses the rest of the file.
((package_declaration [(identifier) (scoped_identifier)] @name) @sym.namespace
  (#set! encloses "rest"))

(block_comment) @doc
(line_comment) @doc
