; File-level rules, rooted at the root node (the top-level pass, docs/queries.md).

; C++20 modules, which the grammar does not know: `module A;` reads as a
; declaration of A with type `module`, `export module a.b:part;` as one of
; `module` with type `export` followed by an error holding the name.
(translation_unit
  (declaration type: (type_identifier) @_kw declarator: (identifier) @name) @sym.module
  (#eq? @_kw "module"))
(translation_unit
  (declaration type: (type_identifier) @_export declarator: (identifier) @_kw (ERROR) @name) @sym.module
  (#eq? @_export "export") (#eq? @_kw "module"))
