ax-load_LIBS := -lsqlite3 -ljansson
