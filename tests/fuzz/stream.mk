# fuzz_stream includes ax-cat's JSON reader and round-trips every record through it.
fuzz_stream_LIBS := -ljansson
