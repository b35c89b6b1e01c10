/* rules.c: compile the built-in queries of a language on first use. */
#include "rules.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "base/cli.h"
#include "lang/grammar.h"
#include "query_data.h"

/* The symbol kinds a query may name (docs/parse.md): a small common
 * vocabulary, so that `kind:class` means the same in every language. */
static const char *const sym_kinds[] = {
	"function", "method", "constructor", "class", "struct", "interface", "trait",
	"enum", "union", "module", "namespace", "type", "variable", "constant", "field",
	"property", "macro", "impl", "object", "mixin", "extension", "protocol",
	"key", "table", "anchor", "callback", "test",
};

/* Patterns of the main pass do not start deeper than this: past a depth of
 * 32767 the runtime's query cursor slows to a crawl, and nothing worth
 * indexing starts that deep. */
#define MAIN_START_DEPTH 8192

/* One lock per language: a worker compiling C++'s queries (a fifth of a
 * second) does not hold up one that needs Python's. */
static pthread_mutex_t compile_lock[AX_LANG_COUNT];
static pthread_once_t locks_once = PTHREAD_ONCE_INIT;
static struct rules *table[AX_LANG_COUNT];
static _Atomic(bool) ready[AX_LANG_COUNT];

static bool known_kind(const char *kind)
{
	for (size_t i = 0; i < sizeof sym_kinds / sizeof *sym_kinds; i++)
		if (strcmp(kind, sym_kinds[i]) == 0)
			return true;
	return false;
}

static struct capture_role *capture_roles(const struct ax_query *q, const char *lang)
{
	const TSQuery *ts = ax_query_ts(q);
	uint32_t n = ts_query_capture_count(ts);
	struct capture_role *roles = ax_calloc(n ? n : 1, sizeof *roles);
	static const struct { const char *prefix; enum role role; } prefixes[] = {
		{ "sym.", ROLE_SYM }, { "import.", ROLE_IMPORT }, { "ref.", ROLE_REF },
	};
	for (uint32_t i = 0; i < n; i++) {
		uint32_t len;
		const char *name = ts_query_capture_name_for_id(ts, i, &len);
		struct capture_role *r = &roles[i];
		if (name[0] == '_') {
			r->role = ROLE_IGNORE;
			continue;
		}
		if (strcmp(name, "name") == 0) {
			r->role = ROLE_NAME;
			continue;
		}
		if (strcmp(name, "doc") == 0) {
			r->role = ROLE_DOC;
			continue;
		}
		if (strcmp(name, "scope") == 0) {
			r->role = ROLE_SCOPE;
			continue;
		}
		if (strcmp(name, "skip") == 0) {
			r->role = ROLE_SKIP;
			continue;
		}
		if (strcmp(name, "member") == 0) {
			r->role = ROLE_MEMBER;
			continue;
		}
		if (strcmp(name, "local_scope") == 0) {
			r->role = ROLE_LOCAL_SCOPE;
			continue;
		}
		if (strcmp(name, "recv") == 0) {
			r->role = ROLE_RECV;
			continue;
		}
		if (strcmp(name, "local") == 0) {
			r->role = ROLE_LOCAL;
			continue;
		}
		for (size_t k = 0; k < sizeof prefixes / sizeof *prefixes; k++) {
			size_t pl = strlen(prefixes[k].prefix);
			if (len > pl && strncmp(name, prefixes[k].prefix, pl) == 0) {
				r->role = prefixes[k].role;
				r->kind = name + pl;
			}
		}
		if (!r->kind)
			ax_die(AX_EXIT_INTERNAL, "queries of %s: unknown capture @%s", lang, name);
		if (r->role == ROLE_SYM && !known_kind(r->kind))
			ax_die(AX_EXIT_INTERNAL, "queries of %s: @%s: not a symbol kind of docs/parse.md",
			       lang, name);
	}
	return roles;
}

/* A query file may start with "; inherits: LANG" to reuse another
 * language's rules first (TSX those of TypeScript, C++ those of C). */
static const char *inherited(const char *text, size_t *len)
{
	static const char tag[] = "; inherits: ";
	if (strncmp(text, tag, sizeof tag - 1) != 0)
		return NULL;
	text += sizeof tag - 1;
	*len = strcspn(text, " \n");
	return text;
}

/* Where each file starts in the concatenated source, to name the file and
 * line of an error. */
struct segment {
	const char *path;
	unsigned first_line;
};

