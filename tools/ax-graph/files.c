/* files.c: the commands on the file graph: deps, rdeps, closure, cycles,
 * path, orphans, stats. Edges come from the edges table (lib/resolve/resolve.h). */
#include "graph.h"
#include "base/cmp.h"
#include "base/cli.h"
#include "base/relpath.h"
#include "base/json.h"
#include "base/shown.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A set of file ids with a value each (depth, parent): open addressing. */
struct idmap {
	int64_t *key;
	int64_t *val;
	size_t cap, n;
};

static size_t slot(const struct idmap *m, int64_t k)
{
	size_t h = (size_t)((uint64_t)k * 0x9e3779b97f4a7c15ull >> 20) & (m->cap - 1);
	while (m->key[h] && m->key[h] != k)
		h = (h + 1) & (m->cap - 1);
	return h;
}

static bool idmap_get(const struct idmap *m, int64_t k, int64_t *v)
{
	if (!m->cap)
		return false;
	size_t h = slot(m, k);
	if (!m->key[h])
		return false;
	if (v)
		*v = m->val[h];
	return true;
}

static void idmap_put(struct idmap *m, int64_t k, int64_t v)
{
	if ((m->n + 1) * 2 > m->cap) {
		struct idmap g = { .cap = m->cap ? m->cap * 2 : 64 };
		g.key = ax_calloc(g.cap, sizeof *g.key);
		g.val = ax_calloc(g.cap, sizeof *g.val);
		for (size_t i = 0; i < m->cap; i++)
			if (m->key[i])
				idmap_put(&g, m->key[i], m->val[i]);
		free(m->key), free(m->val);
		*m = g;
	}
	size_t h = slot(m, k);
	if (!m->key[h])
		m->n++;
	m->key[h] = k, m->val[h] = v;
}

static void idmap_free(struct idmap *m)
{
	free(m->key), free(m->val);
}

/* deps --external: the imports that lead to no file of the index (packages,
 * the standard library, and what stays unresolved), in source order. */
static int external_deps(struct ctx *c, int64_t id, const char *self)
{
	sqlite3_stmt *st = prep(c, "SELECT raw, line, status FROM imports WHERE file_id = ?1"
				   " AND status IN ('external', 'unresolved') ORDER BY line, id");
	sqlite3_bind_int64(st, 1, id);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *raw = (const char *)sqlite3_column_text(st, 0);
		const char *status = (const char *)sqlite3_column_text(st, 2);
		n++;
		if (c->fmt != FMT_JSON) {
			printf("%s%s\n", ax_shown(raw), strcmp(status, "external") ? "  (unresolved)" : "");
			continue;
		}
		printf("{\"file\":");
		ax_json_print_str(self);
		printf(",\"raw\":");
		ax_json_print_str(raw);
		printf(",\"line\":%d,\"status\":", sqlite3_column_int(st, 1));
		ax_json_print_str(status);
		json_end();
	}
	sqlite3_finalize(st);
	return n ? AX_EXIT_OK : AX_EXIT_NONE;
}

int cmd_deps(struct ctx *c, char **argv, bool reverse)
{
	int64_t id = file_arg(c, argv[0]);
	char *self = file_path(c, id);
	if (c->external) {
		if (reverse)
			ax_usage_error("--external goes with deps, not rdeps");
		int rc = external_deps(c, id, self);
		free(self);
		return rc;
	}
	sqlite3_stmt *st = prep(c, reverse
		? "SELECT f.path, i.raw, i.line FROM edges e JOIN files f ON f.id = e.src_id"
		  " JOIN imports i ON i.id = e.import_id WHERE e.dst_id = ?1 ORDER BY f.path, i.line"
		: "SELECT f.path, i.raw, i.line FROM edges e JOIN files f ON f.id = e.dst_id"
		  " JOIN imports i ON i.id = e.import_id WHERE e.src_id = ?1 ORDER BY f.path, i.line");
	sqlite3_bind_int64(st, 1, id);
	out_begin(c);
	int n = 0;
	char *last = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *p = (const char *)sqlite3_column_text(st, 0);
		if (c->fmt == FMT_JSON) {
			/* one line per import: the same file can be imported twice */
			printf("{\"file\":");
			ax_json_print_str(reverse ? p : self);
			printf(",\"imports\":");
			ax_json_print_str(reverse ? self : p);
			printf(",\"raw\":");
			ax_json_print_str((const char *)sqlite3_column_text(st, 1));
			printf(",\"line\":%d", sqlite3_column_int(st, 2));
			json_end();
			n++;
			continue;
		}
		if (last && !strcmp(last, p))
			continue;
		free(last);
		last = ax_strdup(p);
		n++;
		if (c->fmt == FMT_TEXT)
			printf("%s\n", ax_shown(ax_relpath_show(c->root, p)));
		else
			out_edge(c, reverse ? p : self, reverse ? self : p);
	}
	out_end(c);
	sqlite3_finalize(st);
	free(last), free(self);
	return n ? AX_EXIT_OK : AX_EXIT_NONE;
}

