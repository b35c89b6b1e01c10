; File-level rules, rooted at the root node (the top-level pass, docs/queries.md).

; Global variables: `$x = ...` at the top of the file (a script, a
; template). A closure assigned to one (`$f = function () {}`, `fn() =>`)
; is a function: that pattern comes first, so it wins.
(program
  (expression_statement
    (assignment_expression
      left: (variable_name (name) @name)
      right: [(anonymous_function) (arrow_function)]) @sym.function))

(program
  (expression_statement
    (assignment_expression left: (variable_name (name) @name)) @sym.variable))
