/* flags_cache.c: parsed flag files kept compiled between runs.
 *
 * JSON parsing is most of a tool's flag cost (about 3 ms for 1,000 flags
 * with jansson), and a tool asks for a handful of flags. So a parsed file
 * is kept in $XDG_CACHE_HOME/ax/flags-<hash of its path>.bin: its flags
 * sorted by name behind an index of offsets, and a tool reads the whole
 * cache in one read() and decodes only the flags it looks up.
 *
 * The cache is keyed by the file's device, inode, size, mtime and ctime
 * (nanoseconds), so any write, ax-flag's rename included, invalidates it.
 * A missing, stale or damaged cache is a miss, never an error; one that
 * cannot be written is not written. A broken file is cached with its first
 * error, so it is reported every run without being parsed every run.
 *
 * Layout (host byte order; the cache never leaves the machine):
 *   "AXFLAGS3" path key broken message n offsets[n] flags... */
#include "flags/flags_model.h"
#include "base/cli.h"
#include "base/readall.h"
#include "base/strbuf.h"
#include "base/murmur3.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAGIC "AXFLAGS3"
#define NO_STRING UINT32_MAX

struct key {
	uint64_t dev, ino, size, mtime_s, mtime_ns, ctime_s, ctime_ns;
};

static void put_u32(struct ax_strbuf *b, uint32_t v) { ax_strbuf_add(b, &v, sizeof v); }
static void put_i64(struct ax_strbuf *b, int64_t v) { ax_strbuf_add(b, &v, sizeof v); }

static void put_str(struct ax_strbuf *b, const char *s)
{
	if (!s) {
		put_u32(b, NO_STRING);
		return;
	}
	uint32_t n = (uint32_t)strlen(s);
	put_u32(b, n);
	ax_strbuf_add(b, s, n);
}

static void put_list(struct ax_strbuf *b, char *const *list, size_t n)
{
	put_u32(b, (uint32_t)n);
	for (size_t i = 0; i < n; i++)
		put_str(b, list[i]);
}

struct cursor {
	const char *p, *end;
	bool bad;
};

static void get(struct cursor *c, void *out, size_t n)
{
	if ((size_t)(c->end - c->p) < n) {
		c->bad = true;
		memset(out, 0, n);
		return;
	}
	memcpy(out, c->p, n);
	c->p += n;
}

static uint32_t get_u32(struct cursor *c) { uint32_t v; get(c, &v, sizeof v); return v; }
static int64_t get_i64(struct cursor *c) { int64_t v; get(c, &v, sizeof v); return v; }

static char *get_str(struct cursor *c)
{
	uint32_t n = get_u32(c);
	if (c->bad || n == NO_STRING)
		return NULL;
	if ((size_t)(c->end - c->p) < n) {
		c->bad = true;
		return NULL;
	}
	char *s = ax_strndup(c->p, n);
	c->p += n;
	return s;
}

static char **get_list(struct cursor *c, size_t *n)
{
	uint32_t len = get_u32(c);
	if (c->bad || len > (size_t)(c->end - c->p) / 4) {
		c->bad = true;
		*n = 0;
		return NULL;
	}
	char **list = ax_calloc(len + 1, sizeof *list);
	for (uint32_t i = 0; i < len; i++)
		list[i] = get_str(c);
	*n = len;
	return list;
}

static char *cache_path(const char *file)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	size_t n = strlen(file);
	uint32_t h1 = ax_murmur3_32(file, n, 0), h2 = ax_murmur3_32(file, n, 0x9747b28c);
	char *path;
	int rc = xdg && xdg[0] == '/' ? asprintf(&path, "%s/ax/flags-%08x%08x.bin", xdg, h1, h2) :
		home && *home ? asprintf(&path, "%s/.cache/ax/flags-%08x%08x.bin", home, h1, h2) : -1;
	return rc < 0 ? NULL : path;
}

static void put_flag(struct ax_strbuf *b, const struct ax_flag *f)
{
	put_str(b, f->name);
	put_str(b, f->description);
	put_str(b, f->owner);
	put_str(b, f->group);
	put_str(b, f->default_variant);
	put_str(b, f->killed_reason);
	put_u32(b, f->enabled);
	put_u32(b, (uint32_t)f->rollout);
	put_u32(b, f->set);
	put_u32(b, (uint32_t)f->stickiness);
	put_i64(b, f->enabled_after);
	put_i64(b, f->disabled_after);
	put_i64(b, f->created);
	put_i64(b, f->changed);
	put_i64(b, f->killed_at);
	put_list(b, f->allow, f->nallow);
	put_list(b, f->deny, f->ndeny);
	put_list(b, f->prereqs, f->nprereqs);
	put_u32(b, (uint32_t)f->nvariants);
	for (size_t i = 0; i < f->nvariants; i++) {
		put_str(b, f->variants[i].name);
		put_u32(b, (uint32_t)f->variants[i].weight);
		put_list(b, f->variants[i].overrides, f->variants[i].noverrides);
	}
}

