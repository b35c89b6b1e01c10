; inherits: ecmascript
; TypeScript on top of the JavaScript rules.

(interface_declaration name: (type_identifier) @name) @sym.interface
(type_alias_declaration name: (type_identifier) @name) @sym.type
(enum_declaration name: (identifier) @name) @sym.enum
(abstract_class_declaration name: (type_identifier) @name) @sym.class
(internal_module name: (_) @name) @sym.namespace
(module name: (_) @name) @sym.module
(function_signature name: (identifier) @name) @sym.function

; Members of interfaces and classes declared without a body.
; (members of inline object types in annotations are not symbols)
(interface_body (method_signature name: (_) @name) @sym.method)
(interface_body (property_signature name: (_) @name) @sym.property)
(type_alias_declaration value: (object_type (method_signature name: (_) @name) @sym.method))
(type_alias_declaration value: (object_type (property_signature name: (_) @name) @sym.property))
(abstract_method_signature name: (_) @name) @sym.method
(public_field_definition name: (_) @name) @sym.field
(enum_body [(property_identifier) @name @sym.constant
            (enum_assignment name: (_) @name) @sym.constant])

; Body-less methods of classes: overloads, `declare class` members
; (`constructor(o?: T);`, `m(): void;`).
(class_body (method_signature name: (_) @name) @sym.method)

; Constructor parameter properties: `constructor(private x: T, readonly y)`
; declare fields x and y (their parent is the constructor).
(required_parameter [(accessibility_modifier) "readonly"] pattern: (identifier) @name) @sym.field
(optional_parameter [(accessibility_modifier) "readonly"] pattern: (identifier) @name) @sym.field

; Variables of a namespace or declared module: `namespace N { export const
; x = 1; let y; }`, `declare module 'm' { export let z: T; }`.
(internal_module
  body: (_ [(_ (variable_declarator name: (identifier) @name) @sym.variable)
            (_ (_ (variable_declarator name: (identifier) @name) @sym.variable))]))
(module
  body: (_ [(_ (variable_declarator name: (identifier) @name) @sym.variable)
            (_ (_ (variable_declarator name: (identifier) @name) @sym.variable))]))
