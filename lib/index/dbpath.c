/* dbpath.c: finding the index: --db, $AX_DB, db.path, then .ax/index.db upward. */
#include "index/dbpath.h"
#include "base/cli.h"
#include "config/config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define AX_DB_REL ".ax/index.db"

/* --db, else $AX_DB or db.path as lib/config/config.h ranks them (db.path is
 * relative to the project root); NULL: neither, search upward. */
static char *explicit_path(const char *opt)
{
	if (opt && *opt)
		return ax_strdup(opt);
	const struct ax_config *c = ax_config();
	const struct ax_config_value *v = &c->scalar[AX_CFG_DB_PATH];
	const char *refused = ax_config_refusal(AX_CFG_DB_PATH);
	if (refused)
		ax_warn("%s", refused);
	if (!*v->value)
		return NULL;
	if (strcmp(v->origin, "env") == 0 || v->value[0] == '/' || !c->root)
		return ax_strdup(v->value);
	char *path = ax_malloc(strlen(c->root) + strlen(v->value) + 2);
	sprintf(path, "%s/%s", strcmp(c->root, "/") ? c->root : "", v->value);
	return path;
}

char *ax_db_find(const char *opt)
{
	char *given = explicit_path(opt);
	if (given)
		return given;

	char dir[PATH_MAX];
	if (!getcwd(dir, sizeof dir))
		return NULL;
	for (;;) {
		char cand[PATH_MAX + sizeof AX_DB_REL + 1];
		struct stat st;
		snprintf(cand, sizeof cand, "%s/%s", strcmp(dir, "/") ? dir : "", AX_DB_REL);
		if (stat(cand, &st) == 0 && S_ISREG(st.st_mode))
			return ax_strdup(cand);
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir) {
			if (strcmp(dir, "/") == 0)
				return NULL;
			strcpy(dir, "/");
			continue;
		}
		*slash = '\0';
	}
}

char *ax_db_default_path(const char *opt)
{
	char *given = explicit_path(opt);
	return given ? given : ax_strdup(AX_DB_REL);
}
