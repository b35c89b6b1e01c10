/* test_flags.c: flag files, precedence and evaluation (docs/flags.md). */
#include "flags/flags.h"
#include "flags/flags_model.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int diag_errors, diag_warnings;

static void count_diag(void *ctx, bool error, const char *file, const char *msg)
{
	(void)ctx;
	(void)file;
	(void)msg;
	if (error) diag_errors++;
	else diag_warnings++;
}

/* A set of the defaults plus `json` as one layer; returns its error count. */
static int load_json(struct ax_flagset *set, const char *json)
{
	memset(set, 0, sizeof *set);
	ax_flagset_defaults(set);
	ax_flagset_sort(set);
	json_error_t err;
	json_t *root = json_loads(json, 0, &err);
	if (!root) {
		fprintf(stderr, "bad test JSON: %s\n", err.text);
		return -1;
	}
	diag_errors = diag_warnings = 0;
	int n = ax_flagset_merge_json(set, root, "test", "project", count_diag, NULL);
	json_decref(root);
	return n;
}

static bool on(const struct ax_flagset *set, const char *name, const char *id, int64_t now)
{
	struct ax_eval_ctx ctx = { .now = now, .id = id };
	struct ax_eval e;
	ax_flag_eval(set, name, &ctx, &e);
	return e.on;
}

static const char *rule(const struct ax_flagset *set, const char *name, const char *id)
{
	struct ax_eval_ctx ctx = { .now = 1000, .id = id };
	static struct ax_eval e;
	ax_flag_eval(set, name, &ctx, &e);
	return e.rule;
}

static void test_rules(void)
{
	struct ax_flagset set;
	CHECK_EQ_INT(load_json(&set, "{\"version\":1,\"flags\":{"
		"\"r\":{\"rollout\":30,\"allow\":[\"vip\"],\"deny\":[\"bad\"]},"
		"\"sched\":{\"enabledAfter\":\"1970-01-01T00:16:40Z\",\"disabledAfter\":2000},"
		"\"base\":{\"rollout\":100},\"child\":{\"prerequisites\":[\"base\"]},"
		"\"orphan\":{\"prerequisites\":[\"missing\"]},"
		"\"c1\":{\"prerequisites\":[\"c2\"]},\"c2\":{\"prerequisites\":[\"c1\"]},"
		"\"off\":{\"enabled\":false,\"allow\":[\"vip\"]}}}"), 0);

	/* Find an id outside the 30% and one inside, by the documented bucket. */
	char out_id[32] = "", in_id[32] = "";
	for (int i = 0; (!*out_id || !*in_id) && i < 1000; i++) {
		char id[32];
		snprintf(id, sizeof id, "user-%d", i);
		int b = ax_flag_bucket("r", id);
		if (b > 30 && !*out_id) strcpy(out_id, id);
		if (b <= 30 && !*in_id) strcpy(in_id, id);
	}
	CHECK(!on(&set, "r", out_id, 1000));
	CHECK(on(&set, "r", in_id, 1000));
	CHECK_EQ_STR(rule(&set, "r", out_id), "rollout");
	/* The allowlist beats the rollout, the denylist beats everything. */
	CHECK(on(&set, "r", "vip", 1000));
	CHECK_EQ_STR(rule(&set, "r", "vip"), "allowlist");
	CHECK(!on(&set, "r", "bad", 1000));
	CHECK_EQ_STR(rule(&set, "r", "bad"), "denylist");
	setenv("AX_FLAG_R", "on", 1);
	CHECK(on(&set, "r", out_id, 1000));
	CHECK_EQ_STR(rule(&set, "r", out_id), "environment");
	CHECK(!on(&set, "r", "bad", 1000)); /* denylist beats the environment too */
	/* The kill switch beats all, the environment included. */
	setenv("AX_FLAGS_OFF", "x,r", 1);
	CHECK(!on(&set, "r", "vip", 1000));
	CHECK_EQ_STR(rule(&set, "r", "vip"), "kill-switch");
	setenv("AX_FLAGS_OFF", "all", 1);
	CHECK(!on(&set, "stage.parse", "anyone", 1000));
	unsetenv("AX_FLAGS_OFF");
	setenv("AX_FLAG_R", "off", 1);
	CHECK(!on(&set, "r", "vip", 1000));
	unsetenv("AX_FLAG_R");

	/* The master switch beats the allowlist. */
	CHECK(!on(&set, "off", "vip", 1000));
	CHECK_EQ_STR(rule(&set, "off", "vip"), "disabled");

	/* Schedules: on from 1000 (inclusive) until 2000 (exclusive). */
	CHECK(!on(&set, "sched", "u", 999));
	CHECK(on(&set, "sched", "u", 1000));
	CHECK(on(&set, "sched", "u", 1999));
	CHECK(!on(&set, "sched", "u", 2000));

	/* Prerequisites. */
	CHECK(on(&set, "child", "u", 1000));
	setenv("AX_FLAG_BASE", "off", 1);
	CHECK(!on(&set, "child", "u", 1000));
	CHECK_EQ_STR(rule(&set, "child", "u"), "prerequisite");
	unsetenv("AX_FLAG_BASE");
	CHECK(!on(&set, "orphan", "u", 1000));
	CHECK(!on(&set, "c1", "u", 1000)); /* a cycle is off, and terminates */
	diag_errors = 0;
	CHECK_EQ_INT(ax_flagset_check(&set, count_diag, NULL), 3); /* orphan + c1 + c2 */

	/* Unknown flags are off; built-in gates are on. */
	CHECK(!on(&set, "no.such.flag", "u", 1000));
	CHECK(on(&set, "stage.parse", "u", 1000));
	CHECK(on(&set, "lang.scala", "u", 1000));
	ax_flagset_free(&set);
}

