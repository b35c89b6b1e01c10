; File-level rules, rooted at the root node (the top-level pass, docs/queries.md).
; Inner nodes are wildcards where a field or the shape says what they are
; (each typed node with children costs an analysis when the query
; compiles), but the first level is typed: a wildcard there makes the
; cursor walk into every top-level statement.

; Top-level const/let/var: at the top, exported (`export const`), in a
; top-level block (`{ const x = 1; }`) or in the body of a function called
; at once (`(function () { var x; })()`, `(function () {...}())`,
; `!function () {...}()`), which scripts use as their module scope.
; UPPER_CASE ones at the top or exported are constants, the others
; variables: the first pattern wins for the same node, so the second needs
; no predicate.
(program
  [(_ (variable_declarator name: (identifier) @name) @sym.constant)
   (export_statement (_ (variable_declarator name: (identifier) @name) @sym.constant))]
  (#match? @name "^[A-Z][A-Z0-9_]*$"))

(program
  [(_ (variable_declarator name: (identifier) @name) @sym.variable)
   (export_statement (_ (variable_declarator name: (identifier) @name) @sym.variable))
   (statement_block (_ (variable_declarator name: (identifier) @name) @sym.variable))
   (expression_statement
     (_ function: (_ (_ body: (_ (_ (variable_declarator name: (identifier) @name) @sym.variable))))))
   (expression_statement
     (_ (_ function: (_ body: (_ (_ (variable_declarator name: (identifier) @name) @sym.variable))))))])

; Top-level destructuring: `const {a, b: c, ...d} = o`, `const [e, f = 1] = g`
; define a, c, d, e and f (variables).
(program
  (_ (variable_declarator
       name: [(_ [(shorthand_property_identifier_pattern) @name @sym.variable
                  (_ value: (identifier) @name @sym.variable)
                  (_ left: (shorthand_property_identifier_pattern) @name @sym.variable)
                  (_ (identifier) @name @sym.variable)])
              (_ [(identifier) @name @sym.variable
                  (_ left: (identifier) @name @sym.variable)])])))

; Top-level assignments to a member define it: `exports.VERSION = '1'`,
; `Foo.defaults = {}`, `Test.RPC = {...}` (the parent of its properties),
; `AWS.config = new AWS.Config()`; `exports.f = function` and
; `module.exports.f = ...` are functions (other functions assigned to
; members are methods: symbols.scm).
(program
  (expression_statement
    (_ left: (_ object: (_) @_exports property: (property_identifier) @name)
       "="
       right: (_ body: (_))
       (#match? @_exports "^(module\\.)?exports$")) @sym.function))
(program
  (expression_statement
    (_ left: (_ property: (property_identifier) @name)
       "="
       (#not-any-of? @name "exports" "prototype")) @sym.property))
