; use A\B; use A\{B, C}; require/include (_once) 'file.php';
(namespace_use_declaration (namespace_use_clause [(qualified_name) (name)] @import.use))
(namespace_use_declaration (namespace_name) @import.use_group body: (namespace_use_group))
(require_expression (_) @import.require)
(require_once_expression (_) @import.require)
(include_expression (_) @import.include)
(include_once_expression (_) @import.include)
