; PHP: namespaces, classes, interfaces, traits, enums, functions, methods,
; properties, class constants, enum cases.

; `namespace A;` encloses what follows, up to the next namespace.
((namespace_definition name: (namespace_name) @name !body) @sym.namespace (#set! encloses "rest"))
(namespace_definition name: (namespace_name) @name body: (_)) @sym.namespace
(class_declaration name: (name) @name) @sym.class
(interface_declaration name: (name) @name) @sym.interface
(trait_declaration name: (name) @name) @sym.trait
(enum_declaration name: (name) @name) @sym.enum
(function_definition name: (name) @name) @sym.function
(method_declaration name: (name) @name) @sym.method
(property_declaration (property_element name: (variable_name (name) @name))) @sym.property
(const_declaration (const_element (name) @name)) @sym.constant
(enum_case name: (name) @name) @sym.constant

(comment) @doc
(attribute_list) @skip
