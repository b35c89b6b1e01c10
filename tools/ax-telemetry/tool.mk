ax-telemetry_LIBS := -lsqlite3 -ljansson -lcurl
