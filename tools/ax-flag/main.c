/* ax-flag: feature flags and stage gates, the admin side (docs/flags.md).
 *
 *   ax-flag list | get NAME | eval NAME [--id ID] [--explain] | check
 *   ax-flag set NAME key=value... | enable | disable | rollout | allow | deny
 *   ax-flag schedule NAME --on TIME --off TIME | kill NAME [--reason TEXT]
 *   ax-flag stale [--days N] | audit [--json] | report NAME | guard */
#include "flag.h"
#include "base/cli.h"
#include "telemetry/hooks.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"Usage: ax-flag [--user|--project] COMMAND [ARGS]\n"
	"Feature flags and stage gates of every ax tool (docs/flags.md).\n"
	"\n"
	"Reading:\n"
	"  list                       every flag: state, rollout, variants, last change, staleness\n"
	"  get NAME                   the merged definition of NAME, as JSON\n"
	"  eval NAME [--id ID] [--explain]\n"
	"                             on, off or the variant for this install (or ID);\n"
	"                             exit 0 if on, 1 if off; --explain names the rule\n"
	"  check                      validate the files; non-zero exit on any error\n"
	"  stale [--days N]           flags fully on or off for N days (30), or not seen in telemetry\n"
	"  audit [--json]             who changed what, when\n"
	"  report NAME [--metric duration|errors|results|exit] [--days N]\n"
	"                             A/B report from the telemetry store\n"
	"  guard [NAME...] [--max-error-rate X] [--alpha A] [--min-events N] [--days N] [--dry-run]\n"
	"                             kill flags whose treatment fails significantly more often\n"
	"Writing (to .ax/flags.json inside a project, else ~/.config/ax/flags.json):\n"
	"  set NAME key=value...      description, owner, enabled, rollout, allow, deny, enabledAfter,\n"
	"                             disabledAfter, prerequisites, variants (a:50,b:50), defaultVariant,\n"
	"                             stickiness (install|repo|id), group; 'key=' removes a key\n"
	"  enable NAME | disable NAME | rollout NAME PCT\n"
	"  allow NAME ID... | deny NAME ID...\n"
	"  schedule NAME [--on TIME] [--off TIME]   TIME: 2026-03-01T12:00:00Z, unix seconds, or none\n"
	"  kill NAME [--reason TEXT]  off at once, recorded with the reason\n"
	"\n"
	"Options:\n"
	"      --user                 write the user's file\n"
	"      --project              write the project's .ax/flags.json\n"
	"  -h, --help                 show this help\n"
	"      --version              show the version\n"
	"Environment: AX_FLAG_<NAME>=on|off|<variant>, AX_FLAGS_OFF=name,...|all, AX_FLAG_ID, AX_NOW,\n"
	"AX_FLAGS_AUDIT_USER=1, AX_TELEMETRY_DIR.\n";

enum { OPT_USER = 2, OPT_PROJECT, OPT_ID, OPT_EXPLAIN, OPT_JSON, OPT_DAYS, OPT_METRIC, OPT_ON,
	OPT_OFF, OPT_REASON, OPT_MAX_RATE, OPT_ALPHA, OPT_MIN_EVENTS, OPT_DRY_RUN };

static const struct option options[] = {
	{ "user", no_argument, NULL, OPT_USER },
	{ "project", no_argument, NULL, OPT_PROJECT },
	{ "id", required_argument, NULL, OPT_ID },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "days", required_argument, NULL, OPT_DAYS },
	{ "metric", required_argument, NULL, OPT_METRIC },
	{ "on", required_argument, NULL, OPT_ON },
	{ "off", required_argument, NULL, OPT_OFF },
	{ "reason", required_argument, NULL, OPT_REASON },
	{ "max-error-rate", required_argument, NULL, OPT_MAX_RATE },
	{ "alpha", required_argument, NULL, OPT_ALPHA },
	{ "min-events", required_argument, NULL, OPT_MIN_EVENTS },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, AX_OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

