; The symbols JavaScript, TypeScript and TSX share (a folder of shared
; rules, not a language: those inherit it). Node names that differ between
; the grammars are matched with (_).
;
; Query compilation costs an analysis of the grammar for every typed node
; that has children in a pattern (member_expression, assignment_expression
; and object are among the dearest), so inner nodes are written `(_ field:
; ...)` where the field already says what they are.

(function_declaration name: (identifier) @name) @sym.function
(generator_function_declaration name: (identifier) @name) @sym.function
(class_declaration name: (_) @name) @sym.class

; Methods of classes and object literals: `m() {}`, `async m()`, `*m()`,
; `get m()`, `set m(v)`, `'m'() {}`. A computed literal name is the literal
; (`['m']() {}` is m); other computed names stay as written
; (`[Symbol.iterator]`).
(method_definition name: (_ [(string) (number)] @name)) @sym.method
(method_definition
  name: (_) @name
  (#not-match? @name "^\\[[[:space:]]*['\"0-9]")) @sym.method

; `m: function () {}` (any value with a body: a function) is a method as
; `m() {}` is, in any object literal (`$.extend(X.prototype, {m: ...})`),
; except the slots of a property descriptor (`Object.defineProperty(o, 'p',
; {get: function ...})`); an object that is given a name keeps those as
; properties (below). Before the properties: the first pattern wins for the
; same node.
(pair
  key: (_) @name
  value: (_ body: (_))
  (#not-any-of? @name "get" "set" "value")) @sym.method

; const f = () => {}, const f = function () {}: functions; var C = class {}:
; a class. These come before the plain variables of toplevel.scm, so they
; win for the same node.
(variable_declarator
  name: (identifier) @name
  value: [(arrow_function) (function_expression) (generator_function)]) @sym.function
(variable_declarator name: (identifier) @name value: (class)) @sym.class

; Properties of an object literal that is given a name (`var o = {k: 1}`,
; `X.o = {k: 1}`, `module.exports = {k: 1}`), with shorthand ones
; (`module.exports = {a, b}`), and of the objects nested in it one level
; down (`{a: {b: 1}}`). Objects passed as arguments or returned are not
; named: only their methods count (above). Keys must be names (`k`, `'k'`):
; other strings and numbers are data (`{'%': '&#37;'}`, keyframes' `0:
; {...}`), as computed keys are. (`(_ key: ...)` is a pair.)
(variable_declarator
  value: (object [(_ key: (_) @name) (shorthand_property_identifier) @name] @sym.property)
  (#match? @name "^['\"]?[A-Za-z_$][A-Za-z0-9_$]*['\"]?$"))
(assignment_expression
  right: (object [(_ key: (_) @name) (shorthand_property_identifier) @name] @sym.property)
  (#match? @name "^['\"]?[A-Za-z_$][A-Za-z0-9_$]*['\"]?$"))
(variable_declarator
  value: (object (_ value: (object (_ key: (_) @name (#match? @name "^['\"]?[A-Za-z_$][A-Za-z0-9_$]*['\"]?$")) @sym.property))))
(assignment_expression
  right: (object (_ value: (object (_ key: (_) @name (#match? @name "^['\"]?[A-Za-z_$][A-Za-z0-9_$]*['\"]?$")) @sym.property))))

; A named function expression passed as an argument is a definition a user
; looks up by that name (`self.load(function onLoad(err) {...})`, express's
; `app.use(function logger() {})`), as is one named otherwise than the key
; it is the value of (`constructor: function Signer() {}`); one named as
; its key is the method above.
(arguments (function_expression name: (identifier) @name) @sym.function)
(pair
  key: (_) @_key
  value: (function_expression name: (identifier) @name) @sym.function
  (#not-eq? @_key @name))

; A function assigned to a member is a method named by the last property:
; `X.prototype.m = function () {}` (m), `res.send = function send() {}`
; (send), `this.m = () => {}` (a class assigned is not a method: at the
; top it is a property, toplevel.scm). `exports.f = ...` and `module.exports.f =
; ...` are functions (toplevel.scm); `module.exports = ...` and
; `X.prototype = ...` themselves name nothing.
(assignment_expression
  left: (_ object: (_) @_object property: (property_identifier) @name)
  right: (_ body: (_)) @_value
  (#not-any-of? @name "exports" "prototype")
  (#not-match? @_object "(^|\\.)exports$")
  (#not-match? @_value "^class")) @sym.method

(comment) @doc
