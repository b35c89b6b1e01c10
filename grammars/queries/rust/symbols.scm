; Rust: items, impl blocks (kind impl, named by their type, so that methods
; get them as parent), trait methods, fields, enum variants, macros.

(function_item name: (identifier) @name) @sym.function
(function_signature_item name: (identifier) @name) @sym.function
(struct_item name: (type_identifier) @name) @sym.struct
(union_item name: (type_identifier) @name) @sym.union
(enum_item name: (type_identifier) @name) @sym.enum
(trait_item name: (type_identifier) @name) @sym.trait
(type_item name: (type_identifier) @name) @sym.type
(const_item name: (identifier) @name) @sym.constant
(static_item name: (identifier) @name) @sym.variable
(macro_definition name: (identifier) @name) @sym.macro
; `mod x { ... }` and `mod x;` (a file module: its `mod` import too).
(mod_item name: (identifier) @name) @sym.module
; Associated types: `type Item;` in a trait.
(associated_type name: (type_identifier) @name) @sym.type

; impl blocks are named by the type's last path segment, through a
; reference: `impl T for &'_ a::B` is B; primitives name theirs (`impl T
; for str`).
(impl_item type: [(type_identifier) @name
                  (primitive_type) @name
                  (generic_type type: [(type_identifier) @name
                                       (scoped_type_identifier name: (type_identifier) @name)])
                  (scoped_type_identifier name: (type_identifier) @name)
                  (reference_type type: [(type_identifier) @name
                                         (primitive_type) @name
                                         (generic_type type: [(type_identifier) @name
                                                              (scoped_type_identifier name: (type_identifier) @name)])
                                         (scoped_type_identifier name: (type_identifier) @name)])]) @sym.impl

(field_declaration name: (field_identifier) @name) @sym.field
(enum_variant name: (identifier) @name) @sym.constant

(line_comment) @doc
(block_comment) @doc
(attribute_item) @skip
