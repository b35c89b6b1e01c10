; Kotlin: classes (interfaces and enum classes by their keyword or body),
; objects and companion objects, functions, properties, type aliases,
; enum entries, the package.

((package_header (qualified_identifier) @name) @sym.namespace (#set! encloses "rest"))

(class_declaration "interface" name: (identifier) @name) @sym.interface
(class_declaration name: (identifier) @name (enum_class_body)) @sym.enum
(class_declaration name: (identifier) @name) @sym.class
(object_declaration name: (identifier) @name) @sym.object
(companion_object name: (identifier) @name) @sym.object
; An unnamed companion is named Companion (`C.Companion`).
((companion_object !name) @sym.object (#set! default-name "Companion"))
(function_declaration name: (identifier) @name) @sym.function
; Properties of classes and objects and top-level ones, not locals.
(class_body (property_declaration (variable_declaration (identifier) @name)) @sym.property)
; Constructor parameters declared `val`/`var` are properties.
(class_parameter ["val" "var"] . (identifier) @name) @sym.property
(type_alias type: (identifier) @name) @sym.type
(enum_entry (identifier) @name) @sym.constant

(block_comment) @doc
(line_comment) @doc
(annotation) @skip
