; alias A.B; alias A.{B, C}; import A, only: [...]; require A; use A, opts
((call target: (identifier) @_k (arguments . (_) @import.alias)) (#eq? @_k "alias"))
((call target: (identifier) @_k (arguments . (_) @import.import)) (#eq? @_k "import"))
((call target: (identifier) @_k (arguments . (_) @import.require)) (#eq? @_k "require"))
((call target: (identifier) @_k (arguments . (_) @import.use)) (#eq? @_k "use"))
