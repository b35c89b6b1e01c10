/* ax-config: read and change the settings of .ax/config and
 * ~/.config/ax/config (docs/config.md); `init` makes a project's .ax/. */
#include "base/cli.h"
#include "telemetry/hooks.h"
#include "config/config.h"
#include "base/suggest.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"Usage: ax-config get KEY\n"
	"       ax-config set KEY VALUE [--user]\n"
	"       ax-config add KEY VALUE [--user]     (a list key: one more value)\n"
	"       ax-config unset KEY [--user]\n"
	"       ax-config list [--show-origin]\n"
	"       ax-config keys\n"
	"       ax-config init [DIR]\n"
	"Read and change ax's settings: the project's .ax/config (the nearest\n"
	"directory at or above this one holding .ax/, else the git top) or, with\n"
	"--user, ~/.config/ax/config ($XDG_CONFIG_HOME/ax/config).\n"
	"\n"
	"  get       the value in effect (a list key: one value a line)\n"
	"  set       make VALUE the key's value in the file, checked first\n"
	"  unset     remove the key from the file\n"
	"  list      every key with the value in effect\n"
	"  keys      the keys, their type, default and meaning\n"
	"  init      create DIR/.ax/ (default .) with a commented config, and\n"
	"            add .ax/ to .git/info/exclude in a git repository\n"
	"\n"
	"      --user         the user file, not the project's\n"
	"      --show-origin  list: where each value comes from (default, user,\n"
	"                     project, env)\n"
	"  -h, --help         show this help\n"
	"      --version      show the version\n"
	"\n"
	"Precedence: command-line option > environment > project > user > default.\n"
	"Exit status: 0 ok, 1 get: no value / unset: not set, 2 usage error, bad\n"
	"key or value, or a broken config file, 3 internal error.\n";

static const char init_usage[] =
	"usage: ax init [DIR]\n"
	"Create DIR/.ax/ (default .) with a commented config (ax-config init), and\n"
	"add .ax/ to .git/info/exclude in a git repository. 'ax config --help'\n"
	"tells how to read and change the settings.\n"
	"\n"
	"  -h, --help         show this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error or DIR not a directory, 3 internal error.\n";

enum { OPT_USER = 0x2000, OPT_SHOW_ORIGIN };

static bool user_file, show_origin;

/* The key named `name`; exits 2 with a suggestion if there is none. */
static int known_key(const char *name)
{
	int k = ax_config_key_find(name);
	if (k >= 0)
		return k;
	const char *near = ax_suggest(name, ax_config_key_names, AX_CFG_NKEYS);
	if (near)
		ax_die(AX_EXIT_USAGE, "unknown key '%s'; did you mean '%s'?", name, near);
	ax_die(AX_EXIT_USAGE, "unknown key '%s' (run 'ax-config keys' for the list)", name);
}

static void check_value(int k, const char *value)
{
	char why[128];
	if (ax_config_check(k, value, why, sizeof why) < 0)
		ax_die(AX_EXIT_USAGE, "invalid %s '%s': %s", ax_config_keys[k].name, value, why);
}

static struct ax_config load_all(void)
{
	struct ax_config c;
	char *err;
	if (ax_config_load(&c, &err) < 0)
		ax_die(AX_EXIT_USAGE, "%s", err);
	return c;
}

/* The file --user or the project names; exits 2 outside a project. */
static char *target_path(void)
{
	char *path = user_file ? ax_config_user_path() : ax_config_project_path();
	if (!path)
		ax_die(AX_EXIT_USAGE, user_file ? "no user config file: HOME is not set"
				     : "not in a project (no .ax/ or git repository here or above): "
				       "run 'ax init', or use --user");
	return path;
}

static void read_target(struct ax_config_file *f, const char *path)
{
	char *shown = ax_config_shown_name(path), *err;
	if (ax_config_file_read(f, path, shown, &err) < 0)
		ax_die(AX_EXIT_USAGE, "%s (fix it, or remove the line)", err);
	free(shown);
}

