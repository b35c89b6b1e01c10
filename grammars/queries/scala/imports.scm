; import a.b.C; import a.b.{C, D => E}; import a.b._ (Scala 2), a.b.* (3)
((import_declaration) @import.import (#set! strip-prefix "import"))
((export_declaration) @import.export (#set! strip-prefix "export"))
