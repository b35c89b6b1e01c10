/* grammar.c: languages.def's entry points as a table indexed by enum ax_lang. */
#include "lang/grammar.h"

#define AX_LANG(id, name, entry, aliases, exts, files, interps) \
	const TSLanguage *entry(void);
#include "lang/languages.def"
#undef AX_LANG

static const TSLanguage *(*const entry_points[AX_LANG_COUNT])(void) = {
#define AX_LANG(id, name, entry, aliases, exts, files, interps) \
	[AX_LANG_##id] = entry,
#include "lang/languages.def"
#undef AX_LANG
};

const TSLanguage *ax_grammar(enum ax_lang lang)
{
	/* An unsigned compare also rejects negative values. */
	if ((unsigned)lang >= AX_LANG_COUNT || !entry_points[lang])
		return NULL;
	return entry_points[lang]();
}
