# fuzz_query parses with ax-rank's query.c and checks its FTS5 output in SQLite.
fuzz_query_SRC  := tools/ax-rank/query.c
fuzz_query_LIBS := -lsqlite3
