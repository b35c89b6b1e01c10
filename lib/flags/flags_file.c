/* flags_file.c: reading flag files into a flag set, layer over layer.
 *
 * Each layer is parsed on its own first; only a layer without errors is
 * merged, key by key, so a broken file leaves the lower layers (and the
 * built-in defaults, the safe state) in charge. */
#include "flags/flags_model.h"
#include "base/cli.h"
#include "lang/lang.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Bigger than any real flags file; keeps a runaway file from costing time. */
#define MAX_FILE_BYTES (16 << 20)

enum {
	K_DESCRIPTION = 1 << 0, K_OWNER = 1 << 1, K_ENABLED = 1 << 2, K_ROLLOUT = 1 << 3,
	K_ALLOW = 1 << 4, K_DENY = 1 << 5, K_ENABLED_AFTER = 1 << 6, K_DISABLED_AFTER = 1 << 7,
	K_PREREQS = 1 << 8, K_VARIANTS = 1 << 9, K_DEFAULT_VARIANT = 1 << 10,
	K_STICKINESS = 1 << 11, K_GROUP = 1 << 12, K_CREATED = 1 << 13, K_CHANGED = 1 << 14,
	K_KILLED = 1 << 15,
};

static const struct { const char *key; uint32_t bit; } keys[] = {
	{ "description", K_DESCRIPTION }, { "owner", K_OWNER }, { "enabled", K_ENABLED },
	{ "rollout", K_ROLLOUT }, { "allow", K_ALLOW }, { "deny", K_DENY },
	{ "enabledAfter", K_ENABLED_AFTER }, { "disabledAfter", K_DISABLED_AFTER },
	{ "prerequisites", K_PREREQS }, { "variants", K_VARIANTS },
	{ "defaultVariant", K_DEFAULT_VARIANT }, { "stickiness", K_STICKINESS },
	{ "group", K_GROUP }, { "created", K_CREATED }, { "changed", K_CHANGED },
	{ "killed", K_KILLED },
};

static const char *const stages[] = { "scan", "parse", "load", "rank", "graph" };

struct parser {
	const char *file;
	ax_flag_diag_fn diag;
	void *ctx;
	int errors;
};

static void report(struct parser *p, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void report(struct parser *p, bool error, const char *fmt, ...)
{
	if (error)
		p->errors++;
	if (!p->diag)
		return;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	p->diag(p->ctx, error, p->file, msg);
}

static void free_list(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

static void free_variants(struct ax_variant *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free_list(v[i].overrides, v[i].noverrides);
	}
	free(v);
}

void ax_flag_free(struct ax_flag *f)
{
	free(f->name);
	free(f->description);
	free(f->owner);
	free(f->group);
	free(f->default_variant);
	free(f->killed_reason);
	free_list(f->allow, f->nallow);
	free_list(f->deny, f->ndeny);
	free_list(f->prereqs, f->nprereqs);
	free_variants(f->variants, f->nvariants);
}

static void flag_init(struct ax_flag *f, const char *name)
{
	memset(f, 0, sizeof *f);
	f->name = ax_strdup(name);
	f->enabled = true;
	f->rollout = 100;
	f->enabled_after = f->disabled_after = AX_NO_TIME;
	f->created = f->changed = f->killed_at = AX_NO_TIME;
	f->source = "built-in";
}

struct ax_flag *ax_flagset_add(struct ax_flagset *set, const char *name)
{
	if (set->n == set->cap) {
		set->cap = set->cap ? 2 * set->cap : 64;
		set->flags = ax_realloc(set->flags, set->cap * sizeof *set->flags);
	}
	struct ax_flag *f = &set->flags[set->n++];
	flag_init(f, name);
	set->sorted = false;
	return f;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct ax_flag *)a)->name, ((const struct ax_flag *)b)->name);
}

void ax_flagset_sort(struct ax_flagset *set)
{
	if (!set->sorted && set->n)
		qsort(set->flags, set->n, sizeof *set->flags, by_name);
	set->sorted = true;
}

