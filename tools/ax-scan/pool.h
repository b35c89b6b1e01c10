/* pool.h: reading files on worker threads while the walk goes on, with
 * their records written in the order the files were submitted. */
#ifndef AX_SCAN_POOL_H
#define AX_SCAN_POOL_H

#include "scan.h"

/* An open directory shared by the walk and the pending reads in it; the
 * descriptor is closed when the last reference goes. */
struct scan_dir;
struct scan_dir *scan_dir_new(int fd);
struct scan_dir *scan_dir_ref(struct scan_dir *d);
void scan_dir_unref(struct scan_dir *d);
int scan_dir_fd(const struct scan_dir *d);

/* `threads` readers; 1 reads in the calling thread, at submit time. */
struct scan_pool *scan_pool_new(struct scan *s, unsigned threads);
/* Queue `name` in `dir`, to be recorded as `path`; emits finished files. */
void scan_pool_submit(struct scan_pool *p, struct scan_dir *dir, const char *name, const char *path);
/* Emit everything submitted so far. */
void scan_pool_finish(struct scan_pool *p);
void scan_pool_free(struct scan_pool *p);

#endif
