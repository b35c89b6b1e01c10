; import UIKit; import struct Foundation.Date
(import_declaration (identifier) @import.import)
