# fuzz_query includes ax-rank's query.c and checks its FTS5 output in SQLite.
fuzz_query_LIBS := -lsqlite3
