; JSON: object keys, named by their dotted path (dependencies.react), each
; path once however many array elements repeat it. Values are not symbols.

(pair key: (_) @name) @sym.key
