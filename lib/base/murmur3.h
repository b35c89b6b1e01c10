/* murmur3.h: MurmurHash3 x86_32, the hash behind flag bucketing.
 *
 * Austin Appleby's public-domain algorithm, bit for bit, so that buckets
 * agree with Unleash's clients (murmurhash3js, Go's and Java's ports). */
#ifndef AX_MURMUR3_H
#define AX_MURMUR3_H

#include <stddef.h>
#include <stdint.h>

uint32_t ax_murmur3_32(const void *key, size_t len, uint32_t seed);

#endif
