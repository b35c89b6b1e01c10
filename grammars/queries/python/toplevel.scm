; File-level rules, rooted at the root node (the top-level pass, docs/queries.md).

; NAME = ... at module level: upper case is a constant.
(module
  (expression_statement
    (assignment left: (identifier) @name) @sym.constant)
  (#match? @name "^[A-Z][A-Z0-9_]*$"))

(module
  (expression_statement
    (assignment left: (identifier) @name) @sym.variable)
  (#not-match? @name "^[A-Z][A-Z0-9_]*$"))
