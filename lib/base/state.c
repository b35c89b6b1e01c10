/* state.c: the state directory of ax and making it. */
#include "base/state.h"
#include "base/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

char *ax_state_dir(void)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	if (xdg && xdg[0] == '/')
		return ax_xasprintf("%s/ax", xdg);
	if (home && home[0] == '/')
		return ax_xasprintf("%s/.local/state/ax", home);
	return NULL;
}

int ax_mkdirs(const char *dir)
{
	char *p = ax_strdup(dir);
	int rc = 0;
	for (char *s = p + 1; rc == 0; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*s = c;
		if (!c)
			break;
	}
	int saved = errno;
	free(p);
	errno = saved;
	return rc;
}
