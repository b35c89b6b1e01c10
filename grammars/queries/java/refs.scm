(method_invocation object: (_)? @recv name: (identifier) @ref.call)
(object_creation_expression type: (type_identifier) @ref.call)
(superclass (type_identifier) @ref.inherit)
(super_interfaces (type_list (type_identifier) @ref.inherit))
(extends_interfaces (type_list (type_identifier) @ref.inherit))
(type_identifier) @ref.type
