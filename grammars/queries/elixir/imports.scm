; alias A.B; alias A.{B, C}; import A, only: [...]; require A; use A, opts
; `alias A.B, as: C` (kind alias_as: the call graph must not take B for
; A.B there); the first pattern that captures a node wins.
((call target: (identifier) @_k (arguments . (_) @import.alias_as (keywords (pair key: (keyword) @_as))))
  (#eq? @_k "alias") (#eq? @_as "as: "))
((call target: (identifier) @_k (arguments . (_) @import.alias)) (#eq? @_k "alias"))
((call target: (identifier) @_k (arguments . (_) @import.import)) (#eq? @_k "import"))
((call target: (identifier) @_k (arguments . (_) @import.require)) (#eq? @_k "require"))
((call target: (identifier) @_k (arguments . (_) @import.use)) (#eq? @_k "use"))
