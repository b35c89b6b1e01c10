/* cmp.h: comparators for qsort and bsearch that several places share. */
#ifndef AX_BASE_CMP_H
#define AX_BASE_CMP_H

/* Elements are `char *` (or `const char *`): by their bytes, as strcmp. */
int ax_cmp_strp(const void *a, const void *b);

#endif
