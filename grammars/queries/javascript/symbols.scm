; inherits: ecmascript
; JavaScript on top of the shared rules.

; Class fields: `count = 0;`, `#secret;`.
(field_definition property: (_) @name) @sym.field

