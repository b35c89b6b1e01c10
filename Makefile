# ax: one entry point.
#   make                 libax.a and every tools/ax-* into build/bin/
#   make test            unit tests + end-to-end tests, ends with "N passed, N failed"
#   make SANITIZE=1 ...  the same with ASan+UBSan, in build/san/
#   make demo            install dependencies, build, index a sample, query it
#   make check-long      longer checks (fuzzing, ...)      make bench: benchmarks
#   make install PREFIX=/usr/local                         make clean
#
# Non-recursive: lib/*/*.c (one folder per subsystem, lib/README.md) make build/lib/libax.a; each tools/ax-NAME/*.c links
# into build/bin/ax-NAME. A tool's extra libraries go in tools/ax-NAME/tool.mk
# as `ax-NAME_LIBS := ...`.

CC       ?= cc
CFLAGS   ?= -O2 -g
PREFIX   ?= /usr/local
AX_VERSION := 0.1.0

ifeq ($(SANITIZE),1)
B        := build/san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else
B        := build
SANFLAGS :=
endif

# Grammar sources are fetched once into build/grammars, shared by both builds.
GRAMMAR_DIR := build/grammars

AX_CPPFLAGS := -Ilib -DAX_VERSION='"$(AX_VERSION)"' -D_GNU_SOURCE
AX_CFLAGS   := -std=c11 -Wall -Wextra $(SANFLAGS)
AX_LDFLAGS  := $(SANFLAGS)
BASE_LIBS   := -lmsgpackc -lxxhash -ljansson -lpcre2-8 -lm -lpthread

LIBAX     := $(B)/lib/libax.a
LIB_SRC   := $(wildcard lib/*/*.c)
LIB_OBJ   := $(LIB_SRC:%.c=$(B)/obj/%.o)
TOOLS     := $(notdir $(wildcard tools/ax tools/ax-*))
TOOL_BINS := $(TOOLS:%=$(B)/bin/%)

all: $(TOOL_BINS)

# grammars.mk defines TS_CPPFLAGS, TS_LIBS (runtime + parsers) and their rules.
include grammars/grammars.mk
include $(wildcard tools/*/tool.mk)

AX_CPPFLAGS += $(TS_CPPFLAGS)

