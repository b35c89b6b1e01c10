/* calloc-nonzero.h: force-included (-include) into third-party scanners that
 * call calloc(0, size) and then write to the result: tree-sitter-swift 0.7.1
 * allocates its scanner state that way, a heap overflow under ASan. Rounding
 * a zero count up to one element fixes it without editing fetched sources. */
#ifndef AX_CALLOC_NONZERO_H
#define AX_CALLOC_NONZERO_H

#include <stdlib.h>

static inline void *ax_calloc_nonzero(size_t count, size_t size)
{
	return calloc(count ? count : 1, size);
}

#define calloc(count, size) ax_calloc_nonzero((count), (size))

#endif
