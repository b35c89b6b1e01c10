ax-flag_LIBS := -ljansson -lsqlite3
