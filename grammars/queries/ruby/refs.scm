((call receiver: (_)? @recv method: (identifier) @ref.call)
  (#not-any-of? @ref.call "require" "require_relative" "load" "attr_reader" "attr_writer"
    "attr_accessor" "include" "extend" "prepend" "private" "protected" "public"))
(superclass (constant) @ref.inherit)
(superclass (scope_resolution name: (constant) @ref.inherit))
((call method: (identifier) @_m arguments: (argument_list (constant) @ref.inherit))
  (#any-of? @_m "include" "extend" "prepend"))
(scope_resolution name: (constant) @ref.type)

; Uses of values (docs/parse.md): constants and identifiers (a bare `name`
; may be a local or a method call without arguments) are reads unless a
; more specific kind captures them too. Reads and writes of local names
; are left out (@local).
(constant) @ref.read
(identifier) @ref.read
(assignment left: (identifier) @ref.write)
(operator_assignment left: (identifier) @ref.write)

; Local bindings: method, block and lambda parameters (also `*a`, `**o`,
; `&b` and destructured `|(k, v)|`), assignments (also `a, b = ...`), for
; and rescue variables.
[(method_parameters (identifier) @local) (block_parameters (identifier) @local)
 (lambda_parameters (identifier) @local) (destructured_parameter (identifier) @local)]
[(optional_parameter name: (identifier) @local) (keyword_parameter name: (identifier) @local)
 (splat_parameter name: (identifier) @local) (hash_splat_parameter name: (identifier) @local)
 (block_parameter name: (identifier) @local)]
(block_parameters locals: (identifier) @local)
(assignment left: (identifier) @local)
[(left_assignment_list (identifier) @local) (destructured_left_assignment (identifier) @local)
 (rest_assignment (identifier) @local)]
(for pattern: (identifier) @local)
(exception_variable (identifier) @local)

; A local is local in its method or lambda (docs/parse.md): a method sees no
; local of the file around it.
[(method) (singleton_method) (lambda)] @local_scope