const struct ax_flag *ax_flagset_find(const struct ax_flagset *set, const char *name)
{
	if (set->n == 0)
		return NULL; /* flags may be NULL, which bsearch must not see */
	if (set->sorted) {
		struct ax_flag key = { .name = (char *)name };
		return bsearch(&key, set->flags, set->n, sizeof *set->flags, by_name);
	}
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->flags[i].name, name) == 0)
			return &set->flags[i];
	return NULL;
}

void ax_flagset_free(struct ax_flagset *set)
{
	for (size_t i = 0; i < set->n; i++)
		ax_flag_free(&set->flags[i]);
	free(set->flags);
	memset(set, 0, sizeof *set);
}

void ax_flagset_defaults(struct ax_flagset *set)
{
	char name[64];
	for (size_t i = 0; i < sizeof stages / sizeof *stages; i++) {
		snprintf(name, sizeof name, "stage.%s", stages[i]);
		ax_flagset_add(set, name)->description = ax_strdup("stage gate: off passes records through");
	}
	for (int l = AX_LANG_NONE + 1; l < AX_LANG_COUNT; l++) {
		snprintf(name, sizeof name, "lang.%s", ax_lang_name((enum ax_lang)l));
		ax_flagset_add(set, name)->description = ax_strdup("language gate: off skips its files");
	}
	/* Features that ship on and can be taken back (or A/B tested). */
	ax_flagset_add(set, "rank.rerank")->description =
		ax_strdup("ax-rank: rerank BM25 candidates by metadata (off: plain BM25)");
}

int64_t ax_flag_parse_time(const char *s)
{
	static const char *const formats[] = {
		"%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S",
		"%Y-%m-%dT%H:%MZ", "%Y-%m-%d",
	};
	if (!s || !*s)
		return AX_NO_TIME;
	const char *digits = s[0] == '@' ? s + 1 : s;
	char *end;
	errno = 0;
	long long n = strtoll(digits, &end, 10);
	if (*end == '\0' && errno == 0 && end != digits && (digits[0] != '-' || s[0] == '@'))
		return n;
	for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
		struct tm tm = { 0 };
		const char *rest = strptime(s, formats[i], &tm);
		if (rest && *rest == '\0')
			return timegm(&tm);
	}
	return AX_NO_TIME;
}

void ax_flag_format_time(int64_t t, char buf[32])
{
	if (t == AX_NO_TIME) {
		strcpy(buf, "-");
		return;
	}
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int64_t ax_flag_now(void)
{
	int64_t t = ax_flag_parse_time(getenv("AX_NOW"));
	return t != AX_NO_TIME ? t : (int64_t)time(NULL);
}

static bool valid_name(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 128 || !(islower((unsigned char)s[0]) || isdigit((unsigned char)s[0])))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) ||
		      s[i] == '.' || s[i] == '_' || s[i] == '-'))
			return false;
	return true;
}

static bool get_string(struct parser *p, const char *flag, const char *key, json_t *v, char **out)
{
	if (!json_is_string(v)) {
		report(p, true, "flag '%s': '%s' must be a string", flag, key);
		return false;
	}
	free(*out);
	*out = ax_strdup(json_string_value(v));
	return true;
}

static bool get_time(struct parser *p, const char *flag, const char *key, json_t *v, int64_t *out)
{
	if (json_is_null(v)) {
		*out = AX_NO_TIME;
		return true;
	}
	int64_t t = json_is_integer(v) ? (int64_t)json_integer_value(v) :
		json_is_string(v) ? ax_flag_parse_time(json_string_value(v)) : AX_NO_TIME;
	if (t == AX_NO_TIME) {
		report(p, true, "flag '%s': '%s' must be a time (\"2026-03-01T12:00:00Z\" or unix seconds)",
			flag, key);
		return false;
	}
	*out = t;
	return true;
}