static unsigned count_lines(const char *s)
{
	unsigned n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static bool is_toplevel(const struct query_file *f)
{
	static const char name[] = "/toplevel.scm";
	size_t n = strlen(f->path);
	return n >= sizeof name - 1 && strcmp(f->path + n - (sizeof name - 1), name) == 0;
}

/* Append the files of `lang` for one pass (toplevel.scm or the others),
 * after those it inherits (each once), to src. */
static void gather(const char *lang, size_t lang_len, bool top, char **src, size_t *len, int depth,
		   struct segment **segs, size_t *n_segs, unsigned *lines)
{
	if (depth > 4)
		ax_die(AX_EXIT_INTERNAL, "queries of %.*s: inherits: nested too deeply",
		       (int)lang_len, lang);
	const char *done[8];
	size_t done_len[8], n_done = 0;
	for (const struct query_file *f = query_files; f->lang; f++) {
		if (strlen(f->lang) != lang_len || strncmp(f->lang, lang, lang_len) != 0)
			continue;
		size_t plen;
		const char *parent = inherited(f->text, &plen);
		bool seen = false;
		for (size_t k = 0; parent && k < n_done; k++)
			seen |= done_len[k] == plen && strncmp(done[k], parent, plen) == 0;
		if (!parent || seen)
			continue;
		if (n_done == sizeof done / sizeof *done)
			ax_die(AX_EXIT_INTERNAL, "queries of %.*s: too many inherits", (int)lang_len, lang);
		done[n_done] = parent;
		done_len[n_done++] = plen;
		gather(parent, plen, top, src, len, depth + 1, segs, n_segs, lines);
	}
	for (const struct query_file *f = query_files; f->lang; f++) {
		if (strlen(f->lang) != lang_len || strncmp(f->lang, lang, lang_len) != 0 ||
		    is_toplevel(f) != top)
			continue;
		*segs = ax_realloc(*segs, (*n_segs + 1) * sizeof **segs);
		(*segs)[(*n_segs)++] = (struct segment){ f->path, *lines + 1 };
		*lines += count_lines(f->text) + 1;
		size_t l = strlen(f->text);
		*src = ax_realloc(*src, *len + l + 2);
		memcpy(*src + *len, f->text, l);
		*len += l;
		(*src)[(*len)++] = '\n';
		(*src)[*len] = '\0';
	}
}

/* Compile one pass; false if the language has no files for it. */
static bool compile_pass(const TSLanguage *language, const char *name, bool top, struct pass *out)
{
	char *src = NULL;
	size_t len = 0, n_segs = 0;
	struct segment *segs = NULL;
	unsigned lines = 0;
	gather(name, strlen(name), top, &src, &len, 0, &segs, &n_segs, &lines);
	if (len == 0)
		return false;
	char err[256];
	struct ax_query *q = ax_query_new(language, src, len, err, sizeof err);
	free(src);
	if (!q) {
		unsigned line = 0;
		const char *rest = err;
		if (sscanf(err, "line %u", &line) == 1 && (rest = strchr(err, ',')))
			rest++;
		size_t k = n_segs;
		while (k > 0 && segs[k - 1].first_line > line)
			k--;
		if (k == 0)
			ax_die(AX_EXIT_INTERNAL, "queries of %s: %s", name, err);
		ax_die(AX_EXIT_INTERNAL, "%s:%u (for %s):%s", segs[k - 1].path,
		       line - segs[k - 1].first_line + 1, name, rest);
	}
	free(segs);
	*out = (struct pass){
		.query = q,
		.roles = capture_roles(q, name),
		.max_start_depth = top ? 0 : MAIN_START_DEPTH,
	};
	return true;
}

static struct rules *compile(enum ax_lang lang)
{
	const char *name = ax_lang_name(lang);
	const TSLanguage *language = ax_grammar(lang);
	if (!language)
		return NULL;
	struct rules r = { .language = language };
	for (int top = 0; top <= 1; top++) {
		struct pass *p = &r.passes[r.n_passes];
		if (!compile_pass(language, name, top, p))
			continue;
		if (r.n_passes > 0)
			p->pattern_base = r.passes[0].pattern_base +
					  ts_query_pattern_count(ax_query_ts(r.passes[0].query));
		r.n_passes++;
	}
	if (r.n_passes == 0)
		return NULL;
	struct rules *out = ax_malloc(sizeof *out);
	*out = r;
	return out;
}

static void init_locks(void)
{
	for (int l = 0; l < AX_LANG_COUNT; l++)
		pthread_mutex_init(&compile_lock[l], NULL);
}

const struct rules *rules_for(enum ax_lang lang)
{
	if (lang <= AX_LANG_NONE || lang >= AX_LANG_COUNT)
		return NULL;
	if (atomic_load_explicit(&ready[lang], memory_order_acquire))
		return table[lang];
	pthread_once(&locks_once, init_locks);
	pthread_mutex_lock(&compile_lock[lang]);
	if (!atomic_load_explicit(&ready[lang], memory_order_relaxed)) {
		table[lang] = compile(lang);
		atomic_store_explicit(&ready[lang], true, memory_order_release);
	}
	pthread_mutex_unlock(&compile_lock[lang]);
	return table[lang];
}

int rules_compile_all(void)
{
	int n = 0;
	for (int l = AX_LANG_NONE + 1; l < AX_LANG_COUNT; l++)
		n += rules_for((enum ax_lang)l) != NULL;
	return n;
}

void rules_free_all(void)
{
	for (int l = 0; l < AX_LANG_COUNT; l++) {
		if (!table[l])
			continue;
		for (int p = 0; p < table[l]->n_passes; p++) {
			ax_query_free(table[l]->passes[p].query);
			free(table[l]->passes[p].roles);
		}
		free(table[l]);
		table[l] = NULL;
		ready[l] = false;
	}
}
