/* strbuf.h: a growing byte buffer, kept NUL-terminated so that text built
 * in it can be used as a C string at any time. */
#ifndef AX_STRBUF_H
#define AX_STRBUF_H

#include <stddef.h>

struct ax_strbuf {
	char *s;       /* NULL until the first add; free() it when done */
	size_t n, cap; /* bytes held (without the NUL), allocated */
};

/* Append n bytes (data may be NULL when n is 0). */
void ax_strbuf_add(struct ax_strbuf *b, const void *data, size_t n);
/* Append a C string. */
void ax_strbuf_adds(struct ax_strbuf *b, const char *s);
/* Append printf-formatted text. */
void ax_strbuf_addf(struct ax_strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
