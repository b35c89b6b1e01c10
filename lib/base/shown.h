/* shown.h: names and text as ax's output shows them (docs/conventions.md,
 * "Names in output").
 *
 * Text output (for people, and for grep and editors reading FILE:LINE) must
 * never let a file or symbol name break a line or drive the terminal: a
 * newline in a file name would split one hit into two. So a name that
 * holds a control character, DEL, '"', '\' or bytes that are not UTF-8 is
 * shown as git shows such a path: in double quotes, with C escapes
 * (\n \t \r \a \b \f \v \" \\, any other such byte as \ooo octal). Valid
 * UTF-8 letters (método, 计算) stay as they are (git's core.quotePath=false).
 * --json writes names through ax_json_write_string() (base/json.h). */
#ifndef AX_SHOWN_H
#define AX_SHOWN_H

#include <stddef.h>

/* A name (a file path, a symbol name) as text output shows it: s itself
 * when it needs no quoting, else the quoted form. The result stays valid
 * until the 8th call after (a ring of buffers per thread), so a printf may
 * take several. */
const char *ax_shown(const char *s);

/* Free text printed at the end of a line (a signature, a source line, a
 * message): the same escapes, without quotes; '"', '\' and tabs stay as
 * they are, as code has them. */
const char *ax_shown_text(const char *s);

/* Columns s takes on a terminal: wcwidth() of each code point under a
 * UTF-8 locale (East Asian wide characters 2, combining marks 0), a byte
 * that is not UTF-8 1. */
int ax_display_width(const char *s);

/* Spaces that pad s to `width` columns (0 if it is as wide or wider), for
 * printf("%s%*s", s, ax_pad(s, w), ""). */
int ax_pad(const char *s, int width);

/* s as valid UTF-8: each byte that is not part of a valid sequence becomes
 * U+FFFD, as --json writes it (base/json.h). malloc'd. */
char *ax_utf8_repair(const char *s);

/* The UTF-8 sequence at s (n bytes available): its length 1..4 and code
 * point, or 0 if the bytes there are not a valid sequence. */
size_t ax_utf8_next(const char *s, size_t n, unsigned *cp);

#endif
