; import x from "m"; import "m"; export { x } from "m"; require("m"); import("m")
(import_statement source: (string (string_fragment) @import.import))
(export_statement source: (string (string_fragment) @import.export))

(call_expression
  function: (identifier) @_fn
  arguments: (arguments . (string (string_fragment) @import.require))
  (#eq? @_fn "require"))

(call_expression
  function: (import)
  arguments: (arguments . (string (string_fragment) @import.dynamic)))
