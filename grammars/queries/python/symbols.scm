; Python symbols: classes, functions (methods inside classes), lambdas
; assigned to a name, class attributes and the `self.x` members that
; methods set (module-level variables: toplevel.scm). Docstrings are the
; first statement of the body.

(class_definition
  name: (identifier) @name
  body: (block . (expression_statement (string) @doc)?)) @sym.class

(function_definition
  name: (identifier) @name
  body: (block . (expression_statement (string) @doc)?)) @sym.function

; `f = lambda x: ...` is a function, wherever a def could stand; this wins
; over the variable rules for the same statement.
(assignment left: (identifier) @name right: (lambda)) @sym.function

; Class variables (`x = 1`, `x: int = 1`, `x: int`, `a, b = 1, 2` in the
; class body) and the members methods set (`self.x = ...`, `cls.x = ...` in
; a classmethod): a field of the class, once per class and name, and not
; when the class body already defines the name (belongs "class",
; docs/queries.md).
(class_definition
  body: (block
    (expression_statement
      (assignment left: [(identifier) @name (pattern_list (identifier) @name)]) @sym.variable)))

((assignment
  left: [(attribute object: (identifier) @_self attribute: (identifier) @name)
         (pattern_list (attribute object: (identifier) @_self attribute: (identifier) @name))]) @sym.field
  (#any-of? @_self "self" "cls")
  (#set! belongs "class"))

(comment) @doc
