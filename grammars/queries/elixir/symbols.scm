; Elixir: everything is a call, told apart by its target. Modules,
; protocols and impls, def/defp (functions), defmacro(p), defguard(p),
; defdelegate, defstruct/defexception fields, @type/@typep/@opaque, @callback
; and @macrocallback. Docs are @doc/@moduledoc strings or # comments.

((call target: (identifier) @_k (arguments . (alias) @name)) @sym.module
  (#eq? @_k "defmodule"))
((call target: (identifier) @_k (arguments . (alias) @name)) @sym.protocol
  (#eq? @_k "defprotocol"))
((call target: (identifier) @_k (arguments . (alias) @name)) @sym.impl
  (#eq? @_k "defimpl"))

; def name(args), def name(args) when guard, def name (no parentheses).
((call target: (identifier) @_k
   (arguments . [(call target: (identifier) @name)
                 (identifier) @name
                 (binary_operator left: (call target: (identifier) @name))])) @sym.function
  (#any-of? @_k "def" "defp" "defdelegate"))
((call target: (identifier) @_k
   (arguments . [(call target: (identifier) @name)
                 (identifier) @name
                 (binary_operator left: (call target: (identifier) @name))])) @sym.macro
  (#any-of? @_k "defmacro" "defmacrop" "defguard" "defguardp"))

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