static bool get_list(struct parser *p, const char *flag, const char *key, json_t *v,
	char ***out, size_t *n)
{
	if (!json_is_array(v)) {
		report(p, true, "flag '%s': '%s' must be an array of strings", flag, key);
		return false;
	}
	size_t len = json_array_size(v);
	char **list = ax_calloc(len + 1, sizeof *list);
	for (size_t i = 0; i < len; i++) {
		json_t *s = json_array_get(v, i);
		if (!json_is_string(s)) {
			report(p, true, "flag '%s': '%s' must be an array of strings", flag, key);
			free_list(list, i);
			return false;
		}
		list[i] = ax_strdup(json_string_value(s));
	}
	free_list(*out, *n);
	*out = list;
	*n = len;
	return true;
}

/* Unleash's "overrides": [{"contextName": "userId", "values": [...]}, ...],
 * every value appended to the variant's list. */
static bool get_overrides(struct parser *p, const char *flag, json_t *v, struct ax_variant *var)
{
	size_t i;
	json_t *o;
	if (!json_is_array(v))
		goto bad;
	json_array_foreach(v, i, o) {
		json_t *ctx = json_object_get(o, "contextName"), *values = json_object_get(o, "values");
		if (!json_is_object(o) || !json_is_string(ctx) || !json_is_array(values) || json_object_size(o) != 2)
			goto bad;
		char **list = NULL;
		size_t n = 0;
		if (!get_list(p, flag, "overrides[].values", values, &list, &n))
			return false;
		var->overrides = ax_realloc(var->overrides, (var->noverrides + n + 1) * sizeof *list);
		memcpy(var->overrides + var->noverrides, list, (n + 1) * sizeof *list);
		var->noverrides += n;
		free(list);
	}
	return true;
bad:
	report(p, true, "flag '%s': variant '%s': 'overrides' must be an array of "
		"{\"contextName\": string, \"values\": [strings]}", flag, var->name);
	return false;
}

static bool get_variants(struct parser *p, const char *flag, json_t *v, struct ax_flag *f)
{
	if (!json_is_array(v)) {
		report(p, true, "flag '%s': 'variants' must be an array of {\"name\", \"weight\"}", flag);
		return false;
	}
	size_t len = json_array_size(v);
	struct ax_variant *vs = ax_calloc(len + 1, sizeof *vs);
	long long sum = 0;
	for (size_t i = 0; i < len; i++) {
		json_t *o = json_array_get(v, i), *name = json_object_get(o, "name"),
			*weight = json_object_get(o, "weight"), *overrides = json_object_get(o, "overrides");
		if (!json_is_object(o) || !json_is_string(name) || !json_is_integer(weight) ||
		    json_integer_value(weight) < 0 || json_integer_value(weight) > AX_VARIANT_WEIGHT_MAX ||
		    json_object_size(o) != 2u + (overrides != NULL)) {
			report(p, true, "flag '%s': variant %zu must be {\"name\": string, \"weight\": 0..%d"
				"[, \"overrides\": [...]]}", flag, i + 1, AX_VARIANT_WEIGHT_MAX);
			free_variants(vs, i);
			return false;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(vs[j].name, json_string_value(name)) == 0)
				report(p, true, "flag '%s': variant '%s' appears twice", flag, vs[j].name);
		vs[i].name = ax_strdup(json_string_value(name));
		vs[i].weight = (int)json_integer_value(weight);
		if (overrides && !get_overrides(p, flag, overrides, &vs[i])) {
			free_variants(vs, i + 1);
			return false;
		}
		sum += vs[i].weight;
	}
	/* Unleash takes any positive total and buckets modulo it (flags_eval.c);
	 * the bound keeps the total a 32-bit hash modulus. */
	if (len && (sum <= 0 || sum > INT32_MAX))
		report(p, true, "flag '%s': variant weights sum to %lld, not 1..%d", flag, sum, INT32_MAX);
	free_variants(f->variants, f->nvariants);
	f->variants = vs;
	f->nvariants = len;
	return true;
}