$(B)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(AX_CPPFLAGS) $(AX_CFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

# The schema objects of every migration version, made at build time for
# the check at every open (lib/index/objects_built.h): a program linked with
# the library's objects except that table (an archive, so that only what
# running the migrations needs is pulled in) writes them as C.
SCHEMA_GEN      := $(B)/gen/index/schema-gen
SCHEMA_GEN_LIB  := $(B)/gen/index/libax-migrations.a
SCHEMA_BUILT_C  := $(B)/gen/index/schema_built.c
SCHEMA_BUILT_O  := $(B)/obj/gen/index/schema_built.o

$(SCHEMA_GEN_LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && $(AR) rcs $@ $^

$(SCHEMA_GEN): lib/index/gen/schema_gen.c lib/index/objects_built.h $(SCHEMA_GEN_LIB)
	@mkdir -p $(@D)
	$(CC) $(AX_CPPFLAGS) $(AX_CFLAGS) $(CFLAGS) $(AX_LDFLAGS) $(LDFLAGS) -o $@ $< $(SCHEMA_GEN_LIB) \
		-lsqlite3 $(BASE_LIBS)

$(SCHEMA_BUILT_C): $(SCHEMA_GEN)
	$(SCHEMA_GEN) > $@.tmp && mv $@.tmp $@

$(SCHEMA_BUILT_O): $(SCHEMA_BUILT_C) lib/index/objects_built.h
	@mkdir -p $(@D)
	$(CC) $(AX_CPPFLAGS) $(AX_CFLAGS) $(CFLAGS) -c $< -o $@

$(LIBAX): $(LIB_OBJ) $(SCHEMA_BUILT_O)
	@mkdir -p $(@D)
	rm -f $@ && $(AR) rcs $@ $^

# Objects of the tools and tests wait for the grammar headers to exist.
$(LIB_OBJ): | $(TS_HEADERS)

define tool_rule
$(1)_OBJ := $$(patsubst %.c,$(B)/obj/%.o,$$(wildcard tools/$(1)/*.c))
$$($(1)_OBJ): | $(TS_HEADERS)
$(B)/bin/$(1): $$($(1)_OBJ) $(LIBAX) $$($(1)_DEPS)
	@mkdir -p $$(@D)
	$$(CC) $(AX_LDFLAGS) $$(LDFLAGS) -o $$@ $$($(1)_OBJ) $(LIBAX) $$($(1)_DEPS) $$($(1)_LIBS) $(BASE_LIBS)
endef
$(foreach t,$(TOOLS),$(eval $(call tool_rule,$(t))))

# Unit tests: every tests/unit/test_*.c is a program linked with libax, the
# grammars and SQLite (what libax needs). A test of a tool's private file
# includes the .c (#include "../../tools/ax-rank/query.c"), so it may reach
# its static functions too; the fuzzers do the same.
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_OBJ  := $(UNIT_SRC:%.c=$(B)/obj/%.o)
UNIT_BINS := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

$(B)/tests/%: $(B)/obj/tests/unit/%.o $(LIBAX) $(TS_LIBS)
	@mkdir -p $(@D)
	$(CC) $(AX_LDFLAGS) $(LDFLAGS) -o $@ $< $(LIBAX) $(TS_LIBS) -lsqlite3 $(BASE_LIBS)
$(UNIT_OBJ): | $(TS_HEADERS)

test: all $(UNIT_BINS)
	@tests/run.sh $(B)

# Fuzzing needs clang's libFuzzer. libax is rebuilt with coverage for it in
# build/fuzz/; each tests/fuzz/fuzz_NAME.c runs on seeds in tests/fuzz/seeds/NAME.
FUZZ_SRC     := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS    := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
FUZZ_SECONDS ?= 60
FUZZ_FLAGS   := -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_LIBAX   := build/fuzz/libax.a
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=build/fuzz/obj/%.o)
# A fuzzer's extra libraries: fuzz_NAME_LIBS in tests/fuzz/NAME.mk.
include $(wildcard tests/fuzz/*.mk)

build/fuzz/obj/%.o: %.c | $(TS_HEADERS)
	@mkdir -p $(@D)
	clang $(AX_CPPFLAGS) -std=c11 $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

build/fuzz/obj/gen/index/schema_built.o: $(SCHEMA_BUILT_C)
	@mkdir -p $(@D)
	clang $(AX_CPPFLAGS) -std=c11 $(FUZZ_FLAGS) -c $< -o $@

$(FUZZ_LIBAX): $(FUZZ_LIB_OBJ) build/fuzz/obj/gen/index/schema_built.o
	rm -f $@ && $(AR) rcs $@ $^

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIBAX)
	clang $(AX_CPPFLAGS) -std=c11 $(FUZZ_FLAGS) -fsanitize=fuzzer -MMD -MP -o $@ \
		$< $(FUZZ_LIBAX) $(fuzz_$*_LIBS) $(BASE_LIBS)

fuzz: $(FUZZ_BINS)
	@for f in $(FUZZ_BINS); do \
		n=$$(basename $$f); n=$${n#fuzz_}; mkdir -p build/fuzz/corpus-$$n; \
		echo "fuzzing $$n for $(FUZZ_SECONDS)s"; \
		$$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -print_final_stats=1 \
			build/fuzz/corpus-$$n tests/fuzz/seeds/$$n || exit 1; \
	done

check-long: test
	$(MAKE) fuzz FUZZ_SECONDS=60
	@scripts/check-long.sh $(B)

bench: all
	@scripts/bench/run.sh $(B)

# make eval: the relevance harness of ax-rank (scripts/eval/).
include scripts/eval/eval.mk

demo:
	scripts/deps.sh
	$(MAKE) all
	@scripts/demo.sh $(B)

# Shell completion: bash-completion loads a command's file by its name, so
# each ax-* tool gets a link to the one file.
BASH_COMPDIR := $(PREFIX)/share/bash-completion/completions
ZSH_COMPDIR  := $(PREFIX)/share/zsh/site-functions

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(BASH_COMPDIR) $(DESTDIR)$(ZSH_COMPDIR)
	install -m 755 $(TOOL_BINS) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(wildcard tools/*/*.1) $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 completions/ax.bash $(DESTDIR)$(BASH_COMPDIR)/ax
	for t in $(filter-out ax,$(TOOLS)); do ln -sf ax $(DESTDIR)$(BASH_COMPDIR)/$$t; done
	install -m 644 completions/_ax $(DESTDIR)$(ZSH_COMPDIR)/_ax

clean:
	rm -rf build/bin build/lib build/obj build/tests build/san build/fuzz

# distclean also drops the fetched grammar tarballs (the next build needs npm).
distclean:
	rm -rf build

.PHONY: all test fuzz check-long bench demo install clean distclean
.DELETE_ON_ERROR:

# Header dependencies (-MMD) of every object: libax, the tools, the unit
# tests, ax-parse's generated query table and the fuzzers.
-include $(LIB_OBJ:.o=.d) $(foreach t,$(TOOLS),$($(t)_OBJ:.o=.d)) $(UNIT_OBJ:.o=.d) \
	$(AX_PARSE_QUERY_O:.o=.d) $(FUZZ_LIB_OBJ:.o=.d) $(FUZZ_BINS:=.d)
