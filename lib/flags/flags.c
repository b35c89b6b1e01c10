/* flags.c: the flags of this process (see flags.h).
 *
 * A tool asks for a few flags of possibly thousands, so nothing is decoded
 * up front: ax_flags_init opens the two files through their compiled
 * caches (flags_cache.c), and each flag asked for, with its prerequisites,
 * is resolved (defaults, then user, then project, key by key) into a small
 * set that ax_flag_eval works on. Every decision is kept with its value so
 * that the telemetry event names exactly what the run was given, and a
 * flag asked for twice gets the same answer. */
#include "flags/flags.h"
#include "flags/flags_model.h"
#include "base/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* More distinct flags than any tool asks for in one run. */
#define MAX_ASSIGNED 64

static bool loaded;
static struct ax_eval_ctx ctx;
static struct ax_flagset defaults, resolved;
static struct ax_flag_cache files[2]; /* user, project: the precedence order */
static const char *const sources[2] = { "user", "project" };

static struct assignment {
	char *name;
	bool on;
	const char *value; /* "on", "off" or a variant owned by `resolved` or the environment */
} assigned[MAX_ASSIGNED];
static size_t nassigned;

/* A broken file is said once, with the consequence, then never again. */
static void warn_once(void *unused, bool error, const char *file, const char *msg)
{
	(void)unused;
	if (error)
		fprintf(stderr, "%s: flags file %s is broken: %s; ignoring it\n",
			ax_progname, file ? file : "", msg);
}

void ax_flags_init(const char *tool)
{
	(void)tool; /* every tool reads the same flags; the name is for the event */
	if (loaded)
		return;
	loaded = true;
	ctx.now = ax_flag_now();
	ax_flagset_defaults(&defaults);
	ax_flagset_sort(&defaults);
	char *paths[2] = { ax_flags_user_path(), ax_flags_project_path() };
	for (int i = 0; i < 2; i++) {
		if (paths[i])
			ax_flag_cache_open(&files[i], paths[i], warn_once, NULL);
		free(paths[i]);
	}
}

/* Brings `name` and, transitively, its prerequisites into `resolved`. */
static void resolve(const char *name, int depth)
{
	if (depth > 16 || ax_flagset_find(&resolved, name))
		return;
	struct ax_flagset layer = { 0 };
	bool known = false;
	const struct ax_flag *def = ax_flagset_find(&defaults, name);
	if (def) {
		/* Start from the built-in definition: a layer that sets nothing. */
		ax_flagset_add(&resolved, name)->description = ax_strdup(def->description);
		ax_flagset_sort(&resolved);
		known = true;
	}
	for (int i = 0; i < 2; i++) {
		if (ax_flag_cache_get(&files[i], name, &layer)) {
			ax_flagset_merge_layer(&resolved, &layer, sources[i]);
			known = true;
		}
		ax_flagset_free(&layer);
	}
	if (!known)
		return;
	const struct ax_flag *f = ax_flagset_find(&resolved, name);
	size_t n = f->nprereqs;
	char **pre = ax_calloc(n + 1, sizeof *pre);
	for (size_t i = 0; i < n; i++)
		pre[i] = ax_strdup(f->prereqs[i]); /* resolving moves `f` */
	for (size_t i = 0; i < n; i++) {
		resolve(pre[i], depth + 1);
		free(pre[i]);
	}
	free(pre);
}

/* `fail_open`: a flag defined nowhere is on (stage gates) rather than off. */
static const struct assignment *decide(const char *name, bool fail_open)
{
	if (!loaded)
		ax_flags_init(ax_progname);
	for (size_t i = 0; i < nassigned; i++)
		if (strcmp(assigned[i].name, name) == 0)
			return &assigned[i];
	resolve(name, 0);
	struct ax_eval e;
	ax_flag_eval(&resolved, name, &ctx, &e);
	if (fail_open && strcmp(e.rule, "unknown") == 0)
		e.on = true;
	/* Past MAX_ASSIGNED the decision still holds, it is just not reported. */
	static struct assignment overflow;
	struct assignment *a = nassigned < MAX_ASSIGNED ? &assigned[nassigned++] : &overflow;
	free(a->name);
	a->name = ax_strdup(name);
	a->on = e.on;
	a->value = !e.on ? "off" : e.variant ? e.variant : "on";
	return a;
}

bool ax_flag_enabled(const char *name)
{
	return decide(name, false)->on;
}

bool ax_stage_enabled(const char *stage)
{
	char name[128];
	snprintf(name, sizeof name, "stage.%s", stage);
	return decide(name, true)->on;
}

size_t ax_flags_assigned(const char **names, const char **values, size_t max)
{
	for (size_t i = 0; i < nassigned && i < max; i++) {
		names[i] = assigned[i].name;
		values[i] = assigned[i].value;
	}
	return nassigned;
}
