/* cmds.h: ax-telemetry's subcommands and what they share. */
#ifndef AX_TELEMETRY_CMDS_H
#define AX_TELEMETRY_CMDS_H

#include "telemetry/telemetry.h"

#include <sqlite3.h>
#include <stdint.h>
#include <sys/types.h>

struct tel {
	char *dir;                   /* the telemetry directory */
	struct ax_tel_config cfg;    /* telemetry.conf */
	enum ax_tel_mode mode;       /* in effect */
	const char *mode_source;     /* "telemetry.conf", "AX_TELEMETRY", "DO_NOT_TRACK" */
};

/* Ingests the spool, then returns the database (an empty one in memory if
 * there is no data at all). Dies on failure. */
sqlite3 *tel_open_ingested(struct tel *t, int quiet);

/* Whether dir/name exists; its size in *size if size is not NULL. */
int tel_file_exists(const char *dir, const char *name, off_t *size);

/* "24h", "7d", "30m", "90s" or plain seconds; -1 if malformed. */
int64_t tel_parse_duration(const char *s);

/* Each takes argv with argv[0] the subcommand's name and returns the exit status. */
int cmd_regressions(struct tel *t, int argc, char **argv);
int cmd_errors(struct tel *t, int argc, char **argv);
int cmd_upload(struct tel *t, int argc, char **argv);
int cmd_record(struct tel *t, int argc, char **argv);
/* What the next upload would hold: its JSON (malloc'd) or NULL if nothing. */
char *upload_preview(const struct tel *t, sqlite3 *db, int64_t *events);

#endif
