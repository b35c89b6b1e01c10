; Calls: f(x), an identifier followed by arguments; a.m(x) likewise (the
; receiver as @recv: docs/graph.md), also `super.m(x)`.
((identifier) @ref.call . (selector (argument_part)))
((_) @recv . (selector (unconditional_assignable_selector (identifier) @ref.call)) . (selector (argument_part)))
; (`super` is matched as a wildcard: a pattern rooted at a named node
; beside its siblings costs the query's compilation a walk of the parse
; table, a wildcard almost none; only after `super` does a bare selector
; stand before the arguments.)
((_) @recv . (unconditional_assignable_selector (identifier) @ref.call) . (selector (argument_part)))
(superclass (type_identifier) @ref.inherit)
(mixins (type_identifier) @ref.inherit)
(interfaces (type_identifier) @ref.inherit)
(type_identifier) @ref.type

; Uses of values (docs/parse.md): every identifier is a read unless a more
; specific kind captures it too (`read` and `member` yield): fields,
; getters, constants, enum values, a class as a value (`Colors` in
; `Colors.red`), annotations (`@override` is a constant). Reads and writes
; of local names are left out (@local). `x++` and `x += 1` are writes.
; This grammar predates Dart 3 (`final class`, `sealed`, patterns,
; `switch` expressions, super parameters): in what it cannot parse,
; keywords, named arguments (`f(name: x)` read as a map's `{name: x}`)
; and declared names become identifiers; they are no reads, nor is an
; identifier right inside an ERROR node.
((identifier) @ref.read
  (#not-any-of? @ref.read "abstract" "as" "assert" "base" "break" "case" "catch" "class" "const"
    "continue" "covariant" "default" "deferred" "do" "else" "enum" "export" "extends"
    "extension" "external" "factory" "false" "final" "finally" "for" "if" "implements"
    "import" "in" "interface" "is" "late" "library" "mixin" "new" "null" "operator" "part"
    "required" "rethrow" "return" "sealed" "static" "super" "switch" "this" "throw" "true"
    "try" "typedef" "var" "void" "when" "while" "with" "_"))
; (`C.new` tears off C's unnamed constructor: no member named `new`.)
((unconditional_assignable_selector (identifier) @ref.member) (#not-eq? @ref.member "new"))
(conditional_assignable_selector (identifier) @ref.member)
(cascade_selector (identifier) @ref.member)
(assignable_expression . (identifier) @ref.write .)
(assignable_expression (unconditional_assignable_selector (identifier) @ref.write) .)
(field_initializer . (identifier) @ref.write)

; Names a library shows: imported (`import 'a.dart' show A`), exported
; (`export 'a.dart' show A`); hidden ones, named arguments, labels, the
; names of a function type's parameters, a named constructor's second
; name and declared type parameters (`<T>`) are none.
(import_specification (combinator "show" (identifier) @ref.import))
(library_export (combinator "show" (identifier) @ref.export))
(combinator "hide" (identifier) @ref.none)
(label (identifier) @ref.none)
(pair key: (identifier) @ref.none)
(ERROR (identifier) @ref.none)
(break_statement (identifier) @ref.none)
(continue_statement (identifier) @ref.none)
(typed_identifier (identifier) @ref.none)
(constructor_signature (identifier) (identifier) @ref.none)
(type_parameter (type_identifier) @ref.none)

; Local bindings: parameters (of functions, closures, constructors), local
; variables (a field or top-level variable is a symbol, so it stays a
; global), loop and catch variables, an import's prefix (`as p`).
(formal_parameter (identifier) @local)
; `final x = ...` and `for (final x in xs)`: the two nodes with a `name:`
; and a `value:` (a pattern under for_loop_parts would cost as much to
; compile as all the rest).
(_ name: (identifier) @local value: (_))
(initialized_identifier . (identifier) @local)
(catch_parameters (identifier) @local)
(import_specification (identifier) @local)
