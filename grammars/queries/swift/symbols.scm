; Swift: classes, structs, enums, actors, extensions (one node kind told
; apart by its keyword), protocols, functions, initializers, properties,
; type aliases, enum cases.

(class_declaration declaration_kind: "class" name: (type_identifier) @name) @sym.class
(class_declaration declaration_kind: "struct" name: (type_identifier) @name) @sym.struct
(class_declaration declaration_kind: "enum" name: (type_identifier) @name) @sym.enum
(class_declaration declaration_kind: "actor" name: (type_identifier) @name) @sym.class
(class_declaration declaration_kind: "extension" name: (user_type (type_identifier) @name)) @sym.extension
(protocol_declaration name: (type_identifier) @name) @sym.protocol

(function_declaration name: (simple_identifier) @name) @sym.function
(protocol_function_declaration name: (simple_identifier) @name) @sym.method
(init_declaration "init" @name) @sym.constructor
; Properties of types and globals, not the locals of a function.
(class_body
  (property_declaration name: (pattern bound_identifier: (simple_identifier) @name)) @sym.property)
(enum_class_body
  (property_declaration name: (pattern bound_identifier: (simple_identifier) @name)) @sym.property)
(protocol_property_declaration name: (pattern bound_identifier: (simple_identifier) @name)) @sym.property
(typealias_declaration name: (type_identifier) @name) @sym.type
(associatedtype_declaration name: (type_identifier) @name) @sym.type
; `subscript(i: Int) -> T`: a method named subscript.
(subscript_declaration "subscript" @name) @sym.method
(enum_entry name: (simple_identifier) @name @sym.constant)

(comment) @doc
(multiline_comment) @doc
