/* test_json.c: msgpack values as JSON text, UTF-8 checks, base64. */
#include "base/base64.h"
#include "base/json.h"
#include "stream/stream.h"
#include "test.h"

#include <stdlib.h>

/* JSON text of the value packed by `fill`. */
static char *to_json(void (*fill)(msgpack_packer *))
{
	msgpack_sbuffer sb;
	msgpack_packer pk;
	msgpack_sbuffer_init(&sb);
	msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
	fill(&pk);
	msgpack_unpacked u;
	msgpack_unpacked_init(&u);
	size_t off = 0;
	msgpack_unpack_next(&u, sb.data, sb.size, &off);
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	ax_json_write_value(out, &u.data);
	fclose(out);
	msgpack_unpacked_destroy(&u);
	msgpack_sbuffer_destroy(&sb);
	return text;
}

static void plain(msgpack_packer *pk)
{
	msgpack_pack_map(pk, 6);
	ax_pack_kv_str(pk, "s", "quote\" slash\\ tab\t nl\n ctl\x01 é");
	ax_pack_kv_int(pk, "neg", -42);
	ax_pack_kv_bool(pk, "b", false);
	ax_pack_str(pk, "nil");
	msgpack_pack_nil(pk);
	ax_pack_str(pk, "d");
	msgpack_pack_double(pk, 2.0);
	ax_pack_str(pk, "a");
	msgpack_pack_array(pk, 0);
}

static void tagged(msgpack_packer *pk)
{
	msgpack_pack_map(pk, 5);
	ax_pack_str(pk, "bad");
	ax_pack_strn(pk, "\xff\xfe", 2);
	ax_pack_str(pk, "bin");
	msgpack_pack_bin(pk, 3);
	msgpack_pack_bin_body(pk, "abc", 3);
	ax_pack_str(pk, "u");
	msgpack_pack_uint64(pk, UINT64_MAX);
	ax_pack_str(pk, "f");
	msgpack_pack_float(pk, 0.5f);
	ax_pack_str(pk, "m");
	msgpack_pack_map(pk, 1);
	msgpack_pack_int(pk, 7);
	msgpack_pack_true(pk);
}

static void lone_dollar(msgpack_packer *pk)
{
	msgpack_pack_map(pk, 1);
	ax_pack_kv_str(pk, "$str", "not a tag");
}

static void duplicate_keys(msgpack_packer *pk)
{
	msgpack_pack_map(pk, 2);
	ax_pack_kv_int(pk, "k", 1);
	ax_pack_kv_int(pk, "k", 2);
}

static void check_json(void (*fill)(msgpack_packer *), const char *want)
{
	char *got = to_json(fill);
	CHECK_EQ_STR(got, want);
	free(got);
}

static void test_json(void)
{
	check_json(plain, "{\"s\":\"quote\\\" slash\\\\ tab\\t nl\\n ctl\\u0001 é\",\"neg\":-42,"
			  "\"b\":false,\"nil\":null,\"d\":2.0,\"a\":[]}");
	check_json(tagged, "{\"bad\":{\"$str\":\"//4=\"},\"bin\":{\"$bin\":\"YWJj\"},"
			   "\"u\":{\"$u64\":\"18446744073709551615\"},\"f\":{\"$f32\":0.5},"
			   "\"m\":{\"$map\":[[7,true]]}}");
	check_json(lone_dollar, "{\"$map\":[[\"$str\",\"not a tag\"]]}");
	check_json(duplicate_keys, "{\"$map\":[[\"k\",1],[\"k\",2]]}");
}

static void test_utf8(void)
{
	CHECK(ax_utf8_valid("", 0));
	CHECK(ax_utf8_valid("plain ascii", 11));
	CHECK(ax_utf8_valid("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 9)); /* é € 😀 */
	CHECK(!ax_utf8_valid("\xc3", 1));                 /* truncated */
	CHECK(!ax_utf8_valid("\xc0\xaf", 2));             /* overlong / */
	CHECK(!ax_utf8_valid("\xe0\x80\xaf", 3));         /* overlong */
	CHECK(!ax_utf8_valid("\xed\xa0\x80", 3));         /* surrogate */
	CHECK(!ax_utf8_valid("\xf4\x90\x80\x80", 4));     /* above U+10FFFF */
	CHECK(!ax_utf8_valid("\x80", 1));                 /* lone continuation */
	CHECK(!ax_utf8_valid("a\xffz", 3));
}

static void test_base64(void)
{
	static const char *plain[] = { "", "f", "fo", "foo", "foob", "fooba", "foobar" };
	static const char *coded[] = { "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy" };
	for (int i = 0; i < 7; i++) {
		char out[16];
		unsigned char back[16];
		size_t n = strlen(plain[i]);
		ax_base64_encode((const unsigned char *)plain[i], n, out);
		CHECK_EQ_STR(out, coded[i]);
		CHECK_EQ_INT(ax_base64_len(n), strlen(coded[i]));
		CHECK_EQ_INT(ax_base64_decode(coded[i], strlen(coded[i]), back), (long long)n);
		CHECK(memcmp(back, plain[i], n) == 0);
	}
	unsigned char back[16];
	CHECK_EQ_INT(ax_base64_decode("Zg=", 3, back), -1);    /* not a multiple of 4 */
	CHECK_EQ_INT(ax_base64_decode("Z!==", 4, back), -1);   /* not in the alphabet */
	CHECK_EQ_INT(ax_base64_decode("Zh==", 4, back), -1);   /* non-canonical padding bits */
	CHECK_EQ_INT(ax_base64_decode("Zg==Zg==", 8, back), -1); /* padding inside */
}

int main(void)
{
	test_json();
	test_utf8();
	test_base64();
	return test_summary();
}
