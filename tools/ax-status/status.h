/* status.h: what ax-status gathers (gather.c, stale.c) and prints (print.c). */
#ifndef AX_STATUS_H
#define AX_STATUS_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct lang_count {
	char *lang;
	int64_t files, symbols;
};

struct failed {
	char *path; /* NULL: the error is about no one file */
	char *stage, *code, *msg;
};

struct stale_file {
	char *path;
	bool missing; /* else changed: size or mtime differ */
};

/* A setting or flag that is not at its default. */
struct setting {
	char *name, *value;
	const char *origin;
};

struct status {
	char *index;
	int schema, latest;
	char *root;                   /* meta root, or NULL */
	int64_t last_load;            /* unix seconds, 0 if never */
	double last_load_seconds;     /* -1 if not recorded */
	int64_t files, symbols;
	struct lang_count *langs;
	size_t nlangs;
	int64_t nfailed;              /* all of them; `failed` holds the first `limit` */
	struct failed *failed;
	size_t nfailed_shown;
	bool stale_checked;           /* false without a root on disk */
	int64_t changed, missing;
	int64_t refused;              /* paths outside the root, not looked at */
	struct stale_file *stale;     /* the first `limit` */
	size_t nstale_shown;
	struct setting *flags, *config;
	size_t nflags, nconfig;
	const char *telemetry, *telemetry_source;
};

/* Fill `s` from the open index and the environment; `limit` caps the
 * lists of failed and stale files (0: no cap). Exits 2 on an unreadable
 * index. */
void status_gather(struct status *s, sqlite3 *db, size_t limit);
/* Compare each indexed file under s->root with the disk (stale.c). */
void status_stale(struct status *s, sqlite3 *db, size_t limit);
void status_free(struct status *s);

void status_print_human(const struct status *s, int64_t now);
void status_print_json(const struct status *s);

#endif
