; File-level rules, rooted at the root node (the top-level pass, docs/queries.md).

; Types by what they are (the first pattern that matches a spec wins).
(source_file (type_declaration
  (type_spec name: (type_identifier) @name type: (struct_type)) @sym.struct))
(source_file (type_declaration
  (type_spec name: (type_identifier) @name type: (interface_type)) @sym.interface))
(source_file (type_declaration (type_spec name: (type_identifier) @name) @sym.type))
(source_file (type_declaration (type_alias name: (type_identifier) @name) @sym.type))

; Struct fields, named (`a, b string`) or embedded (`io.Reader`, `*T`,
; `List[T]`: the field is named by its type), of a type or an alias
; (`type A = struct{...}`; `_` is either). Fields of an anonymous struct
; nested in a field are not listed.
(source_file (type_declaration (_ type: (struct_type (field_declaration_list
  (field_declaration name: (field_identifier) @name) @sym.field)))))
(source_file (type_declaration (_ type: (struct_type (field_declaration_list
  (field_declaration !name
    type: [(type_identifier) @name
           (qualified_type name: (type_identifier) @name)
           (generic_type type: [(type_identifier) @name
                                (qualified_type name: (type_identifier) @name)])]) @sym.field)))))

; Interface methods (embedded interfaces are uses, not members).
(source_file (type_declaration (_ type: (interface_type
  (method_elem name: (field_identifier) @name) @sym.method))))

; Every name of a const spec, in a group too (`A, B = 1, 2`; `B` of an
; iota run has no value). The names are matched without their field:
; tree-sitter gives the field to the first one only. `_` is no name.
((source_file (const_declaration (const_spec (identifier) @name) @sym.constant))
  (#not-eq? @name "_"))
((source_file (var_declaration (var_spec name: (identifier) @name) @sym.variable))
  (#not-eq? @name "_"))
((source_file (var_declaration (var_spec_list (var_spec name: (identifier) @name) @sym.variable)))
  (#not-eq? @name "_"))
