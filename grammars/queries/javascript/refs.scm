; inherits: ecmascript
; class A extends B
(class_heritage (identifier) @ref.inherit)

; Parameters are local bindings (ecmascript/refs.scm).
(formal_parameters
  [(identifier) @local
   (assignment_pattern left: (identifier) @local)
   (object_pattern (shorthand_property_identifier_pattern) @local)])
