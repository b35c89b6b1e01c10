/* base64.h: RFC 4648 base64 with padding, for bytes inside JSON. */
#ifndef AX_BASE64_H
#define AX_BASE64_H

#include <stddef.h>

/* Encoded length of n bytes, without the terminating NUL. */
size_t ax_base64_len(size_t n);
/* Writes ax_base64_len(n) characters and a NUL to out. */
void ax_base64_encode(const unsigned char *in, size_t n, char *out);
/* Decodes into out (room for n*3/4 bytes); returns the length or -1 if
 * `in` is not canonical padded base64. */
long ax_base64_decode(const char *in, size_t n, unsigned char *out);

#endif