static struct {
	enum target target;
	const char *id, *metric, *on, *off, *reason;
	bool explain, json, dry_run;
	long long days;
	double max_rate, alpha;
	int min_events;
} opt = { .metric = "duration", .days = -1, .alpha = 0.01, .min_events = 30 };

static int errors, warnings;
/* Only check reports every problem; other commands leave a broken file to
 * the one notice ax_tool_init's flag loading already gave. */
static bool verbose;

static void diag(void *ctx, bool error, const char *file, const char *msg)
{
	(void)ctx;
	if (error) errors++;
	else warnings++;
	if (!verbose && (file || !error))
		return;
	fprintf(stderr, "%s: %s%s%s%s\n", ax_progname, error ? "error: " : "warning: ",
		file ? file : "", file ? ": " : "", msg);
}

/* Readers report broken files but go on with what loaded (check fails). */
static void load(struct ax_flagset *set)
{
	ax_flagset_load(set, diag, NULL);
}

static double parse_rate(const char *s, const char *what)
{
	char *end;
	double v = strtod(s, &end);
	if (*end || end == s || !(v >= 0 && v <= 1))
		ax_usage_error("%s must be a number from 0 to 1, not '%s'", what, s);
	return v;
}

static int64_t since_days(long long days)
{
	return days < 0 ? 0 : ax_flag_now() - days * 86400;
}

static const char *state_of(const struct ax_flag *f, int64_t now)
{
	if (!f->enabled)
		return f->killed_at != AX_NO_TIME ? "killed" : "off";
	if (f->enabled_after != AX_NO_TIME && now < f->enabled_after)
		return "scheduled";
	if (f->disabled_after != AX_NO_TIME && now >= f->disabled_after)
		return "ended";
	return f->rollout == 0 ? "off" : f->rollout == 100 ? "on" : "partial";
}

/* Fully on or off, unchanged for `days`: the flag has done its job. */
static bool is_stale(const struct ax_flag *f, int64_t now, long long days)
{
	if (strcmp(f->source, "built-in") == 0 || f->changed == AX_NO_TIME)
		return false;
	const char *s = state_of(f, now);
	bool settled = (strcmp(s, "on") == 0 && f->nvariants == 0) || strcmp(s, "off") == 0 ||
		strcmp(s, "killed") == 0 || strcmp(s, "ended") == 0;
	return settled && now - f->changed >= days * 86400;
}

static int cmd_list(void)
{
	struct ax_flagset set = { 0 };
	load(&set);
	int64_t now = ax_flag_now();
	long long days = opt.days < 0 ? 30 : opt.days;
	printf("%-28s %-9s %7s  %-24s %-20s %-8s %s\n", "NAME", "STATE", "ROLLOUT", "VARIANTS", "CHANGED",
		"SOURCE", "STALE");
	for (size_t i = 0; i < set.n; i++) {
		const struct ax_flag *f = &set.flags[i];
		char variants[256] = "-", changed[32];
		size_t at = 0;
		for (size_t j = 0; j < f->nvariants && at < sizeof variants; j++)
			at += (size_t)snprintf(variants + at, sizeof variants - at, "%s%s:%d", j ? "," : "",
				f->variants[j].name, f->variants[j].weight);
		ax_flag_format_time(f->changed, changed);
		printf("%-28s %-9s %6d%%  %-24s %-20s %-8s %s\n", f->name, state_of(f, now), f->rollout,
			variants, changed, f->source, is_stale(f, now, days) ? "stale" : "-");
	}
	ax_flagset_free(&set);
	return AX_EXIT_OK;
}

static json_t *strings(char *const *list, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(list[i]));
	return a;
}

