; Python symbols: classes, functions (methods inside classes), module-level
; constants and variables. Docstrings are the first statement of the body.

(class_definition
  name: (identifier) @name
  body: (block . (expression_statement (string) @doc)?)) @sym.class

(function_definition
  name: (identifier) @name
  body: (block . (expression_statement (string) @doc)?)) @sym.function

(comment) @doc
