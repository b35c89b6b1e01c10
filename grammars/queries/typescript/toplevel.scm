; TypeScript's file-level rules on top of ecmascript/toplevel.scm (the
; top-level pass): `declare const X: T` and `export declare let y: T`.
(program
  [(ambient_declaration (_ (variable_declarator name: (identifier) @name) @sym.constant))
   (export_statement (ambient_declaration (_ (variable_declarator name: (identifier) @name) @sym.constant)))]
  (#match? @name "^[A-Z][A-Z0-9_]*$"))
(program
  [(ambient_declaration (_ (variable_declarator name: (identifier) @name) @sym.variable))
   (export_statement (ambient_declaration (_ (variable_declarator name: (identifier) @name) @sym.variable)))])
