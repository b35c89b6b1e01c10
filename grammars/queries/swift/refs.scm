(call_expression . (simple_identifier) @ref.call)
(call_expression . (navigation_expression target: (_) @recv suffix: (navigation_suffix suffix: (simple_identifier) @ref.call)))
(inheritance_specifier inherits_from: (user_type (type_identifier) @ref.inherit))
(user_type (type_identifier) @ref.type)
