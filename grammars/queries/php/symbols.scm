; PHP: namespaces, classes, interfaces, traits, enums, functions, methods,
; properties (also promoted constructor parameters), constants (`const`,
; `define('X', ...)`), enum cases. Global variables: toplevel.scm.

; `namespace A;` encloses what follows, up to the next namespace.
((namespace_definition name: (namespace_name) @name !body) @sym.namespace (#set! encloses "rest"))
(namespace_definition name: (namespace_name) @name body: (_)) @sym.namespace
(class_declaration name: (name) @name) @sym.class
(interface_declaration name: (name) @name) @sym.interface
(trait_declaration name: (name) @name) @sym.trait
(enum_declaration name: (name) @name) @sym.enum
(function_definition name: (name) @name) @sym.function
(method_declaration name: (name) @name) @sym.method
(property_declaration (property_element name: (variable_name (name) @name))) @sym.property
(const_declaration (const_element (name) @name)) @sym.constant
(enum_case name: (name) @name) @sym.constant

; `public function __construct(private int $x)` declares property x of the
; class, not of the constructor (belongs "class", docs/queries.md).
((property_promotion_parameter name: (variable_name (name) @name)) @sym.property
  (#set! belongs "class"))

; define('X', 1) and \define("X", 1): a constant named by the string.
((function_call_expression
  function: [(name) (qualified_name)] @_define
  arguments: (arguments . (argument [(string) (encapsed_string)] @name))) @sym.constant
  (#match? @_define "^\\\\?define$"))

(comment) @doc
(attribute_list) @skip
