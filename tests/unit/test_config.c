/* test_config.c: config keys, file editing, loading and precedence, and
 * the "did you mean" suggestion. */
#include "config/config.h"
#include "base/suggest.h"
#include "test.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static struct ax_config_file parse(const char *text, int *rc, char **err)
{
	struct ax_config_file f;
	*err = NULL;
	*rc = ax_config_file_parse(&f, text, strlen(text), ".ax/config", err);
	return f;
}

/* The file's lines joined with '\n'. */
static const char *joined(const struct ax_config_file *f)
{
	static char buf[1024];
	size_t at = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < f->n; i++)
		at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%s", i ? "\n" : "", f->lines[i]);
	return buf;
}

static void test_keys(void)
{
	char why[128];
	CHECK_EQ_INT(ax_config_key_find("index.jobs"), AX_CFG_INDEX_JOBS);
	CHECK_EQ_INT(ax_config_key_find("index.job"), -1);
	CHECK_EQ_INT(ax_config_check(AX_CFG_INDEX_JOBS, "0", why, sizeof why), 0);
	CHECK_EQ_INT(ax_config_check(AX_CFG_INDEX_JOBS, "256", why, sizeof why), 0);
	CHECK_EQ_INT(ax_config_check(AX_CFG_INDEX_JOBS, "257", why, sizeof why), -1);
	CHECK_EQ_STR(why, "want a whole number from 0 to 256");
	CHECK_EQ_INT(ax_config_check(AX_CFG_INDEX_JOBS, "-1", why, sizeof why), -1);
	CHECK_EQ_INT(ax_config_check(AX_CFG_SCAN_MAX_SIZE, "512K", why, sizeof why), 0);
	CHECK_EQ_INT(ax_config_check(AX_CFG_SCAN_MAX_SIZE, "0", why, sizeof why), -1);
	CHECK_EQ_INT(ax_config_check(AX_CFG_COLOR, "never", why, sizeof why), 0);
	CHECK_EQ_INT(ax_config_check(AX_CFG_COLOR, "yes", why, sizeof why), -1);
	CHECK_EQ_INT(ax_config_check(AX_CFG_SCAN_EXCLUDE, "", why, sizeof why), -1);
	/* every default is valid, except a list's empty one (no values) */
	for (int k = 0; k < AX_CFG_NKEYS; k++)
		if (ax_config_keys[k].type != AX_CFG_T_LIST)
			CHECK_EQ_INT(ax_config_check(k, ax_config_keys[k].def, why, sizeof why), 0);
}

static void test_suggest(void)
{
	CHECK_EQ_STR(ax_suggest("index.job", ax_config_key_names, AX_CFG_NKEYS), "index.jobs");
	CHECK_EQ_STR(ax_suggest("colour", ax_config_key_names, AX_CFG_NKEYS), "color");
	CHECK(ax_suggest("completely.other", ax_config_key_names, AX_CFG_NKEYS) == NULL);
	CHECK(ax_suggest("color", ax_config_key_names, AX_CFG_NKEYS) == NULL);
	CHECK_EQ_INT(ax_edit_distance("kitten", "sitting"), 3);
	CHECK_EQ_INT(ax_edit_distance("", "abc"), 3);
	CHECK_EQ_INT(ax_edit_distance("same", "same"), 0);
}

static void test_parse(void)
{
	int rc;
	char *err;
	struct ax_config_file f = parse("# c\n\n  ; c2\nindex.jobs = 4  \ncolor=never\n", &rc, &err);
	CHECK_EQ_INT(rc, 0);
	CHECK_EQ_INT(f.n, 5);
	char *k, *v;
	CHECK(!ax_config_file_entry(&f, 0, &k, &v));
	CHECK(ax_config_file_entry(&f, 3, &k, &v));
	CHECK_EQ_STR(k, "index.jobs");
	CHECK_EQ_STR(v, "4");
	free(k), free(v);
	CHECK(ax_config_file_entry(&f, 4, &k, &v));
	CHECK_EQ_STR(v, "never");
	free(k), free(v);
	CHECK_EQ_INT(ax_config_file_check(&f, &err), 0);
	ax_config_file_free(&f);

	f = parse("color = never\nindex.jobs 4\n", &rc, &err);
	CHECK_EQ_INT(rc, -1);
	CHECK_EQ_STR(err, ".ax/config:2: expected 'key = value', a '#' comment or a blank line");
	free(err);
	ax_config_file_free(&f);

	f = parse("\n\nindex.job = 4\n", &rc, &err);
	CHECK_EQ_INT(rc, 0);
	CHECK_EQ_INT(ax_config_file_check(&f, &err), -1);
	CHECK_EQ_STR(err, ".ax/config:3: unknown key 'index.job'; did you mean 'index.jobs'?");
	free(err);
	ax_config_file_free(&f);

	f = parse("scan.max-size = huge\n", &rc, &err);
	CHECK_EQ_INT(ax_config_file_check(&f, &err), -1);
	CHECK_EQ_STR(err, ".ax/config:1: invalid scan.max-size 'huge': want a size from 1 to 1024G, like 512K, 1M or 2G");
	free(err);
	ax_config_file_free(&f);

	/* a value may hold '#' and '=' */
	f = parse("scan.exclude = #not-a-comment=x\n", &rc, &err);
	CHECK(ax_config_file_entry(&f, 0, &k, &v));
	CHECK_EQ_STR(v, "#not-a-comment=x");
	free(k), free(v);
	ax_config_file_free(&f);
}

