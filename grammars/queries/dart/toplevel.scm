; File-level rules, rooted at the root node (the top-level pass, docs/queries.md).

(program (initialized_identifier_list (initialized_identifier . (identifier) @name) @sym.variable))
(program (static_final_declaration_list (static_final_declaration . (identifier) @name) @sym.variable))
