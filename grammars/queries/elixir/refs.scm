; Local and remote calls, without the definition forms and the special
; forms (`case`, `with`, `for`, ...): `f()`, `x |> f()`, `Mod.f()`,
; `mod.f()`, `:ets.f()` (the receiver as @recv: docs/graph.md), `Mod.f`
; without parentheses (so the capture `&Mod.f/1`), and the capture `&f/1`
; (a function passed on, which mix xref counts as a call too).
((call target: (identifier) @ref.call)
  (#not-any-of? @ref.call "def" "defp" "defmacro" "defmacrop" "defguard" "defguardp"
    "defmodule" "defprotocol" "defimpl" "defdelegate" "defstruct" "defexception"
    "defoverridable" "alias" "import" "require" "use" "quote" "unquote" "unquote_splicing"
    "case" "cond" "if" "unless" "with" "for" "receive" "try" "fn" "super"
    "moduledoc" "doc" "typedoc" "type" "typep" "opaque" "spec" "callback" "macrocallback"
    "impl" "behaviour"))
(call target: (dot left: (_) @recv right: (identifier) @ref.call) (arguments))
(call target: (dot left: (alias) @recv right: (identifier) @ref.call) .)
(unary_operator operator: "&" operand: (binary_operator left: (identifier) @ref.call operator: "/"))
(dot left: (alias) @ref.type)
(struct (alias) @ref.type)

; Uses of values (docs/parse.md). Elixir has no global variables: every
; bare name is a variable (a parameter, a pattern's binding) or a call
; without parentheses, so bare names are no references. Recorded: a map or
; struct field (`user.name`, a member unless called), a module as a value
; (`apply(Repo, ...)`), module attributes: `@limit 8` writes, `@limit`
; reads. The documentation and typespec attributes and the head of a
; `@spec` (`f(x) :: t`: `::` is a typespec's) are none; `@behaviour Mod` is an inheritance.
(dot right: (identifier) @ref.member)
(alias) @ref.read
(unary_operator operator: "@" operand: (identifier) @ref.read)
((unary_operator operator: "@" operand: (call target: (identifier) @ref.write))
  (#not-any-of? @ref.write "moduledoc" "doc" "typedoc" "type" "typep" "opaque" "spec"
    "callback" "macrocallback" "impl" "behaviour"))

(binary_operator left: (call target: (identifier) @ref.none) operator: "::")
((unary_operator operator: "@" operand: (call target: (identifier) @_b (arguments (alias) @ref.inherit)))
  (#eq? @_b "behaviour"))

; The modules named by alias, import, require and use (`MyApp.Repo`; each
; name of `alias MyApp.{Repo, Store}`, whose prefix is none), and the name
; `alias ..., as: R` binds (none).
((call target: (identifier) @_k
   (arguments . [(alias) @ref.import
                 (dot left: (alias) @ref.none right: (tuple (alias) @ref.import))]))
  (#any-of? @_k "alias" "import" "require" "use"))
((pair key: (keyword) @_as value: (alias) @ref.none) (#eq? @_as "as: "))