static void parse_key(struct parser *p, struct ax_flag *f, const char *key, json_t *v, uint32_t bit)
{
	const char *name = f->name;
	switch (bit) {
	case K_DESCRIPTION: get_string(p, name, key, v, &f->description); break;
	case K_OWNER: get_string(p, name, key, v, &f->owner); break;
	case K_GROUP: get_string(p, name, key, v, &f->group); break;
	case K_DEFAULT_VARIANT: get_string(p, name, key, v, &f->default_variant); break;
	case K_ENABLED:
		if (json_is_boolean(v)) f->enabled = json_is_true(v);
		else report(p, true, "flag '%s': 'enabled' must be true or false", name);
		break;
	case K_ROLLOUT:
		if (json_is_integer(v) && json_integer_value(v) >= 0 && json_integer_value(v) <= 100)
			f->rollout = (int)json_integer_value(v);
		else report(p, true, "flag '%s': 'rollout' must be an integer from 0 to 100", name);
		break;
	case K_ALLOW: get_list(p, name, key, v, &f->allow, &f->nallow); break;
	case K_DENY: get_list(p, name, key, v, &f->deny, &f->ndeny); break;
	case K_PREREQS: get_list(p, name, key, v, &f->prereqs, &f->nprereqs); break;
	case K_ENABLED_AFTER: get_time(p, name, key, v, &f->enabled_after); break;
	case K_DISABLED_AFTER: get_time(p, name, key, v, &f->disabled_after); break;
	case K_CREATED: get_time(p, name, key, v, &f->created); break;
	case K_CHANGED: get_time(p, name, key, v, &f->changed); break;
	case K_VARIANTS: get_variants(p, name, v, f); break;
	case K_STICKINESS: {
		const char *s = json_string_value(v);
		if (s && strcmp(s, "install") == 0) f->stickiness = AX_STICK_INSTALL;
		else if (s && strcmp(s, "repo") == 0) f->stickiness = AX_STICK_REPO;
		else if (s && strcmp(s, "id") == 0) f->stickiness = AX_STICK_ID;
		else report(p, true, "flag '%s': 'stickiness' must be \"install\", \"repo\" or \"id\"", name);
		break;
	}
	case K_KILLED: {
		json_t *t = json_object_get(v, "time"), *r = json_object_get(v, "reason");
		if (json_is_null(v)) {
			f->killed_at = AX_NO_TIME;
			break;
		}
		if (!json_is_object(v) || !get_time(p, name, "killed.time", t, &f->killed_at) ||
		    (r && !get_string(p, name, "killed.reason", r, &f->killed_reason)))
			report(p, true, "flag '%s': 'killed' must be {\"time\", \"reason\"}", name);
		break;
	}
	}
}

static void parse_flag(struct parser *p, struct ax_flag *f, json_t *obj)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		uint32_t bit = 0;
		for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
			if (strcmp(key, keys[i].key) == 0)
				bit = keys[i].bit;
		if (!bit) {
			report(p, false, "flag '%s': unknown key '%s' (ignored)", f->name, key);
			continue;
		}
		f->set |= bit;
		parse_key(p, f, key, v, bit);
	}
	if (f->default_variant && f->nvariants) {
		bool found = false;
		for (size_t i = 0; i < f->nvariants; i++)
			found |= strcmp(f->variants[i].name, f->default_variant) == 0;
		if (!found)
			report(p, true, "flag '%s': defaultVariant '%s' is not one of its variants",
				f->name, f->default_variant);
	}
	if (f->enabled_after != AX_NO_TIME && f->disabled_after != AX_NO_TIME &&
	    f->disabled_after <= f->enabled_after)
		report(p, false, "flag '%s': disabledAfter is not after enabledAfter: never on", f->name);
}