static void test_rollout_math(void)
{
	/* Monotonic: everyone in at 20% is still in at 30%. */
	int lost = 0, in20 = 0, in30 = 0;
	for (int i = 0; i < 100000; i++) {
		char id[32];
		snprintf(id, sizeof id, "%08x-install", i * 2654435761u);
		int b = ax_flag_bucket("new.ranking", id);
		in20 += b <= 20;
		in30 += b <= 30;
		lost += b <= 20 && !(b <= 30);
	}
	CHECK_EQ_INT(lost, 0);
	/* Uniform: 100k ids at 30% -> 30% +- 0.5%. */
	CHECK(in30 >= 29500 && in30 <= 30500);
	CHECK(in20 >= 19500 && in20 <= 20500);

	/* Variant weights 10/30/60 over 100k ids, within 0.5 points each. */
	struct ax_flagset set;
	CHECK_EQ_INT(load_json(&set, "{\"flags\":{\"v\":{\"variants\":["
		"{\"name\":\"a\",\"weight\":10},{\"name\":\"b\",\"weight\":30},{\"name\":\"c\",\"weight\":60}]}}}"), 0);
	const struct ax_flag *f = ax_flagset_find(&set, "v");
	int count[3] = { 0 };
	for (int i = 0; i < 100000; i++) {
		char id[32];
		snprintf(id, sizeof id, "id-%d", i);
		const struct ax_variant *v = ax_flag_pick_variant(f, id, AX_VARIANT_SEED);
		count[v - f->variants]++;
	}
	CHECK(abs(count[0] - 10000) <= 500);
	CHECK(abs(count[1] - 30000) <= 500);
	CHECK(abs(count[2] - 60000) <= 500);
	/* Sticky: the same id gets the same variant every time. */
	CHECK(ax_flag_pick_variant(f, "id-7", AX_VARIANT_SEED) == ax_flag_pick_variant(f, "id-7", AX_VARIANT_SEED));
	ax_flagset_free(&set);

	/* The weight walk is Unleash's. With seed 0 (the client-specification
	 * before v5, specifications/08-variants.json) Feature.Variants.C (33/33/33)
	 * gives userId 315 variant1, 320 variant2, 729 variant3, and
	 * Feature.Variants.D (1/49/50) gives 367 variant1, 31 variant2, 19 variant3. */
	CHECK_EQ_INT(load_json(&set, "{\"flags\":{"
		"\"Feature.Variants.C\":{},\"Feature.Variants.D\":{}}}"), 2); /* capitals: not our names */
	ax_flagset_free(&set);
	struct ax_variant c[] = {
		{ .name = "variant1", .weight = 33 },
		{ .name = "variant2", .weight = 33 },
		{ .name = "variant3", .weight = 33 },
	};
	struct ax_variant d[] = {
		{ .name = "variant1", .weight = 1 },
		{ .name = "variant2", .weight = 49 },
		{ .name = "variant3", .weight = 50 },
	};
	struct ax_flag fc = { .name = "Feature.Variants.C", .variants = c, .nvariants = 3 };
	struct ax_flag fd = { .name = "Feature.Variants.D", .variants = d, .nvariants = 3 };
	CHECK_EQ_STR(ax_flag_pick_variant(&fc, "315", 0)->name, "variant1");
	CHECK_EQ_STR(ax_flag_pick_variant(&fc, "320", 0)->name, "variant2");
	CHECK_EQ_STR(ax_flag_pick_variant(&fc, "729", 0)->name, "variant3");
	CHECK_EQ_STR(ax_flag_pick_variant(&fd, "367", 0)->name, "variant1");
	CHECK_EQ_STR(ax_flag_pick_variant(&fd, "31", 0)->name, "variant2");
	CHECK_EQ_STR(ax_flag_pick_variant(&fd, "19", 0)->name, "variant3");
	/* unleash-client-node src/test/variants.test.ts (same era): 4 variants of
	 * weight 25 on "toggleName": 726 -> 1, 48 -> 2, 381 -> 3, 222 -> 4. */
	struct ax_variant q[] = {
		{ .name = "variant1", .weight = 25 },
		{ .name = "variant2", .weight = 25 },
		{ .name = "variant3", .weight = 25 },
		{ .name = "variant4", .weight = 25 },
	};
	struct ax_flag fq = { .name = "toggleName", .variants = q, .nvariants = 4 };
	CHECK_EQ_STR(ax_flag_pick_variant(&fq, "726", 0)->name, "variant1");
	CHECK_EQ_STR(ax_flag_pick_variant(&fq, "48", 0)->name, "variant2");
	CHECK_EQ_STR(ax_flag_pick_variant(&fq, "381", 0)->name, "variant3");
	CHECK_EQ_STR(ax_flag_pick_variant(&fq, "222", 0)->name, "variant4");
	/* With the v5 seed 86028157 (our vectors, computed by this murmur3 checked
	 * above against published vectors): toggleName:726 -> 70, so variant3. */
	CHECK_EQ_STR(ax_flag_pick_variant(&fq, "726", AX_VARIANT_SEED)->name, "variant3");
	/* Any positive total, as Unleash: the client specification's
	 * 16-strategy-variants (seed 86028157) has weights 1 and 1 in group "a":
	 * userId 5 gets variantNameA, 0 variantNameB. 08-variants (seed 0) has
	 * Feature.Variants.B, 1 and 1: userId 2 gets variant1, 0 variant2. */
	CHECK_EQ_INT(load_json(&set, "{\"flags\":{\"s\":{\"group\":\"a\",\"variants\":["
		"{\"name\":\"variantNameA\",\"weight\":1},{\"name\":\"variantNameB\",\"weight\":1}]}}}"), 0);
	f = ax_flagset_find(&set, "s");
	CHECK_EQ_STR(ax_flag_pick_variant(f, "5", AX_VARIANT_SEED)->name, "variantNameA");
	CHECK_EQ_STR(ax_flag_pick_variant(f, "0", AX_VARIANT_SEED)->name, "variantNameB");
	ax_flagset_free(&set);
	/* 08-variants, Feature.Variants.override.D (seed 0): variant1 (33)
	 * overrides userId 132 and 61, variant2 33, variant3 34; 82 hashes to
	 * variant2. */
	CHECK_EQ_INT(load_json(&set, "{\"flags\":{\"o\":{\"group\":\"Feature.Variants.override.D\","
		"\"variants\":[{\"name\":\"variant1\",\"weight\":33,\"overrides\":[{\"contextName\":"
		"\"userId\",\"values\":[\"132\",\"61\"]}]},{\"name\":\"variant2\",\"weight\":33},"
		"{\"name\":\"variant3\",\"weight\":34}]}}}"), 0);
	f = ax_flagset_find(&set, "o");
	CHECK_EQ_STR(ax_flag_pick_variant(f, "132", 0)->name, "variant1");
	CHECK_EQ_STR(ax_flag_pick_variant(f, "61", 0)->name, "variant1");
	CHECK_EQ_STR(ax_flag_pick_variant(f, "82", 0)->name, "variant2");
	CHECK_EQ_STR(ax_flag_pick_variant(f, "132", AX_VARIANT_SEED)->name, "variant1");
	ax_flagset_free(&set);
	CHECK(load_json(&set, "{\"flags\":{\"o\":{\"variants\":[{\"name\":\"a\",\"weight\":1,"
		"\"overrides\":[{\"values\":[\"1\"]}]}]}}}") > 0); /* no contextName */
	ax_flagset_free(&set);
	struct ax_variant b[] = {
		{ .name = "variant1", .weight = 1 },
		{ .name = "variant2", .weight = 1 },
	};
	struct ax_flag fb = { .name = "Feature.Variants.B", .variants = b, .nvariants = 2 };
	CHECK_EQ_STR(ax_flag_pick_variant(&fb, "2", 0)->name, "variant1");
	CHECK_EQ_STR(ax_flag_pick_variant(&fb, "0", 0)->name, "variant2");

	/* Groups: flags sharing a group share buckets. */
	CHECK_EQ_INT(load_json(&set, "{\"flags\":{\"g1\":{\"rollout\":50,\"group\":\"exp\"},"
		"\"g2\":{\"rollout\":50,\"group\":\"exp\"}}}"), 0);
	int same = 0;
	for (int i = 0; i < 1000; i++) {
		char id[16];
		snprintf(id, sizeof id, "%d", i);
		same += on(&set, "g1", id, 0) == on(&set, "g2", id, 0);
	}
	CHECK_EQ_INT(same, 1000);
	ax_flagset_free(&set);
}

