; import a.b.C; import a.b.*; import a.b.C as D
((import (qualified_identifier) @import.import) @_i
  (#not-match? @_i "\\*$")
  (#not-match? @_i "[[:space:]]as[[:space:]]"))
((import (qualified_identifier) @import.wildcard) @_i (#match? @_i "\\*$"))
((import (qualified_identifier) @import.alias) @_i (#match? @_i "[[:space:]]as[[:space:]]"))
