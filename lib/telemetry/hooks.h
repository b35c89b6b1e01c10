/* hooks.h: where every tool evaluates flags and records telemetry.
 *
 * ax_cli_init() calls ax_hooks_start() and ax_exit() calls ax_hooks_finish().
 * Tools add counts as they go (files, records, results, bytes, errors) and
 * name the errors they met by stage and code (the fixed lists of
 * telemetry_codes.def; anything else is recorded as "other"). Neither hook
 * may block, touch the network, or change a tool's output or exit status. */
#ifndef AX_HOOKS_H
#define AX_HOOKS_H

#include <stdint.h>

void ax_hooks_start(const char *tool);
void ax_hooks_count(const char *what, uint64_t n);
void ax_hooks_error(const char *stage, const char *code);
void ax_hooks_finish(int status);

#endif
