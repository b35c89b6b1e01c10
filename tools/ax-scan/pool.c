/* pool.c: a ring of pending files. The main thread (the walk) appends;
 * workers claim the oldest unclaimed file, read and hash it; the main
 * thread writes the results from the oldest end as they complete, so the
 * output order is the walk's order whatever the timing. */
#include "pool.h"

#include "base/cli.h"
#include "stream/stream.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

struct scan_dir {
	int fd;
	atomic_int refs;
};

struct scan_dir *scan_dir_new(int fd)
{
	struct scan_dir *d = ax_malloc(sizeof *d);
	d->fd = fd;
	atomic_init(&d->refs, 1);
	return d;
}

struct scan_dir *scan_dir_ref(struct scan_dir *d)
{
	atomic_fetch_add_explicit(&d->refs, 1, memory_order_relaxed);
	return d;
}

void scan_dir_unref(struct scan_dir *d)
{
	if (d && atomic_fetch_sub_explicit(&d->refs, 1, memory_order_acq_rel) == 1) {
		close(d->fd);
		free(d);
	}
}

int scan_dir_fd(const struct scan_dir *d)
{
	return d->fd;
}

#define RING 1024
/* A worker claims up to this many files at once: fewer lock round trips. */
#define BATCH 8

struct job {
	char *path, *name;
	struct scan_dir *dir;
	struct scan_result res;
	bool done;
};

struct scan_pool {
	struct scan *s;
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	struct job ring[RING];
	uint64_t head, next, tail; /* head <= next <= tail: emitted, claimed, queued */
	bool stop;
	unsigned idle;      /* workers waiting for work */
	bool main_waiting;  /* the main thread waits for a job to finish */
	unsigned nthreads;
	pthread_t *threads;
	struct scan_buf buf; /* for reading in the caller's thread */
};

static void *worker(void *arg)
{
	struct scan_pool *p = arg;
	struct scan_buf buf = { 0 };
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (p->next == p->tail && !p->stop) {
			p->idle++;
			pthread_cond_wait(&p->work, &p->mu);
			p->idle--;
		}
		if (p->next == p->tail)
			break;
		/* Leave some of a short queue to the other workers. */
		uint64_t n = (p->tail - p->next + p->nthreads - 1) / p->nthreads;
		n = n > BATCH ? BATCH : n;
		uint64_t first = p->next;
		p->next += n;
		pthread_mutex_unlock(&p->mu);
		for (uint64_t i = first; i < first + n; i++) {
			struct job *j = &p->ring[i % RING];
			scan_read_file(&p->s->opt, &buf, scan_dir_fd(j->dir), j->name, j->path, &j->res);
		}
		pthread_mutex_lock(&p->mu);
		for (uint64_t i = first; i < first + n; i++)
			p->ring[i % RING].done = true;
		if (p->main_waiting)
			pthread_cond_signal(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	free(buf.data);
	return NULL;
}

struct scan_pool *scan_pool_new(struct scan *s, unsigned threads)
{
	struct scan_pool *p = ax_calloc(1, sizeof *p);
	p->s = s;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->done, NULL);
	if (threads > 1) {
		p->threads = ax_malloc(threads * sizeof *p->threads);
		for (unsigned i = 0; i < threads; i++) {
			if (pthread_create(&p->threads[i], NULL, worker, p) != 0)
				break; /* fewer threads still work; none: read inline */
			p->nthreads++;
		}
	}
	return p;
}

/* With the lock held: write the finished files at the oldest end. */
static void emit_ready(struct scan_pool *p)
{
	while (p->head < p->tail && p->ring[p->head % RING].done) {
		struct job j = p->ring[p->head++ % RING];
		pthread_mutex_unlock(&p->mu);
		scan_emit(p->s, j.path, &j.res);
		free(j.path);
		free(j.name);
		scan_dir_unref(j.dir);
		pthread_mutex_lock(&p->mu);
	}
}

/* With the lock held: sleep until some worker finishes a batch. */
static void wait_done(struct scan_pool *p)
{
	p->main_waiting = true;
	pthread_cond_wait(&p->done, &p->mu);
	p->main_waiting = false;
}

void scan_pool_submit(struct scan_pool *p, struct scan_dir *dir, const char *name, const char *path)
{
	if (!p->nthreads) {
		struct scan_result r;
		scan_read_file(&p->s->opt, &p->buf, scan_dir_fd(dir), name, path, &r);
		scan_emit(p->s, path, &r);
		return;
	}
	pthread_mutex_lock(&p->mu);
	emit_ready(p);
	while (p->tail - p->head == RING) {
		wait_done(p);
		emit_ready(p);
	}
	struct job *j = &p->ring[p->tail++ % RING];
	*j = (struct job){ ax_strdup(path), ax_strdup(name), scan_dir_ref(dir), { 0 }, false };
	if (p->idle)
		pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->mu);
}

void scan_pool_finish(struct scan_pool *p)
{
	if (!p->nthreads)
		return;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		emit_ready(p);
		if (p->head == p->tail)
			break;
		wait_done(p);
	}
	pthread_mutex_unlock(&p->mu);
}

void scan_pool_free(struct scan_pool *p)
{
	if (!p)
		return;
	scan_pool_finish(p);
	pthread_mutex_lock(&p->mu);
	p->stop = true;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	for (unsigned i = 0; i < p->nthreads; i++)
		pthread_join(p->threads[i], NULL);
	free(p->threads);
	free(p->buf.data);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->done);
	free(p);
}

/* ---- records from outside the pool: after the files submitted before ---- */

void scan_gone(struct scan *s, const char *path)
{
	scan_pool_finish(s->pool);
	s->gone++;
	if (s->opt.list) {
		scan_list_line("(gone)", "-", path);
		return;
	}
	msgpack_packer *pk = ax_writer_packer(s->out);
	msgpack_pack_map(pk, 2);
	ax_pack_kv_str(pk, "t", "gone");
	ax_pack_kv_str(pk, "path", path);
	ax_writer_end_record(s->out);
}

void scan_fail(struct scan *s, const char *path, int errnum, const char *what)
{
	scan_pool_finish(s->pool);
	scan_error(s, path, errnum, what);
}
