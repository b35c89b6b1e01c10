ax-scan_LIBS := -lgit2
