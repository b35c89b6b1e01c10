/* common.c: what ax-telemetry's commands share: the store with the spool
 * ingested into it, and durations. */
#include "cmds.h"
#include "base/cli.h"
#include "telemetry/telemetry_store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int64_t tel_parse_duration(const char *s)
{
	char *end;
	errno = 0;
	long long n = strtoll(s, &end, 10);
	if (errno || end == s || n < 0)
		return -1;
	int64_t unit = !*end ? 1 : !strcmp(end, "s") ? 1 : !strcmp(end, "m") ? 60
		: !strcmp(end, "h") ? 3600 : !strcmp(end, "d") ? 86400 : !strcmp(end, "w") ? 7 * 86400 : -1;
	if (unit < 0 || n > INT64_MAX / 86400 / 7)
		return -1;
	return n * unit;
}

int tel_file_exists(const char *dir, const char *name, off_t *size)
{
	char *p = ax_tel_path(dir, name);
	struct stat sb;
	int ok = stat(p, &sb) == 0;
	if (size)
		*size = ok ? sb.st_size : 0;
	free(p);
	return ok;
}

sqlite3 *tel_open_ingested(struct tel *t, int quiet)
{
	struct ax_tel_ingest_stats st;
	sqlite3 *db = ax_tel_open_ingested(t->dir, t->cfg.retention_days, &st);
	if (!db)
		return ax_tel_db_open(t->dir, false); /* an empty store in memory */
	if (!quiet)
		printf("ingested %zu %s (%zu already stored, %zu corrupt %s skipped, %zu pruned)\n",
			st.added, ax_plural((long long)st.added, "event", "events"), st.duplicates, st.corrupt,
			ax_plural((long long)st.corrupt, "record", "records"), st.pruned);
	else if (st.corrupt)
		ax_warn("skipped %zu corrupt spool records", st.corrupt);
	return db;
}
