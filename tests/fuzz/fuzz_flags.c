/* fuzz_flags: the flag file parser (lib/flags/flags_file.c) and its compiled
 * cache (lib/flags/flags_cache.c) on arbitrary file contents.
 *
 * Each input is written as a flags.json; the cache of the previous input
 * is removed first. Properties checked, beyond "no crash, no leak, no UB":
 *  - the file read directly and through the cache (parsed and written,
 *    then read back from the cache file) gives the same verdict and, for
 *    a good file, the same flags with every key equal: load, save, load;
 *  - every parsed flag is within the model's ranges (rollout 0..100,
 *    variant weights not negative, a known stickiness);
 *  - merging a good file over the defaults twice changes nothing the
 *    second time (merging is by key, not by accumulation). */
#include "flags/flags_model.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char file[256], cache_dir[256];

static void quiet(void *ctx, bool error, const char *f, const char *msg)
{
	(void)ctx, (void)error, (void)f, (void)msg;
}

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool same_list(char *const *a, size_t na, char *const *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (!same_str(a[i], b[i]))
			return false;
	return true;
}

static bool same_flag(const struct ax_flag *a, const struct ax_flag *b)
{
	if (!same_str(a->name, b->name) || !same_str(a->description, b->description) ||
	    !same_str(a->owner, b->owner) || !same_str(a->group, b->group) ||
	    !same_str(a->default_variant, b->default_variant) ||
	    !same_str(a->killed_reason, b->killed_reason) || a->enabled != b->enabled ||
	    a->rollout != b->rollout || a->set != b->set || a->stickiness != b->stickiness ||
	    a->enabled_after != b->enabled_after || a->disabled_after != b->disabled_after ||
	    a->created != b->created || a->changed != b->changed || a->killed_at != b->killed_at ||
	    !same_list(a->allow, a->nallow, b->allow, b->nallow) ||
	    !same_list(a->deny, a->ndeny, b->deny, b->ndeny) ||
	    !same_list(a->prereqs, a->nprereqs, b->prereqs, b->nprereqs) ||
	    a->nvariants != b->nvariants)
		return false;
	for (size_t i = 0; i < a->nvariants; i++)
		if (!same_str(a->variants[i].name, b->variants[i].name) ||
		    a->variants[i].weight != b->variants[i].weight)
			return false;
	return true;
}

static void check_ranges(const struct ax_flag *f)
{
	if (f->rollout < 0 || f->rollout > 100 || f->stickiness > AX_STICK_ID)
		abort();
	for (size_t i = 0; i < f->nvariants; i++)
		if (f->variants[i].weight < 0)
			abort();
}

/* Opens the file through the cache and checks it against `direct`. */
static void check_cache(int direct_rc, const struct ax_flagset *direct)
{
	struct ax_flag_cache c;
	int rc = ax_flag_cache_open(&c, file, quiet, NULL);
	if ((rc != 0) != (direct_rc != 0))
		abort();
	for (size_t i = 0; rc == 0 && i < direct->n; i++) {
		struct ax_flagset one = { 0 };
		if (!ax_flag_cache_get(&c, direct->flags[i].name, &one) || one.n != 1 ||
		    !same_flag(&one.flags[0], &direct->flags[i]))
			abort();
		ax_flagset_free(&one);
	}
	ax_flag_cache_close(&c);
}

static char dir[] = "/tmp/fuzz_flags.XXXXXX";

static void forget_cache(void);

static void remove_dir(void)
{
	char path[300];
	forget_cache();
	snprintf(path, sizeof path, "%s/ax", cache_dir);
	rmdir(path);
	rmdir(cache_dir);
	unlink(file);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	if (!mkdtemp(dir))
		abort();
	atexit(remove_dir);
	snprintf(file, sizeof file, "%s/flags.json", dir);
	snprintf(cache_dir, sizeof cache_dir, "%s/cache", dir);
	setenv("XDG_CACHE_HOME", cache_dir, 1);
	return 0;
}

/* The cache directory holds only this file's cache: empty it. */
static void forget_cache(void)
{
	char dir[300];
	snprintf(dir, sizeof dir, "%s/ax", cache_dir);
	DIR *d = opendir(dir);
	if (!d)
		return;
	for (struct dirent *e; (e = readdir(d));)
		if (e->d_name[0] != '.')
			unlinkat(dirfd(d), e->d_name, 0);
	closedir(d);
}

static struct ax_flagset merged(int times)
{
	struct ax_flagset set = { 0 };
	ax_flagset_defaults(&set);
	for (int i = 0; i < times; i++) {
		struct ax_flagset layer = { 0 };
		if (ax_flagset_read_layer(&layer, file, quiet, NULL) != 0)
			abort(); /* it read fine a moment ago */
		ax_flagset_merge_layer(&set, &layer, "project");
		ax_flagset_free(&layer);
	}
	return set;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	forget_cache();
	FILE *out = fopen(file, "wb");
	if (!out)
		abort();
	fwrite(data, 1, size, out);
	fclose(out);

	struct ax_flagset direct = { 0 };
	int rc = ax_flagset_read_layer(&direct, file, quiet, NULL);
	for (size_t i = 0; i < direct.n; i++)
		check_ranges(&direct.flags[i]);
	check_cache(rc, &direct); /* parses, writes the cache */
	check_cache(rc, &direct); /* reads the cache back */

	if (rc == 0) {
		struct ax_flagset once = merged(1), twice = merged(2);
		if (once.n != twice.n)
			abort();
		for (size_t i = 0; i < once.n; i++)
			if (!same_flag(&once.flags[i], &twice.flags[i]))
				abort();
		ax_flagset_free(&once);
		ax_flagset_free(&twice);
	}
	ax_flagset_free(&direct);
	return 0;
}