/* Moves the keys `src` set onto `dst`. */
static void merge_flag(struct ax_flag *dst, struct ax_flag *src, const char *source)
{
#define MOVE(bit, field) if (src->set & (bit)) { dst->field = src->field; }
#define MOVE_STR(bit, field) if (src->set & (bit)) { free(dst->field); dst->field = src->field; src->field = NULL; }
#define MOVE_LIST(bit, field, n) if (src->set & (bit)) { free_list(dst->field, dst->n); \
	dst->field = src->field; dst->n = src->n; src->field = NULL; src->n = 0; }
	MOVE_STR(K_DESCRIPTION, description)
	MOVE_STR(K_OWNER, owner)
	MOVE_STR(K_GROUP, group)
	MOVE_STR(K_DEFAULT_VARIANT, default_variant)
	MOVE(K_ENABLED, enabled)
	MOVE(K_ROLLOUT, rollout)
	MOVE_LIST(K_ALLOW, allow, nallow)
	MOVE_LIST(K_DENY, deny, ndeny)
	MOVE_LIST(K_PREREQS, prereqs, nprereqs)
	MOVE(K_ENABLED_AFTER, enabled_after)
	MOVE(K_DISABLED_AFTER, disabled_after)
	MOVE(K_CREATED, created)
	MOVE(K_CHANGED, changed)
	MOVE(K_STICKINESS, stickiness)
	if (src->set & K_KILLED) {
		dst->killed_at = src->killed_at;
		free(dst->killed_reason);
		dst->killed_reason = src->killed_reason;
		src->killed_reason = NULL;
	}
	if (src->set & K_VARIANTS) {
		free_variants(dst->variants, dst->nvariants);
		dst->variants = src->variants;
		dst->nvariants = src->nvariants;
		src->variants = NULL;
		src->nvariants = 0;
	}
#undef MOVE
#undef MOVE_STR
#undef MOVE_LIST
	dst->set |= src->set;
	dst->source = source;
}

int ax_flagset_parse_layer(struct ax_flagset *layer, json_t *root, const char *file,
	ax_flag_diag_fn diag, void *ctx)
{
	struct parser p = { file, diag, ctx, 0 };
	if (!json_is_object(root)) {
		report(&p, true, "the top level must be an object {\"version\": 1, \"flags\": {...}}");
		return p.errors;
	}
	const char *key;
	json_t *v, *flags = NULL;
	json_object_foreach(root, key, v) {
		if (strcmp(key, "version") == 0) {
			if (!json_is_integer(v) || json_integer_value(v) != 1)
				report(&p, true, "'version' must be 1");
		} else if (strcmp(key, "flags") == 0) {
			flags = v;
		} else {
			report(&p, false, "unknown top-level key '%s' (ignored)", key);
		}
	}
	if (flags && !json_is_object(flags)) {
		report(&p, true, "'flags' must be an object of flag name -> definition");
		return p.errors;
	}
	json_object_foreach(flags, key, v) {
		if (!valid_name(key)) {
			report(&p, true, "'%s' is not a flag name (lower-case letters, digits, '.', '_', '-')", key);
			continue;
		}
		if (strcmp(key, "id") == 0) {
			report(&p, true, "'id' cannot be a flag name: AX_FLAG_ID is the stickiness id");
			continue;
		}
		if (!json_is_object(v)) {
			report(&p, true, "flag '%s': its definition must be an object", key);
			continue;
		}
		parse_flag(&p, ax_flagset_add(layer, key), v);
	}
	return p.errors;
}

void ax_flagset_merge_layer(struct ax_flagset *set, struct ax_flagset *layer, const char *source)
{
	/* Look names up among the flags already sorted, not the ones this
	 * layer adds (a layer's names are unique): n log n, not n squared. */
	ax_flagset_sort(set);
	struct ax_flagset old = *set;
	for (size_t i = 0; i < layer->n; i++) {
		old.flags = set->flags;
		struct ax_flag *dst = (struct ax_flag *)ax_flagset_find(&old, layer->flags[i].name);
		if (!dst) {
			dst = ax_flagset_add(set, layer->flags[i].name);
			dst->set = 0;
		}
		merge_flag(dst, &layer->flags[i], source);
	}
	set->sorted = false;
	ax_flagset_sort(set);
}

int ax_flagset_merge_json(struct ax_flagset *set, json_t *root, const char *file,
	const char *source, ax_flag_diag_fn diag, void *ctx)
{
	struct ax_flagset layer = { 0 };
	int errors = ax_flagset_parse_layer(&layer, root, file, diag, ctx);
	if (errors == 0)
		ax_flagset_merge_layer(set, &layer, source);
	ax_flagset_free(&layer);
	return errors;
}