static void test_bad_input(void)
{
	struct ax_flagset set;
	/* Wrong types make the whole layer unusable: defaults stay. */
	CHECK(load_json(&set, "{\"flags\":{\"stage.parse\":{\"enabled\":\"no\"}}}") > 0);
	CHECK(on(&set, "stage.parse", "u", 0));
	ax_flagset_free(&set);
	CHECK(load_json(&set, "{\"flags\":{\"stage.parse\":{\"enabled\":false},\"x\":{\"rollout\":101}}}") > 0);
	CHECK(on(&set, "stage.parse", "u", 0)); /* not half-applied */
	ax_flagset_free(&set);
	CHECK(load_json(&set, "{\"flags\":{\"x\":{\"variants\":[{\"name\":\"a\",\"weight\":0},"
		"{\"name\":\"b\",\"weight\":0}]}}}") > 0); /* weights must sum to more than 0 */
	ax_flagset_free(&set);
	CHECK(load_json(&set, "{\"flags\":{\"x\":{\"variants\":[{\"name\":\"a\",\"weight\":-1},"
		"{\"name\":\"b\",\"weight\":2}]}}}") > 0);
	ax_flagset_free(&set);
	CHECK(load_json(&set, "{\"flags\":{\"x\":{\"variants\":[{\"name\":\"a\",\"weight\":100}],"
		"\"defaultVariant\":\"zz\"}}}") > 0);
	ax_flagset_free(&set);
	CHECK(load_json(&set, "{\"flags\":{\"x\":{\"stickiness\":\"moon\"}}}") > 0);
	ax_flagset_free(&set);
	CHECK(load_json(&set, "{\"version\":2,\"flags\":{}}") > 0);
	ax_flagset_free(&set);
	CHECK(load_json(&set, "[1,2]") > 0);
	ax_flagset_free(&set);
	/* Unknown keys are warnings; the rest of the flag applies. */
	CHECK_EQ_INT(load_json(&set, "{\"flags\":{\"stage.parse\":{\"enabled\":false,\"colour\":\"red\"}},\"x\":1}"), 0);
	CHECK_EQ_INT(diag_warnings, 2);
	CHECK(!on(&set, "stage.parse", "u", 0));
	ax_flagset_free(&set);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

/* What a fresh tool process decides for stage.parse (1 on, 0 off). */
static int child_stage_parse(void)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		ax_flags_init("ax-test-child");
		_exit(ax_stage_enabled("parse") ? 1 : 0);
	}
	int status;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_cache(const char *project_file, const char *home)
{
	/* Same size, rewritten at once: the cache must not hide the change. */
	write_file(project_file, "{\"flags\":{\"stage.parse\":{\"enabled\":false}}}");
	CHECK_EQ_INT(child_stage_parse(), 0);
	CHECK_EQ_INT(child_stage_parse(), 0); /* from the cache now */
	write_file(project_file, "{\"flags\":{\"stage.parse\":{\"enabled\":true }}}");
	CHECK_EQ_INT(child_stage_parse(), 1);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "ls %s/.cache/ax/flags-*.bin > /dev/null", home);
	CHECK_EQ_INT(system(cmd), 0);
	/* A damaged cache is a miss. */
	snprintf(cmd, sizeof cmd, "for f in %s/.cache/ax/flags-*.bin; do head -c 100 \"$f\" > \"$f.x\"; mv \"$f.x\" \"$f\"; done", home);
	CHECK_EQ_INT(system(cmd), 0);
	CHECK_EQ_INT(child_stage_parse(), 1);
	write_file(project_file, "{\"flags\":{\"stage.parse\":{\"enabled\":false}}}");
	snprintf(cmd, sizeof cmd, "for f in %s/.cache/ax/flags-*.bin; do head -c 100 \"$f\" > \"$f.x\"; mv \"$f.x\" \"$f\"; done", home);
	CHECK_EQ_INT(system(cmd), 0);
	CHECK_EQ_INT(child_stage_parse(), 0);
}

