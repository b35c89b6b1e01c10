; import a.b.C;  import a.b.*;  import static a.b.C.m;  import static a.b.C.*;
; raw is the dotted name; the kind says static and/or wildcard.
((import_declaration [(scoped_identifier) (identifier)] @import.import) @_d
  (#not-match? @_d "^import[[:space:]]+static[[:space:]]")
  (#not-match? @_d "\\*[[:space:]]*;?$"))
((import_declaration [(scoped_identifier) (identifier)] @import.wildcard) @_d
  (#not-match? @_d "^import[[:space:]]+static[[:space:]]")
  (#match? @_d "\\*[[:space:]]*;?$"))
((import_declaration [(scoped_identifier) (identifier)] @import.static) @_d
  (#match? @_d "^import[[:space:]]+static[[:space:]]")
  (#not-match? @_d "\\*[[:space:]]*;?$"))
((import_declaration [(scoped_identifier) (identifier)] @import.static_wildcard) @_d
  (#match? @_d "^import[[:space:]]+static[[:space:]]")
  (#match? @_d "\\*[[:space:]]*;?$"))
