/* flags_eval.c: deciding a flag for one id, and checks across flags.
 *
 * The order of the rules is the contract (docs/flags.md, "Evaluation"):
 * kill switch, denylist, environment, unknown, master switch, schedule,
 * prerequisites, allowlist, rollout. */
#include "flags/flags_model.h"
#include "base/cli.h"
#include "base/install_id.h"
#include "base/murmur3.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Prerequisite chains deeper than this are treated as a cycle (off). */
#define MAX_DEPTH 16

static uint32_t hash_pair(const char *group, const char *id, uint32_t seed)
{
	char stack[256], *buf = stack;
	size_t gl = strlen(group), il = strlen(id), n = gl + 1 + il;
	if (n > sizeof stack)
		buf = ax_malloc(n);
	memcpy(buf, group, gl);
	buf[gl] = ':';
	memcpy(buf + gl + 1, id, il);
	uint32_t h = ax_murmur3_32(buf, n, seed);
	if (buf != stack)
		free(buf);
	return h;
}

int ax_flag_bucket(const char *group, const char *id)
{
	return (int)(hash_pair(group, id, 0) % 100) + 1;
}

uint32_t ax_flag_variant_total(const struct ax_flag *f)
{
	uint32_t total = 0;
	for (size_t i = 0; i < f->nvariants; i++)
		total += (uint32_t)f->variants[i].weight;
	return total;
}

static bool in_list(char *const *list, size_t n, const char *id);

const struct ax_variant *ax_flag_pick_variant(const struct ax_flag *f, const char *id, uint32_t seed)
{
	/* Overrides first, in the order of the variants, as Unleash does. */
	for (size_t i = 0; i < f->nvariants; i++)
		if (in_list(f->variants[i].overrides, f->variants[i].noverrides, id))
			return &f->variants[i];
	uint32_t total = ax_flag_variant_total(f);
	if (total == 0)
		return NULL;
	uint32_t target = hash_pair(f->group ? f->group : f->name, id, seed) % total + 1, run = 0;
	for (size_t i = 0; i < f->nvariants; i++) {
		run += (uint32_t)f->variants[i].weight;
		if (run >= target)
			return &f->variants[i];
	}
	return NULL; /* not reached: run ends at total */
}

static bool in_list(char *const *list, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], id) == 0)
			return true;
	return false;
}

/* AX_FLAGS_OFF=all or a comma-separated list naming the flag. */
static bool killed_by_env(const char *name, const char **off_out)
{
	const char *off = getenv("AX_FLAGS_OFF");
	*off_out = off;
	if (!off || !*off)
		return false;
	size_t len = strlen(name);
	for (const char *p = off; *p;) {
		size_t n = strcspn(p, ", ");
		if ((n == 3 && strncmp(p, "all", 3) == 0) || (n == len && strncmp(p, name, n) == 0))
			return true;
		p += n;
		p += strspn(p, ", ");
	}
	return false;
}

static const char *stickiness_id(const struct ax_flag *f, const struct ax_eval_ctx *ctx)
{
	if (ctx->id)
		return ctx->id;
	if (f && f->stickiness == AX_STICK_ID) {
		const char *id = getenv("AX_FLAG_ID");
		if (id && *id)
			return id;
	}
	if (f && f->stickiness == AX_STICK_REPO) {
		static char *repo;
		if (!repo)
			repo = ax_flags_repo_root();
		if (repo)
			return repo;
	}
	return ax_install_id();
}

static void decide(struct ax_eval *out, bool on, const char *rule, const char *fmt, const char *arg)
{
	out->on = on;
	out->rule = rule;
	snprintf(out->why, sizeof out->why, fmt, arg);
}

static const char *variant_for(const struct ax_flag *f, const char *id)
{
	const struct ax_variant *v = ax_flag_pick_variant(f, id, AX_VARIANT_SEED);
	return v ? v->name : f->nvariants ? f->default_variant : NULL;
}

