; C#: namespaces (block and file-scoped), types, members, enum members.

(namespace_declaration name: (_) @name) @sym.namespace
((file_scoped_namespace_declaration name: (_) @name) @sym.namespace (#set! encloses "rest"))
(class_declaration name: (identifier) @name) @sym.class
(interface_declaration name: (identifier) @name) @sym.interface
(struct_declaration name: (identifier) @name) @sym.struct
(enum_declaration name: (identifier) @name) @sym.enum
(record_declaration name: (identifier) @name) @sym.class
(delegate_declaration name: (identifier) @name) @sym.type

(method_declaration name: (identifier) @name) @sym.method
(constructor_declaration name: (identifier) @name) @sym.constructor
(destructor_declaration name: (identifier) @name) @sym.method
(property_declaration name: (identifier) @name) @sym.property
(field_declaration (variable_declaration (variable_declarator name: (identifier) @name))) @sym.field
(event_field_declaration (variable_declaration (variable_declarator name: (identifier) @name))) @sym.field
(enum_member_declaration name: (identifier) @name) @sym.constant

(comment) @doc
(attribute_list) @skip
