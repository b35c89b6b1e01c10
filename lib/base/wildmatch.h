/* wildmatch.h: git's glob matcher (wildmatch.c in git), so that ignore
 * patterns match exactly as git matches them: `*`, `?`, `[...]` with ranges,
 * `!`/`^` negation and [:class:] names, backslash escapes, and with
 * AX_WM_PATHNAME the double-star rules of gitignore(5). */
#ifndef AX_WILDMATCH_H
#define AX_WILDMATCH_H

#include <stdbool.h>

#define AX_WM_CASEFOLD 1 /* ASCII case-insensitive */
#define AX_WM_PATHNAME 2 /* wildcards do not match '/', except "**" */

/* Does NUL-terminated `text` match NUL-terminated `pattern`? */
bool ax_wildmatch(const char *pattern, const char *text, unsigned flags);

#endif