static int cmd_get(const char *name)
{
	struct ax_flagset set = { 0 };
	load(&set);
	const struct ax_flag *f = ax_flagset_find(&set, name);
	if (!f) {
		ax_error("no flag named '%s'", name);
		ax_flagset_free(&set);
		return AX_EXIT_NONE;
	}
	static const char *const stick[] = { "install", "repo", "id" };
	json_t *variants = json_array();
	for (size_t i = 0; i < f->nvariants; i++) {
		const struct ax_variant *v = &f->variants[i];
		json_t *o = json_pack("{s:s,s:i}", "name", v->name, "weight", v->weight);
		if (v->noverrides)
			json_object_set_new(o, "overrides", json_pack("[{s:s,s:o}]", "contextName", "id",
				"values", strings(v->overrides, v->noverrides)));
		json_array_append_new(variants, o);
	}
	json_t *o = json_pack("{s:s, s:s?, s:s?, s:b, s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:s?, s:s, s:s, s:o, s:o, s:s}",
		"name", f->name, "description", f->description, "owner", f->owner, "enabled", f->enabled,
		"rollout", f->rollout, "allow", strings(f->allow, f->nallow), "deny", strings(f->deny, f->ndeny),
		"enabledAfter", time_json(f->enabled_after), "disabledAfter", time_json(f->disabled_after),
		"prerequisites", strings(f->prereqs, f->nprereqs), "variants", variants,
		"defaultVariant", f->default_variant, "stickiness", stick[f->stickiness],
		"group", f->group ? f->group : f->name, "created", time_json(f->created),
		"changed", time_json(f->changed), "source", f->source);
	if (f->killed_at != AX_NO_TIME)
		json_object_set_new(o, "killed", json_pack("{s:o, s:s?}", "time", time_json(f->killed_at),
			"reason", f->killed_reason));
	json_dumpf(o, stdout, JSON_INDENT(2));
	putchar('\n');
	json_decref(o);
	ax_flagset_free(&set);
	return AX_EXIT_OK;
}

static int cmd_eval(const char *name)
{
	struct ax_flagset set = { 0 };
	load(&set);
	struct ax_eval_ctx ctx = { .now = ax_flag_now(), .id = opt.id };
	struct ax_eval e;
	ax_flag_eval(&set, name, &ctx, &e);
	printf("%s\n", !e.on ? "off" : e.variant ? e.variant : "on");
	if (opt.explain) {
		printf("rule: %s\nwhy: %s\nid: %s\n", e.rule, e.why, e.id);
		if (e.bucket)
			printf("bucket: %d\n", e.bucket);
	}
	ax_flagset_free(&set);
	return e.on ? AX_EXIT_OK : AX_EXIT_NONE;
}

static int cmd_check(void)
{
	verbose = true;
	struct ax_flagset set = { 0 };
	load(&set);
	ax_flagset_check(&set, diag, NULL);
	printf("%zu %s, %d %s, %d %s\n", set.n, ax_plural((long long)set.n, "flag", "flags"), errors,
	       ax_plural(errors, "error", "errors"), warnings, ax_plural(warnings, "warning", "warnings"));
	ax_flagset_free(&set);
	return errors ? AX_EXIT_USAGE : AX_EXIT_OK;
}

static int cmd_stale(void)
{
	struct ax_flagset set = { 0 };
	load(&set);
	int64_t now = ax_flag_now();
	long long days = opt.days < 0 ? 30 : opt.days;
	json_t *seen = telemetry_seen_flags(now - days * 86400);
	int found = 0;
	for (size_t i = 0; i < set.n; i++) {
		const struct ax_flag *f = &set.flags[i];
		if (strcmp(f->source, "built-in") == 0)
			continue;
		const char *why = NULL;
		if (is_stale(f, now, days))
			why = strcmp(state_of(f, now), "on") == 0 ? "fully rolled out" : "off";
		else if (seen && !json_object_get(seen, f->name))
			why = "never evaluated";
		if (!why)
			continue;
		char changed[32];
		ax_flag_format_time(f->changed, changed);
		if (seen && !json_object_get(seen, f->name) && strcmp(why, "never evaluated") != 0)
			printf("%s: %s since %s, and never evaluated in %lld %s\n", f->name, why, changed, days,
			       ax_plural(days, "day", "days"));
		else if (strcmp(why, "never evaluated") == 0)
			printf("%s: never evaluated in %lld %s of telemetry\n", f->name, days,
			       ax_plural(days, "day", "days"));
		else
			printf("%s: %s since %s\n", f->name, why, changed);
		found++;
	}
	json_decref(seen);
	ax_flagset_free(&set);
	return found ? AX_EXIT_OK : AX_EXIT_NONE;
}

