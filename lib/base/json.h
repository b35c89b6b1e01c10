/* json.h: msgpack values as JSON text (docs/stream.md, "JSON form").
 *
 * Values that JSON cannot hold exactly are written as one-key tagged
 * objects, so ax-cat --from-json restores them byte for byte:
 *   {"$str": base64}   a msgpack string that is not valid UTF-8
 *   {"$bin": base64}   msgpack bin
 *   {"$ext": [type, base64]}
 *   {"$u64": "digits"} an unsigned integer above INT64_MAX
 *   {"$f32": number}   a 32-bit float; {"$f64": "nan"|"inf"|"-inf"}
 *   {"$map": [[key, value], ...]}  a map JSON cannot express as an object:
 *       non-string or duplicate keys, or a single key starting with '$' */
#ifndef AX_JSON_H
#define AX_JSON_H

#include <msgpack.h>
#include <stdbool.h>
#include <stdio.h>

bool ax_utf8_valid(const char *s, size_t n);

/* A JSON string literal (quotes included) of any bytes: each byte that is
 * not part of valid UTF-8 becomes U+FFFD. The form of every --json output
 * (docs/conventions.md, "Names in output"). */
void ax_json_write_string(FILE *out, const char *s, size_t n);
/* The same for a C string, to stdout. */
void ax_json_print_str(const char *s);
/* `,"key":"value"` to stdout, nothing when value is NULL: a member added
 * to a JSON object being printed (the "root" of --json lines). */
void ax_json_print_member(const char *key, const char *value);

/* Any msgpack value, on one line, no trailing newline. */
void ax_json_write_value(FILE *out, const msgpack_object *v);

#endif
