# grammars.mk: the tree-sitter C runtime and the grammar parsers, compiled
# from the npm tarballs pinned in grammars/grammars.lock. Included by the top
# Makefile (which sets B, SANFLAGS and GRAMMAR_DIR); defines
#   TS_HEADERS   stamp that exists once every tarball is verified and unpacked
#   TS_CPPFLAGS  -I for <tree_sitter/api.h> of the runtime we build
#   TS_LIBS      the parsers and the runtime, in link order
# `make grammars` builds just these. docs/grammars.md explains the fetch.

GRAMMAR_LOCK := grammars/grammars.lock
GRAMMAR_SRC  := $(GRAMMAR_DIR)/src
GRAMMAR_OBJ_DIR := $(B)/obj/grammars

# Third-party code: its warnings are not ours to fix, and it is where parsing
# time goes, so it is optimised even when CFLAGS asks for a debug build.
GRAMMAR_CFLAGS := -O2 -w $(SANFLAGS)

# One fetch for the whole build, whatever -j says: every object waits for it.
# The stamp lives among the sources, so deleting them fetches them again.
TS_HEADERS := $(GRAMMAR_SRC)/.fetched
$(TS_HEADERS): $(GRAMMAR_LOCK) grammars/fetch.sh
	grammars/fetch.sh $(GRAMMAR_LOCK) $(GRAMMAR_DIR)
	touch $@

# Rows "name:unpacked:dir:src1,src2" of the lock (see fetch.sh --list).
GRAMMAR_ROWS := $(shell grammars/fetch.sh --list $(GRAMMAR_LOCK))
comma := ,
row_field   = $(word $(2),$(subst :, ,$(1)))
row_name    = $(call row_field,$(1),1)
row_dir     = $(GRAMMAR_SRC)/$(call row_field,$(1),2)/$(call row_field,$(1),3)
row_sources = $(subst $(comma), ,$(call row_field,$(1),4))

TS_RUNTIME_DIR   := $(call row_dir,$(filter runtime:%,$(GRAMMAR_ROWS)))
TS_RUNTIME_FLAGS := -std=c11 -D_POSIX_C_SOURCE=200112L -D_DEFAULT_SOURCE \
	-I$(TS_RUNTIME_DIR)/src -I$(TS_RUNTIME_DIR)/include
TS_CPPFLAGS := -I$(TS_RUNTIME_DIR)/include

# Each grammar with its own include dir: they ship differing copies of
# tree_sitter/parser.h.
row_flags = $(if $(filter runtime,$(call row_name,$(1))),$(TS_RUNTIME_FLAGS),-I$(call row_dir,$(1)))

# compile_rule(name, source dir, source, flags): one object per source under
# $(B)/obj/grammars/NAME/. Sources appear once the stamp is made. Their paths
# hold the pinned version, so a bumped pin names new files, newer than the
# old objects: exactly that grammar is rebuilt.
define compile_rule
$(GRAMMAR_OBJ_DIR)/$(1)/$(basename $(notdir $(3))).o: $(2)/$(3)
	@mkdir -p $$(@D)
	$$(CC) $(4) $$(GRAMMAR_CFLAGS) -c $$< -o $$@
$(2)/$(3): | $(TS_HEADERS) ;
$(1)_GRAMMAR_OBJ += $(GRAMMAR_OBJ_DIR)/$(1)/$(basename $(notdir $(3))).o
endef

# Only the sources the lock lists (Swift's extra parser_abi13.c and
# parser_abi14.c are not).
$(foreach row,$(GRAMMAR_ROWS),$(foreach src,$(call row_sources,$(row)),$(eval \
	$(call compile_rule,$(call row_name,$(row)),$(call row_dir,$(row)),$(src),$(call row_flags,$(row))))))

GRAMMAR_NAMES := $(filter-out runtime,$(foreach row,$(GRAMMAR_ROWS),$(call row_name,$(row))))
GRAMMAR_OBJ   := $(foreach n,$(GRAMMAR_NAMES),$($(n)_GRAMMAR_OBJ))

# Swift 0.7.1's scanner writes into calloc(0, ...): see calloc-nonzero.h.
$(GRAMMAR_OBJ_DIR)/swift/scanner.o: GRAMMAR_CFLAGS += -include grammars/calloc-nonzero.h
$(GRAMMAR_OBJ_DIR)/swift/scanner.o: grammars/calloc-nonzero.h
# ... and shifts an int by 32 (`1 << suppressor`, docs/grammars.md): left as
# compiled upstream, but not a UBSan stop in the sanitizer build.
$(GRAMMAR_OBJ_DIR)/swift/scanner.o: GRAMMAR_CFLAGS += $(if $(SANFLAGS),-fno-sanitize=shift)

$(B)/lib/libaxgrammars.a: $(GRAMMAR_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && $(AR) rcs $@ $^

$(B)/lib/libtree-sitter.a: $(runtime_GRAMMAR_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && $(AR) rcs $@ $^

TS_LIBS := $(B)/lib/libaxgrammars.a $(B)/lib/libtree-sitter.a

grammars: $(TS_LIBS)
.PHONY: grammars
