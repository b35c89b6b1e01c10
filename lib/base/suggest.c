/* suggest.c: the nearest known name by edit distance. */
#include "base/suggest.h"

#include <string.h>

size_t ax_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[64];
	if (la >= 63 || lb >= 63)
		return 64;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (up + 1 < best)
				best = up + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *ax_suggest(const char *name, const char *const *candidates, size_t n)
{
	const char *best = NULL;
	size_t bestd = 3; /* further than two edits is a different word */
	for (size_t i = 0; i < n; i++) {
		size_t d = ax_edit_distance(name, candidates[i]);
		if (d > 0 && d < bestd)
			bestd = d, best = candidates[i];
	}
	return best;
}
