/* cmp.h: comparators for qsort and bsearch that several places share. */
#ifndef AX_BASE_CMP_H
#define AX_BASE_CMP_H

#include <stddef.h>

/* Elements are `char *` (or `const char *`): by their bytes, as strcmp. */
int ax_cmp_strp(const void *a, const void *b);

/* qsort for arrays that are mostly in order already (rows read in id
 * order from a table filled in that order): the sorted prefix is kept,
 * only the rest is sorted, and the two are merged. The same result as
 * qsort (equal elements aside), in O(n) for a sorted array. */
void ax_sort_mostly_sorted(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

#endif
