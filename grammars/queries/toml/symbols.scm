; TOML: tables ([a.b]) and array tables ([[bin]]) by their name, keys by
; their path within the table (tool.poetry.dependencies.python), dotted
; keys as written (a.b.c), inline tables nested.

(table . [(bare_key) (dotted_key) (quoted_key)] @name) @sym.table
(table_array_element . [(bare_key) (dotted_key) (quoted_key)] @name) @sym.table
(pair . [(bare_key) (dotted_key) (quoted_key)] @name) @sym.key

(comment) @doc
