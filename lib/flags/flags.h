/* flags.h: feature flags and stage gates, evaluated the same way by every tool.
 *
 * docs/flags.md is the model: files, precedence, environment overrides and
 * the (Unleash-compatible) bucketing. Tools call the five functions below;
 * ax-flag uses the lower-level ax_flagset API in flags_model.h. */
#ifndef AX_FLAGS_H
#define AX_FLAGS_H

#include <stdbool.h>
#include <stddef.h>

/* Loads the flag files once: project .ax/flags.json over user ~/.config/ax/flags.json over built-in
 * defaults, environment (AX_FLAG_<NAME>, AX_FLAGS_OFF) last. Never fails: a broken file is reported
 * once on stderr and the defaults are used. Cheap (well under 1 ms with 1000 flags). */
void ax_flags_init(const char *tool);
bool ax_flag_enabled(const char *name);        /* for the flag's stickiness id; records the assignment */
bool ax_stage_enabled(const char *stage);      /* "parse" -> flag "stage.parse"; default on */
/* Assignments made so far by this process (for the telemetry event): fills up to max pairs,
 * returns how many there are. values are "on", "off" or a variant name. */
size_t ax_flags_assigned(const char **names, const char **values, size_t max);

#endif
