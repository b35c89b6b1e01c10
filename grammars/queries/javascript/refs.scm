; inherits: ecmascript
; class A extends B
(class_heritage (identifier) @ref.inherit)
