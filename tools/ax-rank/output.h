/* output.h: printing ranked hits (human, JSON Lines, msgpack records). */
#ifndef RANK_OUTPUT_H
#define RANK_OUTPUT_H

#include "rank.h"

#include <stdbool.h>
#include <stddef.h>

enum out_format { OUT_HUMAN, OUT_JSON, OUT_MSGPACK };

struct out_opts {
	enum out_format format;
	bool color;     /* human output only */
	bool explain;   /* factors of each score */
	bool reranked;  /* false: scores are plain BM25 */
	const char *root; /* the index's root: human output shows paths from the current directory */
};

/* The first `n` hits of `h` on stdout. */
void output_hits(const struct hits *h, size_t n, const struct out_opts *o);

#endif
