/* cmp.c: comparators for qsort and bsearch that several places share. */
#include "base/cmp.h"

#include <string.h>

int ax_cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}
