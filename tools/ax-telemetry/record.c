/* record.c: `ax-telemetry record`, appending events by hand.
 *
 * For tests and demos: the event goes through the same setters, encoder
 * and spool append as a tool's, so it obeys the same mode and the same
 * allowlist (an unknown error code becomes "other", a bad flag name is
 * dropped). --time backdates it (rounded down to the hour). */
#include "base/cli.h"
#include "cmds.h"
#include "base/install_id.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] =
	"Usage: ax-telemetry record --tool NAME [--version V] [--duration MS] [--exit N]\n"
	"                           [--time UNIX] [--error STAGE:CODE]... [--count NAME=N]...\n"
	"                           [--variant FLAG=VALUE]... [--repeat N]\n"
	"Appends synthetic events to the spool, as a tool run would (for tests and demos).\n";

static char *split(char *s, int sep, const char *opt)
{
	char *p = strchr(s, sep);
	if (!p)
		ax_usage_error("%s takes A%cB, not '%s'", opt, sep, s);
	*p = '\0';
	return p + 1;
}

int cmd_record(struct tel *t, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "tool", required_argument, NULL, 't' }, { "version", required_argument, NULL, 'v' },
		{ "duration", required_argument, NULL, 'd' }, { "exit", required_argument, NULL, 'x' },
		{ "time", required_argument, NULL, 'T' }, { "error", required_argument, NULL, 'e' },
		{ "count", required_argument, NULL, 'c' }, { "variant", required_argument, NULL, 'V' },
		{ "repeat", required_argument, NULL, 'r' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct ax_tel_event e;
	memset(&e, 0, sizeof e);
	snprintf(e.version, sizeof e.version, "%s", AX_VERSION);
	e.time = (int64_t)time(NULL);
	long long repeat = 1, v;
	int c, have_tool = 0;
	char *val;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 't': ax_tel_set_tool(&e, optarg); have_tool = 1; break;
		case 'v': snprintf(e.version, sizeof e.version, "%s", optarg); break;
		case 'd': e.duration_ms = atof(optarg); break;
		case 'x':
			if ((v = ax_parse_count(optarg, 0, 255)) < 0)
				ax_usage_error("--exit takes 0 to 255");
			e.exit = (int)v;
			break;
		case 'T':
			if ((v = ax_parse_count(optarg, 3600, 1LL << 40)) < 0)
				ax_usage_error("--time takes unix seconds");
			e.time = v;
			break;
		case 'e': val = split(optarg, ':', "--error"); ax_tel_add_error(&e, optarg, val); break;
		case 'c':
			val = split(optarg, '=', "--count");
			if ((v = ax_parse_count(val, 0, 1LL << 62)) < 0)
				ax_usage_error("--count takes NAME=N");
			ax_tel_set_count(&e, optarg, (uint64_t)v);
			break;
		case 'V': val = split(optarg, '=', "--variant"); ax_tel_add_variant(&e, optarg, val); break;
		case 'r':
			if ((repeat = ax_parse_count(optarg, 1, 10000000)) < 0)
				ax_usage_error("--repeat takes a number from 1");
			break;
		case 'h': ax_print_help(usage);
		default: ax_bad_option(argv);
		}
	}
	if (!have_tool || optind < argc)
		ax_usage_error("record needs --tool NAME and no other arguments");
	if (t->mode == AX_TEL_OFF) {
		printf("telemetry is off (from %s): nothing recorded\n", t->mode_source);
		return AX_EXIT_OK;
	}
	e.time = e.time / 3600 * 3600;
	ax_tel_platform(e.os, e.arch);
	snprintf(e.install, sizeof e.install, "%s", ax_install_id());
	if (ax_tel_random_id(e.session) != 0)
		ax_die(AX_EXIT_INTERNAL, "no randomness for ids");
	unsigned char frame[AX_TEL_MAX_PAYLOAD + AX_TEL_FRAME_OVERHEAD];
	for (long long i = 0; i < repeat; i++) {
		if (ax_tel_random_id(e.uid) != 0)
			ax_die(AX_EXIT_INTERNAL, "no randomness for ids");
		size_t len = ax_tel_encode(&e, frame, sizeof frame);
		if (!len)
			ax_usage_error("the event is outside what an event may hold (see docs/PRIVACY.md)");
		if (ax_tel_spool_append(t->dir, frame, len) != 0)
			ax_die(AX_EXIT_INTERNAL, "cannot append to the spool in %s", t->dir);
	}
	return AX_EXIT_OK;
}
