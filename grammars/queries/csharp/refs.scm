; Calls: F(), obj.M(), this.M() (the receiver as @recv: docs/graph.md;
; `this` and `base` are unnamed nodes, hence `_`), new C().
(invocation_expression
  function: [(identifier) @ref.call
             (member_access_expression expression: _ @recv name: (identifier) @ref.call)])
(object_creation_expression type: [(identifier) @ref.call (generic_name (identifier) @ref.call)])
(base_list [(identifier) @ref.inherit (generic_name (identifier) @ref.inherit)])

; Type uses: the `type` of any node (parameters, variables, properties,
; arrays, nullables, casts, typeof, patterns, catch), returns, generics,
; attributes. One pattern with a wildcard parent, and one pattern per
; parent: each pattern named by its parent costs a walk of the grammar's
; large parse table when the query is compiled (a fifth of a second for
; this file alone).
(_ type: (identifier) @ref.type)
(method_declaration returns: (identifier) @ref.type)
(generic_name (identifier) @ref.type)
(type_argument_list (identifier) @ref.type)
(attribute name: (identifier) @ref.type)

; Uses of values (docs/parse.md): every identifier is a read unless a more
; specific kind captures it too (`read` and `member` yield): fields,
; properties, constants, a class as a value (`Math` in `Math.Max()`).
; Reads and writes of local names are left out (@local); so is `value`
; in a setter. `x++` stays a read, as in JavaScript.
((identifier) @ref.read (#not-eq? @ref.read "value"))
(member_access_expression name: (identifier) @ref.member)
(assignment_expression
  left: [(identifier) @ref.write (member_access_expression name: (identifier) @ref.write)])

; Namespaces (using, the parts of a qualified name), named arguments and
; declared type parameters (`<T>`) are none.
(using_directive (identifier) @ref.none)
(qualified_name (identifier) @ref.none)
(argument name: (identifier) @ref.none)
(type_parameter name: (identifier) @ref.none)

; Local bindings: parameters (also of lambdas), local variables (a field's
; declarator is a symbol, so it stays a global), foreach, catch, out var,
; pattern and query variables.
(parameter name: (identifier) @local)
(parameter_list name: (identifier) @local)
(implicit_parameter) @local
(variable_declarator name: (identifier) @local)
(foreach_statement left: (identifier) @local)
(catch_declaration name: (identifier) @local)
(declaration_expression name: (identifier) @local)
(declaration_pattern name: (identifier) @local)
(from_clause name: (identifier) @local)

; A local is local in its member or function (docs/parse.md): elsewhere in
; the file the name is a field's or a property's.
[(method_declaration) (constructor_declaration) (destructor_declaration)
 (local_function_statement) (lambda_expression) (anonymous_method_expression)
 (accessor_declaration) (operator_declaration) (conversion_operator_declaration)] @local_scope
