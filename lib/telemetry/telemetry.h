/* telemetry.h: the local telemetry of ax (docs/telemetry.md, docs/PRIVACY.md).
 *
 * Every tool appends one small event per run to an append-only spool file in
 * the telemetry directory (lib/telemetry/hooks.c does it at exit); ax-telemetry moves
 * the spool into telemetry.db and reports on it. An event holds only the
 * fields of struct ax_tel_event, each checked against a fixed pattern or list
 * when it is encoded and again when it is decoded, so nothing else (a path,
 * a name, a message) can be recorded. */
#ifndef AX_TELEMETRY_H
#define AX_TELEMETRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- where data lives, the mode and consent (telemetry_config.c) ---- */

enum ax_tel_mode { AX_TEL_OFF, AX_TEL_LOCAL, AX_TEL_ON };

#define AX_TEL_RETENTION_DEFAULT 90
#define AX_TEL_SPOOL "events.spool"
#define AX_TEL_DB "telemetry.db"
#define AX_TEL_CONFIG "telemetry.conf"

struct ax_tel_config {
	enum ax_tel_mode mode;   /* as chosen with ax-telemetry off|local|on */
	int64_t consent;         /* unix time `ax-telemetry on` was run, 0 if never */
	int retention_days;
	char endpoint[512];      /* upload URL, "" if none configured */
	bool mode_in_file;       /* the file has a valid mode= line (else the default) */
};

/* $AX_TELEMETRY_DIR, else the state directory (base/state.h).
 * malloc'd; NULL if there is none (no absolute HOME or XDG_STATE_HOME). */
char *ax_tel_dir(void);
/* dir/name, malloc'd. */
char *ax_tel_path(const char *dir, const char *name);
/* Reads dir/telemetry.conf; a missing or unreadable file gives the defaults
 * (mode local, no consent, 90 days, no endpoint). */
void ax_tel_config_load(const char *dir, struct ax_tel_config *c);
/* Writes it atomically (temporary file + rename); 0 or -1 with errno. */
int ax_tel_config_save(const char *dir, const struct ax_tel_config *c);
/* The mode in effect: DO_NOT_TRACK (forces off) over AX_TELEMETRY over the
 * configured one. *source (if not NULL) names where it came from:
 * "DO_NOT_TRACK", "AX_TELEMETRY", "telemetry.conf" or "default". */
enum ax_tel_mode ax_tel_mode_effective(const struct ax_tel_config *c, const char **source);
const char *ax_tel_mode_name(enum ax_tel_mode m);
/* "off"/"local"/"on" -> 0 and *m; -1 otherwise. */
int ax_tel_mode_parse(const char *s, enum ax_tel_mode *m);

/* ---- the event (telemetry_event.c) ---- */

#define AX_TEL_ID_LEN 32
#define AX_TEL_MAX_ERRORS 8
#define AX_TEL_MAX_VARIANTS 32
#define AX_TEL_NAME_MAX 64     /* a flag name or variant */
#define AX_TEL_MAX_PAYLOAD 4000
/* Frame: "AXT1", payload length (u16 little endian), msgpack payload,
 * XXH32 of the payload (u32 little endian). */
#define AX_TEL_FRAME_OVERHEAD 10

/* The counts an event may carry, in this order. */
enum { AX_TEL_FILES, AX_TEL_RECORDS, AX_TEL_RESULTS, AX_TEL_BYTES, AX_TEL_ERRCOUNT, AX_TEL_NCOUNTS };
extern const char *const ax_tel_count_names[AX_TEL_NCOUNTS];

struct ax_tel_event {
	char uid[AX_TEL_ID_LEN + 1];       /* random per event */
	int64_t time;                      /* unix seconds rounded down to the hour */
	char session[AX_TEL_ID_LEN + 1];
	char install[AX_TEL_ID_LEN + 1];
	char tool[33];
	char version[33];
	char os[17];
	char arch[17];
	double duration_ms;
	int exit;
	int n_errors;
	char errors[AX_TEL_MAX_ERRORS][48];        /* "stage:code" */
	bool has_count[AX_TEL_NCOUNTS];
	uint64_t counts[AX_TEL_NCOUNTS];           /* bucketed */
	int n_variants;
	char flag[AX_TEL_MAX_VARIANTS][AX_TEL_NAME_MAX + 1];
	char variant[AX_TEL_MAX_VARIANTS][AX_TEL_NAME_MAX + 1];
};

/* 32 lowercase hex digits from getrandom(); 0, or -1 if no randomness. */
int ax_tel_random_id(char out[AX_TEL_ID_LEN + 1]);
bool ax_tel_valid_id(const char *s);
/* Largest value of the 0, 1, 2, 5, 10, 20, 50, ... series not above n. */
uint64_t ax_tel_bucket(uint64_t n);
/* The uname() system and machine, reduced to fixed lists ("other"). */
void ax_tel_platform(char os[17], char arch[17]);
/* A tool name as it may appear in an event: "ax" or "ax-<word>", else "other". */
void ax_tel_set_tool(struct ax_tel_event *e, const char *progname);
/* Adds "stage:code", each reduced to the fixed lists of
 * telemetry_codes.def; duplicates and errors past the maximum are dropped. */
void ax_tel_add_error(struct ax_tel_event *e, const char *stage, const char *code);
/* Adds a flag assignment; names or values outside [A-Za-z0-9._-]{1,64} are dropped. */
void ax_tel_add_variant(struct ax_tel_event *e, const char *flag, const char *value);
/* Sets a count by name (bucketed); unknown names are ignored. */
void ax_tel_set_count(struct ax_tel_event *e, const char *name, uint64_t n);
/* Every field within its pattern or list (what decode accepts). */
bool ax_tel_event_valid(const struct ax_tel_event *e);
bool ax_tel_stage_known(const char *s);
bool ax_tel_code_known(const char *s);

/* Writes the framed event into buf; returns its length, 0 if the event is
 * invalid or does not fit. */
size_t ax_tel_encode(const struct ax_tel_event *e, unsigned char *buf, size_t cap);
/* Decodes one payload (without the frame); false if it is not a valid event. */
bool ax_tel_decode(const unsigned char *payload, size_t len, struct ax_tel_event *e);

/* ---- the spool (telemetry_spool.c) ---- */

/* A spool nobody ingests stops growing here (~250 000 events). */
#define AX_TEL_SPOOL_MAX (64 << 20)

/* Appends one framed event to dir/events.spool with a single O_APPEND
 * write(). Never blocks for long and never prints; 0 or -1. */
int ax_tel_spool_append(const char *dir, const unsigned char *frame, size_t len);

/* Walks the frames of a spool held in memory. A stretch of bytes that is
 * not a valid frame (a torn or corrupted record) is skipped up to the next
 * frame that checks out, and counted. */
struct ax_tel_frames {
	const unsigned char *data;
	size_t len, pos;
	size_t corrupt;      /* stretches of bad bytes skipped */
};
void ax_tel_frames_init(struct ax_tel_frames *f, const unsigned char *data, size_t len);
/* The next valid event, or false at the end. */
bool ax_tel_frames_next(struct ax_tel_frames *f, struct ax_tel_event *e);

#endif