static void test_files_and_process(void)
{
	char dir[TEST_TMP_MAX];
	test_tmp(dir, "flags");
	CHECK(mkdtemp(dir) != NULL);
	char path[512];
	setenv("HOME", dir, 1);
	unsetenv("XDG_CONFIG_HOME");
	snprintf(path, sizeof path, "%s/.config", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/.config/ax", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/proj", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/proj/.ax", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/proj/src", dir);
	mkdir(path, 0700);

	/* Precedence: project over user over defaults, key by key. */
	snprintf(path, sizeof path, "%s/.config/ax/flags.json", dir);
	write_file(path, "{\"flags\":{\"stage.rank\":{\"enabled\":false},\"exp\":{\"rollout\":0,\"owner\":\"u\"},"
		"\"lang.dart\":{\"enabled\":false}}}");
	snprintf(path, sizeof path, "%s/proj/.ax/flags.json", dir);
	write_file(path, "{\"flags\":{\"exp\":{\"rollout\":100},\"lang.dart\":{\"enabled\":true}}}");
	snprintf(path, sizeof path, "%s/proj/src", dir);
	CHECK_EQ_INT(chdir(path), 0);

	struct ax_flagset set = { 0 };
	CHECK_EQ_INT(ax_flagset_load(&set, count_diag, NULL), 0);
	const struct ax_flag *exp = ax_flagset_find(&set, "exp");
	CHECK(exp && exp->rollout == 100 && exp->owner && strcmp(exp->owner, "u") == 0);
	CHECK_EQ_STR(exp ? exp->source : NULL, "project");
	CHECK(!on(&set, "stage.rank", "u", 0));
	CHECK(on(&set, "lang.dart", "u", 0));
	ax_flagset_free(&set);

	/* A broken project file is ignored; the user's file still counts. */
	snprintf(path, sizeof path, "%s/proj/.ax/flags.json", dir);
	write_file(path, "{\"flags\": {\"exp\": {\"rollout\": 100,,}}");
	diag_errors = 0;
	CHECK_EQ_INT(ax_flagset_load(&set, count_diag, NULL), 1);
	CHECK_EQ_INT(diag_errors, 1);
	CHECK(!on(&set, "exp", "u", 0));
	CHECK(!on(&set, "lang.dart", "u", 0));
	ax_flagset_free(&set);

	test_cache(path, dir);

	/* The process API: once, recorded for telemetry. Environment last. */
	write_file(path, "{\"flags\":{\"exp\":{\"variants\":[{\"name\":\"a\",\"weight\":50},"
		"{\"name\":\"b\",\"weight\":50}],\"rollout\":100}}}");
	setenv("AX_FLAG_LANG_SCALA", "off", 1);
	ax_flags_init("ax-test");
	CHECK(!ax_stage_enabled("rank"));
	CHECK(ax_stage_enabled("parse"));
	CHECK(ax_stage_enabled("unheard-of")); /* gates fail open */
	CHECK(!ax_flag_enabled("lang.scala"));
	CHECK(!ax_flag_enabled("no.such"));
	CHECK(ax_flag_enabled("exp"));
	const char *names[8], *values[8];
	size_t n = ax_flags_assigned(names, values, 8);
	CHECK_EQ_INT(n, 6);
	CHECK_EQ_STR(names[0], "stage.rank");
	CHECK_EQ_STR(values[0], "off");
	CHECK_EQ_STR(names[1], "stage.parse");
	CHECK_EQ_STR(values[1], "on");
	/* A flag with variants is recorded with the arm this id gets. */
	CHECK_EQ_STR(names[5], "exp");
	CHECK(strcmp(values[5], "a") == 0 || strcmp(values[5], "b") == 0);
	/* Read once: a later file change does not flip a running tool. */
	write_file(path, "{\"flags\":{\"stage.parse\":{\"enabled\":false}}}");
	CHECK(ax_stage_enabled("parse"));
	CHECK_EQ_INT(ax_flags_assigned(names, values, 2), 6);
	unsetenv("AX_FLAG_LANG_SCALA");

	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	CHECK_EQ_INT(system(cmd), 0);
}

