/* test_murmur3.c: MurmurHash3 x86_32 against published vectors, and the
 * Unleash bucketing built on it. */
#include "base/murmur3.h"
#include "flags/flags_model.h"
#include "test.h"

#include <string.h>

static uint32_t h(const char *s, uint32_t seed)
{
	return ax_murmur3_32(s, strlen(s), seed);
}

int main(void)
{
	/* Reference vectors of the x86_32 variant, the widely reproduced table
	 * checked against Appleby's SMHasher code (seeds 0, 1, 0xffffffff and
	 * 0x9747b28c), and the mmh3 README's mmh3.hash("foo") = -156908512. */
	CHECK_EQ_INT(h("", 0), 0);
	CHECK_EQ_INT(h("", 1), 0x514E28B7);
	CHECK_EQ_INT(h("", 0xffffffff), 0x81F16F39);
	CHECK_EQ_INT(ax_murmur3_32("\0\0\0\0", 4, 0), 0x2362F9DE);
	CHECK_EQ_INT(h("aaaa", 0x9747b28c), 0x5A97808A);
	CHECK_EQ_INT(h("aaa", 0x9747b28c), 0x283E0130);
	CHECK_EQ_INT(h("aa", 0x9747b28c), 0x5D211726);
	CHECK_EQ_INT(h("a", 0x9747b28c), 0x7FA09EA6);
	CHECK_EQ_INT(h("abcd", 0x9747b28c), 0xF0478627);
	CHECK_EQ_INT(h("Hello, world!", 0x9747b28c), 0x24884CBA);
	CHECK_EQ_INT(h("The quick brown fox jumps over the lazy dog", 0x9747b28c), 0x2FA826CD);
	CHECK_EQ_INT(h("foo", 0), 4138058784u); /* mmh3.hash("foo") = -156908512 */

	/* Unleash: unleash-client-node src/test/strategy/util.test.ts,
	 * "normalized values are the same across node, java, and go clients":
	 * normalizedValue('123', 'gr1') == 73, normalizedValue('999', 'groupX') == 25. */
	CHECK_EQ_INT(ax_flag_bucket("gr1", "123"), 73);
	CHECK_EQ_INT(ax_flag_bucket("groupX", "999"), 25);
	/* client-specification 03-gradual-rollout-user-id-strategy.json:
	 * Feature.B3 at 50% with groupId AB12A is on for userId 122, off for 155. */
	CHECK(ax_flag_bucket("AB12A", "122") <= 50);
	CHECK(ax_flag_bucket("AB12A", "155") > 50);
	return test_summary();
}
