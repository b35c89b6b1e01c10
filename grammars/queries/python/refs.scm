; Calls: f(), obj.m() (the receiver as @recv: docs/graph.md).
(call
  function: [(identifier) @ref.call
             (attribute object: (_) @recv attribute: (identifier) @ref.call)])
(class_definition superclasses: (argument_list (identifier) @ref.inherit))
(class_definition superclasses: (argument_list (attribute attribute: (identifier) @ref.inherit)))
(decorator (identifier) @ref.decorator)
(type (identifier) @ref.type)

; Uses of values (docs/parse.md): every identifier is a read unless a more
; specific kind captures it too (`read` and `member` yield). Reads and
; writes of local names are left out (@local).
(identifier) @ref.read
(attribute attribute: (identifier) @ref.member)
(assignment left: [(identifier) @ref.write (attribute attribute: (identifier) @ref.write)])
(augmented_assignment left: [(identifier) @ref.write (attribute attribute: (identifier) @ref.write)])
; Module and imported names: import a.b as c, from .m import x.
(dotted_name (identifier) @ref.import)
(aliased_import alias: (identifier) @ref.import)
; f(timeout=1): the keyword names a parameter, no value
(keyword_argument name: (identifier) @ref.none)

; Local bindings: parameters, assignments (a module-level one that is a
; symbol stays a global), loop, with, `as` and walrus variables.
(parameters
  [(identifier) @local
   (default_parameter name: (identifier) @local)
   (typed_default_parameter name: (identifier) @local)
   (typed_parameter [(identifier) @local (list_splat_pattern (identifier) @local)
                     (dictionary_splat_pattern (identifier) @local)])
   (list_splat_pattern (identifier) @local)
   (dictionary_splat_pattern (identifier) @local)])
(lambda_parameters [(identifier) @local (default_parameter name: (identifier) @local)
                    (list_splat_pattern (identifier) @local)
                    (dictionary_splat_pattern (identifier) @local)])
(assignment left: [(identifier) @local (pattern_list (identifier) @local)])
(for_statement left: [(identifier) @local (pattern_list (identifier) @local)])
(for_in_clause left: [(identifier) @local (pattern_list (identifier) @local)])
(as_pattern_target (identifier) @local)
(tuple_pattern (identifier) @local)   ; for (k, v) in ..., (a, b) = ...
(list_pattern (identifier) @local)
(named_expression name: (identifier) @local)

; A local is local in its function or lambda (docs/parse.md): elsewhere in
; the file the name is the module's.
[(function_definition) (lambda)] @local_scope
