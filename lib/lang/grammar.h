/* grammar.h: the tree-sitter grammar compiled in for each language.
 *
 * The parsers and the runtime come from the npm tarballs pinned in
 * grammars/grammars.lock; a program using this links $(TS_LIBS). */
#ifndef AX_GRAMMAR_H
#define AX_GRAMMAR_H

#include <tree_sitter/api.h>

#include "lang/lang.h"

/* The grammar of `lang`, for ts_parser_set_language(); NULL for
 * AX_LANG_NONE or out of range. */
const TSLanguage *ax_grammar(enum ax_lang lang);

#endif
