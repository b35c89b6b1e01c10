ax-status_LIBS := -lsqlite3
