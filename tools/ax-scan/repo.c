/* repo.c: repository discovery, the index and ignore configuration through
 * libgit2, so ax-scan agrees with git on what is tracked. */
#include "repo.h"
#include "base/cmp.h"

#include "base/cli.h"

#include <git2.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void set_err(char *err, size_t errlen, const char *what)
{
	const git_error *e = git_error_last();
	snprintf(err, errlen, "%s: %s", what, e && e->message ? e->message : "unknown libgit2 error");
}

/* $XDG_CONFIG_HOME/git/ignore, else ~/.config/git/ignore: git's default. */
static char *xdg_ignore(void)
{
	char path[PATH_MAX];
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	if (xdg && *xdg)
		snprintf(path, sizeof path, "%s/git/ignore", xdg);
	else if (home && *home)
		snprintf(path, sizeof path, "%s/.config/git/ignore", home);
	else
		return NULL;
	return ax_strdup(path);
}

static char *excludes_from(git_config *cfg)
{
	git_buf buf = { 0 };
	char *path = NULL;
	if (cfg && git_config_get_path(&buf, cfg, "core.excludesfile") == 0) {
		path = ax_strdup(buf.ptr);
		git_buf_dispose(&buf);
	}
	return path ? path : xdg_ignore();
}

char *scan_global_excludes_file(void)
{
	git_libgit2_init();
	git_config *cfg = NULL;
	if (git_config_open_default(&cfg) != 0)
		cfg = NULL;
	char *path = excludes_from(cfg);
	git_config_free(cfg);
	return path;
}

static int load_index(git_repository *r, struct scan_repo *repo, char *err, size_t errlen)
{
	git_index *idx;
	if (git_repository_index(&idx, r) != 0) {
		set_err(err, errlen, "cannot read the git index");
		return -1;
	}
	size_t n = git_index_entrycount(idx), k = 0;
	repo->tracked = ax_malloc((n ? n : 1) * sizeof *repo->tracked);
	for (size_t i = 0; i < n; i++) {
		const git_index_entry *e = git_index_get_byindex(idx, i);
		/* Submodules are directories, not files of this repository. */
		if (!e || e->mode == GIT_FILEMODE_COMMIT)
			continue;
		repo->tracked[k++] = ax_strdup(e->path);
	}
	git_index_free(idx);
	/* The index sorts case-insensitively under core.ignoreCase; lookups
	 * here want plain byte order. Conflicted paths appear once per stage. */
	qsort(repo->tracked, k, sizeof *repo->tracked, ax_cmp_strp);
	size_t u = 0;
	for (size_t i = 0; i < k; i++) {
		if (u && strcmp(repo->tracked[u - 1], repo->tracked[i]) == 0)
			free(repo->tracked[i]);
		else
			repo->tracked[u++] = repo->tracked[i];
	}
	repo->ntracked = u;
	return 0;
}

int scan_repo_open(const char *dir, struct scan_repo *repo, char *err, size_t errlen)
{
	memset(repo, 0, sizeof *repo);
	git_libgit2_init();
	git_repository *r;
	int rc = git_repository_open_ext(&r, dir, 0, NULL);
	if (rc == GIT_ENOTFOUND)
		return 0;
	if (rc != 0) {
		set_err(err, errlen, "cannot open the git repository");
		return -1;
	}
	const char *wd = git_repository_workdir(r);
	char real[PATH_MAX];
	if (git_repository_is_bare(r) || !wd || !realpath(wd, real)) {
		git_repository_free(r);
		return 0;
	}
	repo->top = ax_strdup(real);
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%sinfo/exclude", git_repository_commondir(r));
	repo->info_exclude = ax_strdup(path);
	git_config *cfg = NULL;
	if (git_repository_config_snapshot(&cfg, r) != 0)
		cfg = NULL;
	repo->excludes_file = excludes_from(cfg);
	int icase = 0;
	if (cfg && git_config_get_bool(&icase, cfg, "core.ignorecase") == 0)
		repo->icase = icase;
	git_config_free(cfg);
	rc = load_index(r, repo, err, errlen);
	git_repository_free(r);
	if (rc != 0) {
		scan_repo_free(repo);
		return -1;
	}
	return 1;
}

void scan_repo_free(struct scan_repo *repo)
{
	for (size_t i = 0; i < repo->ntracked; i++)
		free(repo->tracked[i]);
	free(repo->tracked);
	free(repo->top);
	free(repo->info_exclude);
	free(repo->excludes_file);
	memset(repo, 0, sizeof *repo);
}

/* First index whose path is >= key. */
static size_t lower_bound(const struct scan_repo *repo, const char *key)
{
	size_t lo = 0, hi = repo->ntracked;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(repo->tracked[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool scan_repo_tracks(const struct scan_repo *repo, const char *path)
{
	size_t i = lower_bound(repo, path);
	return i < repo->ntracked && strcmp(repo->tracked[i], path) == 0;
}

bool scan_repo_tracks_under(const struct scan_repo *repo, const char *dir, size_t len)
{
	char *key = ax_malloc(len + 2);
	memcpy(key, dir, len);
	key[len] = '/';
	key[len + 1] = '\0';
	size_t i = lower_bound(repo, key);
	bool under = i < repo->ntracked && strncmp(repo->tracked[i], key, len + 1) == 0;
	free(key);
	return under;
}
