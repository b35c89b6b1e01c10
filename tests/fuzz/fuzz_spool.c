/* fuzz_spool: the telemetry spool reader (lib/telemetry/telemetry_event.c frames) on
 * arbitrary bytes, as a torn or corrupted events.spool would hold.
 *
 * Properties checked, beyond "no crash, no leak, no UB":
 *  - every event read is valid (what ax_tel_event_valid accepts), and
 *    encoding it again then reading that back gives the same event;
 *  - a valid frame written after any garbage is still found: the reader
 *    resynchronises, and the last event it returns is that frame's;
 *  - reading never returns more events than frames fit in the input;
 *  - the input as the payload of a frame with a correct checksum (so the
 *    event decoder sees arbitrary msgpack, not only what survives the
 *    checksum) reads as the event ax_tel_decode makes of it, or is
 *    skipped as corrupt when that refuses it. */
#include "telemetry/telemetry.h"

#include <stdbool.h>
#include <stdint.h>
#include <xxhash.h>
#include <stdlib.h>
#include <string.h>

static void sample_event(struct ax_tel_event *e)
{
	memset(e, 0, sizeof *e);
	memset(e->uid, 'a', AX_TEL_ID_LEN);
	memset(e->session, 'b', AX_TEL_ID_LEN);
	memset(e->install, 'c', AX_TEL_ID_LEN);
	e->time = 1764590400; /* on the hour */
	ax_tel_set_tool(e, "ax-load");
	strcpy(e->version, "0.1.0");
	ax_tel_platform(e->os, e->arch);
	e->duration_ms = 12.5;
	e->exit = 2;
	ax_tel_add_error(e, "load", "input");
	ax_tel_set_count(e, "files", 123);
	ax_tel_add_variant(e, "stage.parse", "on");
}

/* The events of a buffer; the last one in *last. */
static size_t read_all(const unsigned char *data, size_t len, struct ax_tel_event *last)
{
	struct ax_tel_frames f;
	struct ax_tel_event e;
	size_t n = 0;
	ax_tel_frames_init(&f, data, len);
	while (ax_tel_frames_next(&f, &e)) {
		if (!ax_tel_event_valid(&e))
			abort();
		unsigned char again[AX_TEL_MAX_PAYLOAD + AX_TEL_FRAME_OVERHEAD];
		size_t alen = ax_tel_encode(&e, again, sizeof again);
		struct ax_tel_frames g;
		struct ax_tel_event back;
		ax_tel_frames_init(&g, again, alen);
		if (!alen || !ax_tel_frames_next(&g, &back) || memcmp(&back, &e, sizeof e) != 0 ||
		    g.corrupt != 0)
			abort();
		*last = e;
		n++;
	}
	if (f.pos != len)
		abort();
	return n;
}

static void put_le(unsigned char *p, uint32_t v, int n)
{
	for (int i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void check_as_payload(const uint8_t *data, size_t size)
{
	if (size > AX_TEL_MAX_PAYLOAD)
		return;
	unsigned char frame[AX_TEL_MAX_PAYLOAD + AX_TEL_FRAME_OVERHEAD];
	memcpy(frame, "AXT1", 4);
	put_le(frame + 4, (uint32_t)size, 2);
	memcpy(frame + 6, data, size);
	put_le(frame + 6 + size, XXH32(data, size, 0), 4);
	struct ax_tel_event e, direct;
	read_all(frame, size + AX_TEL_FRAME_OVERHEAD, &e);
	bool valid = ax_tel_decode(data, size, &direct);
	struct ax_tel_frames f;
	ax_tel_frames_init(&f, frame, size + AX_TEL_FRAME_OVERHEAD);
	bool got = ax_tel_frames_next(&f, &e);
	/* A bad payload is skipped (frames inside it may then be found). */
	if (valid ? !got || f.corrupt != 0 || memcmp(&e, &direct, sizeof e) != 0 : f.corrupt != 1)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ax_tel_event last;
	size_t n = read_all(data, size, &last);
	if (n > size / AX_TEL_FRAME_OVERHEAD)
		abort();
	check_as_payload(data, size);

	struct ax_tel_event known;
	sample_event(&known);
	unsigned char frame[AX_TEL_MAX_PAYLOAD + AX_TEL_FRAME_OVERHEAD];
	size_t flen = ax_tel_encode(&known, frame, sizeof frame);
	if (!flen)
		abort();
	unsigned char *joined = malloc(size + flen);
	memcpy(joined, data, size);
	memcpy(joined + size, frame, flen);
	struct ax_tel_event decoded;
	struct ax_tel_frames alone;
	ax_tel_frames_init(&alone, frame, flen);
	if (!ax_tel_frames_next(&alone, &decoded))
		abort();
	if (read_all(joined, size + flen, &last) < 1 || memcmp(&last, &decoded, sizeof last) != 0)
		abort();
	free(joined);
	return 0;
}
