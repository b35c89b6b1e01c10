; File-level rules, rooted at the root node (the top-level pass, docs/queries.md).

; Top-level (or exported) const/let/var: UPPER_CASE ones are constants.
(program
  [(lexical_declaration (variable_declarator name: (identifier) @name) @sym.constant)
   (variable_declaration (variable_declarator name: (identifier) @name) @sym.constant)
   (export_statement
     declaration: (lexical_declaration (variable_declarator name: (identifier) @name) @sym.constant))]
  (#match? @name "^[A-Z][A-Z0-9_]*$"))

(program
  [(lexical_declaration (variable_declarator name: (identifier) @name) @sym.variable)
   (variable_declaration (variable_declarator name: (identifier) @name) @sym.variable)
   (export_statement
     declaration: (lexical_declaration (variable_declarator name: (identifier) @name) @sym.variable))]
  (#not-match? @name "^[A-Z][A-Z0-9_]*$"))
