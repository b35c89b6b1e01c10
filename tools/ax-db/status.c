/* status.c: ax-db status (where the index stands) and ax-db verify (is it
 * whole). Both only read. */
#include "adb.h"
#include "index/backup.h"
#include "base/cli.h"
#include "index/db.h"
#include "index/migrate.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static long long file_size(const char *path, const char *suffix)
{
	char p[4096];
	snprintf(p, sizeof p, "%s%s", path, suffix);
	struct stat st;
	return stat(p, &st) == 0 ? (long long)st.st_size : 0;
}

static void iso_time(time_t t, char out[32])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int adb_status(const struct adb_opts *o)
{
	char *path = adb_index_path(o, false);
	sqlite3 *db = adb_connect(path, AX_DB_READ);
	char *err = NULL;
	int v = ax_schema_version(db, &err);
	if (v < 0)
		ax_die(AX_EXIT_USAGE, "cannot use %s: %s", path, err);
	int latest = (int)ax_migrations.n;
	struct ax_history h;
	struct ax_history_check hc;
	if (ax_history_read(db, &h, &err) < 0)
		ax_die(AX_EXIT_USAGE, "cannot read the history of %s: %s", path, err);
	ax_history_check(&h, &ax_migrations, &hc);
	char *quick = NULL;
	if (ax_db_text(db, "PRAGMA quick_check", &quick, &err) < 0)
		quick = err;
	char **backups;
	size_t nb;
	ax_backup_list(path, &backups, &nb);
	const char *last = nb ? backups[nb - 1] : NULL;
	struct stat lst;
	bool last_ok = last && stat(last, &lst) == 0;
	long long size = file_size(path, ""), wal = file_size(path, "-wal");

	if (o->json) {
		fputs("{\"db\":", stdout);
		adb_json_str(stdout, path);
		fprintf(stdout, ",\"version\":%d,\"latest\":%d,\"newer\":%s,\"pending\":[", v, latest,
			v > latest ? "true" : "false");
		for (int i = v; i < latest; i++) {
			fprintf(stdout, "%s{\"version\":%d,\"name\":", i > v ? "," : "", i + 1);
			adb_json_str(stdout, ax_migrations.m[i].name);
			fputc('}', stdout);
		}
		fputs("],\"applied\":[", stdout);
		for (size_t i = 0; i < h.n; i++) {
			const struct ax_applied *a = &h.rows[i];
			fprintf(stdout, "%s{\"version\":%d,\"name\":", i ? "," : "", a->version);
			adb_json_str(stdout, a->name);
			fputs(",\"checksum\":", stdout);
			adb_json_str(stdout, a->checksum);
			fprintf(stdout, ",\"applied_at\":%lld,\"duration_ms\":%lld,\"tool_version\":",
				(long long)a->applied_at, (long long)a->duration_ms);
			adb_json_str(stdout, a->tool_version);
			fputc('}', stdout);
		}
		fputs("],\"history_problems\":[", stdout);
		for (size_t i = 0; i < hc.nproblems; i++) {
			if (i)
				fputc(',', stdout);
			adb_json_str(stdout, hc.problems[i]);
		}
		fputs("],\"last_backup\":", stdout);
		if (last_ok) {
			fputs("{\"path\":", stdout);
			adb_json_str(stdout, last);
			fprintf(stdout, ",\"time\":%lld,\"size\":%lld}", (long long)lst.st_mtime, (long long)lst.st_size);
		} else {
			fputs("null", stdout);
		}
		fprintf(stdout, ",\"backups\":%zu,\"size\":%lld,\"wal_size\":%lld,\"quick_check\":", nb, size, wal);
		adb_json_str(stdout, quick);
		fputs("}\n", stdout);
	} else {
		printf("index:    %s\n", path);
		printf("version:  %d (this ax: %d)%s\n", v, latest, v > latest ? ", NEWER than this ax" : "");
		if (v < latest) {
			printf("pending: ");
			for (int i = v; i < latest; i++)
				printf(" %d %s%s", i + 1, ax_migrations.m[i].name, i + 1 < latest ? "," : "");
			printf(" (run 'ax db migrate')\n");
		} else {
			printf("pending:  none\n");
		}
		for (size_t i = 0; i < hc.nproblems; i++)
			printf("history:  %s\n", hc.problems[i]);
		if (last_ok) {
			char when[32];
			iso_time(lst.st_mtime, when);
			printf("backup:   %s (%s, %lld bytes; %zu kept)\n", last, when, (long long)lst.st_size, nb);
		} else {
			printf("backup:   none\n");
		}
		printf("size:     %lld bytes (+ %lld in the WAL)\n", size, wal);
		printf("check:    %s\n", quick);
	}
	ax_backup_list_free(backups, nb);
	ax_history_check_free(&hc);
	ax_history_free(&h);
	free(quick);
	sqlite3_close(db);
	free(path);
	return AX_EXIT_OK;
}

/* --- verify --- */

struct finding {
	const char *check;
	char *detail;             /* "ok" or what is wrong */
	bool ok;
};

static void add(struct finding *f, size_t *n, const char *check, bool ok, char *detail)
{
	f[*n].check = check;
	f[*n].ok = ok;
	f[*n].detail = detail;
	(*n)++;
}

/* Every row whose foreign key points nowhere, counted per table. */
static char *orphans(sqlite3 *db, bool *ok)
{
	sqlite3_stmt *st;
	char *err = NULL, *out = NULL;
	if (ax_db_prepare(db, "SELECT \"table\", parent, count(*) FROM pragma_foreign_key_check "
			  "GROUP BY 1, 2 ORDER BY 1, 2", &st, &err) < 0) {
		*ok = false;
		return err;
	}
	size_t len = 0;
	FILE *m = open_memstream(&out, &len);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW)
		fprintf(m, "%s%lld rows of %s point at missing rows of %s", n++ ? "; " : "",
			(long long)sqlite3_column_int64(st, 2), sqlite3_column_text(st, 0), sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	fclose(m);
	*ok = n == 0;
	if (*ok) {
		free(out);
		out = ax_strdup("none");
	}
	return out;
}

