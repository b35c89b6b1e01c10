; Calls: f(), x.m() (the receiver as @recv: docs/graph.md; `self` and
; `super` are nodes of their own, hence `_`), a construction `C()`, a
; call with a trailing closure `f { }`; a subscript `items[k]`, which the
; grammar reads as a call with `[` arguments, is none (a read).
; (Nodes below the pattern's root are wildcards where only one node type
; fits, a navigation_expression for `target:` and `suffix:`: each named
; node under an expression costs the query's compilation a walk of this
; grammar's large parse table, a wildcard almost none.)
(call_expression
  . [(simple_identifier) @ref.call
     (_ target: (_) @recv suffix: (_ suffix: (simple_identifier) @ref.call))]
  . (_ [(value_arguments "(") (lambda_literal)]))
(inheritance_specifier inherits_from: (user_type (type_identifier) @ref.inherit))
(user_type (type_identifier) @ref.type)

; Uses of values (docs/parse.md): every identifier is a read unless a more
; specific kind captures it too (`read` and `member` yield): properties,
; constants, enum cases, a type as a value (`Config` in `Config.shared`).
; Reads and writes of local names are left out (@local), so are the
; implicit names of closures, accessors and catch blocks (`$0`,
; `newValue`, `oldValue`, `error`), `Self`, `_ = f()`, a metatype's
; `.self` and the words of `#if DEBUG`, `#if os(iOS)`, `#if
; targetEnvironment(simulator)` (by name: a pattern under `directive`
; would cost the compilation of this query a tenth more). `x += 1` is a write (an assignment in this
; grammar); `.red` (an implicit member) is a read.
((simple_identifier) @ref.read
  (#not-any-of? @ref.read "$0" "$1" "$2" "$3" "newValue" "oldValue" "error" "self" "Self" "_"
    "DEBUG" "simulator" "iOS" "macOS" "tvOS" "watchOS" "visionOS" "macCatalyst"))
((navigation_suffix suffix: (simple_identifier) @ref.member) (#not-eq? @ref.member "self"))
((directly_assignable_expression
   [(simple_identifier) @ref.write (_ (navigation_suffix (simple_identifier) @ref.write))])
  (#not-eq? @ref.write "_"))

; The name a declaration import imports (`import struct Foundation.Date`);
; module names (`import UIKit`, the parts of a dotted name, a `where T:`
; constraint), labels (of arguments `f(name: x)`, tuples `(count: n)`,
; enum cases `case a(param: Int)`, a parameter's external name, a
; trailing closure's), the names of declarations that are no symbols (a
; nested function's), statement labels (`break outer`) and the words
; of attributes (`@available(iOS 13, deprecated)`, `@objc(CAPBridge)`,
; `@attached(peer, names: arbitrary)`) are none. (A
; `name:` field holds a simple_identifier only where it names a
; declaration or a label: one pattern with a wildcard parent covers them
; all.)
(import_declaration ["typealias" "struct" "class" "enum" "protocol" "let" "var" "func"]
  (identifier (simple_identifier) @ref.import .))
(identifier (simple_identifier) @ref.none)
(value_argument_label (simple_identifier) @ref.none)
(_ name: (simple_identifier) @ref.none)
(parameter external_name: (simple_identifier) @ref.none)
(enum_type_parameters (simple_identifier) @ref.none)
(attribute (simple_identifier) @ref.none)
(control_transfer_statement ["break" "continue"] (simple_identifier) @ref.none)

; Local bindings: parameters (of functions, initializers, closures),
; closure captures, let/var (a property is a symbol, so it stays a
; global), loop, `if let`, `guard let`, `case let` and catch variables,
; tuple patterns, declared type parameters (`A0.self` reads a generic
; parameter; its uses as a type stay type references, as elsewhere).
(parameter name: (simple_identifier) @local)
(lambda_parameter name: (simple_identifier) @local)
(capture_list_item name: (simple_identifier) @local)
(_ bound_identifier: (simple_identifier) @local)
(pattern (pattern (simple_identifier) @local))
(type_parameter (type_identifier) @local)
