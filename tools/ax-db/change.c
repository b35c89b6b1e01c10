/* change.c: ax-db migrate and ax-db rollback, for real or as a dry run. */
#include "adb.h"
#include "base/cli.h"
#include "index/db.h"
#include "index/migrate.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *change_word(char c)
{
	switch (c) {
	case '+': return "created";
	case '-': return "dropped";
	case '~': return "redefined";
	default: return "rows";
	}
}

static void print_rows(FILE *out, int64_t n)
{
	if (n < 0)
		fputs("null", out);
	else
		fprintf(out, "%lld", (long long)n);
}

static void effect_json(FILE *out, const struct ax_table_effect *t)
{
	fputs("{\"name\":", out);
	adb_json_str(out, t->name);
	fprintf(out, ",\"type\":\"%s\",\"change\":\"%s\",\"rows_before\":", t->type, change_word(t->change));
	print_rows(out, t->rows_before);
	fputs(",\"rows_after\":", out);
	print_rows(out, t->rows_after);
	fprintf(out, ",\"inserted\":%lld,\"updated\":%lld,\"deleted\":%lld}", (long long)t->inserted,
		(long long)t->updated, (long long)t->deleted);
}

static void effect_text(FILE *out, const char *lead, const struct ax_table_effect *t)
{
	fprintf(out, "%s%c %s %s", lead, t->change, t->type, t->name);
	if (t->rows_before >= 0 && t->rows_after >= 0)
		fprintf(out, ": %lld -> %lld %s", (long long)t->rows_before, (long long)t->rows_after,
			ax_plural(t->rows_after, "row", "rows"));
	else if (t->rows_after >= 0)
		fprintf(out, ": %lld %s", (long long)t->rows_after, ax_plural(t->rows_after, "row", "rows"));
	else if (t->rows_before >= 0)
		fprintf(out, ": had %lld %s", (long long)t->rows_before, ax_plural(t->rows_before, "row", "rows"));
	if (t->inserted || t->updated || t->deleted)
		fprintf(out, " (%lld inserted, %lld updated, %lld deleted)", (long long)t->inserted,
			(long long)t->updated, (long long)t->deleted);
	fputc('\n', out);
}

static const char *step_sql(const struct ax_migration *m, bool down)
{
	return down ? m->down_sql : m->up_sql;
}

static bool step_has_fn(const struct ax_migration *m, bool down)
{
	return down ? m->down_fn != NULL : m->up_fn != NULL;
}

static void report_json(const char *path, const struct ax_change *c, bool down, bool dry_run)
{
	fputs("{\"db\":", stdout);
	adb_json_str(stdout, path);
	fprintf(stdout, ",\"dry_run\":%s,\"direction\":\"%s\",\"from\":%d,\"to\":%d,\"backup\":",
		dry_run ? "true" : "false", down ? "down" : "up", c->from, c->to);
	adb_json_str(stdout, c->backup);
	fputs(",\"steps\":[", stdout);
	for (int i = 0; i < c->n; i++) {
		const struct ax_migration *m = c->plan[i];
		char sum[17];
		ax_migration_checksum(m, sum);
		fprintf(stdout, "%s{\"version\":%d,\"name\":", i ? "," : "", m->version);
		adb_json_str(stdout, m->name);
		fprintf(stdout, ",\"checksum\":\"%s\",\"sql\":", sum);
		adb_json_str(stdout, step_sql(m, down));
		fprintf(stdout, ",\"c_transform\":%s,\"duration_ms\":%lld,\"effects\":[",
			step_has_fn(m, down) ? "true" : "false", (long long)c->effects[i].duration_ms);
		for (size_t k = 0; k < c->effects[i].n; k++) {
			if (k)
				fputc(',', stdout);
			effect_json(stdout, &c->effects[i].t[k]);
		}
		fputs("]}", stdout);
	}
	fputs("]}\n", stdout);
}

