/* flags_eval.c: what flags cost a tool (scripts/bench/flags.sh).
 *
 *   flags_eval N_EVALS   in a directory whose .ax/flags.json holds the flags
 *
 * Prints, in microseconds: what a tool pays at start (ax_flags_init, its
 * stage gate and five flags, through the compiled cache), and the mean
 * time of one ax_flag_eval across every flag of the fully parsed set. */
#include "flags/flags.h"
#include "flags/flags_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

int main(int argc, char **argv)
{
	long evals = argc > 1 ? atol(argv[1]) : 100000;
	double t0 = now_us();
	ax_flags_init("bench");
	bool parse = ax_stage_enabled("parse");
	int on = 0;
	static const char *const some[] = { "bench.f1", "bench.f300", "bench.f501", "bench.f700", "bench.f999" };
	for (int i = 0; i < 5; i++)
		on += ax_flag_enabled(some[i]);
	double t_tool = now_us() - t0;

	struct ax_flagset set = { 0 };
	t0 = now_us();
	ax_flagset_load(&set, NULL, NULL);
	double t_parse = now_us() - t0;
	struct ax_eval_ctx ctx = { .now = ax_flag_now(), .id = NULL };
	struct ax_eval e;
	long all_on = 0;
	t0 = now_us();
	for (long i = 0; i < evals; i++) {
		ax_flag_eval(&set, set.flags[(size_t)i % set.n].name, &ctx, &e);
		all_on += e.on;
	}
	double t_eval = (now_us() - t0) / (double)evals;
	printf("flags %zu  tool start (init + gate + 5 flags) %.1f us  full parse %.1f us  eval %.3f us"
		"  (stage.parse %s, %d/5 on, %ld/%ld on)\n", set.n, t_tool, t_parse, t_eval,
		parse ? "on" : "off", on, all_on, evals);
	ax_flagset_free(&set);
	return 0;
}
