; inherits: c
; C++ on top of the C rules: classes, namespaces, methods (in the class and
; defined outside it as A::f), aliases, concepts.

(class_specifier name: (type_identifier) @name body: (field_declaration_list)) @sym.class
(struct_specifier name: (template_type name: (type_identifier) @name) body: (field_declaration_list)) @sym.struct
(class_specifier name: (template_type name: (type_identifier) @name) body: (field_declaration_list)) @sym.class
(namespace_definition name: (_) @name) @sym.namespace
(alias_declaration name: (type_identifier) @name) @sym.type
(concept_definition name: (identifier) @name) @sym.type

(function_definition declarator: (function_declarator declarator: [(field_identifier) (destructor_name) (operator_name)] @name)) @sym.method
; A::f and a::B::f defined outside the class: named by the last part.
(function_definition declarator: (function_declarator declarator: (qualified_identifier name: [(identifier) (destructor_name) (operator_name)] @name))) @sym.method
(function_definition declarator: (function_declarator declarator: (qualified_identifier name: (qualified_identifier name: [(identifier) (destructor_name) (operator_name)] @name)))) @sym.method
(function_definition declarator: (reference_declarator (function_declarator declarator: (qualified_identifier name: [(identifier) (operator_name)] @name)))) @sym.method
(function_definition declarator: (pointer_declarator declarator: (function_declarator declarator: (qualified_identifier name: [(identifier) (operator_name)] @name)))) @sym.method
(field_declaration declarator: (function_declarator declarator: [(field_identifier) (destructor_name) (operator_name)] @name)) @sym.method
(declaration declarator: (function_declarator declarator: (qualified_identifier name: (identifier) @name))) @sym.method
(declaration declarator: (function_declarator declarator: (destructor_name) @name)) @sym.method
