/* edit.c: atomic, locked, audited writes of a flags file.
 *
 * The lock is flock() on "<file>.lock", held from reading the file to the
 * rename of its replacement, so two writers never lose each other's change.
 * Readers (every tool) never lock: rename() makes them see the old file
 * or the new one, never half of one. */
#include "flag.h"
#include "base/cli.h"
#include "base/install_id.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

char *target_path(enum target t)
{
	char *project = t == TARGET_USER ? NULL : ax_flags_project_path();
	if (t == TARGET_PROJECT && !project)
		ax_die(AX_EXIT_USAGE, "--project: not inside a project (no .ax/ directory here or above)");
	return project ? project : ax_flags_user_path();
}

static void make_parent(const char *path)
{
	char *dir = ax_strdup(path);
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(dir, 0755);
		*p = '/';
	}
	free(dir);
}

static char *sibling(const char *path, const char *name)
{
	const char *slash = strrchr(path, '/');
	int dirlen = slash ? (int)(slash - path) : 0;
	char *out = ax_xasprintf("%.*s/%s", dirlen, path, name);
	return out;
}

void edit_open(struct edit *e, enum target t)
{
	memset(e, 0, sizeof *e);
	e->path = target_path(t);
	e->audit_path = sibling(e->path, "flags-audit.jsonl");
	make_parent(e->path);
	char *lock = ax_xasprintf("%s.lock", e->path);
	e->lock_fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (e->lock_fd < 0)
		ax_die(AX_EXIT_INTERNAL, "cannot write %s: %s", e->path, strerror(errno));
	free(lock);
	if (flock(e->lock_fd, LOCK_EX) != 0)
		ax_die(AX_EXIT_INTERNAL, "cannot lock %s: %s", e->path, strerror(errno));
	if (access(e->path, F_OK) == 0) {
		json_error_t err;
		e->root = json_load_file(e->path, JSON_REJECT_DUPLICATES, &err);
		if (!e->root)
			ax_die(AX_EXIT_USAGE, "%s is broken (line %d: %s): fix it by hand, ax-flag check tells what is wrong",
				e->path, err.line, err.text);
		if (!json_is_object(e->root))
			ax_die(AX_EXIT_USAGE, "%s is broken: the top level is not an object", e->path);
	} else {
		e->root = json_pack("{s:i}", "version", 1);
	}
	e->flags = json_object_get(e->root, "flags");
	if (!e->flags) {
		e->flags = json_object();
		json_object_set_new(e->root, "flags", e->flags);
	} else if (!json_is_object(e->flags)) {
		ax_die(AX_EXIT_USAGE, "%s is broken: 'flags' is not an object", e->path);
	}
	e->before = json_deep_copy(e->flags);
}

json_t *edit_flag(struct edit *e, const char *name, bool create)
{
	json_t *f = json_object_get(e->flags, name);
	if (!f && create) {
		f = json_object();
		json_object_set_new(e->flags, name, f);
	}
	return f;
}

static void print_diag(void *ctx, bool error, const char *file, const char *msg)
{
	(void)ctx;
	(void)file;
	if (error)
		ax_error("refusing the change: %s", msg);
}

/* "who" in the audit log: the install id unless the user opted in to
 * their login name (AX_FLAGS_AUDIT_USER=1). */
static json_t *who(void)
{
	const char *opt = getenv("AX_FLAGS_AUDIT_USER");
	if (opt && strcmp(opt, "1") == 0) {
		struct passwd *pw = getpwuid(geteuid());
		if (pw)
			return json_sprintf("user:%s", pw->pw_name);
	}
	return json_sprintf("install:%s", ax_install_id());
}

