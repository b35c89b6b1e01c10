; Calls: f(), obj.m() (the receiver as @recv: docs/graph.md), new C().
; (One pattern per node type: each pattern rooted at a node costs a cursor
; state there.)
(call_expression
  function: [(identifier) @ref.call
             (member_expression object: (_) @recv property: (property_identifier) @ref.call)])
(new_expression constructor: (identifier) @ref.call)

; Uses of values (docs/parse.md): every identifier is a read unless a more
; specific kind captures it too (a call, a write, an export: `read` and
; `member` yield). Reads and writes of local names are left out (@local).
; `x += 1` and `x++` stay reads: nearly always of locals, and a pattern
; each costs more than they find.
(identifier) @ref.read
(member_expression property: (property_identifier) @ref.member)
(assignment_expression
  left: [(identifier) @ref.write
         (member_expression property: (property_identifier) @ref.write)])

; Exports: export { View }, export default View, module.exports = View,
; exports.x = View, module.exports = { View, Router: Router }.
(export_specifier name: (identifier) @ref.export)
(export_statement value: (identifier) @ref.export)
; (The left side is matched by its text: alternatives of its shapes cost
; a cursor state each, and the query's compilation a fifth more.)
(assignment_expression
  left: (member_expression) @_x
  right: [(identifier) @ref.export
          (object [(shorthand_property_identifier) @ref.export
                   (pair value: (identifier) @ref.export)])]
  (#match? @_x "(^|\\.)exports(\\.[A-Za-z_$][A-Za-z0-9_$]*)?$"))

; Imported names: import View from, import { View } from.
(import_clause (identifier) @ref.import)
(import_specifier name: (identifier) @ref.import)

; Local bindings (parameters: javascript/ and typescript/refs.scm): arrow
; parameters, declared names, catch and loop variables, and the names a
; destructuring pattern binds (`{a, b: c = 1}`, `[d, ...e]`). A top-level
; one is a symbol (`const { View } = require(...)`), so it stays a name of
; the file.
(arrow_function parameter: (identifier) @local)
(variable_declarator name: (identifier) @local)
(catch_clause parameter: (identifier) @local)
(for_in_statement left: (identifier) @local)
[(object_pattern (shorthand_property_identifier_pattern) @local)
 (object_assignment_pattern left: (shorthand_property_identifier_pattern) @local)
 (pair_pattern value: (identifier) @local) (array_pattern (identifier) @local)
 (rest_pattern (identifier) @local) (assignment_pattern left: (identifier) @local)]

; A local is local in its function (docs/parse.md): elsewhere in the file
; the name is the module's or a global's.
[(function_declaration) (function_expression) (arrow_function) (method_definition)
 (generator_function_declaration) (generator_function) (class_static_block)] @local_scope
