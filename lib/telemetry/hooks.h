/* hooks.h: where every tool evaluates flags and records telemetry.
 *
 * A tool's main() calls ax_tool_init() first: it starts the hooks and
 * registers ax_hooks_finish() as base's exit routine (ax_exit() runs it) and
 * ax_hooks_error() as its error routine (ax_note_error(), as the stream
 * writer's error records, passes to it).
 * Tools add counts as they go (files, records, results, bytes, errors) and
 * name the errors they met by stage and code (the fixed lists of
 * telemetry_codes.def; anything else is recorded as "other"). Neither hook
 * may block, touch the network, or change a tool's output or exit status. */
#ifndef AX_HOOKS_H
#define AX_HOOKS_H

#include <stdint.h>

/* ax_cli_init(tool), the routines, then ax_hooks_start(tool). */
void ax_tool_init(const char *tool);

void ax_hooks_start(const char *tool);
void ax_hooks_count(const char *what, uint64_t n);
void ax_hooks_error(const char *stage, const char *code);
void ax_hooks_finish(int status);

#endif
