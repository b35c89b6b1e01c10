; Ruby: modules, classes (also A::B: named B), methods, singleton methods
; (def self.x), constants, attr_* properties, and the methods that alias,
; alias_method and define_method make.

; `class A::B::C` and `module A::B` are named by their last part (C), as a
; C++ `a::A::f` is f (the signature keeps the scope), so that `ax def C`
; finds them (name "last", docs/queries.md).
((module name: (_) @name) @sym.module (#set! name "last"))
((class name: (_) @name) @sym.class (#set! name "last"))
(singleton_class value: (_) @name) @sym.class
(method name: (_) @name) @sym.method
(singleton_method name: (_) @name) @sym.method
(assignment left: (constant) @name) @sym.constant

(call
  method: (identifier) @_attr
  arguments: (argument_list (simple_symbol) @name @sym.property)
  (#any-of? @_attr "attr_reader" "attr_writer" "attr_accessor"))

; `alias new old`, `alias_method :new, :old`, `define_method(:name) { }`
; (without a receiver): a method named by the first argument, when it is a
; literal name (not a string with #{} in it).
(alias name: (_) @name) @sym.method

((call
  . method: (identifier) @_def
  . arguments: (argument_list . [(simple_symbol) (string)] @name)) @sym.method
  (#any-of? @_def "alias_method" "define_method")
  (#not-match? @name "#\\{"))

(comment) @doc
