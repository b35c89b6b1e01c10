; C#: namespaces (block and file-scoped), types, members, enum members.

(namespace_declaration name: (_) @name) @sym.namespace
((file_scoped_namespace_declaration name: (_) @name) @sym.namespace (#set! encloses "rest"))
(class_declaration name: (identifier) @name) @sym.class
(interface_declaration name: (identifier) @name) @sym.interface
(struct_declaration name: (identifier) @name) @sym.struct
(enum_declaration name: (identifier) @name) @sym.enum
(record_declaration "struct" name: (identifier) @name) @sym.struct
(record_declaration name: (identifier) @name) @sym.class
; `record Person(string Name)`: positional parameters are properties.
(record_declaration (parameter_list (parameter name: (identifier) @name) @sym.property))
(delegate_declaration name: (identifier) @name) @sym.type

(method_declaration name: (identifier) @name) @sym.method
(constructor_declaration name: (identifier) @name) @sym.constructor
(destructor_declaration "~" @name name: (identifier) @name) @sym.method
; `operator ==`, `implicit operator int`: named `operator ==`, `operator int`.
(operator_declaration "operator" @name operator: _ @name) @sym.method
(conversion_operator_declaration "operator" @name type: (generic_name (identifier) @name)) @sym.method
(conversion_operator_declaration "operator" @name
  type: [(identifier) (predefined_type) (qualified_name) (nullable_type) (array_type) (tuple_type)] @name) @sym.method
(property_declaration name: (identifier) @name) @sym.property
(field_declaration (variable_declaration (variable_declarator name: (identifier) @name))) @sym.field
(event_field_declaration (variable_declaration (variable_declarator name: (identifier) @name))) @sym.field
(event_declaration name: (identifier) @name) @sym.field
(enum_member_declaration name: (identifier) @name) @sym.constant

(comment) @doc
(attribute_list) @skip