static sqlite3_stmt *neighbours(struct ctx *c, bool reverse)
{
	return prep(c, reverse ? "SELECT DISTINCT src_id FROM edges WHERE dst_id = ?1"
			       : "SELECT DISTINCT dst_id FROM edges WHERE src_id = ?1");
}

int cmd_closure(struct ctx *c, char **argv)
{
	int64_t start = file_arg(c, argv[0]);
	sqlite3_stmt *nb = neighbours(c, c->reverse);
	struct idmap depth = { 0 };
	int64_t *queue = ax_malloc(sizeof *queue), *parent = ax_malloc(sizeof *parent);
	size_t head = 0, tail = 0, cap = 1;
	int64_t *ea = NULL, *eb = NULL; /* edges seen, for pictures */
	size_t ne = 0, ecap = 0;
	idmap_put(&depth, start, 0);
	queue[tail] = start, parent[tail++] = 0;
	while (head < tail) {
		int64_t u = queue[head++], du = 0;
		idmap_get(&depth, u, &du);
		if (c->depth >= 0 && du >= c->depth)
			continue;
		sqlite3_bind_int64(nb, 1, u);
		while (sqlite3_step(nb) == SQLITE_ROW) {
			int64_t v = sqlite3_column_int64(nb, 0);
			if (ne == ecap) {
				ecap = ecap ? ecap * 2 : 64;
				ea = ax_realloc(ea, ecap * sizeof *ea), eb = ax_realloc(eb, ecap * sizeof *eb);
			}
			ea[ne] = u, eb[ne++] = v;
			if (idmap_get(&depth, v, NULL))
				continue;
			idmap_put(&depth, v, du + 1);
			if (tail == cap) {
				cap *= 2;
				queue = ax_realloc(queue, cap * sizeof *queue);
				parent = ax_realloc(parent, cap * sizeof *parent);
			}
			queue[tail] = v, parent[tail++] = u;
		}
		sqlite3_reset(nb);
	}
	sqlite3_finalize(nb);
	if (c->fmt == FMT_TEXT || c->fmt == FMT_JSON) {
		for (size_t i = 1; i < tail; i++) {
			char *p = file_path(c, queue[i]);
			int64_t d = 0;
			idmap_get(&depth, queue[i], &d);
			if (c->fmt == FMT_TEXT) {
				printf("%s\n", ax_shown(ax_relpath_show(c->root, p)));
			} else {
				char *via = file_path(c, parent[i]);
				printf("{\"file\":");
				ax_json_print_str(p);
				printf(",\"depth\":%lld,\"via\":", (long long)d);
				ax_json_print_str(via);
				json_end();
				free(via);
			}
			free(p);
		}
	} else {
		out_begin(c);
		for (size_t i = 0; i < ne; i++) {
			char *a = file_path(c, ea[i]), *b = file_path(c, eb[i]);
			if (c->reverse)
				out_edge(c, b, a);
			else
				out_edge(c, a, b);
			free(a), free(b);
		}
		out_end(c);
	}
	int rc = tail > 1 ? AX_EXIT_OK : AX_EXIT_NONE;
	free(queue), free(parent), free(ea), free(eb);
	idmap_free(&depth);
	return rc;
}