int ax_flagset_read_layer(struct ax_flagset *layer, const char *path, ax_flag_diag_fn diag, void *ctx)
{
	struct parser p = { path, diag, ctx, 0 };
	struct stat st;
	if (stat(path, &st) != 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		report(&p, true, "cannot read: %s", strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		report(&p, true, "not a regular file");
		return -1;
	}
	if (st.st_size > MAX_FILE_BYTES) {
		report(&p, true, "too large (%lld bytes, the limit is %d)", (long long)st.st_size,
			MAX_FILE_BYTES);
		return -1;
	}
	json_error_t err;
	json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
	if (!root) {
		if (err.line > 0)
			report(&p, true, "line %d, column %d: %s", err.line, err.column, err.text);
		else
			report(&p, true, "%s", err.text);
		return -1;
	}
	int errors = ax_flagset_parse_layer(layer, root, path, diag, ctx);
	json_decref(root);
	return errors ? -1 : 0;
}

int ax_flagset_merge_file(struct ax_flagset *set, const char *path, const char *source,
	ax_flag_diag_fn diag, void *ctx)
{
	struct ax_flagset layer = { 0 };
	int rc = ax_flagset_read_layer(&layer, path, diag, ctx);
	if (rc == 0)
		ax_flagset_merge_layer(set, &layer, source);
	ax_flagset_free(&layer);
	return rc;
}

char *ax_flags_user_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	return xdg && xdg[0] == '/' ? ax_xasprintf("%s/ax/flags.json", xdg) :
		ax_xasprintf("%s/.config/ax/flags.json", home && *home ? home : "");
}

/* The nearest directory upwards from the current one holding `entry`. */
static char *find_up(const char *const entries[], size_t n)
{
	char *dir = getcwd(NULL, 0);
	if (!dir)
		return NULL;
	for (;;) {
		for (size_t i = 0; i < n; i++) {
			char *probe;
			struct stat st;
			probe = ax_xasprintf("%s/%s", strcmp(dir, "/") ? dir : "", entries[i]);
			bool found = stat(probe, &st) == 0 && (S_ISDIR(st.st_mode) || i > 0);
			free(probe);
			if (found)
				return dir;
		}
		char *slash = strrchr(dir, '/');
		if (!slash || strcmp(dir, "/") == 0) {
			free(dir);
			return NULL;
		}
		slash[slash == dir] = '\0';
	}
}

char *ax_flags_project_path(void)
{
	static const char *const ax[] = { ".ax" };
	char *root = find_up(ax, 1), *path;
	if (!root)
		return NULL;
	path = ax_xasprintf("%s/.ax/flags.json", strcmp(root, "/") ? root : "");
	free(root);
	return path;
}

char *ax_flags_repo_root(void)
{
	static const char *const marks[] = { ".ax", ".git" };
	return find_up(marks, 2);
}

int ax_flagset_load(struct ax_flagset *set, ax_flag_diag_fn diag, void *ctx)
{
	int bad = 0;
	ax_flagset_defaults(set);
	ax_flagset_sort(set);
	char *paths[2] = { ax_flags_user_path(), ax_flags_project_path() };
	static const char *const sources[2] = { "user", "project" };
	for (int i = 0; i < 2; i++) {
		if (paths[i])
			bad += ax_flagset_merge_file(set, paths[i], sources[i], diag, ctx) != 0;
		free(paths[i]);
	}
	return bad;
}

char *ax_flag_env_name(const char *flag)
{
	size_t n = strlen(flag);
	char *env = ax_malloc(n + sizeof "AX_FLAG_");
	memcpy(env, "AX_FLAG_", 8);
	for (size_t i = 0; i <= n; i++)
		env[8 + i] = isalnum((unsigned char)flag[i]) ? (char)toupper((unsigned char)flag[i]) :
			flag[i] ? '_' : '\0';
	return env;
}
