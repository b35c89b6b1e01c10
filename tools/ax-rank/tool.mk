ax-rank_LIBS := -lsqlite3
