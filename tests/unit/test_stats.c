/* test_stats.c: distributions and tests against reference values.
 *
 * Where the references come from:
 *  - closed forms: t with 1 df is Cauchy, cdf = 1/2 + atan(t)/pi; with 2 df
 *    cdf = 1/2 + t / (2 sqrt(2 + t^2)); chi-square with 2 df, sf = exp(-x/2);
 *  - printed tables: z(0.975) = 1.959964, t(0.975; 10) = 2.228139,
 *    t(0.975; 1) = 12.7062, chi-square(0.95; 1) = 3.841459, (0.95; 2) = 5.991465;
 *  - mpmath 1.3 at 30 digits, integrating the t and chi-square densities
 *    with mp.quad (independent of the continued fractions used here);
 *  - Welch: the data of Wikipedia's "Welch's t-test" example 1 (t = 2.46,
 *    df = 25.0, p = 0.021), recomputed with python's statistics module and
 *    the mpmath t cdf: t = 2.455356398286006, df = 24.98852929023142,
 *    p = 0.021378001462866984;
 *  - two proportions 120/1000 vs 150/1000: z = 1.963049807622355,
 *    p = 0.04964038686536876 (statistics.NormalDist);
 *  - chi-square: Mendel's peas 315/108/101/32 against 9:3:3:1, the textbook
 *    chi-square = 0.470, p = 0.925 (mpmath: 0.92542589510361591). */
#include "base/stats.h"
#include "test.h"

#include <math.h>

