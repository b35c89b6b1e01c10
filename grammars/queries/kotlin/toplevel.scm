; File-level rules, rooted at the root node (the top-level pass, docs/queries.md).

(source_file (property_declaration (variable_declaration (identifier) @name)) @sym.property)
