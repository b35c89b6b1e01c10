/* words.h: identifiers and paths split into search words.
 *
 * "parseHTTPHeader2" -> "parse http header 2", "snake_case-name" ->
 * "snake case name", "src/net/URLParser.ts" -> "src net url parser ts".
 * The index stores these beside the whole name so that a query for
 * "header" finds parseHTTPHeader2; ax-rank splits query words the same way. */
#ifndef AX_WORDS_H
#define AX_WORDS_H

#include <stddef.h>

/* Writes the lowercase words of s[0..n) separated by single spaces into
 * out (NUL-terminated, truncated at a word boundary to fit cap). Returns
 * the length written. Bytes >= 0x80 count as lowercase letters, so UTF-8
 * names split at ASCII case changes and separators only. */
size_t ax_split_words(const char *s, size_t n, char *out, size_t cap);

#endif