#define CHECK_NEAR(a, b, tol) do { \
	double a__ = (a), b__ = (b); \
	if (fabs(a__ - b__) <= (tol)) test_passed++; \
	else { test_failed++; fprintf(stderr, "%s:%d: FAILED: %s ~ %s (%.17g vs %.17g)\n", \
		__FILE__, __LINE__, #a, #b, a__, b__); } \
} while (0)

static struct ax_sample sample(const double *x, int n)
{
	struct ax_sample s = { 0 };
	for (int i = 0; i < n; i++)
		ax_sample_add(&s, x[i]);
	return s;
}

int main(void)
{
	/* Normal. */
	CHECK_NEAR(ax_norm_cdf(0), 0.5, 1e-15);
	CHECK_NEAR(ax_norm_cdf(1.959963984540054), 0.975, 1e-12);
	CHECK_NEAR(ax_norm_quantile(0.975), 1.9599639845400536, 1e-9);
	CHECK_NEAR(ax_norm_quantile(0.8), 0.8416212335729144, 1e-9);
	CHECK_NEAR(ax_norm_quantile(0.025), -1.9599639845400536, 1e-9);

	/* Student t: closed forms. */
	for (double t = -6; t <= 6; t += 0.75) {
		CHECK_NEAR(ax_t_cdf(t, 1), 0.5 + atan(t) / M_PI, 1e-12);
		CHECK_NEAR(ax_t_cdf(t, 2), 0.5 + t / (2 * sqrt(2 + t * t)), 1e-12);
	}
	/* Tables. */
	CHECK_NEAR(ax_t_quantile(0.975, 10), 2.228139, 1e-6);
	CHECK_NEAR(ax_t_quantile(0.975, 1), 12.7062, 1e-4);
	CHECK_NEAR(ax_t_quantile(0.025, 30), -2.042272, 1e-6);
	/* mpmath. */
	CHECK_NEAR(ax_t_cdf(2.0, 5), 0.94903026058507082, 1e-12);
	CHECK_NEAR(ax_t_cdf(-1.5, 3.5), 0.10890909350767262, 1e-12);
	CHECK_NEAR(ax_t_cdf(0.7, 30), 0.75533977825016423, 1e-12);
	CHECK_NEAR(ax_t_cdf(3.2, 27.9), 0.99829289716508455, 1e-12);
	/* Large df approach the normal. */
	CHECK_NEAR(ax_t_cdf(1.5, 1e7), ax_norm_cdf(1.5), 1e-7);

	/* Chi-square. */
	for (double x = 0.5; x < 40; x *= 1.7)
		CHECK_NEAR(ax_chi2_sf(x, 2), exp(-x / 2), 1e-13);
	CHECK_NEAR(ax_chi2_sf(3.841458820694124, 1), 0.05, 1e-12);
	CHECK_NEAR(ax_chi2_sf(5.991464547107979, 2), 0.05, 1e-12);
	CHECK_NEAR(ax_chi2_sf(7.0, 3), 0.071897772496465123, 1e-12);
	CHECK_NEAR(ax_chi2_sf(15.0, 10), 0.13206185628772061, 1e-12);

	/* Welch (Wikipedia example 1, recomputed as above). */
	const double a1[] = { 27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4 };
	const double a2[] = { 27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4 };
	struct ax_sample s1 = sample(a1, 15), s2 = sample(a2, 15);
	struct ax_test t;
	CHECK_EQ_INT(ax_welch_test(&s1, &s2, &t), 0);
	CHECK_NEAR(t.diff, 2.166666666666668, 1e-12);
	CHECK_NEAR(t.stat, 2.455356398286006, 1e-10);
	CHECK_NEAR(t.df, 24.98852929023142, 1e-9);
	CHECK_NEAR(t.p, 0.021378001462866984, 1e-10);
	CHECK(t.lo > 0 && t.hi > t.lo && fabs((t.lo + t.hi) / 2 - t.diff) < 1e-12);
	/* Swapping the samples flips the sign only. */
	struct ax_test back;
	ax_welch_test(&s2, &s1, &back);
	CHECK_NEAR(back.stat, -t.stat, 1e-12);
	CHECK_NEAR(back.p, t.p, 1e-14);
	/* Too little data is refused, not turned into NaN. */
	struct ax_sample one = sample(a1, 1);
	CHECK_EQ_INT(ax_welch_test(&one, &s2, &t), -1);

	/* Two proportions. */
	CHECK_EQ_INT(ax_prop_test(120, 1000, 150, 1000, &t), 0);
	CHECK_NEAR(t.stat, 1.963049807622355, 1e-12);
	CHECK_NEAR(t.p, 0.04964038686536876, 1e-12);
	CHECK_NEAR(t.diff, 0.03, 1e-15);
	CHECK_EQ_INT(ax_prop_test(0, 10, 0, 10, &t), -1);

	/* Goodness of fit. */
	const double obs[] = { 315, 108, 101, 32 }, want[] = { 9, 3, 3, 1 };
	double chi2, p = ax_chi2_gof(obs, want, 4, &chi2);
	CHECK_NEAR(chi2, 0.4700239808153477, 1e-12);
	CHECK_NEAR(p, 0.92542589510361591, 1e-10);
	const double srm[] = { 5000, 5300 }, even[] = { 50, 50 };
	p = ax_chi2_gof(srm, even, 2, &chi2);
	CHECK_NEAR(chi2, 150.0 * 150.0 / 5150 * 2, 1e-9); /* expected 5150 each */
	CHECK(p < 0.01);

	/* Intervals: the mean's is t-based, the rate's Wilson (n=100, 10 hits:
	 * [0.0552, 0.1744] in Newcombe 1998, table I). */
	double lo, hi;
	ax_mean_ci(&s1, &lo, &hi);
	CHECK_NEAR((hi - lo) / 2, ax_t_quantile(0.975, 14) * sqrt(ax_sample_var(&s1) / 15), 1e-12);
	ax_rate_ci(10, 100, &lo, &hi);
	CHECK_NEAR(lo, 0.0552, 1e-4);
	CHECK_NEAR(hi, 0.1744, 1e-4);

	/* Sample sizes: (1.96 + 0.8416)^2 * 2 * 1 / 0.5^2 = 62.8 -> 63 per arm. */
	CHECK_EQ_INT(ax_sample_size_means(1, 1, 0.5, 0.05, 0.8), 63);
	CHECK(isinf(ax_sample_size_rates(0.1, 0.1, 0.05, 0.8)));
	CHECK_EQ_INT(ax_sample_size_rates(0.10, 0.15, 0.05, 0.8), 683);
	return test_summary();
}
