ax-graph_LIBS := -lsqlite3 -ljansson