static void test_names_and_times(void)
{
	char *e = ax_flag_env_name("stage.parse");
	CHECK_EQ_STR(e, "AX_FLAG_STAGE_PARSE");
	free(e);
	e = ax_flag_env_name("new-ranker.v2");
	CHECK_EQ_STR(e, "AX_FLAG_NEW_RANKER_V2");
	free(e);
	CHECK_EQ_INT(ax_flag_parse_time("2026-03-01T12:00:00Z"), 1772366400);
	CHECK_EQ_INT(ax_flag_parse_time("2026-03-01"), 1772323200);
	CHECK_EQ_INT(ax_flag_parse_time("1772366400"), 1772366400);
	CHECK_EQ_INT(ax_flag_parse_time("@0"), 0);
	CHECK(ax_flag_parse_time("soon") == AX_NO_TIME);
	CHECK(ax_flag_parse_time("2026-13-01") == AX_NO_TIME);
	char buf[32];
	ax_flag_format_time(1772366400, buf);
	CHECK_EQ_STR(buf, "2026-03-01T12:00:00Z");
	setenv("AX_NOW", "2030-01-01T00:00:00Z", 1);
	CHECK_EQ_INT(ax_flag_now(), 1893456000);
	unsetenv("AX_NOW");
}

int main(void)
{
	unsetenv("AX_FLAGS_OFF");
	test_rules();
	test_rollout_math();
	test_bad_input();
	test_names_and_times();
	test_files_and_process();
	return test_summary();
}
