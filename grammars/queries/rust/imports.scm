; use a::b::{c, d}; mod name; extern crate name;
(use_declaration argument: (_) @import.use)
(mod_item name: (identifier) @import.mod !body)
(extern_crate_declaration name: (identifier) @import.extern_crate)
