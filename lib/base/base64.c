/* base64.c: RFC 4648 base64 with padding. */
#include "base/base64.h"

#include <string.h>

static const char alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t ax_base64_len(size_t n)
{
	return (n + 2) / 3 * 4;
}

void ax_base64_encode(const unsigned char *in, size_t n, char *out)
{
	size_t i = 0;
	for (; i + 2 < n; i += 3) {
		unsigned v = in[i] << 16 | in[i + 1] << 8 | in[i + 2];
		*out++ = alphabet[v >> 18];
		*out++ = alphabet[v >> 12 & 63];
		*out++ = alphabet[v >> 6 & 63];
		*out++ = alphabet[v & 63];
	}
	if (i < n) {
		unsigned v = in[i] << 16 | (i + 1 < n ? in[i + 1] << 8 : 0);
		*out++ = alphabet[v >> 18];
		*out++ = alphabet[v >> 12 & 63];
		*out++ = i + 1 < n ? alphabet[v >> 6 & 63] : '=';
		*out++ = '=';
	}
	*out = '\0';
}

static int digit(char c)
{
	const char *p = c ? strchr(alphabet, c) : NULL;
	return p ? (int)(p - alphabet) : -1;
}

long ax_base64_decode(const char *in, size_t n, unsigned char *out)
{
	if (n % 4)
		return -1;
	long len = 0;
	for (size_t i = 0; i < n; i += 4) {
		int last = i + 4 == n;
		int pad = last && in[i + 3] == '=' ? (in[i + 2] == '=' ? 2 : 1) : 0;
		int d[4];
		for (int k = 0; k < 4 - pad; k++)
			if ((d[k] = digit(in[i + k])) < 0)
				return -1;
		for (int k = 4 - pad; k < 4; k++)
			d[k] = 0;
		unsigned v = d[0] << 18 | d[1] << 12 | d[2] << 6 | d[3];
		/* Canonical only: the bits under the padding must be zero, so
		 * that decoding and encoding again gives the same text. */
		if ((pad == 1 && (v & 0xff)) || (pad == 2 && (v & 0xffff)))
			return -1;
		out[len++] = v >> 16;
		if (pad < 2)
			out[len++] = v >> 8 & 0xff;
		if (pad < 1)
			out[len++] = v & 0xff;
	}
	return len;
}
