/* words.c: splitting identifiers at case changes, digits and separators. */
#include "base/words.h"

enum cls { SEP, LOWER, UPPER, DIGIT };

static enum cls classify(unsigned char c)
{
	if (c >= 'a' && c <= 'z') return LOWER;
	if (c >= 'A' && c <= 'Z') return UPPER;
	if (c >= '0' && c <= '9') return DIGIT;
	if (c >= 0x80) return LOWER;
	return SEP;
}

/* Does a new word start at s[i]? */
static int starts_word(const unsigned char *s, size_t n, size_t i)
{
	enum cls prev = classify(s[i - 1]), cur = classify(s[i]);
	if (prev == SEP)
		return 0; /* handled by the caller: separators end words */
	if (cur == UPPER && prev == LOWER)
		return 1; /* parse|Http */
	if (cur == UPPER && prev == UPPER && i + 1 < n && classify(s[i + 1]) == LOWER)
		return 1; /* HTTP|Header: the last capital starts the next word */
	if ((cur == DIGIT) != (prev == DIGIT))
		return 1; /* header|2, v2|beta */
	return 0;
}

size_t ax_split_words(const char *str, size_t n, char *out, size_t cap)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len = 0, word_start = 0; /* where the current word's space went */
	int in_word = 0;

	if (cap == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		enum cls c = classify(s[i]);
		if (c == SEP) {
			in_word = 0;
			continue;
		}
		int fresh = !in_word || starts_word(s, n, i);
		/* Room for the byte, a space before a new word, and the NUL. */
		if (len + 1 + (fresh && len > 0) + 1 > cap) {
			if (!fresh)
				len = word_start; /* drop the cut-off word */
			break;
		}
		if (fresh) {
			word_start = len;
			if (len > 0)
				out[len++] = ' ';
		}
		out[len++] = c == UPPER ? (char)(s[i] - 'A' + 'a') : (char)s[i];
		in_word = 1;
	}
	out[len] = '\0';
	return len;
}
