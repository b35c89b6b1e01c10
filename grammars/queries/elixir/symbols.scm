; Elixir: everything is a call, told apart by its target. Modules,
; protocols and impls, def/defp (functions, operators too), defmacro(p),
; defguard(p), defdelegate, records, defstruct/defexception fields,
; @type/@typep/@opaque, @callback and @macrocallback. Docs are @doc/@moduledoc strings or # comments.

; defmodule A.B, defmodule __MODULE__.Sub (named as written), and
; defexception A, ... (the module form).
((call target: (identifier) @_k (arguments . [(alias) (dot right: (alias))] @name)) @sym.module
  (#any-of? @_k "defmodule" "defexception"))
((call target: (identifier) @_k (arguments . (alias) @name)) @sym.protocol
  (#eq? @_k "defprotocol"))
((call target: (identifier) @_k (arguments . (alias) @name)) @sym.impl
  (#eq? @_k "defimpl"))

; def name(args), def name(args) when guard, def name (no parentheses),
; def name when guard; operators are named by the operator: def a + b,
; def a <~> b when guard, def not a, defmacro a ~> b. A function cannot be
; named `when`: `def f(x) when g` is a guard, not an operator definition.
((call target: (identifier) @_k
   (arguments . [(call target: (identifier) @name)
                 (identifier) @name
                 (binary_operator left: [(call target: (identifier) @name) (identifier) @name]
                                  operator: "when")
                 (binary_operator operator: _ @name)
                 (binary_operator left: (binary_operator operator: _ @name) operator: "when")
                 (unary_operator operator: _ @name operand: (identifier))])) @sym.function
  (#any-of? @_k "def" "defp" "defdelegate")
  (#not-eq? @name "when"))
((call target: (identifier) @_k
   (arguments . [(call target: (identifier) @name)
                 (identifier) @name
                 (binary_operator left: [(call target: (identifier) @name) (identifier) @name]
                                  operator: "when")
                 (binary_operator operator: _ @name)
                 (binary_operator left: (binary_operator operator: _ @name) operator: "when")
                 (unary_operator operator: _ @name operand: (identifier))])) @sym.macro
  (#any-of? @_k "defmacro" "defmacrop" "defguard" "defguardp")
  (#not-eq? @name "when"))

; Records: Record.defrecord(:user, ...), defrecordp :point, ... (after
; import Record) define macros named after the record.
((call target: [(identifier) @_k (dot left: (alias) @_r right: (identifier) @_k)]
   (arguments . (atom) @name)) @sym.macro
  (#any-of? @_k "defrecord" "defrecordp")
  (#eq? @_r "Record"))

; @type t :: ..., @type t(a) :: ..., @callback f(x) :: y
((unary_operator operator: "@"
   operand: (call target: (identifier) @_a
     (arguments (binary_operator
       left: [(identifier) @name (call target: (identifier) @name)])))) @sym.type
  (#any-of? @_a "type" "typep" "opaque"))
((unary_operator operator: "@"
   operand: (call target: (identifier) @_a
     (arguments (binary_operator
       left: [(identifier) @name (call target: (identifier) @name)
              (binary_operator left: (call target: (identifier) @name))])))) @sym.callback
  (#any-of? @_a "callback" "macrocallback"))

; defstruct [:a, b: 1]: the fields.
((call target: (identifier) @_k
   (arguments [(list [(atom) @name @sym.field
                      (keywords (pair key: (keyword) @name @sym.field))])
               (keywords (pair key: (keyword) @name @sym.field))]))
  (#any-of? @_k "defstruct" "defexception"))

((unary_operator operator: "@"
   operand: (call target: (identifier) @_d (arguments . (string) @doc))) @_attr
  (#any-of? @_d "doc" "typedoc"))
(comment) @doc
