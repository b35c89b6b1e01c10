; Ruby: modules, classes (also A::B), methods, singleton methods
; (def self.x), constants, attr_* properties.

(module name: (_) @name) @sym.module
(class name: (_) @name) @sym.class
(singleton_class value: (_) @name) @sym.class
(method name: (_) @name) @sym.method
(singleton_method name: (_) @name) @sym.method
(assignment left: (constant) @name) @sym.constant

(call
  method: (identifier) @_attr
  arguments: (argument_list (simple_symbol) @name @sym.property)
  (#any-of? @_attr "attr_reader" "attr_writer" "attr_accessor"))

(comment) @doc