static void eval_depth(const struct ax_flagset *set, const char *name,
	const struct ax_eval_ctx *ctx, struct ax_eval *out, int depth)
{
	memset(out, 0, sizeof *out);
	const struct ax_flag *f = ax_flagset_find(set, name);
	out->id = stickiness_id(f, ctx);

	const char *off;
	if (killed_by_env(name, &off)) {
		decide(out, false, "kill-switch", "AX_FLAGS_OFF=%s", off);
		return;
	}
	if (f && in_list(f->deny, f->ndeny, out->id)) {
		decide(out, false, "denylist", "id %s is on the denylist", out->id);
		return;
	}
	char *env = ax_flag_env_name(name);
	const char *forced = getenv(env);
	if (forced && *forced) {
		bool off = strcasecmp(forced, "off") == 0 || strcasecmp(forced, "false") == 0 ||
			strcmp(forced, "0") == 0;
		bool on = strcasecmp(forced, "on") == 0 || strcasecmp(forced, "true") == 0 ||
			strcmp(forced, "1") == 0;
		snprintf(out->why, sizeof out->why, "%s=%s", env, forced);
		out->rule = "environment";
		out->on = !off;
		if (!off)
			out->variant = on ? (f ? variant_for(f, out->id) : NULL) : forced;
		free(env);
		return;
	}
	free(env);
	if (!f) {
		decide(out, false, "unknown", "no flag named %s", name);
		return;
	}
	if (!f->enabled) {
		if (f->killed_at != AX_NO_TIME)
			decide(out, false, "killed", "killed: %s", f->killed_reason ? f->killed_reason : "no reason given");
		else
			decide(out, false, "disabled", "the master switch is off (%s)", f->source);
		return;
	}
	char when[32];
	if (f->enabled_after != AX_NO_TIME && ctx->now < f->enabled_after) {
		ax_flag_format_time(f->enabled_after, when);
		decide(out, false, "schedule", "scheduled to turn on at %s", when);
		return;
	}
	if (f->disabled_after != AX_NO_TIME && ctx->now >= f->disabled_after) {
		ax_flag_format_time(f->disabled_after, when);
		decide(out, false, "schedule", "scheduled off since %s", when);
		return;
	}
	for (size_t i = 0; i < f->nprereqs; i++) {
		struct ax_eval pre;
		if (depth >= MAX_DEPTH) {
			decide(out, false, "prerequisite", "prerequisite chain through %s is a cycle", f->prereqs[i]);
			return;
		}
		eval_depth(set, f->prereqs[i], ctx, &pre, depth + 1);
		if (!pre.on) {
			decide(out, false, "prerequisite", "prerequisite %s is off", f->prereqs[i]);
			return;
		}
	}
	if (in_list(f->allow, f->nallow, out->id)) {
		decide(out, true, "allowlist", "id %s is on the allowlist", out->id);
	} else {
		out->bucket = ax_flag_bucket(f->group ? f->group : f->name, out->id);
		out->on = out->bucket <= f->rollout;
		out->rule = "rollout";
		snprintf(out->why, sizeof out->why, "bucket %d %s rollout %d%%", out->bucket,
			out->on ? "<=" : ">", f->rollout);
	}
	if (out->on)
		out->variant = variant_for(f, out->id);
}

void ax_flag_eval(const struct ax_flagset *set, const char *name,
	const struct ax_eval_ctx *ctx, struct ax_eval *out)
{
	eval_depth(set, name, ctx, out, 0);
}

/* Depth-first search for a cycle through prerequisites. */
static bool cycle_from(const struct ax_flagset *set, const struct ax_flag *f,
	const char **path, size_t depth, char *buf, size_t len)
{
	for (size_t i = 0; i < depth; i++) {
		if (strcmp(path[i], f->name) != 0)
			continue;
		size_t at = 0;
		for (size_t j = i; j < depth && at < len; j++)
			at += (size_t)snprintf(buf + at, len - at, "%s -> ", path[j]);
		if (at < len)
			snprintf(buf + at, len - at, "%s", f->name);
		return true;
	}
	if (depth >= 64)
		return false;
	path[depth] = f->name;
	for (size_t i = 0; i < f->nprereqs; i++) {
		const struct ax_flag *p = ax_flagset_find(set, f->prereqs[i]);
		if (p && cycle_from(set, p, path, depth + 1, buf, len))
			return true;
	}
	return false;
}

int ax_flagset_check(const struct ax_flagset *set, ax_flag_diag_fn diag, void *ctx)
{
	int errors = 0;
	char msg[1024];
	const char *path[64];
	for (size_t i = 0; i < set->n; i++) {
		const struct ax_flag *f = &set->flags[i];
		for (size_t j = 0; j < f->nprereqs; j++) {
			if (!ax_flagset_find(set, f->prereqs[j])) {
				snprintf(msg, sizeof msg, "flag '%s': prerequisite '%s' does not exist (always off)",
					f->name, f->prereqs[j]);
				diag(ctx, true, NULL, msg);
				errors++;
			}
		}
		char cyc[512];
		if (cycle_from(set, f, path, 0, cyc, sizeof cyc) && strncmp(cyc, f->name, strlen(f->name)) == 0 &&
		    cyc[strlen(f->name)] == ' ') {
			snprintf(msg, sizeof msg, "flag '%s': prerequisite cycle %s", f->name, cyc);
			diag(ctx, true, NULL, msg);
			errors++;
		}
		char *env = ax_flag_env_name(f->name);
		for (size_t j = i + 1; j < set->n; j++) {
			char *other = ax_flag_env_name(set->flags[j].name);
			if (strcmp(env, other) == 0) {
				snprintf(msg, sizeof msg, "flags '%s' and '%s' share the variable %s",
					f->name, set->flags[j].name, env);
				diag(ctx, false, NULL, msg);
			}
			free(other);
		}
		free(env);
	}
	return errors;
}
