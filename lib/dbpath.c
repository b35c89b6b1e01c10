/* dbpath.c: finding the index: --db, $AX_DB, then .ax/index.db upward. */
#include "dbpath.h"
#include "cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define AX_DB_REL ".ax/index.db"

static const char *explicit_path(const char *opt)
{
	if (opt && *opt)
		return opt;
	const char *env = getenv("AX_DB");
	return env && *env ? env : NULL;
}

char *ax_db_find(const char *opt)
{
	const char *given = explicit_path(opt);
	if (given)
		return ax_strdup(given);

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
	const char *given = explicit_path(opt);
	return ax_strdup(given ? given : AX_DB_REL);
}
