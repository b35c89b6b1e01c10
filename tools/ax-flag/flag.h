/* flag.h: what the parts of ax-flag share. */
#ifndef AX_FLAG_TOOL_H
#define AX_FLAG_TOOL_H

#include "flags/flags_model.h"

#include <jansson.h>
#include <stdbool.h>

enum target { TARGET_DEFAULT, TARGET_USER, TARGET_PROJECT };

/* edit.c: changing one flags file under a lock, atomically, with an audit
 * record. edit_open takes the lock and reads the file (a broken file is
 * refused: exit 2); edit_commit validates, writes and unlocks. */
struct edit {
	char *path, *audit_path;
	int lock_fd;
	json_t *root, *flags, *before;
};
char *target_path(enum target t);
void edit_open(struct edit *e, enum target t);
json_t *edit_flag(struct edit *e, const char *name, bool create);
void edit_commit(struct edit *e, const char *action, const char *flag, const char *reason);
/* Reads both audit logs, oldest first, as a JSON array. */
json_t *audit_read(void);
/* A time of the flags file as JSON: its text, or null for none. */
json_t *time_json(int64_t t);
/* Safe-state rollback used by kill and guard. */
void kill_flag(enum target t, const char *name, const char *reason, const char *action);

/* report.c: A/B reports, the guard and telemetry-based staleness. */
int cmd_report(const struct ax_flagset *set, const char *name, const char *metric, int64_t since);
int cmd_guard(const struct ax_flagset *set, char **names, int n, double max_rate, double alpha,
	int min_events, int64_t since, bool dry_run, enum target t);
/* Flags seen in any event since `since`: a JSON object name -> true, or
 * NULL without a telemetry store. */
json_t *telemetry_seen_flags(int64_t since);

#endif
