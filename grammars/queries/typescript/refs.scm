; Type uses: annotations, generic arguments, implements/extends.
(type_annotation (type_identifier) @ref.type)
(type_arguments (type_identifier) @ref.type)
(generic_type name: (type_identifier) @ref.type)
(implements_clause (type_identifier) @ref.inherit)
(extends_type_clause type: (type_identifier) @ref.inherit)
(class_heritage (extends_clause value: (identifier) @ref.inherit))

; Parameters: TypeScript wraps them (required_parameter, optional_parameter).
(required_parameter
  pattern: [(identifier) @local (object_pattern (shorthand_property_identifier_pattern) @local)])
(optional_parameter pattern: (identifier) @local)

; `[key: string]: T`: the key's name is no value.
(index_signature name: (identifier) @ref.none)
