# ax-parse: the tree-sitter runtime and parsers, plus the queries of
# grammars/queries/ built into the binary (embed.sh makes a C table of them).
AX_PARSE_QUERIES  := $(sort $(wildcard grammars/queries/*/*.scm))
AX_PARSE_QUERY_C  := $(B)/gen/ax-parse/query_data.c
AX_PARSE_QUERY_O  := $(B)/obj/gen/ax-parse/query_data.o

$(AX_PARSE_QUERY_C): $(AX_PARSE_QUERIES) tools/ax-parse/embed.sh
	@mkdir -p $(@D)
	tools/ax-parse/embed.sh $@ grammars/queries

$(AX_PARSE_QUERY_O): $(AX_PARSE_QUERY_C) tools/ax-parse/query_data.h
	@mkdir -p $(@D)
	$(CC) $(AX_CPPFLAGS) -Itools/ax-parse $(AX_CFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

ax-parse_DEPS := $(AX_PARSE_QUERY_O) $(TS_LIBS)
