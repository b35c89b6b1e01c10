; use A\B; use A\{B, C\D}; require/include (_once) 'file.php';
; A group use is one import per name, joined to its prefix: A\B, A\C\D.
(namespace_use_declaration (namespace_use_clause . [(qualified_name) (name)] @import.use))
((namespace_use_declaration
   (namespace_name) @import.use
   body: (namespace_use_group (namespace_use_clause . [(qualified_name) (name)] @member)))
 (#set! member-sep "\\"))
(require_expression (_) @import.require)
(require_once_expression (_) @import.require)
(include_expression (_) @import.include)
(include_once_expression (_) @import.include)
