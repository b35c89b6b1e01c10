/* install_id.h: the anonymous id of this installation.
 *
 * 32 lowercase hex digits of getrandom(), kept in
 * $XDG_STATE_HOME/ax/install-id (default ~/.local/state/ax/install-id).
 * Flags hash it for their default stickiness; telemetry puts it in events.
 * It names no person and no machine, and `ax-telemetry reset` replaces it. */
#ifndef AX_INSTALL_ID_H
#define AX_INSTALL_ID_H

/* Reads the id, or creates it atomically on first use. Never fails: when
 * the file can be neither read nor written a per-process random id is used. */
const char *ax_install_id(void);

/* Makes and stores a new id (the next ax_install_id() returns it).
 * 0 on success, -1 with errno if it could not be stored. */
int ax_install_id_reset(void);

#endif
