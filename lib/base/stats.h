/* stats.h: the few statistics an A/B report needs, in plain C.
 *
 * Distribution functions (normal, Student t, chi-square) and the tests built
 * on them: Welch's t-test for a difference of means, the two-proportion
 * z-test for a difference of rates, the chi-square goodness-of-fit test
 * (sample-ratio mismatch), and the sample size needed to detect an effect.
 * All p-values are two-sided unless named otherwise. */
#ifndef AX_STATS_H
#define AX_STATS_H

#include <stddef.h>

double ax_norm_cdf(double z);
double ax_norm_quantile(double p);           /* inverse of ax_norm_cdf, 0 < p < 1 */
double ax_t_cdf(double t, double df);
double ax_t_quantile(double p, double df);   /* inverse of ax_t_cdf, 0 < p < 1 */
double ax_chi2_sf(double x, double df);      /* upper tail P(X >= x) */

/* Running count, mean and variance (Welford: stable in one pass). */
struct ax_sample {
	double n, mean, m2;
};
void ax_sample_add(struct ax_sample *s, double x);
double ax_sample_var(const struct ax_sample *s); /* unbiased, n-1; 0 if n < 2 */

/* A difference (b - a) with its standard error, statistic, p-value and
 * 95% confidence interval. */
struct ax_test {
	double diff, se, stat, df, p, lo, hi;
};

/* Welch's unequal-variance t-test of mean(b) - mean(a). Returns -1 when a
 * sample has fewer than 2 values or both variances are 0. */
int ax_welch_test(const struct ax_sample *a, const struct ax_sample *b, struct ax_test *out);

/* Two-proportion z-test of xb/nb - xa/na: pooled standard error for the
 * statistic, unpooled for the interval. Returns -1 if a sample is empty or
 * the pooled rate is 0 or 1. */
int ax_prop_test(double xa, double na, double xb, double nb, struct ax_test *out);

/* Chi-square goodness of fit of counts obs[0..k) to proportions want[0..k)
 * (need not sum to 1; normalised). Returns the p-value, the statistic in *chi2. */
double ax_chi2_gof(const double *obs, const double *want, size_t k, double *chi2);

/* 95% interval of a mean (Student t) and of a rate (Wilson score). */
void ax_mean_ci(const struct ax_sample *s, double *lo, double *hi);
void ax_rate_ci(double x, double n, double *lo, double *hi);

/* Per-group sample size to detect a difference `delta` of means with the
 * given variances, or rates pa -> pb, at two-sided alpha with power. */
double ax_sample_size_means(double var_a, double var_b, double delta, double alpha, double power);
double ax_sample_size_rates(double pa, double pb, double alpha, double power);

#endif