static void write_target(const struct ax_config_file *f, const char *path)
{
	char *err;
	if (ax_config_file_write(f, path, &err) < 0)
		ax_die(AX_EXIT_USAGE, "%s", err);
}

static int cmd_get(const char *name)
{
	int k = known_key(name);
	struct ax_config c = load_all();
	int found = 0;
	if (ax_config_keys[k].type == AX_CFG_T_LIST) {
		for (size_t i = 0; i < c.nlist[k]; i++, found++)
			printf("%s\n", c.list[k][i].value);
	} else if (*c.scalar[k].value) {
		printf("%s\n", c.scalar[k].value);
		found = 1;
	}
	ax_config_free(&c);
	return found ? AX_EXIT_OK : AX_EXIT_NONE;
}

static int cmd_set(const char *name, const char *value, bool add)
{
	int k = known_key(name);
	check_value(k, value);
	if (add && ax_config_keys[k].type != AX_CFG_T_LIST)
		ax_die(AX_EXIT_USAGE, "%s takes one value: use 'ax-config set'", name);
	char *path = target_path();
	struct ax_config_file f;
	read_target(&f, path);
	if (add)
		ax_config_file_add(&f, name, value);
	else
		ax_config_file_set(&f, name, value);
	write_target(&f, path);
	ax_config_file_free(&f);
	free(path);
	return AX_EXIT_OK;
}

static int cmd_unset(const char *name)
{
	char *path = target_path();
	struct ax_config_file f;
	read_target(&f, path);
	/* A key the file has may go even if unknown: that is how a typo is fixed. */
	size_t removed = ax_config_file_unset(&f, name);
	if (!removed) {
		known_key(name);
		ax_error("%s is not set in %s", name, f.shown);
	} else {
		write_target(&f, path);
	}
	ax_config_file_free(&f);
	free(path);
	return removed ? AX_EXIT_OK : AX_EXIT_NONE;
}

static void print_entry(const char *origin, const char *key, const char *value)
{
	if (show_origin)
		printf("%-8s %s = %s\n", origin, key, value);
	else
		printf("%s = %s\n", key, value);
}

static int cmd_list(void)
{
	struct ax_config c = load_all();
	for (int k = 0; k < AX_CFG_NKEYS; k++) {
		const char *name = ax_config_keys[k].name;
		if (ax_config_keys[k].type != AX_CFG_T_LIST)
			print_entry(c.scalar[k].origin, name, c.scalar[k].value);
		else if (!c.nlist[k])
			print_entry("default", name, "");
		for (size_t i = 0; i < c.nlist[k]; i++)
			print_entry(c.list[k][i].origin, name, c.list[k][i].value);
	}
	ax_config_free(&c);
	return AX_EXIT_OK;
}

static int cmd_keys(void)
{
	for (int k = 0; k < AX_CFG_NKEYS; k++) {
		const struct ax_config_keydef *d = &ax_config_keys[k];
		printf("%-18s %-6s %-8s %s", d->name, ax_config_type_name(d->type), *d->def ? d->def : "-",
		       d->doc);
		if (d->env)
			printf(" ($%s)", d->env);
		putchar('\n');
	}
	return AX_EXIT_OK;
}

/* ---- init ---- */

static void write_template(FILE *fp)
{
	fprintf(fp, "# ax settings for this project: `key = value` lines, '#' comments.\n"
		    "# Uncomment a line to change its default; docs/config.md, `ax-config keys`.\n"
		    "# Precedence: command-line option > environment > this file >\n"
		    "# ~/.config/ax/config > built-in default.\n");
	for (int k = 0; k < AX_CFG_NKEYS; k++) {
		const struct ax_config_keydef *d = &ax_config_keys[k];
		fprintf(fp, "\n# %s%s%s\n# %s =%s%s\n", d->doc, d->env ? "; $" : "", d->env ? d->env : "",
			d->name, *d->def ? " " : "", d->def);
	}
}

/* The info/exclude file of the git repository `dir` is in, or NULL. A
 * .git file (worktree, submodule) says "gitdir: PATH". */