int cmd_path(struct ctx *c, char **argv)
{
	int64_t a = file_arg(c, argv[0]), b = file_arg(c, argv[1]);
	sqlite3_stmt *nb = neighbours(c, false);
	struct idmap parent = { 0 };
	int64_t *queue = ax_malloc(sizeof *queue);
	size_t head = 0, tail = 0, cap = 1;
	idmap_put(&parent, a, 0);
	queue[tail++] = a;
	bool found = a == b;
	while (head < tail && !found) {
		int64_t u = queue[head++];
		sqlite3_bind_int64(nb, 1, u);
		while (!found && sqlite3_step(nb) == SQLITE_ROW) {
			int64_t v = sqlite3_column_int64(nb, 0);
			if (idmap_get(&parent, v, NULL))
				continue;
			idmap_put(&parent, v, u);
			found = v == b;
			if (tail == cap)
				queue = ax_realloc(queue, (cap *= 2) * sizeof *queue);
			queue[tail++] = v;
		}
		sqlite3_reset(nb);
	}
	sqlite3_finalize(nb);
	free(queue);
	if (!found) {
		idmap_free(&parent);
		return AX_EXIT_NONE;
	}
	/* The chain, from b back to a, then printed forwards. */
	int64_t *chain = NULL;
	size_t n = 0;
	for (int64_t v = b;; ) {
		chain = ax_realloc(chain, (n + 1) * sizeof *chain);
		chain[n++] = v;
		if (v == a)
			break;
		idmap_get(&parent, v, &v);
	}
	out_begin(c);
	for (size_t i = n; i-- > 0;) {
		char *p = file_path(c, chain[i]);
		if (c->fmt == FMT_TEXT)
			printf("%s\n", ax_shown(ax_relpath_show(c->root, p)));
		else if (c->fmt == FMT_JSON) {
			printf("{\"step\":%zu,\"file\":", n - 1 - i);
			ax_json_print_str(p);
			json_end();
		} else if (i > 0) {
			char *q = file_path(c, chain[i - 1]);
			out_edge(c, p, q);
			free(q);
		}
		free(p);
	}
	out_end(c);
	free(chain);
	idmap_free(&parent);
	return AX_EXIT_OK;
}

/* Tarjan's strongly connected components, iteratively (deep import chains
 * must not overflow the stack), over a graph in compressed rows. */
struct scc {
	size_t *start, *members, n;
};

static struct scc tarjan(size_t nv, const size_t *row, const size_t *col)
{
	size_t *index = ax_malloc((nv + 1) * sizeof *index), *low = ax_malloc((nv + 1) * sizeof *low);
	bool *on = ax_calloc(nv + 1, 1);
	size_t *stack = ax_malloc((nv + 1) * sizeof *stack), sp = 0;
	size_t *cs = ax_malloc((nv + 1) * sizeof *cs), *ci = ax_malloc((nv + 1) * sizeof *ci), csp = 0;
	struct scc out = { ax_malloc((nv + 1) * sizeof *out.start), ax_malloc((nv + 1) * sizeof *out.members), 0 };
	size_t counter = 0, nm = 0;
	const size_t UNSEEN = (size_t)-1;
	for (size_t v = 0; v < nv; v++)
		index[v] = UNSEEN;
	for (size_t root = 0; root < nv; root++) {
		if (index[root] != UNSEEN)
			continue;
		cs[csp] = root, ci[csp++] = row[root];
		index[root] = low[root] = counter++;
		stack[sp++] = root, on[root] = true;
		while (csp) {
			size_t v = cs[csp - 1];
			if (ci[csp - 1] < row[v + 1]) {
				size_t w = col[ci[csp - 1]++];
				if (index[w] == UNSEEN) {
					index[w] = low[w] = counter++;
					stack[sp++] = w, on[w] = true;
					cs[csp] = w, ci[csp++] = row[w];
				} else if (on[w] && index[w] < low[v]) {
					low[v] = index[w];
				}
				continue;
			}
			if (low[v] == index[v]) {
				out.start[out.n++] = nm;
				size_t w;
				do {
					w = stack[--sp];
					on[w] = false;
					out.members[nm++] = w;
				} while (w != v);
			}
			csp--;
			if (csp && low[v] < low[cs[csp - 1]])
				low[cs[csp - 1]] = low[v];
		}
	}
	out.start[out.n] = nm;
	free(index), free(low), free(on), free(stack), free(cs), free(ci);
	return out;
}

