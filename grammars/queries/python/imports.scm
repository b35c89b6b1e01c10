; import a.b; import a as b; from a.b import c; from . import c; from ..a import b
(import_statement name: (dotted_name) @import.import)
(import_statement name: (aliased_import name: (dotted_name) @import.import))
(import_from_statement module_name: (dotted_name) @import.from)
(import_from_statement module_name: (relative_import) @import.relative)
(future_import_statement) @import.future