static char *git_exclude_path(const char *dir)
{
	char cur[PATH_MAX];
	if (!realpath(dir, cur))
		return NULL;
	for (;;) {
		char git[PATH_MAX + 8], *out = NULL;
		struct stat st;
		snprintf(git, sizeof git, "%s/.git", strcmp(cur, "/") ? cur : "");
		if (stat(git, &st) == 0 && S_ISDIR(st.st_mode)) {
			if (asprintf(&out, "%s/info/exclude", git) < 0)
				return NULL;
			return out;
		}
		FILE *fp = fopen(git, "r");
		if (fp) {
			char line[PATH_MAX + 16];
			bool ok = fgets(line, sizeof line, fp) && strncmp(line, "gitdir: ", 8) == 0;
			fclose(fp);
			if (!ok)
				return NULL;
			line[strcspn(line, "\n")] = '\0';
			const char *gd = line + 8;
			if (asprintf(&out, "%s%s%s/info/exclude", *gd == '/' ? "" : cur, *gd == '/' ? "" : "/",
				     gd) < 0)
				return NULL;
			return out;
		}
		char *slash = strrchr(cur, '/');
		if (!slash || strcmp(cur, "/") == 0)
			return NULL;
		if (slash == cur)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
}

/* Does the exclude file already leave .ax out? */
static bool excludes_ax(const char *path)
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		return false;
	char line[4096];
	bool found = false;
	while (!found && fgets(line, sizeof line, fp)) {
		line[strcspn(line, "\r\n")] = '\0';
		found = !strcmp(line, ".ax/") || !strcmp(line, ".ax") || !strcmp(line, "/.ax/") ||
			!strcmp(line, "/.ax");
	}
	fclose(fp);
	return found;
}

static void add_exclude(const char *path)
{
	if (excludes_ax(path)) {
		printf("%s already excludes .ax/\n", path);
		return;
	}
	char *dir = ax_strdup(path);
	*strrchr(dir, '/') = '\0';
	mkdir(dir, 0755);
	free(dir);
	FILE *fp = fopen(path, "a+");
	if (!fp)
		ax_die(AX_EXIT_USAGE, "cannot add .ax/ to %s: %s", path, strerror(errno));
	/* A last line without its newline would swallow ours. */
	bool needs_nl = fseek(fp, -1, SEEK_END) == 0 && fgetc(fp) != '\n';
	fseek(fp, 0, SEEK_END);
	fprintf(fp, "%s.ax/\n", needs_nl ? "\n" : "");
	if (fclose(fp) != 0)
		ax_die(AX_EXIT_USAGE, "cannot add .ax/ to %s: %s", path, strerror(errno));
	printf("added .ax/ to %s\n", path);
}

static int cmd_init(const char *dir)
{
	char ax[PATH_MAX], cfg[PATH_MAX + 8];
	/* "." names its .ax plainly, as the messages show it. */
	snprintf(ax, sizeof ax, "%s%s.ax", strcmp(dir, ".") ? dir : "", strcmp(dir, ".") ? "/" : "");
	snprintf(cfg, sizeof cfg, "%s/config", ax);
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		ax_die(AX_EXIT_USAGE, "cannot init '%s': %s", dir, stat(dir, &st) ? strerror(errno) : strerror(ENOTDIR));
	if (mkdir(ax, 0755) == 0)
		printf("created %s/\n", ax);
	else if (errno != EEXIST)
		ax_die(AX_EXIT_USAGE, "cannot create %s: %s", ax, strerror(errno));
	FILE *fp = fopen(cfg, "wx");
	if (fp) {
		write_template(fp);
		if (fclose(fp) != 0)
			ax_die(AX_EXIT_USAGE, "cannot write %s: %s", cfg, strerror(errno));
		printf("created %s\n", cfg);
	} else if (errno == EEXIST) {
		printf("%s exists: left as it is\n", cfg);
	} else {
		ax_die(AX_EXIT_USAGE, "cannot create %s: %s", cfg, strerror(errno));
	}
	char *exclude = git_exclude_path(dir);
	if (exclude)
		add_exclude(exclude);
	free(exclude);
	return AX_EXIT_OK;
}