static void get_flag(struct cursor *c, struct ax_flagset *layer)
{
	char *name = get_str(c);
	if (c->bad || !name) {
		c->bad = true;
		free(name);
		return;
	}
	struct ax_flag *f = ax_flagset_add(layer, name);
	free(name);
	f->description = get_str(c);
	f->owner = get_str(c);
	f->group = get_str(c);
	f->default_variant = get_str(c);
	f->killed_reason = get_str(c);
	f->enabled = get_u32(c) != 0;
	f->rollout = (int)get_u32(c);
	f->set = get_u32(c);
	f->stickiness = (enum ax_stickiness)get_u32(c);
	f->enabled_after = get_i64(c);
	f->disabled_after = get_i64(c);
	f->created = get_i64(c);
	f->changed = get_i64(c);
	f->killed_at = get_i64(c);
	f->allow = get_list(c, &f->nallow);
	f->deny = get_list(c, &f->ndeny);
	f->prereqs = get_list(c, &f->nprereqs);
	uint32_t nv = get_u32(c);
	if (c->bad || nv > (size_t)(c->end - c->p) / 8 || f->rollout < 0 || f->rollout > 100 ||
	    f->stickiness > AX_STICK_ID) {
		c->bad = true;
		return;
	}
	f->variants = ax_calloc(nv + 1, sizeof *f->variants);
	f->nvariants = nv;
	for (uint32_t i = 0; i < nv; i++) {
		f->variants[i].name = get_str(c);
		uint32_t w = get_u32(c);
		f->variants[i].weight = (int)w;
		f->variants[i].overrides = get_list(c, &f->variants[i].noverrides);
		if (!f->variants[i].name || w > AX_VARIANT_WEIGHT_MAX)
			c->bad = true;
	}
}

/* The first error of a fresh parse, kept for the cache. */
struct first_error {
	ax_flag_diag_fn diag;
	void *ctx;
	char msg[512];
};

static void keep_first(void *ctx, bool error, const char *file, const char *msg)
{
	struct first_error *fe = ctx;
	if (error && !fe->msg[0])
		snprintf(fe->msg, sizeof fe->msg, "%s", msg);
	if (fe->diag)
		fe->diag(fe->ctx, error, file, msg);
}

/* Checks a cache image against the file's key; on a match fills `c`. */
static bool adopt(struct ax_flag_cache *c, char *data, size_t len, const char *file, const struct key *key)
{
	struct cursor cur = { data, data + len, false };
	char magic[8];
	struct key stored;
	get(&cur, magic, sizeof magic);
	char *stored_file = get_str(&cur);
	get(&cur, &stored, sizeof stored);
	bool match = !cur.bad && memcmp(magic, MAGIC, 8) == 0 && stored_file &&
		strcmp(stored_file, file) == 0 && memcmp(&stored, key, sizeof stored) == 0;
	free(stored_file);
	if (!match)
		return false;
	c->broken = get_u32(&cur) != 0;
	free(c->message);
	c->message = get_str(&cur);
	c->n = get_u32(&cur);
	c->index = (size_t)(cur.p - data);
	if (cur.bad || c->n > (len - c->index) / 8)
		return false;
	c->data = data;
	c->len = len;
	return true;
}


static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct ax_flag *)a)->name, ((const struct ax_flag *)b)->name);
}

/* Encodes a parsed layer (sorted here) as a cache image. */
static struct ax_strbuf encode(const char *file, const struct key *key, struct ax_flagset *layer,
	bool broken, const char *msg)
{
	size_t n = broken ? 0 : layer->n; /* nothing of a broken file is ever used */
	if (n)
		qsort(layer->flags, n, sizeof *layer->flags, by_name);
	struct ax_strbuf b = { 0 }, body = { 0 };
	ax_strbuf_add(&b, MAGIC, 8);
	put_str(&b, file);
	ax_strbuf_add(&b, key, sizeof *key);
	put_u32(&b, broken);
	put_str(&b, msg);
	put_u32(&b, (uint32_t)n);
	size_t base = b.n + 8 * n;
	for (size_t i = 0; i < n; i++) {
		uint64_t off = base + body.n;
		ax_strbuf_add(&b, &off, sizeof off);
		put_flag(&body, &layer->flags[i]);
	}
	ax_strbuf_add(&b, body.s, body.n);
	free(body.s);
	return b;
}

