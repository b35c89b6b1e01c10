/* from_json.h: one JSON Lines record back into msgpack (ax-cat --from-json). */
#ifndef AX_CAT_FROM_JSON_H
#define AX_CAT_FROM_JSON_H

#include <jansson.h>
#include <msgpack.h>

/* Packs `v`, undoing the tags of lib/json.h. Returns NULL on success or a
 * static message saying what is wrong with the value. */
const char *from_json_pack(msgpack_packer *pk, json_t *v);

#endif
