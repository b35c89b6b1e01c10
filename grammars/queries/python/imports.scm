; import a.b; import a as b; from a.b import c; from . import c; from ..a import b
; A from-import is one import per name, the name joined to the module
; (`from ..core import models` is `..core.models`): the resolver tries the
; submodule first, then the module that defines the name.
(import_statement name: (dotted_name) @import.import)
(import_statement name: (aliased_import name: (dotted_name) @import.import))
(import_from_statement
  module_name: (dotted_name) @import.from
  name: [(dotted_name) @member (aliased_import name: (dotted_name) @member)])
(import_from_statement module_name: (dotted_name) @import.from_star (wildcard_import))
(import_from_statement
  module_name: (relative_import) @import.relative
  name: [(dotted_name) @member (aliased_import name: (dotted_name) @member)])
(import_from_statement module_name: (relative_import) @import.relative_star (wildcard_import))
(future_import_statement) @import.future