static void test_edit(void)
{
	int rc;
	char *err;
	struct ax_config_file f = parse("# top\ncolor = never\nx.y = 1\ncolor = always\n", &rc, &err);
	ax_config_file_set(&f, "color", "auto");
	CHECK_EQ_STR(joined(&f), "# top\ncolor = auto\nx.y = 1");
	ax_config_file_set(&f, "index.jobs", "2");
	CHECK_EQ_STR(joined(&f), "# top\ncolor = auto\nx.y = 1\nindex.jobs = 2");
	CHECK_EQ_INT(ax_config_file_unset(&f, "x.y"), 1);
	CHECK_EQ_INT(ax_config_file_unset(&f, "x.y"), 0);
	CHECK_EQ_STR(joined(&f), "# top\ncolor = auto\nindex.jobs = 2");
	ax_config_file_free(&f);

	/* under the template line, and list values in order */
	f = parse("# doc\n# scan.exclude =\n\n# doc\n# color = auto\n", &rc, &err);
	ax_config_file_set(&f, "color", "never");
	ax_config_file_add(&f, "scan.exclude", "a/");
	ax_config_file_add(&f, "scan.exclude", "b/");
	CHECK_EQ_STR(joined(&f), "# doc\n# scan.exclude =\nscan.exclude = a/\nscan.exclude = b/\n\n# doc\n"
				 "# color = auto\ncolor = never");
	CHECK_EQ_INT(ax_config_file_unset(&f, "scan.exclude"), 2);
	ax_config_file_free(&f);
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	fputs(text, fp);
	fclose(fp);
}

static void test_load(void)
{
	char dir[TEST_TMP_MAX];
	test_tmp(dir, "config");
	if (!mkdtemp(dir)) {
		CHECK(!"mkdtemp");
		return;
	}
	char cwd[4096], path[4200];
	CHECK(getcwd(cwd, sizeof cwd) != NULL);
	CHECK_EQ_INT(chdir(dir), 0);
	setenv("XDG_CONFIG_HOME", dir, 1);
	unsetenv("AX_DB");
	mkdir("ax", 0755);
	mkdir("proj", 0755);
	mkdir("proj/.ax", 0755);
	mkdir("proj/sub", 0755);
	write_file("ax/config", "color = never\nindex.jobs = 2\nscan.exclude = u/\n");
	write_file("proj/.ax/config", "index.jobs = 3\nscan.exclude = p/\n");
	CHECK_EQ_INT(chdir("proj/sub"), 0);

	struct ax_config c;
	char *err;
	CHECK_EQ_INT(ax_config_load(&c, &err), 0);
	snprintf(path, sizeof path, "%s/proj", dir);
	CHECK_EQ_STR(c.root, path);
	CHECK_EQ_STR(c.scalar[AX_CFG_INDEX_JOBS].value, "3");
	CHECK_EQ_STR(c.scalar[AX_CFG_INDEX_JOBS].origin, "project");
	CHECK_EQ_STR(c.scalar[AX_CFG_COLOR].value, "never");
	CHECK_EQ_STR(c.scalar[AX_CFG_COLOR].origin, "user");
	CHECK_EQ_STR(c.scalar[AX_CFG_SCAN_MAX_SIZE].value, "1M");
	CHECK_EQ_STR(c.scalar[AX_CFG_SCAN_MAX_SIZE].origin, "default");
	CHECK_EQ_INT(c.nlist[AX_CFG_SCAN_EXCLUDE], 2);
	CHECK_EQ_STR(c.list[AX_CFG_SCAN_EXCLUDE][0].value, "u/");
	CHECK_EQ_STR(c.list[AX_CFG_SCAN_EXCLUDE][1].origin, "project");
	ax_config_free(&c);

	setenv("AX_DB", "/x/env.db", 1);
	CHECK_EQ_INT(ax_config_load(&c, &err), 0);
	CHECK_EQ_STR(c.scalar[AX_CFG_DB_PATH].value, "/x/env.db");
	CHECK_EQ_STR(c.scalar[AX_CFG_DB_PATH].origin, "env");
	ax_config_free(&c);
	unsetenv("AX_DB");

	/* a broken project file is named from where we are */
	write_file("../.ax/config", "\ncolor = green\n");
	CHECK_EQ_INT(ax_config_load(&c, &err), -1);
	snprintf(path, sizeof path, "%s/proj/.ax/config:2: invalid color 'green': want auto, always or never", dir);
	CHECK_EQ_STR(err, path);
	free(err);
	ax_config_free(&c);

	/* writing: atomic, and read back the same */
	struct ax_config_file f;
	CHECK_EQ_INT(ax_config_file_read(&f, "../.ax/config", "x", &err), 0);
	ax_config_file_set(&f, "color", "always");
	CHECK_EQ_INT(ax_config_file_write(&f, "../.ax/new/config", &err), 0);
	ax_config_file_free(&f);
	CHECK_EQ_INT(ax_config_file_read(&f, "../.ax/new/config", "x", &err), 0);
	CHECK_EQ_STR(joined(&f), "\ncolor = always");
	ax_config_file_free(&f);
	/* a missing file reads as empty */
	CHECK_EQ_INT(ax_config_file_read(&f, "../.ax/none", "x", &err), 0);
	CHECK_EQ_INT(f.n, 0);
	ax_config_file_free(&f);

	CHECK_EQ_INT(chdir(cwd), 0);
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	CHECK_EQ_INT(system(cmd), 0);
}

int main(void)
{
	test_keys();
	test_suggest();
	test_parse();
	test_edit();
	test_load();
	return test_summary();
}
