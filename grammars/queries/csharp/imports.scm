; using A.B;  using static A.B;  using X = A.B;
((using_directive !name . [(identifier) (qualified_name)] @import.using) @_u
  (#not-match? @_u "^(global[[:space:]]+)?using[[:space:]]+static[[:space:]]"))
((using_directive !name . [(identifier) (qualified_name)] @import.using_static) @_u
  (#match? @_u "^(global[[:space:]]+)?using[[:space:]]+static[[:space:]]"))
(using_directive name: (identifier) [(identifier) (qualified_name)] @import.using_alias)
