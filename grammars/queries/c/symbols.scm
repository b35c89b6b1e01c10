; C (and the base of C++): functions and prototypes, tagged types, typedefs,
; macros, enumerators, fields, file-scope variables.

(function_definition declarator: (function_declarator declarator: (identifier) @name)) @sym.function
(function_definition declarator: (pointer_declarator declarator: (function_declarator declarator: (identifier) @name))) @sym.function
(function_definition declarator: (pointer_declarator declarator: (pointer_declarator declarator: (function_declarator declarator: (identifier) @name)))) @sym.function
(declaration declarator: (function_declarator declarator: (identifier) @name)) @sym.function
(declaration declarator: (pointer_declarator declarator: (function_declarator declarator: (identifier) @name))) @sym.function
(declaration declarator: (pointer_declarator declarator: (pointer_declarator declarator: (function_declarator declarator: (identifier) @name)))) @sym.function

(struct_specifier name: (type_identifier) @name body: (field_declaration_list)) @sym.struct
(union_specifier name: (type_identifier) @name body: (field_declaration_list)) @sym.union
(enum_specifier name: (type_identifier) @name body: (enumerator_list)) @sym.enum
(enumerator name: (identifier) @name) @sym.constant
(type_definition declarator: (type_identifier) @name) @sym.type
(type_definition declarator: (pointer_declarator declarator: (type_identifier) @name)) @sym.type
(field_declaration declarator: (field_identifier) @name) @sym.field
(field_declaration declarator: (pointer_declarator declarator: (field_identifier) @name)) @sym.field
(field_declaration declarator: (array_declarator declarator: (field_identifier) @name)) @sym.field

(preproc_def name: (identifier) @name) @sym.macro
(preproc_function_def name: (identifier) @name) @sym.macro

(comment) @doc
