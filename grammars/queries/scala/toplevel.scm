; File-level rules, rooted at the root node (the top-level pass, docs/queries.md).

(compilation_unit
  [(val_definition pattern: (identifier) @name)
   (var_definition pattern: (identifier) @name)] @sym.variable)
(compilation_unit (val_definition pattern: (tuple_pattern (identifier) @name @sym.variable)))
