/* text.h: turning source bytes into the short, clean strings ax-parse stores.
 *
 * Everything ax-parse writes as text passes through here, so that one file
 * cannot put invalid UTF-8, control characters or megabytes of a minified
 * line into the index. */
#ifndef AX_PARSE_TEXT_H
#define AX_PARSE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Longest stored string in bytes (names, signatures, docs, import text). */
#define TEXT_MAX 200

/* Copy s[0..n) into out (room for TEXT_MAX + 1 bytes) as valid UTF-8 on one
 * line: invalid bytes become U+FFFD, control characters are dropped, runs of
 * white space become one space, both ends are trimmed; text past TEXT_MAX
 * bytes is cut at a character boundary and ends in "...". Returns the length
 * written (out is NUL-terminated). */
size_t text_clean(const char *s, size_t n, char *out);

/* Like text_clean, after removing one pair of matching quotes ("x", 'x',
 * `x`, and with `angles` <x>: an include, never a name such as Ruby's
 * `<=>` method) around the text. */
size_t text_clean_unquoted(const char *s, size_t n, bool angles, char *out);

/* A declaration header: text_clean of s[0..n) without a trailing "{", ":", ";", "="
 * or " do" that opens the body. */
size_t text_signature(const char *s, size_t n, char *out);

/* The first sentence of a comment or doc string: comment markers (//, ///,
 * #, /asterisk, leading asterisks, quotes) are removed, lines joined, and the
 * text ends at the first ". " or blank line. */
size_t text_doc(const char *s, size_t n, char *out);

#endif
