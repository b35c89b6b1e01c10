/* json.c: msgpack values as JSON text, tagged where JSON falls short. */
#include "base/json.h"
#include "base/base64.h"
#include "base/cli.h"
#include "base/shown.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

bool ax_utf8_valid(const char *s, size_t n)
{
	unsigned cp;
	for (size_t i = 0, len; i < n; i += len)
		if (!(len = ax_utf8_next(s + i, n - i, &cp)))
			return false;
	return true;
}

/* Bytes that are not UTF-8 become U+FFFD, as a JSON reader would make of
 * them anyway: --json output is for people and jq, and its strings must be
 * valid JSON. (ax-cat, which must restore every byte, tags such strings as
 * {"$str": base64} instead: ax_json_write_value.) */
void ax_json_write_string(FILE *out, const char *s, size_t n)
{
	putc('"', out);
	size_t run = 0; /* bytes not yet written that need no escape */
	unsigned cp;
	for (size_t i = 0, len; i < n; i += len) {
		unsigned char c = (unsigned char)s[i];
		len = ax_utf8_next(s + i, n - i, &cp);
		if (len > 1 || (len == 1 && c >= 0x20 && c != '"' && c != '\\')) {
			run += len;
			continue;
		}
		if (run)
			fwrite(s + i - run, 1, run, out);
		run = 0;
		if (!len) {
			len = 1;
			fputs("\\ufffd", out);
			continue;
		}
		switch (c) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\t': fputs("\\t", out); break;
		case '\r': fputs("\\r", out); break;
		default: fprintf(out, "\\u%04x", c); break;
		}
	}
	if (run)
		fwrite(s + n - run, 1, run, out);
	putc('"', out);
}

void ax_json_print_str(const char *s)
{
	ax_json_write_string(stdout, s, strlen(s));
}

void ax_json_print_member(const char *key, const char *value)
{
	if (!value)
		return;
	putchar(',');
	ax_json_print_str(key);
	putchar(':');
	ax_json_print_str(value);
}

static void write_base64(FILE *out, const char *p, size_t n)
{
	char *text = ax_malloc(ax_base64_len(n) + 1);
	ax_base64_encode((const unsigned char *)p, n, text);
	fprintf(out, "\"%s\"", text);
	free(text);
}

static void write_tagged_bytes(FILE *out, const char *tag, const char *p, size_t n)
{
	fprintf(out, "{\"%s\":", tag);
	write_base64(out, p, n);
	putc('}', out);
}

static bool is_plain_key(const msgpack_object *k)
{
	/* msgpack-c leaves ptr NULL for an empty string. */
	return k->type == MSGPACK_OBJECT_STR &&
	       (k->via.str.size == 0 || memchr(k->via.str.ptr, '\0', k->via.str.size) == NULL) &&
	       ax_utf8_valid(k->via.str.ptr, k->via.str.size);
}

static bool same_str(const msgpack_object *a, const msgpack_object *b)
{
	return a->via.str.size == b->via.str.size &&
	       (a->via.str.size == 0 || memcmp(a->via.str.ptr, b->via.str.ptr, a->via.str.size) == 0);
}

/* Can this map be a JSON object that reads back as the same map? */
static bool map_is_object(const msgpack_object_map *m)
{
	for (uint32_t i = 0; i < m->size; i++) {
		if (!is_plain_key(&m->ptr[i].key))
			return false;
		for (uint32_t j = 0; j < i; j++)
			if (same_str(&m->ptr[i].key, &m->ptr[j].key))
				return false;
	}
	/* A lone "$..." key would read back as a tag. */
	return !(m->size == 1 && m->ptr[0].key.via.str.size > 0 &&
		 m->ptr[0].key.via.str.ptr[0] == '$');
}

static void write_float(FILE *out, double d, bool is32)
{
	if (!isfinite(d)) {
		fprintf(out, "{\"$%s\":\"%s\"}", is32 ? "f32" : "f64",
			isnan(d) ? "nan" : d > 0 ? "inf" : "-inf");
		return;
	}
	char num[40];
	snprintf(num, sizeof num, is32 ? "%.9g" : "%.17g", d);
	/* Keep a float a float when read back: "1" would become an integer. */
	if (!strpbrk(num, ".eE"))
		strcat(num, ".0");
	if (is32)
		fprintf(out, "{\"$f32\":%s}", num);
	else
		fputs(num, out);
}

void ax_json_write_value(FILE *out, const msgpack_object *v)
{
	switch (v->type) {
	case MSGPACK_OBJECT_NIL:
		fputs("null", out);
		break;
	case MSGPACK_OBJECT_BOOLEAN:
		fputs(v->via.boolean ? "true" : "false", out);
		break;
	case MSGPACK_OBJECT_POSITIVE_INTEGER:
		if (v->via.u64 > INT64_MAX)
			fprintf(out, "{\"$u64\":\"%" PRIu64 "\"}", v->via.u64);
		else
			fprintf(out, "%" PRIu64, v->via.u64);
		break;
	case MSGPACK_OBJECT_NEGATIVE_INTEGER:
		fprintf(out, "%" PRId64, v->via.i64);
		break;
	case MSGPACK_OBJECT_FLOAT32:
	case MSGPACK_OBJECT_FLOAT64:
		write_float(out, v->via.f64, v->type == MSGPACK_OBJECT_FLOAT32);
		break;
	case MSGPACK_OBJECT_STR:
		if (ax_utf8_valid(v->via.str.ptr, v->via.str.size))
			ax_json_write_string(out, v->via.str.ptr, v->via.str.size);
		else
			write_tagged_bytes(out, "$str", v->via.str.ptr, v->via.str.size);
		break;
	case MSGPACK_OBJECT_BIN:
		write_tagged_bytes(out, "$bin", v->via.bin.ptr, v->via.bin.size);
		break;
	case MSGPACK_OBJECT_EXT:
		fprintf(out, "{\"$ext\":[%d,", v->via.ext.type);
		write_base64(out, v->via.ext.ptr, v->via.ext.size);
		fputs("]}", out);
		break;
	case MSGPACK_OBJECT_ARRAY:
		putc('[', out);
		for (uint32_t i = 0; i < v->via.array.size; i++) {
			if (i)
				putc(',', out);
			ax_json_write_value(out, &v->via.array.ptr[i]);
		}
		putc(']', out);
		break;
	case MSGPACK_OBJECT_MAP: {
		const msgpack_object_map *m = &v->via.map;
		bool object = map_is_object(m);
		fputs(object ? "{" : "{\"$map\":[", out);
		for (uint32_t i = 0; i < m->size; i++) {
			if (i)
				putc(',', out);
			if (!object)
				putc('[', out);
			ax_json_write_value(out, &m->ptr[i].key);
			putc(object ? ':' : ',', out);
			ax_json_write_value(out, &m->ptr[i].val);
			if (!object)
				putc(']', out);
		}
		fputs(object ? "}" : "]}", out);
		break;
	}
	}
}
