; Java: types, members, enum constants, the package.

(class_declaration name: (identifier) @name) @sym.class
(interface_declaration name: (identifier) @name) @sym.interface
(enum_declaration name: (identifier) @name) @sym.enum
(record_declaration name: (identifier) @name) @sym.class
(annotation_type_declaration name: (identifier) @name) @sym.interface

(method_declaration name: (identifier) @name) @sym.method
(constructor_declaration name: (identifier) @name) @sym.constructor
(field_declaration declarator: (variable_declarator name: (identifier) @name)) @sym.field
(constant_declaration declarator: (variable_declarator name: (identifier) @name)) @sym.constant
(enum_constant name: (identifier) @name) @sym.constant

; `package a.b;` encloses the rest of the file.
((package_declaration [(identifier) (scoped_identifier)] @name) @sym.namespace
  (#set! encloses "rest"))

(block_comment) @doc
(line_comment) @doc
