/* hooks.c: start and exit hooks of every tool.
 *
 * Start: the feature flags (ax-flag) and the telemetry clock. Exit: one
 * telemetry event appended to the spool (docs/telemetry.md), unless the
 * mode is off. Everything here is silent and cannot fail the tool: a
 * missing directory, a read-only home or a full disk just lose the event. */
#include "telemetry/hooks.h"
#include "base/cli.h"
#include "flags/flags.h"
#include "base/install_id.h"
#include "telemetry/telemetry.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct {
	bool started;
	const char *tool;
	struct timespec t0;
	char session[AX_TEL_ID_LEN + 1];
	uint64_t counts[AX_TEL_NCOUNTS];
	bool has_count[AX_TEL_NCOUNTS];
	int n_errors;
	char errors[AX_TEL_MAX_ERRORS][2][24];
} run;

/* The session is shared by a process and its children (ax index and its
 * pipeline) through AX_SESSION; the first ax process of a tree makes it. */
static void join_session(void)
{
	const char *s = getenv("AX_SESSION");
	if (s && ax_tel_valid_id(s)) {
		strcpy(run.session, s);
		return;
	}
	if (ax_tel_random_id(run.session) == 0)
		setenv("AX_SESSION", run.session, 1);
	else
		run.session[0] = '\0';
}

void ax_hooks_start(const char *tool)
{
	clock_gettime(CLOCK_MONOTONIC, &run.t0);
	run.tool = tool;
	run.started = true;
	join_session();
	ax_flags_init(tool);
}

void ax_tool_init(const char *tool)
{
	ax_cli_init(tool);
	ax_set_exit_routine(ax_hooks_finish);
	ax_set_error_routine(ax_hooks_error);
	ax_hooks_start(tool);
}

void ax_hooks_count(const char *what, uint64_t n)
{
	for (int i = 0; what && i < AX_TEL_NCOUNTS; i++)
		if (!strcmp(what, ax_tel_count_names[i])) {
			run.counts[i] += n;
			run.has_count[i] = true;
		}
}

void ax_hooks_error(const char *stage, const char *code)
{
	if (run.n_errors < AX_TEL_MAX_ERRORS && stage && code) {
		/* Kept as given; the event reduces them to the fixed lists. */
		snprintf(run.errors[run.n_errors][0], sizeof run.errors[0][0], "%s", stage);
		snprintf(run.errors[run.n_errors][1], sizeof run.errors[0][1], "%s", code);
		run.n_errors++;
	}
}

static void fill_event(struct ax_tel_event *e, int status)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	memset(e, 0, sizeof *e);
	double ms = (double)(t1.tv_sec - run.t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - run.t0.tv_nsec) / 1e6;
	e->duration_ms = ms < 0 ? 0 : (double)(long long)(ms * 100 + 0.5) / 100;
	e->time = (int64_t)time(NULL) / 3600 * 3600;
	if (ax_tel_random_id(e->uid) != 0)
		e->uid[0] = '\0';
	strcpy(e->session, run.session);
	snprintf(e->install, sizeof e->install, "%s", ax_install_id());
	ax_tel_set_tool(e, run.tool);
	snprintf(e->version, sizeof e->version, "%s", AX_VERSION);
	ax_tel_platform(e->os, e->arch);
	e->exit = status & 0xff;
	for (int i = 0; i < run.n_errors; i++)
		ax_tel_add_error(e, run.errors[i][0], run.errors[i][1]);
	for (int i = 0; i < AX_TEL_NCOUNTS; i++)
		if (run.has_count[i])
			ax_tel_set_count(e, ax_tel_count_names[i], run.counts[i]);
	const char *names[AX_TEL_MAX_VARIANTS], *values[AX_TEL_MAX_VARIANTS];
	size_t n = ax_flags_assigned(names, values, AX_TEL_MAX_VARIANTS);
	for (size_t i = 0; i < n && i < AX_TEL_MAX_VARIANTS; i++)
		ax_tel_add_variant(e, names[i], values[i]);
}

void ax_hooks_finish(int status)
{
	if (!run.started)
		return;
	int saved_errno = errno;
	char *dir = ax_tel_dir();
	struct ax_tel_config c;
	if (dir) {
		ax_tel_config_load(dir, &c);
		if (ax_tel_mode_effective(&c, NULL) != AX_TEL_OFF) {
			struct ax_tel_event e;
			unsigned char frame[AX_TEL_MAX_PAYLOAD + AX_TEL_FRAME_OVERHEAD];
			fill_event(&e, status);
			size_t len = ax_tel_encode(&e, frame, sizeof frame);
			if (len)
				ax_tel_spool_append(dir, frame, len);
		}
	}
	free(dir);
	errno = saved_errno;
}
