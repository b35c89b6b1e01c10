/* changes.c: the paths changed since the last round, de-duplicated at the
 * end of a debounce, and the switch to a full scan when there are too many
 * of them (a branch switch) or events were lost. */
#include "watch.h"
#include "base/cmp.h"
#include "base/cli.h"

#include <stdlib.h>
#include <string.h>

static void drop_paths(struct changes *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->paths[i]);
	c->n = 0;
}

void changes_full(struct changes *c, const char *why)
{
	if (!c->full)
		c->full = why;
	drop_paths(c);
}

void changes_settle(struct changes *c)
{
	if (c->full || !c->n)
		return;
	qsort(c->paths, c->n, sizeof *c->paths, ax_cmp_strp);
	size_t kept = 1;
	for (size_t i = 1; i < c->n; i++) {
		if (strcmp(c->paths[i], c->paths[kept - 1]) == 0)
			free(c->paths[i]);
		else
			c->paths[kept++] = c->paths[i];
	}
	c->n = kept;
	if (c->n > c->burst)
		changes_full(c, "many changes at once");
}

void changes_add(struct changes *c, const char *path)
{
	if (c->full)
		return;
	/* Under a constant stream of events the same paths come again and
	 * again: de-duplicate before the list outgrows a burst many times. */
	if (c->n >= 4 * c->burst + 64) {
		changes_settle(c);
		if (c->full)
			return;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->paths = ax_realloc(c->paths, c->cap * sizeof *c->paths);
	}
	c->paths[c->n++] = ax_strdup(path);
}

bool changes_pending(const struct changes *c)
{
	return c->full || c->n;
}

void changes_clear(struct changes *c)
{
	drop_paths(c);
	c->full = NULL;
}
