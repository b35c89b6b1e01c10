; Calls: f(), obj.m() (the receiver as @recv: docs/graph.md), new C().
(method_invocation object: (_)? @recv name: (identifier) @ref.call)
(object_creation_expression type: (type_identifier) @ref.call)
(superclass (type_identifier) @ref.inherit)
(super_interfaces (type_list (type_identifier) @ref.inherit))
(extends_interfaces (type_list (type_identifier) @ref.inherit))
(type_identifier) @ref.type
(marker_annotation name: (identifier) @ref.type)
(annotation name: (identifier) @ref.type)

; Uses of values (docs/parse.md): every identifier is a read unless a more
; specific kind captures it too (`read` and `member` yield): fields,
; constants, enum constants, a class as a value (`Math` in `Math.max()`).
; Reads and writes of local names are left out (@local).
(identifier) @ref.read
(field_access field: (identifier) @ref.member)
(method_reference (identifier) @ref.member .)
(assignment_expression
  left: [(identifier) @ref.write (field_access field: (identifier) @ref.write)])
(update_expression [(identifier) @ref.write (field_access field: (identifier) @ref.write)])

; The imported class (`import a.b.C;`, `import static a.B.m;`), not a
; wildcard's package; the other parts of package, import and annotation
; names, labels, annotation keys and the names of declarations that are no
; symbols (an anonymous class's methods) are none.
(import_declaration (scoped_identifier name: (identifier) @ref.import) .)
(scoped_identifier (identifier) @ref.none)
(element_value_pair key: (identifier) @ref.none)
(method_declaration name: (identifier) @ref.none)
(field_declaration declarator: (variable_declarator name: (identifier) @ref.none))
(labeled_statement (identifier) @ref.none)
(break_statement (identifier) @ref.none)
(continue_statement (identifier) @ref.none)

; Local bindings: parameters (also of lambdas), local variables, loop,
; catch, try-with-resources and pattern variables.
(formal_parameter name: (identifier) @local)
(spread_parameter (variable_declarator name: (identifier) @local))
(inferred_parameters (identifier) @local)
(lambda_expression parameters: (identifier) @local)
(local_variable_declaration declarator: (variable_declarator name: (identifier) @local))
(enhanced_for_statement name: (identifier) @local)
(catch_formal_parameter name: (identifier) @local)
(resource name: (identifier) @local)
(instanceof_expression name: (identifier) @local)

; A local is local in its method, constructor, lambda or initializer
; block: elsewhere in the file the name is a field's (docs/parse.md).
[(method_declaration) (constructor_declaration) (compact_constructor_declaration)
 (lambda_expression) (static_initializer)] @local_scope
