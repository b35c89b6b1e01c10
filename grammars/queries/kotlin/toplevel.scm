; File-level rules, rooted at the root node (the top-level pass, docs/queries.md).

(source_file (property_declaration (variable_declaration (identifier) @name)) @sym.property)
; `val (a, b) = pair` (scripts): each name is a property.
(source_file (property_declaration
  (multi_variable_declaration (variable_declaration (identifier) @name) @sym.property)))
