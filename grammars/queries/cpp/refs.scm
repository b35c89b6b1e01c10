; a::f(), and a::b::f() to a::b::c::d::f() (nested qualified names; the
; first scope is the receiver), also of a template (`std::make_unique<T>()`).
(call_expression function: (qualified_identifier scope: (_) @recv
  name: [(identifier) @ref.call
         (template_function name: (identifier) @ref.call)
         (qualified_identifier name: [(identifier) @ref.call
           (template_function name: (identifier) @ref.call)
           (qualified_identifier name: [(identifier) @ref.call
             (qualified_identifier name: [(identifier) @ref.call
               (qualified_identifier name: (identifier) @ref.call)])])])]))
(call_expression function: (template_function name: (identifier) @ref.call))
(base_class_clause (type_identifier) @ref.inherit)
(new_expression type: (type_identifier) @ref.call)

; Members besides C's (c/refs.scm): `Type::CONST`, `std::cout`, an
; enumerator `Color::Red` (the scope before `::` is no read: mostly
; namespaces, `std::`, `boost::`, and a pattern for it cost C++ 5%); a
; member initializer `: count_(0)` writes.
(qualified_identifier name: (identifier) @ref.member)
(field_initializer (field_identifier) @ref.write)
(destructor_name (identifier) @ref.none)

; Local bindings besides C's: references (`T &x`), range-for and
; structured bindings.
(parameter_declaration declarator: (reference_declarator (identifier) @local))
(optional_parameter_declaration declarator: [(identifier) @local (reference_declarator (identifier) @local)])
(init_declarator declarator: (reference_declarator (identifier) @local))
(for_range_loop declarator: [(identifier) @local (reference_declarator (identifier) @local)])
(structured_binding_declarator (identifier) @local)
