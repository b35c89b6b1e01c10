; File-level rules, rooted at the root node (the top-level pass, docs/queries.md).

(translation_unit
  (declaration declarator: [(identifier) @name
                            (init_declarator declarator: (identifier) @name)
                            (init_declarator declarator: (pointer_declarator declarator: (identifier) @name))
                            (array_declarator declarator: (identifier) @name)
                            (init_declarator declarator: (array_declarator declarator: (identifier) @name))]) @sym.variable)
