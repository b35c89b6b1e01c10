/* output.c: hits on stdout, in the three formats of ax-rank(1). */
#include "output.h"
#include "base/cli.h"
#include "base/relpath.h"
#include "base/json.h"
#include "base/shown.h"
#include "stream/stream.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ripgrep's colours: path magenta, position green; kind cyan, name bold. */
#define C_PATH "\033[35m"
#define C_POS "\033[32m"
#define C_KIND "\033[36m"
#define C_NAME "\033[1m"
#define C_OFF "\033[0m"

static int digits(int v)
{
	char b[16];
	return snprintf(b, sizeof b, "%d", v);
}

/* Columns as a user counts them: 1-based, as editors, grep --column and
 * compilers do. The index and the msgpack `hit` record keep the stream's
 * 0-based byte offsets (docs/stream.md). */
static int user_col(const struct hit *x)
{
	return x->col + 1;
}

/* Widths in terminal columns of names as shown (base/shown.h), so that
 * método and 计算 line up with ASCII names. */
static int loc_width(const struct hit *x, const struct out_opts *o)
{
	return ax_display_width(ax_shown(ax_relpath_show(o->root, x->path))) + 2 + digits(x->line) + digits(user_col(x));
}

/* weight * value of a factor; + 0.0 turns a negative weight times 0 into 0. */
static double product(const struct hit *x, int f)
{
	return factor_weight[f] * x->value[f] + 0.0;
}

static void explain_human(const struct hit *x, const struct out_opts *o)
{
	if (!o->reranked) {
		printf("    score %.3f = bm25 %.3f (plain BM25, higher is better)\n", x->score, x->score);
		return;
	}
	printf("    score %.3f =", x->score);
	bool first = true;
	for (int f = 0; f < F_COUNT; f++) {
		double v = product(x, f);
		if (v == 0)
			continue;
		if (first)
			printf(" %s%s %.3f", v < 0 ? "-" : "", factor_name[f], v < 0 ? -v : v);
		else
			printf(" %c %s %.3f", v < 0 ? '-' : '+', factor_name[f], v < 0 ? -v : v);
		first = false;
	}
	if (first)
		printf(" 0");
	putchar('\n');
}

static void human(const struct hits *h, size_t n, const struct out_opts *o)
{
	int wl = 0, wk = 0, wn = 0;
	for (size_t i = 0; i < n; i++) {
		const struct hit *x = &h->v[i];
		int l = loc_width(x, o), k = (int)strlen(x->kind), nm = ax_display_width(ax_shown(x->name));
		wl = l > wl ? l : wl;
		wk = k > wk ? k : wk;
		wn = nm > wn ? nm : wn;
	}
	for (size_t i = 0; i < n; i++) {
		const struct hit *x = &h->v[i];
		const char *on_p = o->color ? C_PATH : "", *on_l = o->color ? C_POS : "";
		const char *on_k = o->color ? C_KIND : "", *on_n = o->color ? C_NAME : "";
		const char *off = o->color ? C_OFF : "";
		const char *name = ax_shown(x->name);
		printf("%s%s%s:%s%d:%d%s%*s  %s%s%s%*s", on_p, ax_shown(ax_relpath_show(o->root, x->path)), off, on_l, x->line, user_col(x),
		       off, wl - loc_width(x, o), "", on_k, x->kind, off, wk - (int)strlen(x->kind), "");
		if (*x->sig)
			printf("  %s%s%s%*s  %s\n", on_n, name, off, ax_pad(name, wn), "", ax_shown_text(x->sig));
		else
			printf("  %s%s%s\n", on_n, name, off);
		if (o->explain)
			explain_human(x, o);
	}
}

static void json_lines(const struct hits *h, size_t n, const struct out_opts *o)
{
	for (size_t i = 0; i < n; i++) {
		const struct hit *x = &h->v[i];
		fputs("{\"path\":", stdout);
		ax_json_print_str(x->path);
		printf(",\"line\":%d,\"col\":%d,\"name\":", x->line, user_col(x));
		ax_json_print_str(x->name);
		fputs(",\"kind\":", stdout);
		ax_json_print_str(x->kind);
		fputs(",\"lang\":", stdout);
		ax_json_print_str(x->lang);
		printf(",\"score\":%.6f", x->score);
		if (o->explain) {
			fputs(",\"factors\":{", stdout);
			if (o->reranked) {
				for (int f = 0; f < F_COUNT; f++)
					printf("%s\"%s\":%.6f", f ? "," : "", factor_name[f], product(x, f));
			} else {
				printf("\"bm25\":%.6f", x->score);
			}
			putchar('}');
		}
		ax_json_print_member("root", o->root);
		fputs("}\n", stdout);
	}
}

static void msgpack_records(const struct hits *h, size_t n, const struct out_opts *o)
{
	struct ax_writer *w = ax_writer_new(STDOUT_FILENO);
	ax_write_hdr(w, "ax-rank", NULL);
	for (size_t i = 0; i < n; i++) {
		const struct hit *x = &h->v[i];
		msgpack_packer *pk = ax_writer_packer(w);
		msgpack_pack_map(pk, 10 + o->explain);
		ax_pack_kv_str(pk, "t", "hit");
		ax_pack_kv_str(pk, "path", x->path);
		ax_pack_kv_int(pk, "line", x->line);
		ax_pack_kv_int(pk, "col", x->col);
		ax_pack_kv_str(pk, "name", x->name);
		ax_pack_kv_str(pk, "kind", x->kind);
		ax_pack_kv_str(pk, "lang", x->lang);
		ax_pack_kv_str(pk, "sig", x->sig);
		ax_pack_str(pk, "score");
		msgpack_pack_double(pk, x->score);
		ax_pack_kv_int(pk, "rank", (int64_t)i + 1);
		if (o->explain) {
			ax_pack_str(pk, "factors");
			msgpack_pack_map(pk, o->reranked ? F_COUNT : 1);
			for (int f = 0; f < F_COUNT && o->reranked; f++) {
				ax_pack_str(pk, factor_name[f]);
				msgpack_pack_double(pk, product(x, f));
			}
			if (!o->reranked) {
				ax_pack_str(pk, "bm25");
				msgpack_pack_double(pk, x->score);
			}
		}
		ax_writer_end_record(w);
	}
	ax_writer_free(w);
}

void output_hits(const struct hits *h, size_t n, const struct out_opts *o)
{
	if (n > h->n)
		n = h->n;
	if (o->format == OUT_MSGPACK) {
		msgpack_records(h, n, o);
		return;
	}
	if (o->format == OUT_JSON)
		json_lines(h, n, o);
	else
		human(h, n, o);
	/* SIGPIPE is ignored (ax_cli_init): a closed pipe ends us quietly. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno == EPIPE)
			ax_exit(AX_EXIT_OK);
		ax_die(AX_EXIT_INTERNAL, "cannot write the results: %s", strerror(errno));
	}
}
