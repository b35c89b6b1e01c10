/* stream_record.c: reading values out of decoded records. */
#include "stream/stream.h"
#include "base/cli.h"

#include <string.h>

const msgpack_object *ax_map_get(const msgpack_object *map, const char *key)
{
	if (!map || map->type != MSGPACK_OBJECT_MAP)
		return NULL;
	size_t n = strlen(key);
	for (uint32_t i = 0; i < map->via.map.size; i++) {
		const msgpack_object *k = &map->via.map.ptr[i].key;
		if (k->type == MSGPACK_OBJECT_STR && k->via.str.size == n &&
		    memcmp(k->via.str.ptr, key, n) == 0)
			return &map->via.map.ptr[i].val;
	}
	return NULL;
}

bool ax_get_str(const msgpack_object *map, const char *key, const char **s, size_t *len)
{
	const msgpack_object *v = ax_map_get(map, key);
	if (!v || v->type != MSGPACK_OBJECT_STR)
		return false;
	*s = v->via.str.ptr;
	*len = v->via.str.size;
	return true;
}

bool ax_get_int(const msgpack_object *map, const char *key, int64_t *out)
{
	const msgpack_object *v = ax_map_get(map, key);
	if (!v)
		return false;
	if (v->type == MSGPACK_OBJECT_NEGATIVE_INTEGER) {
		*out = v->via.i64;
		return true;
	}
	if (v->type == MSGPACK_OBJECT_POSITIVE_INTEGER && v->via.u64 <= INT64_MAX) {
		*out = (int64_t)v->via.u64;
		return true;
	}
	return false;
}

bool ax_get_bool(const msgpack_object *map, const char *key, bool *out)
{
	const msgpack_object *v = ax_map_get(map, key);
	if (!v || v->type != MSGPACK_OBJECT_BOOLEAN)
		return false;
	*out = v->via.boolean;
	return true;
}

char *ax_get_strdup(const msgpack_object *map, const char *key)
{
	const char *s;
	size_t n;
	return ax_get_str(map, key, &s, &n) ? ax_strndup(s, n) : NULL;
}
