/* parse_runtime.c: which grammars one tree-sitter runtime loads, and how fast
 * it parses. scripts/bench/parse-runtime.sh builds it once per runtime
 * (Debian's libtree-sitter, the npm one we compile) and grammar set; each
 * entry point of languages.def is a weak reference, so a grammar that is not
 * linked in reads as NULL ("absent") instead of failing the link.
 *
 *   parse_runtime abi                 per language: name, grammar ABI, verdict
 *   parse_runtime parse LANG ROUNDS   parse the files named on stdin (one a
 *                                     line) ROUNDS times; print the best round
 *                                     as "bytes files error_files cpu_seconds"
 *
 * Time is CPU time of this single-threaded process, so other jobs on the
 * machine inflate it less than wall time would. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <tree_sitter/api.h>

#define AX_LANG(id, name, entry, ...) \
	const TSLanguage *entry(void) __attribute__((weak));
#include "lang/languages.def"
#undef AX_LANG

static const struct grammar {
	const char *name;
	const TSLanguage *(*entry)(void);
} grammars[] = {
#define AX_LANG(id, name, entry, ...) { name, entry },
#include "lang/languages.def"
#undef AX_LANG
};
#define N_GRAMMARS (sizeof grammars / sizeof grammars[0])

struct file {
	char *text;
	size_t len;
};

static _Noreturn void die(const char *what, const char *why)
{
	fprintf(stderr, "parse_runtime: %s: %s\n", what, why);
	exit(2);
}

static const struct grammar *grammar_by_name(const char *name)
{
	for (size_t i = 0; i < N_GRAMMARS; i++)
		if (strcmp(grammars[i].name, name) == 0)
			return &grammars[i];
	return NULL;
}

static int print_abi(void)
{
	TSParser *parser = ts_parser_new();
	for (size_t i = 0; i < N_GRAMMARS; i++) {
		if (!grammars[i].entry) {
			printf("%s - absent\n", grammars[i].name);
			continue;
		}
		const TSLanguage *lang = grammars[i].entry();
		printf("%s %u %s\n", grammars[i].name, ts_language_version(lang),
			ts_parser_set_language(parser, lang) ? "loaded" : "refused");
	}
	ts_parser_delete(parser);
	return 0;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	*len = n;
	return buf;
}

/* Reads the whole list up front so that only parsing is timed. */
static struct file *read_files(size_t *count)
{
	struct file *files = NULL;
	size_t n = 0, cap = 0;
	char *line = NULL;
	size_t line_cap = 0;
	ssize_t len;
	while ((len = getline(&line, &line_cap, stdin)) > 0) {
		if (line[len - 1] == '\n')
			line[len - 1] = '\0';
		struct file f;
		if (!(f.text = slurp(line, &f.len)))
			die(line, "cannot read");
		if (n == cap && !(files = realloc(files, (cap = cap ? cap * 2 : 256) * sizeof *files)))
			die("file list", "out of memory");
		files[n++] = f;
	}
	free(line);
	*count = n;
	return files;
}

static double cpu_seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int measure(const char *name, int rounds)
{
	const struct grammar *g = grammar_by_name(name);
	if (!g || !g->entry)
		die(name, "grammar not linked in");
	TSParser *parser = ts_parser_new();
	if (!ts_parser_set_language(parser, g->entry()))
		die(name, "grammar refused by this runtime");

	size_t count, bytes = 0, errors = 0;
	struct file *files = read_files(&count);
	double best = -1;
	for (int r = 0; r < rounds; r++) {
		errors = bytes = 0;
		double start = cpu_seconds();
		for (size_t i = 0; i < count; i++) {
			TSTree *tree = ts_parser_parse_string(parser, NULL, files[i].text,
				(uint32_t)files[i].len);
			errors += ts_node_has_error(ts_tree_root_node(tree));
			bytes += files[i].len;
			ts_tree_delete(tree);
		}
		double took = cpu_seconds() - start;
		if (best < 0 || took < best)
			best = took;
	}
	printf("%zu %zu %zu %.3f\n", bytes, count, errors, best);

	for (size_t i = 0; i < count; i++)
		free(files[i].text);
	free(files);
	ts_parser_delete(parser);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "abi") == 0)
		return print_abi();
	if (argc == 4 && strcmp(argv[1], "parse") == 0 && atoi(argv[3]) > 0)
		return measure(argv[2], atoi(argv[3]));
	fprintf(stderr, "usage: parse_runtime abi | parse_runtime parse LANG ROUNDS < FILE_LIST\n");
	return 2;
}
