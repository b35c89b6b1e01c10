/* telemetry_event.c: what one event may hold, and its binary form.
 *
 * The privacy promise of docs/PRIVACY.md is kept here: every field has a
 * fixed pattern or list, setters reduce anything else to "other" or drop
 * it, and encode and decode refuse an event with a field out of bounds. */
#include "telemetry/telemetry.h"
#include "stream/stream.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <msgpack.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/utsname.h>
#include <xxhash.h>

const char *const ax_tel_count_names[AX_TEL_NCOUNTS] = {
	"files", "records", "results", "bytes", "errors",
};

static const char *const stages[] = {
#define AX_TEL_STAGE(s) #s,
#define AX_TEL_CODE(c)
#include "telemetry/telemetry_codes.def"
#undef AX_TEL_STAGE
#undef AX_TEL_CODE
};
static const char *const codes[] = {
#define AX_TEL_STAGE(s)
#define AX_TEL_CODE(c) #c,
#include "telemetry/telemetry_codes.def"
#undef AX_TEL_STAGE
#undef AX_TEL_CODE
};
static const char *const oses[] = { "linux", "darwin", "freebsd", "openbsd", "netbsd", "other" };
static const char *const arches[] = {
	"x86_64", "aarch64", "arm64", "i686", "armv7l", "riscv64", "ppc64le", "s390x", "other",
};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(s, list[i]))
			return true;
	return false;
}

bool ax_tel_stage_known(const char *s) { return in_list(s, stages, COUNT(stages)); }
bool ax_tel_code_known(const char *s) { return in_list(s, codes, COUNT(codes)); }

int ax_tel_random_id(char out[AX_TEL_ID_LEN + 1])
{
	unsigned char r[AX_TEL_ID_LEN / 2];
	size_t got = 0;
	while (got < sizeof r) {
		ssize_t n = getrandom(r + got, sizeof r - got, GRND_NONBLOCK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	for (size_t i = 0; i < sizeof r; i++)
		snprintf(out + 2 * i, 3, "%02x", r[i]);
	return 0;
}

bool ax_tel_valid_id(const char *s)
{
	size_t i = 0;
	for (; s[i]; i++)
		if (!isdigit((unsigned char)s[i]) && !(s[i] >= 'a' && s[i] <= 'f'))
			return false;
	return i == AX_TEL_ID_LEN;
}

uint64_t ax_tel_bucket(uint64_t n)
{
	if (n == 0)
		return 0;
	/* 1, 2, 5 times a power of ten: walk up the decades (the last one,
	 * 10^19, has no 2 or 5 that fits in 64 bits). */
	for (uint64_t p = 1;; p *= 10) {
		if (p > UINT64_MAX / 2 || n < 2 * p)
			return p;
		if (n < 5 * p)
			return 2 * p;
		if (n < 10 * p)
			return 5 * p;
	}
}

/* A name made only of [a-z0-9] (the words of a tool name). */
static bool is_word(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!islower((unsigned char)s[i]) && !isdigit((unsigned char)s[i]))
			return false;
	return true;
}

static bool valid_tool(const char *s)
{
	if (!strcmp(s, "ax") || !strcmp(s, "other"))
		return true;
	if (strncmp(s, "ax-", 3) != 0 || strlen(s) > 32)
		return false;
	for (const char *w = s + 3;;) {
		const char *dash = strchr(w, '-');
		size_t n = dash ? (size_t)(dash - w) : strlen(w);
		if (!is_word(w, n))
			return false;
		if (!dash)
			return true;
		w = dash + 1;
	}
}

/* Versions look like 0.1.0 or 1.2.3-rc1: digits and dots first. */
static bool valid_version(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 32 || !isdigit((unsigned char)s[0]))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr(".+-", s[i]))
			return false;
	return true;
}

static bool valid_name(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > AX_TEL_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("._-", s[i]))
			return false;
	return true;
}

static bool valid_error(const char *s)
{
	const char *colon = strchr(s, ':');
	char stage[24];
	if (!colon || (size_t)(colon - s) >= sizeof stage)
		return false;
	memcpy(stage, s, (size_t)(colon - s));
	stage[colon - s] = '\0';
	return ax_tel_stage_known(stage) && ax_tel_code_known(colon + 1);
}

