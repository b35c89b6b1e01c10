# fuzz_stream also round-trips every record through ax-cat's JSON reader.
fuzz_stream_SRC  := tools/ax-cat/from_json.c
fuzz_stream_LIBS := -ljansson