static void want_args(int have, int want, const char *what)
{
	if (have < want)
		ax_usage_error("%s", what);
	if (have > want)
		ax_usage_error("too many arguments (%s)", what);
}

/* set and add take VALUE verbatim even when it begins with '-' (`set
 * index.jobs -3` is a value to check, not an option): find it before
 * getopt_long sees it, and take it out of argv. NULL if there is none. */
static char *take_value(int *argc, char **argv)
{
	int seen = 0, at = -1;
	bool setter = false;
	for (int i = 1; i < *argc && at < 0; i++) {
		if (strcmp(argv[i], "--") == 0)
			return NULL; /* getopt_long ends options there already */
		if (argv[i][0] == '-' && argv[i][1] && seen < 2)
			continue;
		if (seen == 0)
			setter = !strcmp(argv[i], "set") || !strcmp(argv[i], "add");
		if (!setter)
			return NULL;
		if (++seen == 3)
			at = i;
	}
	if (at < 0)
		return NULL;
	char *value = argv[at];
	memmove(argv + at, argv + at + 1, (size_t)(*argc - at) * sizeof *argv);
	(*argc)--;
	return value;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "user", no_argument, NULL, OPT_USER },
		{ "show-origin", no_argument, NULL, OPT_SHOW_ORIGIN },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, AX_OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	ax_tool_init("ax-config");
	char *value = take_value(&argc, argv);
	int c;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case OPT_USER: user_file = true; break;
		case OPT_SHOW_ORIGIN: show_origin = true; break;
		case 'h': ax_print_help(ax_called_as("ax init") ? init_usage : usage);
		case AX_OPT_VERSION: ax_print_version();
		default: ax_bad_option(argv);
		}
	}
	if (optind >= argc)
		ax_usage_error("which command? get, set, add, unset, list, keys or init");
	const char *cmd = argv[optind];
	char **args = argv + optind + 1;
	int nargs = argc - optind - 1;
	if (value) {
		args[nargs++] = value; /* the slot argv[argc] held NULL for it */
		args[nargs] = NULL;
	}
	if (user_file && strcmp(cmd, "set") && strcmp(cmd, "add") && strcmp(cmd, "unset"))
		ax_usage_error("--user goes with set, add or unset");
	if (show_origin && strcmp(cmd, "list"))
		ax_usage_error("--show-origin goes with list");
	int status;
	if (!strcmp(cmd, "get")) {
		want_args(nargs, 1, "get needs KEY");
		status = cmd_get(args[0]);
	} else if (!strcmp(cmd, "set") || !strcmp(cmd, "add")) {
		want_args(nargs, 2, "set and add need KEY VALUE");
		status = cmd_set(args[0], args[1], !strcmp(cmd, "add"));
	} else if (!strcmp(cmd, "unset")) {
		want_args(nargs, 1, "unset needs KEY");
		status = cmd_unset(args[0]);
	} else if (!strcmp(cmd, "list")) {
		want_args(nargs, 0, "list takes no KEY");
		status = cmd_list();
	} else if (!strcmp(cmd, "keys")) {
		want_args(nargs, 0, "keys takes no argument");
		status = cmd_keys();
	} else if (!strcmp(cmd, "init")) {
		if (nargs > 1)
			ax_usage_error("too many arguments (init takes at most DIR)");
		status = cmd_init(nargs ? args[0] : ".");
	} else {
		static const char *const cmds[] = { "get", "set", "add", "unset", "list", "keys", "init" };
		const char *near = ax_suggest(cmd, cmds, sizeof cmds / sizeof *cmds);
		if (near)
			ax_usage_error("'%s' is not an ax-config command; did you mean '%s'?", cmd, near);
		ax_usage_error("'%s' is not an ax-config command: get, set, add, unset, list, keys or init", cmd);
	}
	ax_exit(status);
}
