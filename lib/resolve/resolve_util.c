/* resolve_util.c: the in-memory file set, paths and project files that
 * every import resolver uses. */
#include "resolve/resolve_int.h"
#include "base/readall.h"
#include "base/cli.h"
#include "base/cmp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xxhash.h>

uint64_t res_hash(const char *s, size_t n)
{
	return XXH3_64bits(s, n);
}

void res_index_paths(struct res *r)
{
	r->hcap = 16;
	while (r->hcap < r->nfiles * 2)
		r->hcap *= 2;
	r->hash = ax_calloc(r->hcap, sizeof *r->hash);
	for (size_t i = 0; i < r->nfiles; i++) {
		size_t h = res_hash(r->files[i].path, strlen(r->files[i].path)) & (r->hcap - 1);
		while (r->hash[h])
			h = (h + 1) & (r->hcap - 1);
		r->hash[h] = i + 1;
	}
}

struct byid {
	int64_t id;
	size_t idx;
};

static int cmp_byid(const void *a, const void *b)
{
	int64_t x = ((const struct byid *)a)->id, y = ((const struct byid *)b)->id;
	return x < y ? -1 : x > y;
}

void res_index_ids(struct res *r)
{
	struct byid *v = ax_malloc((r->nfiles + 1) * sizeof *v);
	for (size_t i = 0; i < r->nfiles; i++)
		v[i] = (struct byid){ r->files[i].id, i };
	/* Path order is mostly id order too (resolve.c). */
	ax_sort_mostly_sorted(v, r->nfiles, sizeof *v, cmp_byid);
	r->byid = v;
}

long res_by_id(const struct res *r, int64_t id)
{
	struct byid key = { id, 0 };
	struct byid *hit = bsearch(&key, r->byid, r->nfiles, sizeof key, cmp_byid);
	return hit ? (long)hit->idx : -1;
}

long res_find(const struct res *r, const char *path, size_t n)
{
	if (!r->hcap)
		return -1;
	size_t h = res_hash(path, n) & (r->hcap - 1);
	for (; r->hash[h]; h = (h + 1) & (r->hcap - 1)) {
		const char *p = r->files[r->hash[h] - 1].path;
		if (strncmp(p, path, n) == 0 && p[n] == '\0')
			return (long)(r->hash[h] - 1);
	}
	return -1;
}

/* First file whose path is >= key (files are sorted by strcmp). */
static size_t lower_bound(const struct res *r, const char *key)
{
	size_t lo = 0, hi = r->nfiles;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(r->files[mid].path, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void res_subtree(const struct res *r, const char *dir, size_t *lo, size_t *hi)
{
	if (!*dir) {
		*lo = 0, *hi = r->nfiles;
		return;
	}
	size_t n = strlen(dir);
	char *key = ax_malloc(n + 2);
	memcpy(key, dir, n);
	key[n] = '/', key[n + 1] = '\0';
	*lo = lower_bound(r, key);
	key[n] = '/' + 1; /* '0': just past every "dir/..." */
	*hi = lower_bound(r, key);
	free(key);
}

bool res_directly_in(const struct res *r, size_t i, const char *dir)
{
	const char *p = r->files[i].path;
	size_t n = strlen(dir);
	if (n) {
		if (strncmp(p, dir, n) != 0 || p[n] != '/')
			return false;
		p += n + 1;
	}
	return strchr(p, '/') == NULL;
}

void targets_add(struct targets *t, size_t i)
{
	for (size_t k = 0; k < t->n; k++)
		if (t->v[k] == i)
			return;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 8;
		t->v = ax_realloc(t->v, t->cap * sizeof *t->v);
	}
	t->v[t->n++] = i;
}

char *path_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? ax_strndup(path, (size_t)(slash - path)) : ax_strdup("");
}

const char *path_base(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

char *path_join(const char *dir, const char *rel)
{
	size_t cap = strlen(dir) + strlen(rel) + 2, n = 0;
	char *out = ax_malloc(cap);
	const char *parts[2] = { dir, rel };
	if (*rel == '/')
		parts[0] = ""; /* an absolute path is taken as relative to the root */
	for (int k = 0; k < 2; k++) {
		const char *s = parts[k];
		while (*s) {
			while (*s == '/')
				s++;
			const char *e = strchr(s, '/');
			size_t len = e ? (size_t)(e - s) : strlen(s);
			if (len == 0)
				break;
			if (len == 1 && s[0] == '.') {
				/* nothing */
			} else if (len == 2 && s[0] == '.' && s[1] == '.') {
				if (n == 0) {
					free(out);
					return NULL;
				}
				while (n > 0 && out[n - 1] != '/')
					n--;
				if (n > 0)
					n--; /* the slash */
			} else {
				if (n)
					out[n++] = '/';
				memcpy(out + n, s, len);
				n += len;
			}
			s += len;
		}
	}
	out[n] = '\0';
	return out;
}

bool str_ends(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

bool str_starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static char *abs_path(const struct res *r, const char *rel)
{
	if (!r->root)
		return NULL;
	size_t n = strlen(r->root) + strlen(rel) + 2;
	char *p = ax_malloc(n);
	snprintf(p, n, "%s/%s", r->root, rel);
	return p;
}

bool res_exists(const struct res *r, const char *rel)
{
	char *p = abs_path(r, rel);
	struct stat st;
	bool ok = p && stat(p, &st) == 0 && S_ISREG(st.st_mode);
	free(p);
	return ok;
}

char *res_read(const struct res *r, const char *rel, size_t *len)
{
	char *p = abs_path(r, rel), *buf = NULL;
	size_t n;
	if (!p)
		return NULL;
	int e = ax_read_file(p, 4u << 20, &buf, &n);
	free(p);
	if (e)
		return NULL;
	if (len)
		*len = n;
	return buf;
}

/* Blank out comments, then trailing commas (tsconfig.json is JSONC),
 * keeping strings intact, so that jansson can parse it. */
static void strip_jsonc(char *s, bool commas)
{
	bool in_str = false;
	for (char *p = s; *p; p++) {
		if (in_str) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == '"')
				in_str = false;
		} else if (*p == '"') {
			in_str = true;
		} else if (!commas && p[0] == '/' && (p[1] == '/' || p[1] == '*')) {
			char *end = p[1] == '/' ? strchr(p, '\n') : strstr(p + 2, "*/");
			end = end ? end + (p[1] == '*' ? 2 : 0) : p + strlen(p);
			for (; p < end; p++)
				if (*p != '\n')
					*p = ' ';
			p--;
		} else if (commas && *p == ',') {
			const char *q = p + 1;
			while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
				q++;
			if (*q == '}' || *q == ']')
				*p = ' ';
		}
	}
}

json_t *res_read_json(const struct res *r, const char *rel)
{
	size_t n;
	char *text = res_read(r, rel, &n);
	if (!text)
		return NULL;
	strip_jsonc(text, false);
	strip_jsonc(text, true);
	json_t *j = json_loads(text, JSON_ALLOW_NUL, NULL);
	free(text);
	return j;
}