struct comp {
	size_t size;
	char **paths;
};

static int cmp_comp(const void *a, const void *b)
{
	const struct comp *x = a, *y = b;
	if (x->size != y->size)
		return x->size < y->size ? 1 : -1;
	return strcmp(x->paths[0], y->paths[0]);
}

/* The graph in compressed rows; ids[] maps a vertex to its file id. */
static size_t load_graph(struct ctx *c, int64_t **ids, size_t **row, size_t **col)
{
	sqlite3_stmt *st = prep(c,
		"SELECT DISTINCT e.src_id, e.dst_id FROM edges e JOIN files a ON a.id = e.src_id"
		" JOIN files b ON b.id = e.dst_id WHERE ?1 IS NULL OR (a.lang = ?1 AND b.lang = ?1)"
		" ORDER BY e.src_id");
	if (c->lang)
		sqlite3_bind_text(st, 1, c->lang, -1, SQLITE_STATIC);
	struct idmap vert = { 0 };
	size_t nv = 0, ne = 0, cap = 0;
	int64_t *ea = NULL, *eb = NULL;
	*ids = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t e[2] = { sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1) };
		for (int k = 0; k < 2; k++)
			if (!idmap_get(&vert, e[k], NULL)) {
				idmap_put(&vert, e[k], (int64_t)nv);
				*ids = ax_realloc(*ids, (nv + 1) * sizeof **ids);
				(*ids)[nv++] = e[k];
			}
		if (ne == cap) {
			cap = cap ? cap * 2 : 1024;
			ea = ax_realloc(ea, cap * sizeof *ea), eb = ax_realloc(eb, cap * sizeof *eb);
		}
		int64_t a, b;
		idmap_get(&vert, e[0], &a), idmap_get(&vert, e[1], &b);
		ea[ne] = a, eb[ne++] = b;
	}
	sqlite3_finalize(st);
	*row = ax_calloc(nv + 2, sizeof **row);
	*col = ax_malloc((ne + 1) * sizeof **col);
	for (size_t i = 0; i < ne; i++)
		(*row)[ea[i] + 1]++;
	for (size_t v = 0; v < nv; v++)
		(*row)[v + 1] += (*row)[v];
	size_t *fill = ax_malloc((nv + 1) * sizeof *fill);
	memcpy(fill, *row, (nv + 1) * sizeof *fill);
	for (size_t i = 0; i < ne; i++)
		(*col)[fill[ea[i]]++] = (size_t)eb[i];
	free(fill), free(ea), free(eb);
	idmap_free(&vert);
	return nv;
}

int cmd_cycles(struct ctx *c)
{
	int64_t *ids;
	size_t *row, *col;
	size_t nv = load_graph(c, &ids, &row, &col);
	struct scc s = tarjan(nv, row, col);
	struct comp *comps = NULL;
	size_t nc = 0;
	for (size_t k = 0; k < s.n; k++) {
		size_t size = s.start[k + 1] - s.start[k];
		if (size < 2)
			continue;
		comps = ax_realloc(comps, (nc + 1) * sizeof *comps);
		struct comp *cp = &comps[nc++];
		cp->size = size;
		cp->paths = ax_malloc(size * sizeof *cp->paths);
		for (size_t i = 0; i < size; i++)
			cp->paths[i] = file_path(c, ids[s.members[s.start[k] + i]]);
		qsort(cp->paths, size, sizeof *cp->paths, ax_cmp_strp);
	}
	qsort(comps, nc, sizeof *comps, cmp_comp);
	out_begin(c);
	for (size_t k = 0; k < nc; k++) {
		struct comp *cp = &comps[k];
		if (c->fmt == FMT_TEXT) {
			printf("%zu", cp->size);
			for (size_t i = 0; i < cp->size; i++)
				printf(" %s", ax_shown(ax_relpath_show(c->root, cp->paths[i])));
			printf("\n");
		} else if (c->fmt == FMT_JSON) {
			printf("{\"size\":%zu,\"files\":[", cp->size);
			for (size_t i = 0; i < cp->size; i++) {
				if (i)
					putchar(',');
				ax_json_print_str(cp->paths[i]);
			}
			putchar(']');
			json_end();
		} else {
			/* the edges inside the component */
			for (size_t i = 0; i < cp->size; i++) {
				sqlite3_stmt *st = prep(c,
					"SELECT DISTINCT b.path FROM edges e JOIN files a ON a.id = e.src_id"
					" JOIN files b ON b.id = e.dst_id WHERE a.path = ?1");
				sqlite3_bind_text(st, 1, cp->paths[i], -1, SQLITE_STATIC);
				while (sqlite3_step(st) == SQLITE_ROW) {
					const char *to = (const char *)sqlite3_column_text(st, 0);
					if (bsearch(&to, cp->paths, cp->size, sizeof *cp->paths, ax_cmp_strp))
						out_edge(c, cp->paths[i], to);
				}
				sqlite3_finalize(st);
			}
		}
		for (size_t i = 0; i < cp->size; i++)
			free(cp->paths[i]);
		free(cp->paths);
	}
	out_end(c);
	free(comps), free(ids), free(row), free(col), free(s.start), free(s.members);
	return nc ? AX_EXIT_OK : AX_EXIT_NONE;
}