static void report_text(const char *path, const struct ax_change *c, bool down, bool dry_run)
{
	const char *dir = down ? "down" : "up";
	if (dry_run) {
		printf("-- dry run: nothing is changed; %s would go from version %d to %d\n", path, c->from, c->to);
		for (int i = 0; i < c->n; i++) {
			const struct ax_migration *m = c->plan[i];
			char sum[17];
			ax_migration_checksum(m, sum);
			printf("-- %s %d %s (checksum %s), in one transaction:\n", dir, m->version, m->name, sum);
			if (step_sql(m, down))
				fputs(step_sql(m, down), stdout);
			if (step_has_fn(m, down))
				printf("-- then a data transform in C (%s)\n", m->fn_rev ? m->fn_rev : "no revision");
			printf("-- then its history row and PRAGMA user_version = %d\n", down ? m->version - 1 : m->version);
			printf("-- effect:\n");
			for (size_t k = 0; k < c->effects[i].n; k++)
				effect_text(stdout, "--   ", &c->effects[i].t[k]);
		}
		return;
	}
	if (c->backup)
		printf("backup: %s\n", c->backup);
	for (int i = 0; i < c->n; i++) {
		const struct ax_migration *m = c->plan[i];
		printf("%s %d %s: %lld ms\n", dir, m->version, m->name, (long long)c->effects[i].duration_ms);
		for (size_t k = 0; k < c->effects[i].n; k++)
			effect_text(stdout, "  ", &c->effects[i].t[k]);
	}
	printf("%s: version %d -> %d\n", path, c->from, c->to);
}

/* The history must match the binary's migrations before anything moves. */
static void check_history(sqlite3 *db, const char *path, bool force)
{
	struct ax_history h;
	struct ax_history_check hc;
	char *err = NULL;
	if (ax_history_read(db, &h, &err) < 0)
		ax_die(AX_EXIT_USAGE, "cannot read the history of %s: %s", path, err);
	ax_history_check(&h, &ax_migrations, &hc);
	for (size_t i = 0; i < hc.nproblems; i++)
		ax_warn("%s", hc.problems[i]);
	if (hc.mismatched && !force)
		ax_die(AX_EXIT_USAGE, "the migration history of %s differs from this ax's migrations "
		       "(an edited migration?): refusing to go on; 'ax-db verify' shows it, --force overrides", path);
	ax_history_check_free(&hc);
	ax_history_free(&h);
}

static int change(const struct adb_opts *o, bool down)
{
	char *path = adb_index_path(o, !down);
	bool missing = access(path, F_OK) < 0;
	sqlite3 *db;
	/* A dry run on a missing index shows what creating it would do,
	 * without creating it. */
	if (missing && o->dry_run) {
		db = adb_connect(":memory:", AX_DB_WRITE | AX_DB_CREATE);
	} else {
		if (missing && ax_db_make_parent(path) < 0)
			ax_die(AX_EXIT_USAGE, "cannot create the directory of %s: %s", path, strerror(errno));
		db = adb_connect(path, AX_DB_WRITE | AX_DB_CREATE);
	}
	char *err = NULL;
	int v = ax_schema_version(db, &err);
	if (v < 0)
		ax_die(AX_EXIT_USAGE, "cannot use %s: %s", path, err);
	int latest = (int)ax_migrations.n;
	if (v > latest)
		ax_die(AX_EXIT_USAGE, "%s has schema version %d, newer than this ax (%s, version %d): "
		       "refusing to change it; use a newer ax", path, v, AX_VERSION, latest);
	check_history(db, path, o->force);
	int target = o->to >= 0 ? o->to : down ? (v > 0 ? v - 1 : 0) : latest;
	if (target > latest)
		ax_usage_error("no version %d: this ax knows versions 0 to %d", target, latest);
	if (!down && target < v)
		ax_usage_error("%s is at version %d, above %d: that is 'ax-db rollback --to %d'", path, v, target, target);
	if (down && target > v)
		ax_usage_error("%s is at version %d, below %d: that is 'ax-db migrate --to %d'", path, v, target, target);

	struct ax_change c;
	int rc = ax_db_change(db, path, &ax_migrations, target, o->dry_run, &c, &err);
	if (o->json)
		report_json(path, &c, down, o->dry_run);
	else if (c.n || rc < 0)
		report_text(path, &c, down, o->dry_run);
	else
		printf("%s: already at version %d\n", path, v);
	if (rc < 0)
		ax_die(AX_EXIT_INTERNAL, "%s failed, %s stays at version %d: %s", down ? "rollback" : "migrate",
		       path, c.to, err);
	ax_change_free(&c);
	if (sqlite3_close(db) != SQLITE_OK)
		ax_die(AX_EXIT_INTERNAL, "closing %s: %s", path, sqlite3_errmsg(db));
	free(path);
	return AX_EXIT_OK;
}

int adb_migrate(const struct adb_opts *o)
{
	return change(o, false);
}

int adb_rollback(const struct adb_opts *o)
{
	return change(o, true);
}
