; import 'x.dart' (as p, show/hide); export 'x.dart'; part 'x.g.dart'; part of 'x.dart'
(library_import (import_specification (configurable_uri (uri (string_literal) @import.import))))
(library_export (configurable_uri (uri (string_literal) @import.export)))
(part_directive (uri (string_literal) @import.part))
(part_of_directive (uri (string_literal) @import.part_of))
(part_of_directive (dotted_identifier_list) @import.part_of)
