/* cmp.c: comparators for qsort and bsearch that several places share, and
 * a sort for arrays mostly in order. */
#include "base/cmp.h"
#include "base/cli.h"

#include <stdlib.h>
#include <string.h>

int ax_cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void ax_sort_mostly_sorted(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	char *v = base;
	size_t p = 1;
	while (p < n && cmp(v + (p - 1) * size, v + p * size) <= 0)
		p++;
	if (p >= n)
		return;
	qsort(v + p * size, n - p, size, cmp);
	/* Merge [0, p) and [p, n) through a copy of the first run. */
	char *a = ax_malloc(p * size);
	memcpy(a, v, p * size);
	size_t i = 0, j = p, k = 0;
	while (i < p && j < n) {
		if (cmp(v + j * size, a + i * size) < 0)
			memcpy(v + k++ * size, v + j++ * size, size);
		else
			memcpy(v + k++ * size, a + i++ * size, size);
	}
	memcpy(v + k * size, a + i * size, (p - i) * size);
	free(a);
}
