; import "fmt"; import ( "os"; f "path/filepath" )
(import_spec path: (interpreted_string_literal) @import.import)
(import_spec path: (raw_string_literal) @import.import)
