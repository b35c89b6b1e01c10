; Local and remote calls (Mod.fun), without the definition forms.
((call target: (identifier) @ref.call)
  (#not-any-of? @ref.call "def" "defp" "defmacro" "defmacrop" "defguard" "defguardp"
    "defmodule" "defprotocol" "defimpl" "defdelegate" "defstruct" "defexception"
    "alias" "import" "require" "use" "quote" "unquote" "moduledoc" "doc" "typedoc"
    "type" "typep" "opaque" "spec" "callback" "macrocallback" "impl" "behaviour"
    "derive" "enforce_keys"))
(call target: (dot left: (alias) @recv right: (identifier) @ref.call))
(dot left: (alias) @ref.type)
