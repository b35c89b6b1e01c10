; The symbols JavaScript, TypeScript and TSX share (a folder of shared
; rules, not a language: those inherit it). Node names that differ between
; the grammars are matched with (_).

(function_declaration name: (identifier) @name) @sym.function
(generator_function_declaration name: (identifier) @name) @sym.function
(class_declaration name: (_) @name) @sym.class
(method_definition name: (_) @name) @sym.method

; const f = () => {}, const f = function () {}: functions. This pattern
; comes before the plain variables below, so it wins for the same node.
(variable_declarator
  name: (identifier) @name
  value: [(arrow_function) (function_expression) (generator_function)]) @sym.function

(comment) @doc
