(function_call_expression function: (name) @ref.call)
(function_call_expression function: (qualified_name (name) @ref.call))
(member_call_expression object: (_) @recv name: (name) @ref.call)
(nullsafe_member_call_expression object: (_) @recv name: (name) @ref.call)
(scoped_call_expression scope: (_) @recv name: (name) @ref.call)
(object_creation_expression (name) @ref.call)
(base_clause (name) @ref.inherit)
(class_interface_clause (name) @ref.inherit)
(use_declaration (name) @ref.inherit)
(named_type (name) @ref.type)

; Uses of values (docs/parse.md): every name is a read unless a more
; specific kind captures it too (`read` and `member` yield): constants,
; classes as values, properties, class constants. `$variables` and the
; namespace parts of a qualified name are none: nearly all variables are
; locals.
(name) @ref.read
(member_access_expression name: (name) @ref.member)
(nullsafe_member_access_expression name: (name) @ref.member)
(class_constant_access_expression (name) . (name) @ref.member)
(assignment_expression left: (member_access_expression name: (name) @ref.write))
(variable_name (name) @ref.none)
(namespace_name (name) @ref.none)
