ax-scan_LIBS := -lgit2 -lsqlite3
