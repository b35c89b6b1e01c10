/* pathcheck.c: the one rule for a path that comes from a record, a shard,
 * an index or a project's config (docs/stream.md, "Paths"): every stage
 * that opens, stores or stats such a path asks ax_path_check() first. */
#include "base/pathcheck.h"

#include <stdio.h>
#include <string.h>

const char *ax_path_check(const char *path, size_t len)
{
	if (!path || len == 0)
		return "empty path";
	if (memchr(path, '\0', len))
		return "NUL byte in the path";
	if (path[0] == '/')
		return "absolute path";
	for (size_t i = 0; i <= len;) {
		const char *s = path + i, *slash = memchr(s, '/', len - i);
		size_t n = slash ? (size_t)(slash - s) : len - i;
		if (n == 0)
			return "empty component (// or a trailing /)";
		if (n == 1 && s[0] == '.')
			return "'.' component";
		if (n == 2 && s[0] == '.' && s[1] == '.')
			return "'..' component";
		i += n + 1;
	}
	return NULL;
}

char *ax_path_shown(const char *path, size_t len, char *buf, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i < len && o + 8 < cap; i++) {
		unsigned char c = (unsigned char)path[i];
		if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"')
			buf[o++] = (char)c;
		else
			o += (size_t)snprintf(buf + o, cap - o, "\\x%02x", c);
	}
	if (o + 8 >= cap && len)
		o += (size_t)snprintf(buf + o, cap - o, "...");
	buf[o] = '\0';
	return buf;
}