static int cmd_audit(void)
{
	json_t *all = audit_read();
	size_t i;
	json_t *rec;
	json_array_foreach(all, i, rec) {
		if (opt.json) {
			char *line = json_dumps(rec, JSON_COMPACT | JSON_SORT_KEYS);
			puts(line);
			free(line);
			continue;
		}
		char *before = json_dumps(json_object_get(rec, "before"), JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
		char *after = json_dumps(json_object_get(rec, "after"), JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
		const char *reason = json_string_value(json_object_get(rec, "reason"));
		printf("%s %s %s %s%s%s\n  before: %s\n  after:  %s\n",
			json_string_value(json_object_get(rec, "time")), json_string_value(json_object_get(rec, "who")),
			json_string_value(json_object_get(rec, "action")), json_string_value(json_object_get(rec, "flag")),
			reason ? ": " : "", reason ? reason : "", before ? before : "null", after ? after : "null");
		free(before);
		free(after);
	}
	size_t n = json_array_size(all);
	json_decref(all);
	return n ? AX_EXIT_OK : AX_EXIT_NONE;
}

/* The JSON value of `key=value` for `set`. */
static json_t *setting(const char *key, const char *value)
{
	if (strcmp(key, "allow") == 0 || strcmp(key, "deny") == 0 || strcmp(key, "prerequisites") == 0 ||
	    strcmp(key, "variants") == 0) {
		if (value[0] == '[')
			goto as_json;
		json_t *list = json_array();
		char *copy = ax_strdup(value), *save, *item;
		for (item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
			if (strcmp(key, "variants") != 0) {
				json_array_append_new(list, json_string(item));
				continue;
			}
			char *colon = strrchr(item, ':');
			long w = colon ? ax_parse_count(colon + 1, 0, AX_VARIANT_WEIGHT_MAX) : -1;
			if (w < 0)
				ax_usage_error("variants: '%s' is not NAME:WEIGHT", item);
			*colon = '\0';
			json_array_append_new(list, json_pack("{s:s,s:i}", "name", item, "weight", (int)w));
		}
		free(copy);
		return list;
	}
	if (strcmp(key, "description") == 0 || strcmp(key, "owner") == 0 || strcmp(key, "group") == 0 ||
	    strcmp(key, "defaultVariant") == 0 || strcmp(key, "stickiness") == 0 ||
	    strcmp(key, "enabledAfter") == 0 || strcmp(key, "disabledAfter") == 0)
		return json_string(value);
as_json:;
	json_t *v = json_loads(value, JSON_DECODE_ANY, NULL);
	return v ? v : json_string(value);
}

static void need_args(int argc, int want, const char *what)
{
	if (argc < want)
		ax_usage_error("%s", what);
}

static int cmd_set(int argc, char **argv)
{
	need_args(argc, 2, "set: expected NAME key=value...");
	struct edit e;
	edit_open(&e, opt.target);
	json_t *f = edit_flag(&e, argv[0], true);
	for (int i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (!eq || eq == argv[i])
			ax_usage_error("set: '%s' is not key=value", argv[i]);
		char *key = ax_strndup(argv[i], (size_t)(eq - argv[i]));
		if (eq[1] == '\0')
			json_object_del(f, key);
		else
			json_object_set_new(f, key, setting(key, eq + 1));
		free(key);
	}
	edit_commit(&e, "set", argv[0], NULL);
	return AX_EXIT_OK;
}

static int cmd_simple(const char *action, int argc, char **argv)
{
	struct edit e;
	edit_open(&e, opt.target);
	json_t *f = edit_flag(&e, argv[0], true);
	if (strcmp(action, "enable") == 0) {
		json_object_set_new(f, "enabled", json_true());
		json_object_del(f, "killed");
	} else if (strcmp(action, "disable") == 0) {
		json_object_set_new(f, "enabled", json_false());
	} else if (strcmp(action, "rollout") == 0) {
		need_args(argc, 2, "rollout: expected NAME PERCENT");
		char *digits = ax_strdup(argv[1]);
		size_t len = strlen(digits);
		if (len && digits[len - 1] == '%')
			digits[len - 1] = '\0'; /* "30%" is 30 */
		long long pct = ax_parse_count(digits, 0, 100);
		free(digits);
		if (pct < 0)
			ax_usage_error("rollout: '%s' is not a percentage from 0 to 100", argv[1]);
		json_object_set_new(f, "rollout", json_integer(pct));
	} else if (strcmp(action, "allow") == 0 || strcmp(action, "deny") == 0) {
		need_args(argc, 2, "expected NAME ID...");
		json_t *list = json_object_get(f, action);
		if (!json_is_array(list)) {
			list = json_array();
			json_object_set_new(f, action, list);
		}
		for (int i = 1; i < argc; i++) {
			bool dup = false;
			size_t j;
			json_t *v;
			json_array_foreach(list, j, v)
				dup |= json_is_string(v) && strcmp(json_string_value(v), argv[i]) == 0;
			if (!dup)
				json_array_append_new(list, json_string(argv[i]));
		}
	} else if (strcmp(action, "schedule") == 0) {
		if (!opt.on && !opt.off)
			ax_usage_error("schedule: give --on TIME and/or --off TIME");
		const char *keys[2] = { "enabledAfter", "disabledAfter" }, *vals[2] = { opt.on, opt.off };
		for (int i = 0; i < 2; i++) {
			if (!vals[i])
				continue;
			if (strcmp(vals[i], "none") == 0) {
				json_object_del(f, keys[i]);
				continue;
			}
			int64_t t = ax_flag_parse_time(vals[i]);
			if (t == AX_NO_TIME)
				ax_usage_error("schedule: '%s' is not a time (2026-03-01T12:00:00Z or unix seconds)", vals[i]);
			json_object_set_new(f, keys[i], time_json(t));
		}
	}
	edit_commit(&e, action, argv[0], NULL);
	return AX_EXIT_OK;
}

int main(int argc, char **argv)
{
	ax_tool_init("ax-flag");
	int c;
	/* '+': options after the command belong to it, parsed below. */
	while ((c = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
		switch (c) {
		case OPT_USER: opt.target = TARGET_USER; break;
		case OPT_PROJECT: opt.target = TARGET_PROJECT; break;
		case 'h': ax_print_help(usage);
		case AX_OPT_VERSION: ax_print_version();
		default: ax_bad_option(argv);
		}
	}
	if (optind >= argc)
		ax_usage_error("expected a command (list, get, eval, set, ...)");
	const char *cmd = argv[optind];
	/* Command options may come anywhere after the command: parse the rest
	 * as its own argument vector (optind = 0 restarts getopt). */
	int sub_argc = argc - optind;
	char **sub_argv = argv + optind;
	optind = 0;
	char **args = ax_calloc((size_t)argc + 1, sizeof *args);
	int nargs = 0;
	for (;;) {
		c = getopt_long(sub_argc, sub_argv, "-h", options, NULL);
		if (c == -1)
			break;
		switch (c) {
		case 1: args[nargs++] = optarg; break;
		case OPT_USER: opt.target = TARGET_USER; break;
		case OPT_PROJECT: opt.target = TARGET_PROJECT; break;
		case OPT_ID: opt.id = optarg; break;
		case OPT_EXPLAIN: opt.explain = true; break;
		case OPT_JSON: opt.json = true; break;
		case OPT_DAYS:
			opt.days = ax_parse_count(optarg, 0, 100000);
			if (opt.days < 0)
				ax_usage_error("--days: '%s' is not a number of days", optarg);
			break;
		case OPT_METRIC: opt.metric = optarg; break;
		case OPT_ON: opt.on = optarg; break;
		case OPT_OFF: opt.off = optarg; break;
		case OPT_REASON: opt.reason = optarg; break;
		case OPT_MAX_RATE: opt.max_rate = parse_rate(optarg, "--max-error-rate"); break;
		case OPT_ALPHA: opt.alpha = parse_rate(optarg, "--alpha"); break;
		case OPT_MIN_EVENTS:
			opt.min_events = (int)ax_parse_count(optarg, 1, 1000000000);
			if (opt.min_events < 0)
				ax_usage_error("--min-events: '%s' is not a count", optarg);
			break;
		case OPT_DRY_RUN: opt.dry_run = true; break;
		case 'h': ax_print_help(usage);
		case AX_OPT_VERSION: ax_print_version();
		default: ax_bad_option(sub_argv);
		}
	}
	while (optind < sub_argc)
		args[nargs++] = sub_argv[optind++];

	int status;
	bool named = nargs >= 1;
	if (strcmp(cmd, "list") == 0) status = cmd_list();
	else if (strcmp(cmd, "check") == 0) status = cmd_check();
	else if (strcmp(cmd, "stale") == 0) status = cmd_stale();
	else if (strcmp(cmd, "audit") == 0) status = cmd_audit();
	else if (strcmp(cmd, "guard") == 0) {
		struct ax_flagset set = { 0 };
		load(&set);
		status = cmd_guard(&set, args, nargs, opt.max_rate, opt.alpha, opt.min_events,
			since_days(opt.days), opt.dry_run, opt.target);
		ax_flagset_free(&set);
	} else if (!named) {
		if (strcmp(cmd, "get") && strcmp(cmd, "eval") && strcmp(cmd, "set") && strcmp(cmd, "enable") &&
		    strcmp(cmd, "disable") && strcmp(cmd, "rollout") && strcmp(cmd, "allow") &&
		    strcmp(cmd, "deny") && strcmp(cmd, "schedule") && strcmp(cmd, "kill") && strcmp(cmd, "report"))
			ax_usage_error("unknown command '%s'", cmd);
		ax_usage_error("%s: expected a flag name", cmd);
	} else if (strcmp(cmd, "get") == 0) status = cmd_get(args[0]);
	else if (strcmp(cmd, "eval") == 0) status = cmd_eval(args[0]);
	else if (strcmp(cmd, "report") == 0) {
		struct ax_flagset set = { 0 };
		load(&set);
		status = cmd_report(&set, args[0], opt.metric, since_days(opt.days));
		ax_flagset_free(&set);
	} else if (strcmp(cmd, "set") == 0) status = cmd_set(nargs, args);
	else if (strcmp(cmd, "kill") == 0) {
		kill_flag(opt.target, args[0], opt.reason, "kill");
		status = AX_EXIT_OK;
	} else if (strcmp(cmd, "enable") == 0 || strcmp(cmd, "disable") == 0 || strcmp(cmd, "rollout") == 0 ||
		   strcmp(cmd, "allow") == 0 || strcmp(cmd, "deny") == 0 || strcmp(cmd, "schedule") == 0)
		status = cmd_simple(cmd, nargs, args);
	else
		ax_usage_error("unknown command '%s'", cmd);
	free(args);
	ax_exit(status);
}