int cmd_orphans(struct ctx *c)
{
	sqlite3_stmt *st = prep(c,
		"SELECT path FROM files f WHERE lang NOT IN ('yaml', 'json', 'toml')"
		" AND (?1 IS NULL OR lang = ?1)"
		" AND NOT EXISTS (SELECT 1 FROM edges e WHERE e.dst_id = f.id) ORDER BY path");
	if (c->lang)
		sqlite3_bind_text(st, 1, c->lang, -1, SQLITE_STATIC);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *p = (const char *)sqlite3_column_text(st, 0);
		if (c->fmt == FMT_JSON) {
			printf("{\"file\":");
			ax_json_print_str(p);
			json_end();
		} else {
			printf("%s\n", ax_shown(ax_relpath_show(c->root, p)));
		}
		n++;
	}
	sqlite3_finalize(st);
	return n ? AX_EXIT_OK : AX_EXIT_NONE;
}

int cmd_stats(struct ctx *c)
{
	sqlite3_stmt *st = prep(c,
		"SELECT f.lang, count(*), sum(i.status = 'file'), sum(i.status = 'external'),"
		" sum(i.status = 'unresolved'), sum(i.status IS NULL)"
		" FROM imports i JOIN files f ON f.id = i.file_id"
		" WHERE ?1 IS NULL OR f.lang = ?1 GROUP BY f.lang ORDER BY f.lang");
	if (c->lang)
		sqlite3_bind_text(st, 1, c->lang, -1, SQLITE_STATIC);
	if (c->fmt == FMT_TEXT)
		printf("%-12s %9s %9s %9s %10s %8s\n", "lang", "imports", "resolved", "external", "unresolved", "pending");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *lang = (const char *)sqlite3_column_text(st, 0);
		long long v[5];
		for (int k = 0; k < 5; k++)
			v[k] = sqlite3_column_int64(st, k + 1);
		if (c->fmt == FMT_JSON) {
			printf("{\"lang\":");
			ax_json_print_str(lang);
			printf(",\"imports\":%lld,\"resolved\":%lld,\"external\":%lld,\"unresolved\":%lld,\"pending\":%lld}\n",
			       v[0], v[1], v[2], v[3], v[4]);
		} else {
			printf("%-12s %9lld %9lld %9lld %10lld %8lld\n", lang, v[0], v[1], v[2], v[3], v[4]);
		}
	}
	sqlite3_finalize(st);
	st = prep(c, "SELECT (SELECT count(*) FROM edges),"
		     " (SELECT count(*) FROM (SELECT DISTINCT src_id, dst_id FROM edges)),"
		     " (SELECT count(*) FROM files)");
	sqlite3_step(st);
	long long edges = sqlite3_column_int64(st, 0), pairs = sqlite3_column_int64(st, 1),
		  files = sqlite3_column_int64(st, 2);
	sqlite3_finalize(st);
	if (c->fmt == FMT_JSON)
		printf("{\"files\":%lld,\"edges\":%lld,\"file_pairs\":%lld}\n", files, edges, pairs);
	else
		printf("files %lld, edges %lld (%lld distinct file pairs)\n", files, edges, pairs);
	return AX_EXIT_OK;
}
