; Scala 2 and 3: packages, (case) classes, objects, package objects, traits,
; enums and their cases, defs (auxiliary constructors `def this`), vals,
; vars of classes and objects, type members, givens (as objects).

; `package a.b` without braces encloses the rest of the file.
((package_clause name: (_) @name !body) @sym.namespace (#set! encloses "rest"))
(package_clause name: (_) @name body: (_)) @sym.namespace
(class_definition name: (identifier) @name) @sym.class
(object_definition name: (identifier) @name) @sym.object
(package_object name: (identifier) @name) @sym.object
(trait_definition name: (identifier) @name) @sym.trait
(enum_definition name: (identifier) @name) @sym.enum
(simple_enum_case name: (identifier) @name) @sym.constant
(full_enum_case name: (identifier) @name) @sym.constant

((function_definition name: (identifier) @name) @sym.constructor (#eq? @name "this"))
((function_definition name: [(identifier) (operator_identifier)] @name) @sym.function
  (#not-eq? @name "this"))
(function_declaration name: [(identifier) (operator_identifier)] @name) @sym.function
(type_definition name: (type_identifier) @name) @sym.type
(given_definition name: (identifier) @name) @sym.object

; vals and vars of classes, objects and the file, not the locals of a def.
(template_body
  [(val_definition pattern: (identifier) @name)
   (var_definition pattern: (identifier) @name)
   (val_declaration name: (identifier) @name)
   (var_declaration name: (identifier) @name)] @sym.variable)
(template_body (val_definition pattern: (tuple_pattern (identifier) @name @sym.variable)))
; Class parameters that are fields: `val`/`var` ones and a case class's.
(class_parameter ["val" "var"] name: (identifier) @name) @sym.variable
(class_definition "case" class_parameters: (class_parameters
  (class_parameter name: (identifier) @name) @sym.variable))
(block_comment) @doc
(comment) @doc
(annotation) @skip
