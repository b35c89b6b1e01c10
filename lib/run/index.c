/* index.c: the argv of ax-scan | ax-parse | ax-load. */
#include "run/index.h"

#include <string.h>
#include <unistd.h>

void index_stages(struct index_stages *s, const struct index_opts *o)
{
	memset(s, 0, sizeof *s);
	int ns = 1, np = 1, nl = 1;
	/* A new index has nothing to compare with: ax-scan must not use the
	 * one it would find by itself (.ax/index.db) in its place. */
	bool fresh = o->db && access(o->db, F_OK) != 0;
	s->scan[ns++] = "--quiet";
	if (o->changed && !fresh)
		s->scan[ns++] = "--changed";
	if (o->paths_on_stdin) {
		s->scan[ns++] = "--stdin";
		s->scan[ns++] = "-0";
	}
	if (o->no_ignore)
		s->scan[ns++] = "--no-ignore";
	if (o->root) {
		s->scan[ns++] = "--root";
		s->scan[ns++] = (char *)o->root;
	}
	if (fresh) {
		s->scan[ns++] = "--rehash";
	} else if (o->db) {
		s->scan[ns++] = "--db";
		s->scan[ns++] = (char *)o->db;
	}
	s->scan[ns++] = (char *)o->dir;
	if (o->jobs) {
		s->parse[np++] = "-j";
		s->parse[np++] = (char *)o->jobs;
	}
	if (o->db) {
		s->load[nl++] = "--db";
		s->load[nl++] = (char *)o->db;
	}
	if (o->quiet)
		s->load[nl++] = "--quiet";
	s->st[0] = (struct stage){ .tool = "ax-scan", .argv = s->scan };
	s->st[1] = (struct stage){ .tool = "ax-parse", .argv = s->parse };
	s->st[2] = (struct stage){ .tool = "ax-load", .argv = s->load };
}
