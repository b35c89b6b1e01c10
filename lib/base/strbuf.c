/* strbuf.c: a growing byte buffer. */
#include "base/strbuf.h"
#include "base/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ax_strbuf_add(struct ax_strbuf *b, const void *data, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = ax_realloc(b->s, b->cap);
	}
	if (n)
		memcpy(b->s + b->n, data, n);
	b->n += n;
	b->s[b->n] = '\0';
}

void ax_strbuf_adds(struct ax_strbuf *b, const char *s)
{
	ax_strbuf_add(b, s, strlen(s));
}

void ax_strbuf_addf(struct ax_strbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = ax_xvasprintf(fmt, ap);
	va_end(ap);
	ax_strbuf_adds(b, s);
	free(s);
}
