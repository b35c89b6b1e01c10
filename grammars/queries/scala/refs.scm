; Calls: f(), x.m() (the receiver as @recv: docs/graph.md), f[T](), the
; infix `xs map f` (a call of map on xs), new C(), new a.b.C[T]().
(call_expression
  function: [(identifier) @ref.call
             (field_expression value: (_) @recv field: (identifier) @ref.call)])
(generic_function
  function: [(identifier) @ref.call
             (field_expression value: (_) @recv field: (identifier) @ref.call)])
(infix_expression left: (_) @recv operator: (identifier) @ref.call)
(instance_expression
  [(type_identifier) @ref.call (stable_type_identifier (type_identifier) @ref.call)
   (generic_type type: [(type_identifier) @ref.call (stable_type_identifier (type_identifier) @ref.call)])])
(extends_clause
  [(type_identifier) @ref.inherit
   (stable_type_identifier (type_identifier) @ref.inherit)
   (generic_type type: [(type_identifier) @ref.inherit (stable_type_identifier (type_identifier) @ref.inherit)])])
(type_identifier) @ref.type

; Uses of values (docs/parse.md): every identifier is a read unless a more
; specific kind captures it too (`read` and `member` yield): vals, objects
; (`Cache` in `Cache.Limit`), enum cases. `this` and `super` are no reads;
; nor is `x += 1` a write (as `x++` in JavaScript: for a collection it is
; a call).
((identifier) @ref.read (#not-any-of? @ref.read "this" "super"))
(field_expression field: (identifier) @ref.member)
(assignment_expression
  left: [(identifier) @ref.write (field_expression field: (identifier) @ref.write)])

; The imported names (`import a.b.C`, `import a.{B, C => D}`, `import a.B
; as C`), not a wildcard's package; the other parts of package, import and
; qualified type names (`java.util.Map`: the grammar nests them, as it
; does a path in a pattern, `case Status.Done`, also none), renames, named arguments (`f(name = x)`), string
; interpolators (`s"..."`), the package of `private[pkg]` and declared type
; parameters are none.
(import_declaration (identifier) @ref.import .)
(import_declaration (identifier) @ref.none)
(namespace_selectors (identifier) @ref.import)
(arrow_renamed_identifier name: (identifier) @ref.import alias: (_) @ref.none)
(as_renamed_identifier name: (identifier) @ref.import alias: (_) @ref.none)
(package_identifier (identifier) @ref.none)
(stable_type_identifier (identifier) @ref.none)
(stable_identifier (identifier) @ref.none)
(arguments (assignment_expression left: (identifier) @ref.none))
(interpolated_string_expression interpolator: (identifier) @ref.none)
(access_qualifier (identifier) @ref.none)
(type_parameters name: (identifier) @ref.none)
(covariant_type_parameter name: (identifier) @ref.none)
(contravariant_type_parameter name: (identifier) @ref.none)

; Local bindings: parameters (of defs, classes without val/var, lambdas,
; `using` clauses), local vals and vars (a member val is a symbol, so it
; stays a global), the variables a pattern binds (in `case`, `val (a, b)`,
; for-comprehensions; a capitalised name in a pattern is a constant it
; compares with), the self-type alias.
(parameter name: (identifier) @local)
(class_parameter name: (identifier) @local)
(binding name: (identifier) @local)
(lambda_expression parameters: (identifier) @local)
(colon_argument lambda_start: (identifier) @local)
(self_type (identifier) @local)
(identifiers (identifier) @local)
((_ pattern: (identifier) @local) (#match? @local "^[a-z_]"))
((tuple_pattern (identifier) @local) (#match? @local "^[a-z_]"))
((infix_pattern (identifier) @local) (#match? @local "^[a-z_]"))
(capture_pattern name: (identifier) @local)
((enumerator . (identifier) @local) (#match? @local "^[a-z_]"))
