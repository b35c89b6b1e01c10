/* gather.c: the index's facts, the flags and settings not at their
 * defaults, and the telemetry mode. */
#include "status.h"

#include "base/cli.h"
#include "config/config.h"
#include "index/db.h"
#include "index/root.h"
#include "flags/flags_model.h"
#include "index/migrate.h"
#include "telemetry/telemetry.h"

#include <stdlib.h>
#include <string.h>

static sqlite3_stmt *query(const struct status *s, sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	char *err;
	if (ax_db_prepare(db, sql, &st, &err) < 0)
		ax_die(AX_EXIT_USAGE, "%s: %s", s->index, err);
	return st;
}

static char *column_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? ax_strdup((const char *)t) : NULL;
}

static void gather_meta(struct status *s, sqlite3 *db)
{
	sqlite3_stmt *st = query(s, db, "SELECT key, value FROM meta WHERE key IN "
					"('last_load', 'last_load_seconds')");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		if (!strcmp(key, "last_load"))
			s->last_load = sqlite3_column_int64(st, 1);
		else
			s->last_load_seconds = sqlite3_column_double(st, 1);
	}
	sqlite3_finalize(st);
	s->root = ax_db_root(db);
}

static void gather_langs(struct status *s, sqlite3 *db)
{
	sqlite3_stmt *st = query(s, db, "SELECT lang, count(*), total(nsyms) FROM files GROUP BY lang "
					"ORDER BY count(*) DESC, lang");
	size_t cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (s->nlangs == cap) {
			cap = cap ? cap * 2 : 16;
			s->langs = ax_realloc(s->langs, cap * sizeof *s->langs);
		}
		struct lang_count *l = &s->langs[s->nlangs++];
		l->lang = column_text(st, 0);
		l->files = sqlite3_column_int64(st, 1);
		l->symbols = sqlite3_column_int64(st, 2);
		s->files += l->files;
		s->symbols += l->symbols;
	}
	sqlite3_finalize(st);
}

static void gather_failed(struct status *s, sqlite3 *db, size_t limit)
{
	char *err;
	if (ax_db_int(db, "SELECT count(*) FROM errors", &s->nfailed, &err) < 0)
		ax_die(AX_EXIT_USAGE, "%s: %s", s->index, err);
	sqlite3_stmt *st = query(s, db, "SELECT path, stage, code, msg FROM errors "
					"ORDER BY path IS NULL, path, id LIMIT ?1");
	sqlite3_bind_int64(st, 1, limit ? (int64_t)limit : -1);
	size_t cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (s->nfailed_shown == cap) {
			cap = cap ? cap * 2 : 16;
			s->failed = ax_realloc(s->failed, cap * sizeof *s->failed);
		}
		s->failed[s->nfailed_shown++] = (struct failed){
			column_text(st, 0), column_text(st, 1), column_text(st, 2), column_text(st, 3),
		};
	}
	sqlite3_finalize(st);
}

static void add_setting(struct setting **v, size_t *n, const char *name, const char *value,
			const char *origin)
{
	*v = ax_realloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = (struct setting){ ax_strdup(name), ax_strdup(value), origin };
}

/* A broken flag file is reported and the rest used, as every tool does. */
static void flag_diag(void *ctx, bool error, const char *file, const char *msg)
{
	(void)ctx;
	ax_warn("%s%s%s%s", error ? "" : "warning: ", file ? file : "", file ? ": " : "", msg);
}

/* Flags a file or the environment sets, with the value they evaluate to. */
static void gather_flags(struct status *s)
{
	struct ax_flagset set = { 0 };
	ax_flagset_load(&set, flag_diag, NULL);
	struct ax_eval_ctx ctx = { .now = ax_flag_now() };
	bool all_off = getenv("AX_FLAGS_OFF") != NULL;
	for (size_t i = 0; i < set.n; i++) {
		const struct ax_flag *f = &set.flags[i];
		char *env = ax_flag_env_name(f->name);
		const char *origin = getenv(env) || all_off ? "env" : f->source;
		free(env);
		if (!strcmp(origin, "built-in"))
			continue;
		struct ax_eval e;
		ax_flag_eval(&set, f->name, &ctx, &e);
		add_setting(&s->flags, &s->nflags, f->name, !e.on ? "off" : e.variant ? e.variant : "on", origin);
	}
	ax_flagset_free(&set);
}

static void gather_config(struct status *s)
{
	const struct ax_config *c = ax_config();
	for (int k = 0; k < AX_CFG_NKEYS; k++) {
		const char *name = ax_config_keys[k].name;
		if (ax_config_keys[k].type == AX_CFG_T_LIST)
			for (size_t i = 0; i < c->nlist[k]; i++)
				add_setting(&s->config, &s->nconfig, name, c->list[k][i].value, c->list[k][i].origin);
		else if (strcmp(c->scalar[k].origin, "default"))
			add_setting(&s->config, &s->nconfig, name, c->scalar[k].value, c->scalar[k].origin);
	}
}

static void gather_telemetry(struct status *s)
{
	struct ax_tel_config c;
	char *dir = ax_tel_dir();
	ax_tel_config_load(dir, &c);
	free(dir);
	s->telemetry = ax_tel_mode_name(ax_tel_mode_effective(&c, &s->telemetry_source));
}

void status_gather(struct status *s, sqlite3 *db, size_t limit)
{
	char *err;
	s->last_load_seconds = -1;
	s->latest = (int)ax_migrations.n;
	if ((s->schema = ax_schema_version(db, &err)) < 0)
		ax_die(AX_EXIT_USAGE, "%s: %s", s->index, err);
	/* Version 2 brought meta; what else is read here is older. */
	if (s->schema < 2)
		ax_die(AX_EXIT_USAGE, "%s is at schema version %d, too old to report on: run 'ax db migrate'",
		       s->index, s->schema);
	gather_meta(s, db);
	gather_langs(s, db);
	gather_failed(s, db, limit);
	gather_flags(s);
	gather_config(s);
	gather_telemetry(s);
}

static void free_settings(struct setting *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].value);
	}
	free(v);
}

void status_free(struct status *s)
{
	for (size_t i = 0; i < s->nlangs; i++)
		free(s->langs[i].lang);
	for (size_t i = 0; i < s->nfailed_shown; i++) {
		free(s->failed[i].path);
		free(s->failed[i].stage);
		free(s->failed[i].code);
		free(s->failed[i].msg);
	}
	for (size_t i = 0; i < s->nstale_shown; i++)
		free(s->stale[i].path);
	free(s->langs);
	free(s->failed);
	free(s->stale);
	free_settings(s->flags, s->nflags);
	free_settings(s->config, s->nconfig);
	free(s->root);
	free(s->index);
}
