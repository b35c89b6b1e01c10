/* from_json.h: one JSON Lines record back into msgpack (ax-cat --from-json). */
#ifndef AX_CAT_FROM_JSON_H
#define AX_CAT_FROM_JSON_H

#include <jansson.h>
#include <msgpack.h>

/* Packs the object `v`, undoing the tags of lib/base/json.h. Returns NULL on
 * success or a static message saying what is wrong with the value. Whether
 * the result is a valid record ("t", depth, size) is for the stream reader
 * to say. */
const char *from_json_pack(msgpack_packer *pk, json_t *v);

#endif
