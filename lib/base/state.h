/* state.h: the directory ax keeps its state in (the install id, telemetry,
 * the telemetry store), one rule for every part of ax. */
#ifndef AX_STATE_H
#define AX_STATE_H

/* $XDG_STATE_HOME/ax, else $HOME/.local/state/ax; a relative value of
 * either is ignored (the XDG spec calls it invalid). Malloc'd; NULL when
 * neither gives an absolute path: state is then not kept. */
char *ax_state_dir(void);

/* mkdir -p with mode 0700; 0, or -1 with errno. */
int ax_mkdirs(const char *dir);

#endif
