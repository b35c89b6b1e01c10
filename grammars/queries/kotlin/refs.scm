(call_expression . (identifier) @ref.call)
(call_expression . (navigation_expression . (_) @recv (identifier) @ref.call .))
; an infix call: `a to b`
(infix_expression . (_) . (identifier) @ref.call)
(delegation_specifier (user_type (identifier) @ref.inherit))
(delegation_specifier (constructor_invocation (user_type (identifier) @ref.inherit)))
(user_type (identifier) @ref.type)

; Uses of values (docs/parse.md): every identifier is a read unless a more
; specific kind captures it too (`read` and `member` yield): properties,
; constants, objects (`Config` in `Config.DEFAULT`). Reads and writes of
; local names are left out (@local), so is a lambda's implicit `it` and
; what the grammar reads as names (`null`, `true`, `A::class`); `x++`
; stays a read, as in JavaScript.
((identifier) @ref.read (#not-any-of? @ref.read "it" "null" "true" "false" "class"))
((navigation_expression (identifier) @ref.member .) (#not-eq? @ref.member "class"))
(assignment left: [(identifier) @ref.write (navigation_expression (identifier) @ref.write .)])

; The imported name (`import a.b.C`, not a wildcard's package); the other
; parts of package and import names, named arguments (`f(name = x)`),
; declared type parameters and labels (`return@forEach`) are none.
((import (qualified_identifier (identifier) @ref.import .) @_q) @_i (#not-match? @_i "\\*$"))
(qualified_identifier (identifier) @ref.none)
(value_argument (identifier) @ref.none . (_))
(type_parameter (identifier) @ref.none)
(return_expression label: (identifier) @ref.none)

; Local bindings: parameters (of functions, lambdas, constructors without
; val/var), local val/var (a property is a symbol, so it stays a global),
; loop, destructuring, when and catch variables.
(parameter (identifier) @local)
(class_parameter (identifier) @local)
(variable_declaration (identifier) @local)
(catch_block (identifier) @local)

; A local is local in its function, lambda, accessor or init block
; (docs/parse.md): elsewhere in the file the name is a property's.
[(function_declaration) (anonymous_function) (lambda_literal) (secondary_constructor)
 (getter) (setter) (anonymous_initializer)] @local_scope
