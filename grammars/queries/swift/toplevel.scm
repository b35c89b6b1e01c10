; File-level rules, rooted at the root node (the top-level pass, docs/queries.md).

(source_file
  (property_declaration name: (pattern bound_identifier: (simple_identifier) @name)) @sym.variable)