static void audit_append(struct edit *e, const char *action, const char *flag, const char *reason,
	json_t *before, json_t *after)
{
	char when[32];
	ax_flag_format_time(ax_flag_now(), when);
	json_t *rec = json_pack("{s:s, s:o, s:s, s:s, s:s, s:O, s:O}", "time", when, "who", who(),
		"file", e->path, "action", action, "flag", flag,
		"before", before ? before : json_null(), "after", after ? after : json_null());
	if (reason)
		json_object_set_new(rec, "reason", json_string(reason));
	char *line = json_dumps(rec, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(rec);
	int fd = open(e->audit_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	/* The change is made; a lost audit line is reported, not undone. */
	if (fd < 0 || dprintf(fd, "%s\n", line) < 0 || fsync(fd) != 0)
		ax_warn("cannot append to %s: %s", e->audit_path, strerror(errno));
	if (fd >= 0)
		close(fd);
	free(line);
}

void edit_commit(struct edit *e, const char *action, const char *flag, const char *reason)
{
	char now[32];
	ax_flag_format_time(ax_flag_now(), now);
	json_t *f = json_object_get(e->flags, flag);
	if (f) {
		if (!json_object_get(f, "created"))
			json_object_set_new(f, "created", json_string(now));
		json_object_set_new(f, "changed", json_string(now));
	}
	struct ax_flagset scratch = { 0 };
	int errors = ax_flagset_merge_json(&scratch, e->root, e->path, "check", print_diag, NULL);
	ax_flagset_free(&scratch);
	if (errors)
		ax_exit(AX_EXIT_USAGE);

	char *tmp = ax_xasprintf("%s.tmp.%ld", e->path, (long)getpid());
	FILE *out = fopen(tmp, "w");
	bool ok = out && json_dumpf(e->root, out, JSON_INDENT(2) | JSON_SORT_KEYS) == 0 &&
		fputc('\n', out) != EOF && fflush(out) == 0 && fsync(fileno(out)) == 0;
	int saved = errno;
	if (out && fclose(out) != 0 && ok) {
		ok = false;
		saved = errno;
	}
	if (ok && rename(tmp, e->path) != 0) {
		ok = false;
		saved = errno;
	}
	if (!ok) {
		unlink(tmp);
		ax_die(AX_EXIT_INTERNAL, "cannot write %s: %s", e->path, strerror(saved));
	}
	free(tmp);

	json_t *before = json_object_get(e->before, flag), *after = json_object_get(e->flags, flag);
	audit_append(e, action, flag, reason, before, after);
	flock(e->lock_fd, LOCK_UN);
	close(e->lock_fd);
	json_decref(e->root);
	json_decref(e->before);
	free(e->path);
	free(e->audit_path);
}

static void read_log(const char *path, json_t *all)
{
	FILE *in = fopen(path, "r");
	if (!in)
		return;
	char *line = NULL;
	size_t cap = 0;
	while (getline(&line, &cap, in) > 0) {
		json_t *rec = json_loads(line, 0, NULL);
		if (json_is_object(rec))
			json_array_append_new(all, rec);
		else
			json_decref(rec);
	}
	free(line);
	fclose(in);
}

static const char *time_of(json_t *rec)
{
	const char *t = json_string_value(json_object_get(rec, "time"));
	return t ? t : "";
}

json_t *audit_read(void)
{
	json_t *all = json_array();
	char *paths[2] = { ax_flags_user_path(), ax_flags_project_path() };
	for (int i = 0; i < 2; i++) {
		if (!paths[i])
			continue;
		char *log = sibling(paths[i], "flags-audit.jsonl");
		read_log(log, all);
		free(log);
		free(paths[i]);
	}
	/* Oldest first across the two logs (ISO times sort as strings); an
	 * insertion sort keeps each log's own order for equal times. */
	size_t n = json_array_size(all);
	for (size_t i = 1; i < n; i++) {
		json_t *rec = json_incref(json_array_get(all, i));
		size_t j = i;
		while (j > 0 && strcmp(time_of(json_array_get(all, j - 1)), time_of(rec)) > 0)
			j--;
		if (j != i) {
			json_array_remove(all, i);
			json_array_insert(all, j, rec);
		}
		json_decref(rec);
	}
	return all;
}

json_t *time_json(int64_t t)
{
	char buf[32];
	ax_flag_format_time(t, buf);
	return t == AX_NO_TIME ? json_null() : json_string(buf);
}

void kill_flag(enum target t, const char *name, const char *reason, const char *action)
{
	struct edit e;
	edit_open(&e, t);
	json_t *f = edit_flag(&e, name, true);
	json_object_set_new(f, "enabled", json_false());
	json_object_set_new(f, "killed", json_pack("{s:o, s:s}", "time", time_json(ax_flag_now()),
		"reason", reason ? reason : "killed by hand"));
	edit_commit(&e, action, name, reason);
}