void ax_tel_platform(char os[17], char arch[17])
{
	struct utsname u;
	strcpy(os, "other");
	strcpy(arch, "other");
	if (uname(&u) != 0)
		return;
	for (char *p = u.sysname; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (in_list(u.sysname, oses, COUNT(oses)))
		strcpy(os, u.sysname);
	if (in_list(u.machine, arches, COUNT(arches)))
		strcpy(arch, u.machine);
}

void ax_tel_set_tool(struct ax_tel_event *e, const char *progname)
{
	snprintf(e->tool, sizeof e->tool, "%s", progname && valid_tool(progname) ? progname : "other");
}

void ax_tel_add_error(struct ax_tel_event *e, const char *stage, const char *code)
{
	char s[48];
	snprintf(s, sizeof s, "%s:%s", stage && ax_tel_stage_known(stage) ? stage : "other",
		code && ax_tel_code_known(code) ? code : "other");
	for (int i = 0; i < e->n_errors; i++)
		if (!strcmp(e->errors[i], s))
			return;
	if (e->n_errors < AX_TEL_MAX_ERRORS)
		strcpy(e->errors[e->n_errors++], s);
}

void ax_tel_add_variant(struct ax_tel_event *e, const char *flag, const char *value)
{
	if (!flag || !value || !valid_name(flag) || !valid_name(value) || e->n_variants >= AX_TEL_MAX_VARIANTS)
		return;
	for (int i = 0; i < e->n_variants; i++)
		if (!strcmp(e->flag[i], flag))
			return;
	strcpy(e->flag[e->n_variants], flag);
	strcpy(e->variant[e->n_variants++], value);
}

void ax_tel_set_count(struct ax_tel_event *e, const char *name, uint64_t n)
{
	for (int i = 0; i < AX_TEL_NCOUNTS; i++)
		if (name && !strcmp(name, ax_tel_count_names[i])) {
			e->has_count[i] = true;
			e->counts[i] = ax_tel_bucket(n);
		}
}

bool ax_tel_event_valid(const struct ax_tel_event *e)
{
	if (!ax_tel_valid_id(e->uid) || !ax_tel_valid_id(e->session) || !ax_tel_valid_id(e->install))
		return false;
	if (e->time <= 0 || e->time % 3600 != 0)
		return false;
	if (!valid_tool(e->tool) || !valid_version(e->version))
		return false;
	if (!in_list(e->os, oses, COUNT(oses)) || !in_list(e->arch, arches, COUNT(arches)))
		return false;
	if (!(e->duration_ms >= 0 && e->duration_ms < 1e10) || e->exit < 0 || e->exit > 255)
		return false;
	if (e->n_errors < 0 || e->n_errors > AX_TEL_MAX_ERRORS)
		return false;
	for (int i = 0; i < e->n_errors; i++)
		if (!valid_error(e->errors[i]))
			return false;
	for (int i = 0; i < AX_TEL_NCOUNTS; i++)
		if (e->has_count[i] && ax_tel_bucket(e->counts[i]) != e->counts[i])
			return false;
	if (e->n_variants < 0 || e->n_variants > AX_TEL_MAX_VARIANTS)
		return false;
	for (int i = 0; i < e->n_variants; i++)
		if (!valid_name(e->flag[i]) || !valid_name(e->variant[i]))
			return false;
	return true;
}

/* ---- encoding: msgpack into a caller's buffer, no allocation ---- */

struct fixed_buf { unsigned char *p; size_t len, cap; bool overflow; };

static int fixed_write(void *data, const char *buf, size_t len)
{
	struct fixed_buf *b = data;
	if (b->len + len > b->cap) {
		b->overflow = true;
		return -1;
	}
	memcpy(b->p + b->len, buf, len);
	b->len += len;
	return 0;
}

static void pack_str(msgpack_packer *pk, const char *s)
{
	size_t n = strlen(s);
	msgpack_pack_str(pk, n);
	msgpack_pack_str_body(pk, s, n);
}

static void put_le(unsigned char *p, uint32_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t get_le(const unsigned char *p, int bytes)
{
	uint32_t v = 0;
	for (int i = 0; i < bytes; i++)
		v |= (uint32_t)p[i] << (8 * i);
	return v;
}

size_t ax_tel_encode(const struct ax_tel_event *e, unsigned char *buf, size_t cap)
{
	if (!ax_tel_event_valid(e) || cap < AX_TEL_FRAME_OVERHEAD)
		return 0;
	size_t room = cap - AX_TEL_FRAME_OVERHEAD;
	struct fixed_buf b = { buf + 6, 0, room < AX_TEL_MAX_PAYLOAD ? room : AX_TEL_MAX_PAYLOAD, false };
	msgpack_packer pk;
	msgpack_packer_init(&pk, &b, fixed_write);
	msgpack_pack_map(&pk, 13);
	pack_str(&pk, "uid"); pack_str(&pk, e->uid);
	pack_str(&pk, "time"); msgpack_pack_int64(&pk, e->time);
	pack_str(&pk, "session"); pack_str(&pk, e->session);
	pack_str(&pk, "install"); pack_str(&pk, e->install);
	pack_str(&pk, "tool"); pack_str(&pk, e->tool);
	pack_str(&pk, "version"); pack_str(&pk, e->version);
	pack_str(&pk, "os"); pack_str(&pk, e->os);
	pack_str(&pk, "arch"); pack_str(&pk, e->arch);
	pack_str(&pk, "duration_ms"); msgpack_pack_double(&pk, e->duration_ms);
	pack_str(&pk, "exit"); msgpack_pack_int(&pk, e->exit);
	pack_str(&pk, "errors");
	msgpack_pack_array(&pk, (size_t)e->n_errors);
	for (int i = 0; i < e->n_errors; i++)
		pack_str(&pk, e->errors[i]);
	int nc = 0;
	for (int i = 0; i < AX_TEL_NCOUNTS; i++)
		nc += e->has_count[i];
	pack_str(&pk, "counts");
	msgpack_pack_map(&pk, (size_t)nc);
	for (int i = 0; i < AX_TEL_NCOUNTS; i++)
		if (e->has_count[i]) {
			pack_str(&pk, ax_tel_count_names[i]);
			msgpack_pack_uint64(&pk, e->counts[i]);
		}
	pack_str(&pk, "variants");
	msgpack_pack_map(&pk, (size_t)e->n_variants);
	for (int i = 0; i < e->n_variants; i++) {
		pack_str(&pk, e->flag[i]);
		pack_str(&pk, e->variant[i]);
	}
	if (b.overflow)
		return 0;
	memcpy(buf, "AXT1", 4);
	put_le(buf + 4, (uint32_t)b.len, 2);
	put_le(buf + 6 + b.len, XXH32(buf + 6, b.len, 0), 4);
	return b.len + AX_TEL_FRAME_OVERHEAD;
}

/* ---- decoding: every key known, every value of its type and pattern ---- */

static bool copy_str(const msgpack_object *v, char *dst, size_t cap)
{
	if (v->type != MSGPACK_OBJECT_STR)
		return false;
	size_t n = v->via.str.size;
	/* msgpack-c gives "" a NULL pointer, which memchr and memcpy may not get. */
	if (n >= cap || (n && memchr(v->via.str.ptr, 0, n)))
		return false;
	if (n)
		memcpy(dst, v->via.str.ptr, n);
	dst[n] = '\0';
	return true;
}

static bool get_int(const msgpack_object *v, int64_t *out)
{
	if (v->type == MSGPACK_OBJECT_POSITIVE_INTEGER && v->via.u64 <= INT64_MAX)
		*out = (int64_t)v->via.u64;
	else if (v->type == MSGPACK_OBJECT_NEGATIVE_INTEGER)
		*out = v->via.i64;
	else
		return false;
	return true;
}

static bool decode_errors(const msgpack_object *v, struct ax_tel_event *e)
{
	if (v->type != MSGPACK_OBJECT_ARRAY || v->via.array.size > AX_TEL_MAX_ERRORS)
		return false;
	for (uint32_t i = 0; i < v->via.array.size; i++)
		if (!copy_str(&v->via.array.ptr[i], e->errors[e->n_errors++], sizeof e->errors[0]))
			return false;
	return true;
}

static bool decode_counts(const msgpack_object *v, struct ax_tel_event *e)
{
	if (v->type != MSGPACK_OBJECT_MAP)
		return false;
	for (uint32_t i = 0; i < v->via.map.size; i++) {
		char name[16];
		const msgpack_object_kv *kv = &v->via.map.ptr[i];
		int k = 0;
		if (!copy_str(&kv->key, name, sizeof name) || kv->val.type != MSGPACK_OBJECT_POSITIVE_INTEGER)
			return false;
		while (k < AX_TEL_NCOUNTS && strcmp(name, ax_tel_count_names[k]))
			k++;
		if (k == AX_TEL_NCOUNTS || e->has_count[k])
			return false;
		e->has_count[k] = true;
		e->counts[k] = kv->val.via.u64;
	}
	return true;
}

static bool decode_variants(const msgpack_object *v, struct ax_tel_event *e)
{
	if (v->type != MSGPACK_OBJECT_MAP || v->via.map.size > AX_TEL_MAX_VARIANTS)
		return false;
	for (uint32_t i = 0; i < v->via.map.size; i++) {
		const msgpack_object_kv *kv = &v->via.map.ptr[i];
		if (!copy_str(&kv->key, e->flag[e->n_variants], sizeof e->flag[0]) ||
		    !copy_str(&kv->val, e->variant[e->n_variants], sizeof e->variant[0]))
			return false;
		e->n_variants++;
	}
	return true;
}

/* One key of the payload; false if unknown or malformed. `seen` catches
 * duplicates and, at the end, missing keys. */
static bool decode_field(const char *key, const msgpack_object *v, struct ax_tel_event *e, unsigned *seen)
{
	static const char *const keys[] = {
		"uid", "time", "session", "install", "tool", "version", "os", "arch",
		"duration_ms", "exit", "errors", "counts", "variants",
	};
	unsigned k = 0;
	while (k < COUNT(keys) && strcmp(key, keys[k]))
		k++;
	if (k == COUNT(keys) || (*seen & (1u << k)))
		return false;
	*seen |= 1u << k;
	int64_t n;
	switch (k) {
	case 0: return copy_str(v, e->uid, sizeof e->uid);
	case 1: return get_int(v, &e->time);
	case 2: return copy_str(v, e->session, sizeof e->session);
	case 3: return copy_str(v, e->install, sizeof e->install);
	case 4: return copy_str(v, e->tool, sizeof e->tool);
	case 5: return copy_str(v, e->version, sizeof e->version);
	case 6: return copy_str(v, e->os, sizeof e->os);
	case 7: return copy_str(v, e->arch, sizeof e->arch);
	case 8:
		if (v->type != MSGPACK_OBJECT_FLOAT64 && v->type != MSGPACK_OBJECT_FLOAT32)
			return false;
		e->duration_ms = v->via.f64;
		return true;
	case 9:
		if (!get_int(v, &n) || n < 0 || n > 255)
			return false;
		e->exit = (int)n;
		return true;
	case 10: return decode_errors(v, e);
	case 11: return decode_counts(v, e);
	default: return decode_variants(v, e);
	}
}

bool ax_tel_decode(const unsigned char *payload, size_t len, struct ax_tel_event *e)
{
	memset(e, 0, sizeof *e);
	msgpack_unpacked up;
	msgpack_unpacked_init(&up);
	size_t off = 0;
	bool ok = ax_msgpack_fits(payload, len) &&
		msgpack_unpack_next(&up, (const char *)payload, len, &off) == MSGPACK_UNPACK_SUCCESS &&
		off == len && up.data.type == MSGPACK_OBJECT_MAP;
	unsigned seen = 0;
	for (uint32_t i = 0; ok && i < up.data.via.map.size; i++) {
		char key[16];
		const msgpack_object_kv *kv = &up.data.via.map.ptr[i];
		ok = copy_str(&kv->key, key, sizeof key) && decode_field(key, &kv->val, e, &seen);
	}
	msgpack_unpacked_destroy(&up);
	return ok && seen == (1u << 13) - 1 && ax_tel_event_valid(e);
}

/* ---- frames ---- */

void ax_tel_frames_init(struct ax_tel_frames *f, const unsigned char *data, size_t len)
{
	f->data = data;
	f->len = len;
	f->pos = 0;
	f->corrupt = 0;
}

/* A checked frame at `pos` fills e and returns its length; 0 if none. */
static size_t frame_at(const struct ax_tel_frames *f, size_t pos, struct ax_tel_event *e)
{
	const unsigned char *p = f->data + pos;
	size_t left = f->len - pos;
	if (left < AX_TEL_FRAME_OVERHEAD || memcmp(p, "AXT1", 4) != 0)
		return 0;
	size_t n = get_le(p + 4, 2);
	if (n > AX_TEL_MAX_PAYLOAD || n + AX_TEL_FRAME_OVERHEAD > left)
		return 0;
	if (get_le(p + 6 + n, 4) != XXH32(p + 6, n, 0) || !ax_tel_decode(p + 6, n, e))
		return 0;
	return n + AX_TEL_FRAME_OVERHEAD;
}

bool ax_tel_frames_next(struct ax_tel_frames *f, struct ax_tel_event *e)
{
	bool skipping = false;
	while (f->pos < f->len) {
		size_t n = frame_at(f, f->pos, e);
		if (n) {
			f->pos += n;
			return true;
		}
		if (!skipping)
			f->corrupt++;
		skipping = true;
		/* Resynchronise on the next magic. */
		const unsigned char *next = memmem(f->data + f->pos + 1, f->len - f->pos - 1, "AXT1", 4);
		f->pos = next ? (size_t)(next - f->data) : f->len;
	}
	return false;
}
