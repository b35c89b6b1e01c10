/* flags_model.h: flag definitions, the files they come from, evaluation.
 *
 * The layer under lib/flags/flags.h, shared by every tool (through ax_flags_init)
 * and by ax-flag, which also edits and validates the files. docs/flags.md
 * describes the file format, the precedence and the evaluation order. */
#ifndef AX_FLAGS_MODEL_H
#define AX_FLAGS_MODEL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AX_NO_TIME INT64_MIN
/* Unleash's seeds: 0 for the rollout bucket, this one for the variant. */
#define AX_VARIANT_SEED 86028157u
/* A variant's weight is a share of the flag's total, any positive sum as in
 * Unleash (which writes 0..1000); the cap keeps a sum of many in 32 bits. */
#define AX_VARIANT_WEIGHT_MAX 1000000

enum ax_stickiness { AX_STICK_INSTALL, AX_STICK_REPO, AX_STICK_ID };

struct ax_variant {
	char *name;
	int weight;
	/* Unleash's overrides: ids that get this variant whatever the hash
	 * ("overrides": [{"contextName", "values"}]; ax has one id, the one the
	 * flag's stickiness picks, so the values of every context name match it). */
	char **overrides;
	size_t noverrides;
};

struct ax_flag {
	char *name, *description, *owner;
	char *group;            /* hashed instead of the name; NULL: the name */
	bool enabled;
	int rollout;            /* 0..100 */
	char **allow, **deny, **prereqs;
	size_t nallow, ndeny, nprereqs;
	int64_t enabled_after, disabled_after, created, changed, killed_at;
	char *killed_reason;
	struct ax_variant *variants;
	size_t nvariants;
	char *default_variant;
	enum ax_stickiness stickiness;
	const char *source;     /* the layer that set it last: built-in, user, project */
	uint32_t set;           /* which keys its layer gave (merge mask) */
};

struct ax_flagset {
	struct ax_flag *flags;  /* sorted by name once ax_flagset_sort() ran */
	size_t n, cap;
	bool sorted;
};

/* Diagnostics while reading a file: error (the file is unusable) or warning. */
typedef void (*ax_flag_diag_fn)(void *ctx, bool error, const char *file, const char *msg);

/* The built-in defaults: stage.<scan|parse|load|rank|graph> and lang.<each
 * language>, all on at 100%. */
void ax_flagset_defaults(struct ax_flagset *set);

/* Parses one file's JSON (`root`) as a layer named `source` and merges it,
 * key by key, over `set`. A file with any error is not merged at all.
 * Returns the number of errors. */
int ax_flagset_merge_json(struct ax_flagset *set, json_t *root, const char *file,
	const char *source, ax_flag_diag_fn diag, void *ctx);

/* Reads and merges a file. A missing file is no error. -1 if broken. */
int ax_flagset_merge_file(struct ax_flagset *set, const char *path, const char *source,
	ax_flag_diag_fn diag, void *ctx);

/* The two halves of merging: one file's flags parsed into `layer` (each
 * with its mask of keys given; returns the error count), then merged. */
int ax_flagset_parse_layer(struct ax_flagset *layer, json_t *root, const char *file,
	ax_flag_diag_fn diag, void *ctx);
void ax_flagset_merge_layer(struct ax_flagset *set, struct ax_flagset *layer, const char *source);
/* A file into a layer: 0 (also when missing), -1 if broken. */
int ax_flagset_read_layer(struct ax_flagset *layer, const char *path, ax_flag_diag_fn diag, void *ctx);
/* Defaults, then the user file, then the project file, all parsed. */
int ax_flagset_load(struct ax_flagset *set, ax_flag_diag_fn diag, void *ctx);

/* A flags file through its compiled cache (flags_cache.c), for the tools:
 * open reads the cache if the file is unchanged since it was parsed (same
 * inode, size, mtime, ctime), else parses the file and writes the cache;
 * get decodes one flag. Open returns 0 (also for a missing file) or -1 for
 * a broken file, reported through diag (errors only, not warnings). */
struct ax_flag_cache {
	char *data, *message;
	size_t len, index;
	uint32_t n;
	bool broken;
};
int ax_flag_cache_open(struct ax_flag_cache *c, const char *path, ax_flag_diag_fn diag, void *ctx);
/* Adds the file's definition of `name` (its keys and mask) to `layer`. */
bool ax_flag_cache_get(const struct ax_flag_cache *c, const char *name, struct ax_flagset *layer);
void ax_flag_cache_close(struct ax_flag_cache *c);

struct ax_flag *ax_flagset_add(struct ax_flagset *set, const char *name); /* defaults, unsorted */
void ax_flag_free(struct ax_flag *f);

void ax_flagset_sort(struct ax_flagset *set);
const struct ax_flag *ax_flagset_find(const struct ax_flagset *set, const char *name);
void ax_flagset_free(struct ax_flagset *set);

/* Whole-set checks for `ax-flag check`: prerequisite cycles and unknown
 * prerequisites (errors), environment-name collisions (warnings). */
int ax_flagset_check(const struct ax_flagset *set, ax_flag_diag_fn diag, void *ctx);

/* Where the files are: $XDG_CONFIG_HOME/ax/flags.json (~/.config/ax/...),
 * and .ax/flags.json in the nearest directory upwards that has .ax/
 * (NULL outside a project). Malloc'd. */
char *ax_flags_user_path(void);
char *ax_flags_project_path(void);
/* The directory holding .ax/ or .git nearest upwards (the repository id). */
char *ax_flags_repo_root(void);

/* AX_FLAG_<NAME>: upper case, every character not a letter or digit
 * becomes '_' (stage.parse -> AX_FLAG_STAGE_PARSE). Malloc'd. */
char *ax_flag_env_name(const char *flag);

/* "2026-03-01T12:00:00Z", "2026-03-01", or unix seconds -> unix seconds;
 * AX_NO_TIME if not a time. And back, in UTC ISO-8601. */
int64_t ax_flag_parse_time(const char *s);
void ax_flag_format_time(int64_t t, char buf[32]);
/* Now, or $AX_NOW (a fake clock for tests and dry runs). */
int64_t ax_flag_now(void);

/* Rollout bucket 1..100: murmur3_x86_32("<group>:<id>", 0) % 100 + 1. */
int ax_flag_bucket(const char *group, const char *id);
/* The first variant whose overrides list the id; else by weight:
 * murmur3("<group>:<id>", seed) % total + 1, then the first variant whose
 * running weight reaches it. NULL if no weights. */
const struct ax_variant *ax_flag_pick_variant(const struct ax_flag *f, const char *id, uint32_t seed);
/* The sum of the variants' weights (0 without variants). */
uint32_t ax_flag_variant_total(const struct ax_flag *f);

struct ax_eval_ctx {
	int64_t now;
	const char *id;         /* forces the id for any stickiness (eval --id) */
};

struct ax_eval {
	bool on;
	const char *variant;    /* NULL when off or without variants */
	const char *rule;       /* which rule decided: kill-switch, denylist, ... */
	char why[256];          /* the same, for humans */
	const char *id;         /* the id that was hashed */
	int bucket;             /* 0 if no bucket was computed */
};

void ax_flag_eval(const struct ax_flagset *set, const char *name,
	const struct ax_eval_ctx *ctx, struct ax_eval *out);

#endif
