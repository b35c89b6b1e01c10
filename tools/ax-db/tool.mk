ax-db_LIBS := -lsqlite3
