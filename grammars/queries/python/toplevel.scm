; File-level rules, rooted at the root node (the top-level pass, docs/queries.md).

; NAME = ... at module level: each target of `x = 1`, `x: int = 1`,
; `a, b = f()` (`f = lambda: ...` is a function: symbols.scm). Also the
; assignments one block down in a module-level if/elif/else, try/except/
; finally, with, for and while (`try: import x; HAS_X = True ...`), but
; never in a function or class body. Upper case is a constant; the
; constant patterns come first, so they win over the variable ones.
(module
  (expression_statement
    (assignment left: [(identifier) @name (pattern_list (identifier) @name)]) @sym.constant)
  (#match? @name "^[A-Z][A-Z0-9_]*$"))

(module
  [(if_statement [(block (expression_statement (assignment left: [(identifier) @name (pattern_list (identifier) @name)]) @sym.constant))
                  (_ (block (expression_statement (assignment left: [(identifier) @name (pattern_list (identifier) @name)]) @sym.constant)))])
   (try_statement [(block (expression_statement (assignment left: [(identifier) @name (pattern_list (identifier) @name)]) @sym.constant))
                   (_ (block (expression_statement (assignment left: [(identifier) @name (pattern_list (identifier) @name)]) @sym.constant)))])
   (with_statement (block (expression_statement (assignment left: [(identifier) @name (pattern_list (identifier) @name)]) @sym.constant)))
   (for_statement (block (expression_statement (assignment left: [(identifier) @name (pattern_list (identifier) @name)]) @sym.constant)))
   (while_statement (block (expression_statement (assignment left: [(identifier) @name (pattern_list (identifier) @name)]) @sym.constant)))]
  (#match? @name "^[A-Z][A-Z0-9_]*$"))

(module
  (expression_statement
    (assignment left: [(identifier) @name (pattern_list (identifier) @name)]) @sym.variable))

(module
  [(if_statement [(block (expression_statement (assignment left: [(identifier) @name (pattern_list (identifier) @name)]) @sym.variable))
                  (_ (block (expression_statement (assignment left: [(identifier) @name (pattern_list (identifier) @name)]) @sym.variable)))])
   (try_statement [(block (expression_statement (assignment left: [(identifier) @name (pattern_list (identifier) @name)]) @sym.variable))
                   (_ (block (expression_statement (assignment left: [(identifier) @name (pattern_list (identifier) @name)]) @sym.variable)))])
   (with_statement (block (expression_statement (assignment left: [(identifier) @name (pattern_list (identifier) @name)]) @sym.variable)))
   (for_statement (block (expression_statement (assignment left: [(identifier) @name (pattern_list (identifier) @name)]) @sym.variable)))
   (while_statement (block (expression_statement (assignment left: [(identifier) @name (pattern_list (identifier) @name)]) @sym.variable)))])
