/* stats.c: distribution functions and tests for ax-flag report/guard.
 *
 * The Student t and chi-square distributions come from the regularised
 * incomplete beta and gamma functions, evaluated by their standard series
 * and continued fractions (modified Lentz); quantiles by bisection, which
 * is slow but exact to double precision and needs no tables. */
#include "base/stats.h"

#include <float.h>
#include <math.h>

#define EPS 1e-15
#define TINY 1e-300
#define MAX_ITER 500

double ax_norm_cdf(double z)
{
	return 0.5 * erfc(-z / M_SQRT2);
}

/* Bisection on a monotone cdf between lo and hi. */
static double invert(double (*cdf)(double, double), double arg, double p, double lo, double hi)
{
	for (int i = 0; i < 200 && hi - lo > 1e-14 * (1 + fabs(lo)); i++) {
		double mid = 0.5 * (lo + hi);
		if (cdf(mid, arg) < p) lo = mid;
		else hi = mid;
	}
	return 0.5 * (lo + hi);
}

static double norm_cdf2(double z, double unused)
{
	(void)unused;
	return ax_norm_cdf(z);
}

double ax_norm_quantile(double p)
{
	if (!(p > 0 && p < 1))
		return p == 0 ? -INFINITY : p == 1 ? INFINITY : NAN;
	return invert(norm_cdf2, 0, p, -40, 40);
}

/* Continued fraction of the incomplete beta function (Lentz). */
static double beta_cf(double a, double b, double x)
{
	double qab = a + b, qap = a + 1, qam = a - 1;
	double c = 1, d = 1 - qab * x / qap;
	if (fabs(d) < TINY) d = TINY;
	d = 1 / d;
	double h = d;
	for (int m = 1; m <= MAX_ITER; m++) {
		int m2 = 2 * m;
		double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
		d = 1 + aa * d;
		if (fabs(d) < TINY) d = TINY;
		c = 1 + aa / c;
		if (fabs(c) < TINY) c = TINY;
		d = 1 / d;
		h *= d * c;
		aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
		d = 1 + aa * d;
		if (fabs(d) < TINY) d = TINY;
		c = 1 + aa / c;
		if (fabs(c) < TINY) c = TINY;
		d = 1 / d;
		double del = d * c;
		h *= del;
		if (fabs(del - 1) < EPS)
			break;
	}
	return h;
}

/* Regularised incomplete beta I_x(a, b). */
static double inc_beta(double a, double b, double x)
{
	if (x <= 0) return 0;
	if (x >= 1) return 1;
	double front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x));
	/* The fraction converges fast only below the mean; use symmetry above. */
	if (x < (a + 1) / (a + b + 2))
		return front * beta_cf(a, b, x) / a;
	return 1 - front * beta_cf(b, a, 1 - x) / b;
}

double ax_t_cdf(double t, double df)
{
	if (isnan(t) || !(df > 0)) return NAN;
	if (isinf(t)) return t > 0 ? 1 : 0;
	double tail = 0.5 * inc_beta(df / 2, 0.5, df / (df + t * t));
	return t > 0 ? 1 - tail : tail;
}

double ax_t_quantile(double p, double df)
{
	if (!(p > 0 && p < 1))
		return p == 0 ? -INFINITY : p == 1 ? INFINITY : NAN;
	double hi = 1;
	while (ax_t_cdf(hi, df) < (p > 0.5 ? p : 1 - p) && hi < 1e300)
		hi *= 2;
	return invert(ax_t_cdf, df, p, -hi, hi);
}

/* Regularised upper incomplete gamma Q(a, x). */
static double inc_gamma_q(double a, double x)
{
	if (x <= 0) return 1;
	double lpre = -x + a * log(x) - lgamma(a);
	if (x < a + 1) {
		/* Series for P(a, x). */
		double ap = a, sum = 1 / a, del = sum;
		for (int n = 0; n < MAX_ITER; n++) {
			ap += 1;
			del *= x / ap;
			sum += del;
			if (fabs(del) < fabs(sum) * EPS)
				break;
		}
		return 1 - sum * exp(lpre);
	}
	/* Continued fraction for Q(a, x) (Lentz). */
	double b = x + 1 - a, c = 1 / TINY, d = 1 / b, h = d;
	for (int i = 1; i <= MAX_ITER; i++) {
		double an = -i * (i - a);
		b += 2;
		d = an * d + b;
		if (fabs(d) < TINY) d = TINY;
		c = b + an / c;
		if (fabs(c) < TINY) c = TINY;
		d = 1 / d;
		double del = d * c;
		h *= del;
		if (fabs(del - 1) < EPS)
			break;
	}
	return exp(lpre) * h;
}