#define MAX_FINDINGS 64

static void check_fts(sqlite3 *db, struct finding *f, size_t *n)
{
	sqlite3_stmt *st;
	if (ax_db_prepare(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%' "
			  "ORDER BY name", &st, NULL) < 0)
		return;
	while (*n + 4 < MAX_FINDINGS && sqlite3_step(st) == SQLITE_ROW) {
		/* rank 1: the index is also compared with the external content. */
		char *q = sqlite3_mprintf("INSERT INTO \"%w\"(\"%w\", rank) VALUES ('integrity-check', 1)",
					  sqlite3_column_text(st, 0), sqlite3_column_text(st, 0));
		char *err = NULL;
		bool ok = ax_db_exec(db, q, &err) == 0;
		sqlite3_free(q);
		char *label = ax_xasprintf("fts5 %s", sqlite3_column_text(st, 0));
		add(f, n, label, ok, ok ? ax_strdup("ok") : err);
	}
	sqlite3_finalize(st);
}

/* Schema objects the migrations do not create: each one named. */
static void check_objects(sqlite3 *db, int v, struct finding *f, size_t *n)
{
	char **list, *err = NULL;
	size_t k;
	if (ax_db_foreign_objects(db, "main", v, &list, &k, &err) < 0) {
		add(f, n, "schema objects", false, err);
		return;
	}
	size_t len = 0;
	char *text = NULL;
	FILE *m = open_memstream(&text, &len);
	for (size_t i = 0; i < k; i++)
		fprintf(m, "%s%s", i ? "; " : "", list[i]);
	fclose(m);
	ax_db_objects_free(list, k);
	if (!k) {
		free(text);
		text = ax_strdup("ok");
	}
	add(f, n, "schema objects", k == 0, text);
}

int adb_verify(const struct adb_opts *o)
{
	char *path = adb_index_path(o, false);
	/* The FTS check is an INSERT of a command: it needs a writable handle,
	 * though nothing is written. */
	/* Unchecked: naming the schema objects that make every other tool
	 * refuse the file is verify's job. */
	char *err = NULL;
	sqlite3 *db = ax_db_connect(path, AX_DB_WRITE, &err);
	if (!db)
		ax_die(AX_EXIT_USAGE, "cannot open %s: %s", path, err);
	int v = ax_schema_version(db, &err);
	if (v < 0)
		ax_die(AX_EXIT_USAGE, "cannot use %s: %s", path, err);
	struct finding f[MAX_FINDINGS];
	size_t n = 0;
	check_objects(db, v, f, &n);
	if (ax_db_exec(db, "BEGIN", &err) < 0)
		ax_die(AX_EXIT_INTERNAL, "%s: %s", path, err);

	char *res = NULL;
	bool ok = ax_db_text(db, "PRAGMA integrity_check", &res, &err) == 0;
	add(f, &n, "integrity_check", ok && strcmp(res, "ok") == 0, ok ? res : err);
	check_fts(db, f, &n);
	char *orph = orphans(db, &ok);
	add(f, &n, "foreign keys", ok, orph);

	struct ax_history h;
	struct ax_history_check hc;
	if (ax_history_read(db, &h, &err) < 0) {
		add(f, &n, "history", false, err);
	} else {
		ax_history_check(&h, &ax_migrations, &hc);
		size_t len = 0;
		char *text = NULL;
		FILE *m = open_memstream(&text, &len);
		for (size_t i = 0; i < hc.nproblems; i++)
			fprintf(m, "%s%s", i ? "; " : "", hc.problems[i]);
		bool contiguous = h.n == (size_t)v && (v == 0 || h.rows[h.n - 1].version == v);
		if (!contiguous)
			fprintf(m, "%shistory has %zu migrations, PRAGMA user_version says %d", hc.nproblems ? "; " : "", h.n, v);
		fclose(m);
		ok = hc.nproblems == 0 && contiguous;
		if (ok) {
			free(text);
			text = ax_strdup("ok");
		}
		add(f, &n, "history", ok, text);
		ax_history_check_free(&hc);
		ax_history_free(&h);
	}
	ax_db_exec(db, "ROLLBACK", NULL);

	bool all = true;
	if (o->json) {
		fputs("{\"db\":", stdout);
		adb_json_str(stdout, path);
		fprintf(stdout, ",\"version\":%d,\"checks\":[", v);
	}
	for (size_t i = 0; i < n; i++) {
		all &= f[i].ok;
		if (o->json) {
			fprintf(stdout, "%s{\"check\":", i ? "," : "");
			adb_json_str(stdout, f[i].check);
			fprintf(stdout, ",\"ok\":%s,\"detail\":", f[i].ok ? "true" : "false");
			adb_json_str(stdout, f[i].detail);
			fputc('}', stdout);
		} else {
			printf("%-16s %s%s\n", f[i].check, f[i].ok ? "" : "FAILED: ", f[i].detail);
		}
		if (strncmp(f[i].check, "fts5 ", 5) == 0)
			free((char *)f[i].check);
		free(f[i].detail);
	}
	if (o->json)
		fprintf(stdout, "],\"ok\":%s}\n", all ? "true" : "false");
	sqlite3_close(db);
	if (!all)
		ax_error("%s has problems (see above)", path);
	free(path);
	return all ? AX_EXIT_OK : AX_EXIT_NONE;
}
