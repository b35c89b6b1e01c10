/* telemetry_config.c: where telemetry lives, its mode, consent and settings.
 *
 * Read on every tool's exit, so it is one small key=value file and no
 * parsing library. Nothing here prints: a tool never hears of telemetry. */
#include "telemetry/telemetry.h"
#include "base/state.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *ax_tel_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", dir, name);
	return p;
}

char *ax_tel_dir(void)
{
	const char *d = getenv("AX_TELEMETRY_DIR");
	if (d && *d)
		return strdup(d);
	return ax_state_dir();
}

const char *ax_tel_mode_name(enum ax_tel_mode m)
{
	return m == AX_TEL_OFF ? "off" : m == AX_TEL_ON ? "on" : "local";
}

int ax_tel_mode_parse(const char *s, enum ax_tel_mode *m)
{
	if (!s)
		return -1;
	if (!strcmp(s, "off"))
		*m = AX_TEL_OFF;
	else if (!strcmp(s, "local"))
		*m = AX_TEL_LOCAL;
	else if (!strcmp(s, "on"))
		*m = AX_TEL_ON;
	else
		return -1;
	return 0;
}

static void set_key(struct ax_tel_config *c, const char *key, const char *val)
{
	if (!strcmp(key, "mode"))
		c->mode_in_file = ax_tel_mode_parse(val, &c->mode) == 0;
	else if (!strcmp(key, "consent"))
		c->consent = strtoll(val, NULL, 10);
	else if (!strcmp(key, "retention_days")) {
		long d = strtol(val, NULL, 10);
		if (d >= 1 && d <= 36500)
			c->retention_days = (int)d;
	} else if (!strcmp(key, "endpoint") && strlen(val) < sizeof c->endpoint)
		strcpy(c->endpoint, val);
}

void ax_tel_config_load(const char *dir, struct ax_tel_config *c)
{
	memset(c, 0, sizeof *c);
	c->mode = AX_TEL_LOCAL;
	c->retention_days = AX_TEL_RETENTION_DEFAULT;
	char *path = ax_tel_path(dir, AX_TEL_CONFIG);
	if (!path)
		return;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	free(path);
	if (fd < 0)
		return;
	char buf[2048];
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return;
	buf[n] = '\0';
	for (char *line = buf, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *eq = strchr(line, '=');
		if (line[0] == '#' || !eq)
			continue;
		*eq = '\0';
		set_key(c, line, eq + 1);
	}
}

int ax_tel_config_save(const char *dir, const struct ax_tel_config *c)
{
	if (ax_mkdirs(dir) != 0)
		return -1;
	char *path = ax_tel_path(dir, AX_TEL_CONFIG);
	char *tmp = ax_tel_path(dir, AX_TEL_CONFIG ".tmp");
	int rc = -1;
	FILE *f = path && tmp ? fopen(tmp, "w") : NULL;
	if (f) {
		fprintf(f, "# ax telemetry settings: change them with ax-telemetry (docs/telemetry.md)\n");
		fprintf(f, "mode=%s\nconsent=%lld\nretention_days=%d\nendpoint=%s\n",
			ax_tel_mode_name(c->mode), (long long)c->consent, c->retention_days, c->endpoint);
		rc = fclose(f) == 0 ? rename(tmp, path) : -1;
		if (rc != 0)
			unlink(tmp);
	}
	free(path);
	free(tmp);
	return rc;
}

enum ax_tel_mode ax_tel_mode_effective(const struct ax_tel_config *c, const char **source)
{
	enum ax_tel_mode m;
	const char *dnt = getenv("DO_NOT_TRACK");
	if (dnt && *dnt && strcmp(dnt, "0") != 0) {
		if (source)
			*source = "DO_NOT_TRACK";
		return AX_TEL_OFF;
	}
	if (ax_tel_mode_parse(getenv("AX_TELEMETRY"), &m) == 0) {
		if (source)
			*source = "AX_TELEMETRY";
		return m;
	}
	if (source)
		*source = c->mode_in_file ? AX_TEL_CONFIG : "default";
	return c->mode;
}
