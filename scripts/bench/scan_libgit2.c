/* scan_libgit2.c REPO: what ax-scan's walk would cost with libgit2's
 * ignore matcher: walk the work tree, ask git_ignore_path_is_ignored()
 * about every entry (all taken as untracked), print the paths kept.
 * scripts/bench/scan.sh times it; docs/scan.md has the numbers that made
 * ax-scan match ignore rules itself (lib/base/ignore.c). */
#include <dirent.h>
#include <git2.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static git_repository *repo;
static char path[8192];
static unsigned long checks;

static void walk(size_t len)
{
	DIR *d = opendir(len ? path : ".");
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d))) {
		const char *n = de->d_name;
		if (!strcmp(n, ".") || !strcmp(n, "..") || !strcmp(n, ".git"))
			continue;
		size_t l = len + (len ? 1 : 0) + strlen(n);
		if (l + 2 >= sizeof path)
			continue;
		snprintf(path + len, sizeof path - len, "%s%s", len ? "/" : "", n);
		bool dir = de->d_type == DT_DIR;
		if (dir)
			strcat(path, "/"); /* libgit2's way to say "a directory" */
		int ignored = 0;
		git_ignore_path_is_ignored(&ignored, repo, path);
		checks++;
		path[l] = '\0';
		if (!ignored) {
			if (dir)
				walk(l);
			else if (de->d_type == DT_REG)
				puts(path);
		}
		path[len] = '\0';
	}
	closedir(d);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: scan_libgit2 REPO\n");
		return 2;
	}
	git_libgit2_init();
	if (git_repository_open(&repo, argv[1]) != 0) {
		fprintf(stderr, "scan_libgit2: %s\n", git_error_last()->message);
		return 2;
	}
	if (chdir(argv[1]) != 0) {
		perror(argv[1]);
		return 2;
	}
	walk(0);
	fprintf(stderr, "scan_libgit2: %lu ignore checks\n", checks);
	git_repository_free(repo);
	return 0;
}
