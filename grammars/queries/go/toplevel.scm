; File-level rules, rooted at the root node (the top-level pass, docs/queries.md).

(source_file (const_declaration (const_spec name: (identifier) @name) @sym.constant))
(source_file (var_declaration (var_spec name: (identifier) @name) @sym.variable))
(source_file (var_declaration (var_spec_list (var_spec name: (identifier) @name) @sym.variable)))
