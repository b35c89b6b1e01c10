; use a::b::{c, d}; mod name; extern crate name;
(use_declaration argument: (_) @import.use)
; #[path = "sys/unix.rs"] mod platform;: "platform=sys/unix.rs", a file
; path relative to the declaring file's directory. It comes before the
; plain `mod` pattern, so it wins for the same node (docs/queries.md).
((attribute_item (attribute (identifier) @_path value: (string_literal) @member))
 .
 (attribute_item)*
 .
 (mod_item name: (identifier) @import.mod_path !body)
 (#eq? @_path "path")
 (#set! member-sep "="))
(mod_item name: (identifier) @import.mod !body)
(extern_crate_declaration name: (identifier) @import.extern_crate)
