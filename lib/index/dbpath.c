/* dbpath.c: finding the index: --db, $AX_DB, db.path, then the project root's .ax/index.db. */
#include "index/dbpath.h"
#include "base/cli.h"
#include "config/config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
	/* The one index of the project: at its root (lib/config finds it:
	 * the nearest .ax/ upward, else the git work tree's top). */
	const char *root = ax_config()->root;
	if (!root)
		return NULL;
	char *cand = ax_xasprintf("%s/%s", strcmp(root, "/") ? root : "", AX_DB_REL);
	struct stat st;
	if (stat(cand, &st) == 0 && S_ISREG(st.st_mode))
		return cand;
	free(cand);
	return NULL;
}

char *ax_db_default_path(const char *opt)
{
	char *given = explicit_path(opt);
	return given ? given : ax_strdup(AX_DB_REL);
}
