/* lang.h: the language registry (see languages.def) and detection. */
#ifndef AX_LANG_H
#define AX_LANG_H

#include <stddef.h>

enum ax_lang {
	AX_LANG_NONE = 0,
#define AX_LANG(id, name, entry, aliases, exts, files, interps) AX_LANG_##id,
#include "lang/languages.def"
#undef AX_LANG
	AX_LANG_COUNT
};

struct ax_lang_info {
	const char *name;         /* as stored in streams and the index */
	const char *aliases;      /* space-separated */
	const char *exts;         /* space-separated, without dots */
	const char *filenames;    /* space-separated, exact base names */
	const char *interpreters; /* space-separated shebang programs */
};

/* Metadata of a language; NULL for AX_LANG_NONE or out of range. */
const struct ax_lang_info *ax_lang_info(enum ax_lang lang);

/* Name as stored in records ("python"); "" for AX_LANG_NONE. */
const char *ax_lang_name(enum ax_lang lang);

/* By stored name or alias, case-insensitive ("py", "Python"); NONE if unknown. */
enum ax_lang ax_lang_by_name(const char *name);

/* Detect from the path alone (base name, extension); NONE if it takes the
 * contents to decide or the language is not supported. */
enum ax_lang ax_lang_from_path(const char *path);

/* Full detection: path first, then the first bytes of the file (`head`,
 * may be NULL) for shebang lines and the C/C++ choice for .h files. */
enum ax_lang ax_lang_detect(const char *path, const char *head, size_t head_len);

#endif