static void write_cache(const char *cpath, const struct ax_strbuf *b)
{
	char *dir = ax_strdup(cpath);
	*strrchr(dir, '/') = '\0';
	char *slash = strrchr(dir, '/');
	if (slash) {
		/* ~/.cache, then ~/.cache/ax; a failure shows up at open(). */
		*slash = '\0';
		mkdir(dir, 0700);
		*slash = '/';
	}
	mkdir(dir, 0700);
	free(dir);
	char *tmp;
	if (asprintf(&tmp, "%s.%ld.tmp", cpath, (long)getpid()) < 0)
		return;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd >= 0) {
		bool ok = write(fd, b->s, b->n) == (ssize_t)b->n;
		ok = close(fd) == 0 && ok;
		if (!ok || rename(tmp, cpath) != 0)
			unlink(tmp);
	}
	free(tmp);
}

int ax_flag_cache_open(struct ax_flag_cache *c, const char *path, ax_flag_diag_fn diag, void *ctx)
{
	memset(c, 0, sizeof *c);
	struct stat st;
	if (stat(path, &st) != 0 && (errno == ENOENT || errno == ENOTDIR))
		return 0; /* no file, no flags */
	struct key key = {
		(uint64_t)st.st_dev, (uint64_t)st.st_ino, (uint64_t)st.st_size,
		(uint64_t)st.st_mtim.tv_sec, (uint64_t)st.st_mtim.tv_nsec,
		(uint64_t)st.st_ctim.tv_sec, (uint64_t)st.st_ctim.tv_nsec,
	};
	char *cpath = S_ISREG(st.st_mode) ? cache_path(path) : NULL;
	size_t len = 0;
	char *data = NULL;
	if (cpath && (ax_read_file(cpath, 64u << 20, &data, &len) != 0 || len == 0)) {
		free(data);
		data = NULL;
	}
	if (data && adopt(c, data, len, path, &key)) {
		free(cpath);
		if (c->broken && diag)
			diag(ctx, true, path, c->message ? c->message : "broken");
		return c->broken ? -1 : 0;
	}
	free(data);

	struct first_error fe = { diag, ctx, "" };
	struct ax_flagset layer = { 0 };
	int rc = ax_flagset_read_layer(&layer, path, keep_first, &fe);
	struct ax_strbuf b = encode(path, &key, &layer, rc != 0, fe.msg);
	ax_flagset_free(&layer);
	/* An unreadable file is not cached: permissions may change without
	 * touching it, and failing to read it again is cheap. */
	if (cpath && access(path, R_OK) == 0)
		write_cache(cpath, &b);
	free(cpath);
	if (!adopt(c, b.s, b.n, path, &key))
		free(b.s);
	return rc;
}

bool ax_flag_cache_get(const struct ax_flag_cache *c, const char *name, struct ax_flagset *layer)
{
	if (!c->data || c->broken)
		return false;
	size_t lo = 0, hi = c->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint64_t off;
		memcpy(&off, c->data + c->index + 8 * mid, sizeof off);
		if (off >= c->len)
			return false;
		struct cursor cur = { c->data + off, c->data + c->len, false };
		uint32_t n = get_u32(&cur);
		if (cur.bad || n == NO_STRING || n > (size_t)(cur.end - cur.p))
			return false;
		size_t nl = strlen(name);
		int cmp = memcmp(cur.p, name, n < nl ? n : nl);
		if (cmp == 0)
			cmp = n < nl ? -1 : n > nl ? 1 : 0;
		if (cmp < 0) {
			lo = mid + 1;
		} else if (cmp > 0) {
			hi = mid;
		} else {
			cur.p = c->data + off;
			size_t before = layer->n;
			get_flag(&cur, layer);
			if (cur.bad) {
				while (layer->n > before)
					ax_flag_free(&layer->flags[--layer->n]);
				return false;
			}
			return true;
		}
	}
	return false;
}

void ax_flag_cache_close(struct ax_flag_cache *c)
{
	free(c->data);
	free(c->message);
	memset(c, 0, sizeof *c);
}
