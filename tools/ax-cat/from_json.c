/* from_json.c: JSON values into msgpack, undoing lib/base/json.h's tags. */
#include "from_json.h"
#include "base/base64.h"
#include "base/cli.h"
#include "stream/stream.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *pack(msgpack_packer *pk, json_t *v, int depth);

/* The stream reader's rule: a container with elements may not sit deeper
 * than AX_STREAM_MAX_DEPTH (empty ones and scalars may). */
static const char *check_depth(int depth, size_t elements)
{
	return depth > AX_STREAM_MAX_DEPTH && elements > 0
		? "nested deeper than a stream allows" : NULL;
}

/* Decodes the base64 text of a tag into a malloc'd buffer. */
static const char *decode_bytes(json_t *v, unsigned char **out, long *len)
{
	if (!json_is_string(v))
		return "tag value must be a base64 string";
	size_t n = json_string_length(v);
	*out = ax_malloc(n / 4 * 3 + 1);
	*len = ax_base64_decode(json_string_value(v), n, *out);
	if (*len < 0) {
		free(*out);
		return "invalid base64";
	}
	return NULL;
}

static const char *pack_bytes(msgpack_packer *pk, json_t *v, int bin)
{
	unsigned char *bytes;
	long n;
	const char *err = decode_bytes(v, &bytes, &n);
	if (err)
		return err;
	if (bin) {
		msgpack_pack_bin(pk, n);
		msgpack_pack_bin_body(pk, bytes, n);
	} else {
		ax_pack_strn(pk, (const char *)bytes, n);
	}
	free(bytes);
	return NULL;
}

static const char *pack_ext(msgpack_packer *pk, json_t *v)
{
	if (!json_is_array(v) || json_array_size(v) != 2 || !json_is_integer(json_array_get(v, 0)))
		return "$ext takes [type, base64]";
	json_int_t type = json_integer_value(json_array_get(v, 0));
	if (type < -128 || type > 127)
		return "$ext type out of range";
	unsigned char *bytes;
	long n;
	const char *err = decode_bytes(json_array_get(v, 1), &bytes, &n);
	if (err)
		return err;
	msgpack_pack_ext(pk, n, (int8_t)type);
	msgpack_pack_ext_body(pk, bytes, n);
	free(bytes);
	return NULL;
}

static const char *pack_u64(msgpack_packer *pk, json_t *v)
{
	const char *s = json_string_value(v);
	char *end;
	if (!s || *s < '0' || *s > '9')
		return "$u64 takes a string of digits";
	errno = 0;
	unsigned long long u = strtoull(s, &end, 10);
	if (errno || *end)
		return "$u64 out of range";
	msgpack_pack_uint64(pk, u);
	return NULL;
}

/* $f32 holds a number or, like $f64, "nan" / "inf" / "-inf". */
static const char *pack_float(msgpack_packer *pk, json_t *v, int is32)
{
	double d;
	const char *s = json_string_value(v);
	if (json_is_number(v) && is32)
		d = json_number_value(v);
	else if (s && strcmp(s, "nan") == 0)
		d = NAN;
	else if (s && strcmp(s, "inf") == 0)
		d = INFINITY;
	else if (s && strcmp(s, "-inf") == 0)
		d = -INFINITY;
	else
		return "bad float tag value";
	if (is32)
		msgpack_pack_float(pk, (float)d);
	else
		msgpack_pack_double(pk, d);
	return NULL;
}

static const char *pack_pairs(msgpack_packer *pk, json_t *v, int depth)
{
	if (!json_is_array(v))
		return "$map takes [[key, value], ...]";
	size_t n = json_array_size(v);
	for (size_t i = 0; i < n; i++) {
		json_t *pair = json_array_get(v, i);
		if (!json_is_array(pair) || json_array_size(pair) != 2)
			return "$map takes [[key, value], ...]";
	}
	const char *deep = check_depth(depth, n);
	if (deep)
		return deep;
	msgpack_pack_map(pk, n);
	for (size_t i = 0; i < n; i++) {
		json_t *pair = json_array_get(v, i);
		const char *err = pack(pk, json_array_get(pair, 0), depth + 1);
		if (!err)
			err = pack(pk, json_array_get(pair, 1), depth + 1);
		if (err)
			return err;
	}
	return NULL;
}

static const char *pack_tagged(msgpack_packer *pk, const char *tag, json_t *v, int depth)
{
	if (strcmp(tag, "$str") == 0) return pack_bytes(pk, v, 0);
	if (strcmp(tag, "$bin") == 0) return pack_bytes(pk, v, 1);
	if (strcmp(tag, "$ext") == 0) return pack_ext(pk, v);
	if (strcmp(tag, "$u64") == 0) return pack_u64(pk, v);
	if (strcmp(tag, "$f32") == 0) return pack_float(pk, v, 1);
	if (strcmp(tag, "$f64") == 0) return pack_float(pk, v, 0);
	if (strcmp(tag, "$map") == 0) return pack_pairs(pk, v, depth);
	return "unknown $ tag (a one-key object whose key starts with '$')";
}

static const char *pack_object(msgpack_packer *pk, json_t *v, int depth)
{
	void *it = json_object_iter(v);
	if (json_object_size(v) == 1) {
		const char *key = json_object_iter_key(it);
		if (key[0] == '$')
			return pack_tagged(pk, key, json_object_iter_value(it), depth);
	}
	const char *deep = check_depth(depth, json_object_size(v));
	if (deep)
		return deep;
	msgpack_pack_map(pk, json_object_size(v));
	for (; it; it = json_object_iter_next(v, it)) {
		ax_pack_strn(pk, json_object_iter_key(it), json_object_iter_key_len(it));
		const char *err = pack(pk, json_object_iter_value(it), depth + 1);
		if (err)
			return err;
	}
	return NULL;
}

static const char *pack(msgpack_packer *pk, json_t *v, int depth)
{
	switch (json_typeof(v)) {
	case JSON_NULL: msgpack_pack_nil(pk); return NULL;
	case JSON_TRUE: msgpack_pack_true(pk); return NULL;
	case JSON_FALSE: msgpack_pack_false(pk); return NULL;
	case JSON_INTEGER: msgpack_pack_int64(pk, json_integer_value(v)); return NULL;
	case JSON_REAL: msgpack_pack_double(pk, json_real_value(v)); return NULL;
	case JSON_STRING:
		ax_pack_strn(pk, json_string_value(v), json_string_length(v));
		return NULL;
	case JSON_ARRAY:
		if (check_depth(depth, json_array_size(v)))
			return check_depth(depth, json_array_size(v));
		msgpack_pack_array(pk, json_array_size(v));
		for (size_t i = 0; i < json_array_size(v); i++) {
			const char *err = pack(pk, json_array_get(v, i), depth + 1);
			if (err)
				return err;
		}
		return NULL;
	case JSON_OBJECT:
		return pack_object(pk, v, depth);
	}
	return "unsupported JSON value";
}

const char *from_json_pack(msgpack_packer *pk, json_t *v)
{
	if (!json_is_object(v))
		return "a record must be a JSON object";
	return pack(pk, v, 1);
}
