/* emit.c: the records ax-scan writes, from the main thread only. */
#include "scan.h"

#include "base/cli.h"
#include "lang/lang.h"
#include "pool.h"
#include "stream/stream.h"

#include <stdio.h>
#include <string.h>

void scan_err_record(struct scan *s, const char *path, const char *code, const char *msg)
{
	if (s->opt.list)
		ax_warn("%s: %s", path, msg);
	else
		ax_write_err(s->out, path, "scan", code, msg);
	s->errors++;
}

void scan_error(struct scan *s, const char *path, int errnum, const char *what)
{
	char msg[512];
	snprintf(msg, sizeof msg, "%s: %s", what, strerror(errnum));
	const char *code = strerrorname_np(errnum);
	scan_err_record(s, path, code ? code : "EIO", msg);
}

/* --list: one line a file for a person, the path last (it may hold
 * anything but a newline; it is printed as it is, as ls -l does). */
void scan_list_line(const char *what, const char *size, const char *path)
{
	printf("%-10s %10s  %s\n", what, size, path);
}

void scan_emit(struct scan *s, const char *path, const struct scan_result *r)
{
	switch (r->kind) {
	case RESULT_ERROR:
		scan_error(s, path, r->errnum, r->what);
		return;
	case RESULT_SKIP:
		s->skipped[r->skip]++;
		return;
	case RESULT_FILE:
		break;
	}
	s->emitted++;
	s->same += r->same;
	ax_progress_files(&s->progress, s->emitted);
	if (s->opt.list) {
		char size[24];
		snprintf(size, sizeof size, "%llu", (unsigned long long)r->size);
		scan_list_line(r->lang ? ax_lang_name(r->lang) : "-", size, path);
		return;
	}
	char hex[17];
	ax_hash_hex(r->hash, hex);
	msgpack_packer *pk = ax_writer_packer(s->out);
	msgpack_pack_map(pk, r->same ? 7 : 6);
	ax_pack_kv_str(pk, "t", "file");
	ax_pack_kv_str(pk, "path", path);
	ax_pack_kv_str(pk, "lang", ax_lang_name(r->lang));
	ax_pack_kv_int(pk, "size", (int64_t)r->size);
	ax_pack_kv_int(pk, "mtime", r->mtime_ns);
	ax_pack_kv_strn(pk, "hash", hex, 16);
	if (r->same)
		ax_pack_kv_bool(pk, "same", true);
	ax_writer_end_record(s->out);
}