double ax_chi2_sf(double x, double df)
{
	if (isnan(x) || !(df > 0)) return NAN;
	return inc_gamma_q(df / 2, x / 2);
}

void ax_sample_add(struct ax_sample *s, double x)
{
	s->n += 1;
	double d = x - s->mean;
	s->mean += d / s->n;
	s->m2 += d * (x - s->mean);
}

double ax_sample_var(const struct ax_sample *s)
{
	return s->n < 2 ? 0 : s->m2 / (s->n - 1);
}

int ax_welch_test(const struct ax_sample *a, const struct ax_sample *b, struct ax_test *out)
{
	if (a->n < 2 || b->n < 2)
		return -1;
	double va = ax_sample_var(a) / a->n, vb = ax_sample_var(b) / b->n;
	if (va + vb <= 0)
		return -1;
	out->diff = b->mean - a->mean;
	out->se = sqrt(va + vb);
	out->stat = out->diff / out->se;
	/* Welch–Satterthwaite degrees of freedom. */
	out->df = (va + vb) * (va + vb) /
		(va * va / (a->n - 1) + vb * vb / (b->n - 1));
	out->p = 2 * ax_t_cdf(-fabs(out->stat), out->df);
	double q = ax_t_quantile(0.975, out->df);
	out->lo = out->diff - q * out->se;
	out->hi = out->diff + q * out->se;
	return 0;
}

int ax_prop_test(double xa, double na, double xb, double nb, struct ax_test *out)
{
	if (na <= 0 || nb <= 0)
		return -1;
	double pa = xa / na, pb = xb / nb, pool = (xa + xb) / (na + nb);
	if (pool <= 0 || pool >= 1)
		return -1;
	out->diff = pb - pa;
	double se0 = sqrt(pool * (1 - pool) * (1 / na + 1 / nb));
	out->stat = out->diff / se0;
	out->df = INFINITY;
	out->p = 2 * ax_norm_cdf(-fabs(out->stat));
	out->se = sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb);
	double q = ax_norm_quantile(0.975);
	out->lo = out->diff - q * out->se;
	out->hi = out->diff + q * out->se;
	return 0;
}

double ax_chi2_gof(const double *obs, const double *want, size_t k, double *chi2)
{
	double n = 0, wsum = 0, x = 0;
	for (size_t i = 0; i < k; i++) {
		n += obs[i];
		wsum += want[i];
	}
	size_t cells = 0;
	for (size_t i = 0; i < k; i++) {
		if (want[i] <= 0)
			continue; /* a zero-weight arm has no expected count */
		double e = n * want[i] / wsum;
		x += (obs[i] - e) * (obs[i] - e) / e;
		cells++;
	}
	*chi2 = x;
	return cells < 2 || n <= 0 ? 1 : ax_chi2_sf(x, (double)(cells - 1));
}

void ax_mean_ci(const struct ax_sample *s, double *lo, double *hi)
{
	if (s->n < 2) {
		*lo = -INFINITY;
		*hi = INFINITY;
		return;
	}
	double h = ax_t_quantile(0.975, s->n - 1) * sqrt(ax_sample_var(s) / s->n);
	*lo = s->mean - h;
	*hi = s->mean + h;
}

void ax_rate_ci(double x, double n, double *lo, double *hi)
{
	if (n <= 0) {
		*lo = 0;
		*hi = 1;
		return;
	}
	double z = ax_norm_quantile(0.975), p = x / n, z2 = z * z;
	double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
	double half = z * sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
	*lo = fmax(0, centre - half);
	*hi = fmin(1, centre + half);
}

static double z_sum(double alpha, double power)
{
	double z = ax_norm_quantile(1 - alpha / 2) + ax_norm_quantile(power);
	return z * z;
}

double ax_sample_size_means(double var_a, double var_b, double delta, double alpha, double power)
{
	if (delta == 0)
		return INFINITY;
	return ceil(z_sum(alpha, power) * (var_a + var_b) / (delta * delta));
}

double ax_sample_size_rates(double pa, double pb, double alpha, double power)
{
	if (pa == pb)
		return INFINITY;
	return ceil(z_sum(alpha, power) * (pa * (1 - pa) + pb * (1 - pb)) / ((pa - pb) * (pa - pb)));
}
