/* pack.c: the `parsed` record of a file in msgpack: its flags, syms,
 * imports and refs, all text cleaned (docs/parse.md). */
#include "extract_int.h"

#include <string.h>

#include "stream/stream.h"
#include "text.h"

/* Imports by position; of one node, the first pattern's first, members
 * in order (see dedup_imports). */
int cmp_import(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	if (x->span.s != y->span.s)
		return x->span.s < y->span.s ? -1 : 1;
	if (x->span.e != y->span.e)
		return x->span.e < y->span.e ? -1 : 1;
	if (x->pattern != y->pattern)
		return x->pattern < y->pattern ? -1 : 1;
	return x->member.s < y->member.s ? -1 : x->member.s > y->member.s;
}

/* A node captured as an import by several patterns is kept from the first
 * pattern in the file only (all its matches: one per @member), so a
 * specific pattern (`#[path] mod x;`) overrides a general one (`mod x;`),
 * as for symbols. */
void dedup_imports(struct extractor *x)
{
	size_t o = 0, first = 0;
	for (size_t i = 0; i < x->n_imports; i++) {
		const struct item *it = &x->imports[i];
		if (o > 0 && it->span.s == x->imports[first].span.s && it->span.e == x->imports[first].span.e) {
			if (it->pattern != x->imports[first].pattern)
				continue;
		} else {
			first = o;
		}
		x->imports[o++] = *it;
	}
	x->n_imports = o;
}

static void pack_key(msgpack_packer *pk, const char *key)
{
	ax_pack_str(pk, key);
}

static void pack_syms(struct extractor *x, msgpack_packer *pk, const char *text)
{
	/* Output indexes skip duplicates, so parents are remapped. */
	int32_t *out_index = ax_malloc((x->n_syms + 1) * sizeof *out_index);
	uint32_t n = 0;
	for (size_t i = 0; i < x->n_syms; i++)
		out_index[i] = x->syms[i].alias < 0 ? (int32_t)n++ : -1;
	pack_key(pk, "syms");
	msgpack_pack_array(pk, n);
	char buf[TEXT_MAX + 1];
	for (size_t i = 0; i < x->n_syms; i++) {
		const struct sym *s = &x->syms[i];
		if (s->alias >= 0)
			continue;
		msgpack_pack_map(pk, 9);
		ax_pack_kv_strn(pk, "name", x->names + s->name_off, s->name_len);
		ax_pack_kv_str(pk, "kind", s->kind);
		ax_pack_kv_int(pk, "line", s->name_pt.row + 1);
		ax_pack_kv_int(pk, "col", s->name_pt.column);
		TSPoint end = ts_node_is_null(s->node) ? s->end_pt : ts_node_end_point(s->node);
		ax_pack_kv_int(pk, "eline", end.row + 1);
		ax_pack_kv_int(pk, "ecol", end.column);
		ax_pack_kv_int(pk, "parent", s->parent >= 0 ? out_index[s->parent] : -1);
		size_t len = signature(s, text, buf);
		ax_pack_kv_strn(pk, "sig", buf, len);
		struct span doc = s->doc.e > 0 ? s->doc : doc_before(x, s, text);
		len = doc.e > doc.s ? text_doc(text + doc.s, doc.e - doc.s, buf) : 0;
		ax_pack_kv_strn(pk, "doc", buf, len);
	}
	free(out_index);
}

/* raw + sep + member (`..core` `.` `models`), the separator not doubled
 * (`.` + `x` is `.x`); cut at TEXT_MAX like any text. */
static size_t join_member(char *buf, size_t len, const struct item *it, const char *text)
{
	char mem[TEXT_MAX + 1];
	const char *sep = it->sep ? it->sep : ".";
	size_t sl = strlen(sep);
	size_t ml = text_clean_unquoted(text + it->member.s, it->member.e - it->member.s, true, mem);
	if (len >= sl && memcmp(buf + len - sl, sep, sl) == 0)
		sl = 0;
	if (len + sl + ml > TEXT_MAX)
		return len;
	memcpy(buf + len, sep, sl);
	memcpy(buf + len + sl, mem, ml);
	return len + sl + ml;
}

/* A call's receiver as written (`self`, `Session`, `send_kwargs`); one too
 * long to be a name is "..." (still a receiver, so never bound by name). */
static void pack_recv(msgpack_packer *pk, struct span sp, const char *text, char *buf)
{
	size_t len = sp.e - sp.s > MAX_REF_LEN ? 0 : text_clean(text + sp.s, sp.e - sp.s, buf);
	if (len == 0)
		ax_pack_kv_str(pk, "recv", "...");
	else
		ax_pack_kv_strn(pk, "recv", buf, len);
}

static void pack_items(msgpack_packer *pk, const char *key, const struct item *items, size_t n,
		       const char *text, bool is_ref)
{
	char buf[TEXT_MAX + 1];
	pack_key(pk, key);
	msgpack_pack_array(pk, (uint32_t)n);
	for (size_t i = 0; i < n; i++) {
		const struct item *it = &items[i];
		struct span sp = it->span;
		size_t sl = it->strip ? strlen(it->strip) : 0;
		if (sl && sp.e - sp.s >= sl && memcmp(text + sp.s, it->strip, sl) == 0)
			sp.s += (uint32_t)sl;   /* text_clean trims the space after it */
		size_t len = is_ref ? text_clean(text + sp.s, sp.e - sp.s, buf)
				    : text_clean_unquoted(text + sp.s, sp.e - sp.s, true, buf);
		if (!is_ref && it->member.e > it->member.s)
			len = join_member(buf, len, it, text);
		bool recv = is_ref && it->recv.e > it->recv.s;
		msgpack_pack_map(pk, is_ref ? 4 + recv : 3);
		ax_pack_kv_strn(pk, is_ref ? "name" : "raw", buf, len);
		ax_pack_kv_str(pk, "kind", it->kind);
		ax_pack_kv_int(pk, "line", it->pt.row + 1);
		if (is_ref)
			ax_pack_kv_int(pk, "col", it->pt.column);
		if (recv)
			pack_recv(pk, it->recv, text, buf);
	}
}

void pack_record(struct extractor *x, const struct extract_job *job, msgpack_packer *pk,
		 const char *text, int64_t errors, struct file_flags flags)
{
	msgpack_pack_map(pk, 13);
	ax_pack_kv_str(pk, "t", "parsed");
	ax_pack_kv_str(pk, "path", job->path);
	ax_pack_kv_str(pk, "lang", job->lang_name);
	ax_pack_kv_strn(pk, "hash", job->hash, job->hash_len);
	/* The scan's stat, so that the index can tell the next scan which
	 * files need not be read (ax-scan --db). */
	ax_pack_kv_int(pk, "size", job->size);
	ax_pack_kv_int(pk, "mtime", job->mtime);
	ax_pack_kv_int(pk, "errors", errors);
	ax_pack_kv_bool(pk, "minified", flags.minified);
	ax_pack_kv_bool(pk, "generated", flags.generated);
	ax_pack_kv_bool(pk, "truncated", x->truncated);
	pack_syms(x, pk, text);
	pack_items(pk, "imports", x->imports, x->n_imports, text, false);
	pack_items(pk, "refs", x->refs, x->n_refs, text, true);
}
