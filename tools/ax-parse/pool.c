/* pool.c: the worker threads, the bounded window and the ordered writer. */
#include "pool.h"
#include "base/progress.h"

#include <malloc.h>
#include <tree_sitter/api.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/cli.h"

enum slot_state { SLOT_FREE, SLOT_QUEUED, SLOT_RUNNING, SLOT_DONE, SLOT_WRITTEN };

/* Bytes of source being parsed at once, by all workers together. */
#define SOURCE_BUDGET (2u << 20)
/* After a file this large, give the freed tree back to the system: with a
 * malloc arena per thread, peaks would otherwise add up. */
#define TRIM_AFTER (256u << 10)

struct slot {
	enum slot_state state;
	bool is_file;
	bool counts;              /* a file, parsed or passed through unparsed */
	struct file_job job;
	char *raw;                /* record passed through */
	size_t raw_len;
	msgpack_sbuffer out;      /* the parsed record */
	bool failed;
	struct extract_error err;
};

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t space, work, done;
	struct slot *slots;
	uint64_t window;
	uint64_t head;            /* oldest record not yet written */
	uint64_t next_job;        /* next record a worker may look at */
	uint64_t tail;            /* next record to queue */
	uint64_t parsing_bytes;   /* sizes of the files being parsed */
	bool closed;
	bool ordered;
	int n_workers;
	pthread_t *workers;
	pthread_t writer;
	struct extract_limits limits;
	struct ax_writer *w;
	struct pool_stats stats;
	struct ax_progress progress; /* files written, for a front end's line */
	unsigned long long files_out;
};

static struct slot *slot_at(struct pool *p, uint64_t seq)
{
	return &p->slots[seq % p->window];
}

static void *worker_main(void *arg)
{
	struct pool *p = arg;
	struct extractor *x = extractor_new(&p->limits);
	pthread_mutex_lock(&p->mu);
	for (;;) {
		if (p->next_job < p->head)
			p->next_job = p->head;
		while (p->next_job < p->tail && !slot_at(p, p->next_job)->is_file)
			p->next_job++;
		if (p->next_job < p->tail) {
			struct slot *s = slot_at(p, p->next_job);
			uint64_t size = s->job.size;
			if (p->parsing_bytes > 0 && p->parsing_bytes + size > SOURCE_BUDGET) {
				pthread_cond_wait(&p->work, &p->mu);
				continue;
			}
			p->next_job++;
			p->parsing_bytes += size;
			s->state = SLOT_RUNNING;
			pthread_mutex_unlock(&p->mu);
			const struct file_job *j = &s->job;
			struct extract_job ej = {
				.path = j->path, .open_path = j->open_path, .lang_name = j->lang_name,
				.lang = j->lang, .hash = j->hash, .hash_len = j->hash_len,
				.size = (int64_t)j->size, .mtime = j->mtime,
			};
			msgpack_sbuffer_init(&s->out);
			s->failed = !extract_file(x, &ej, &s->out, &s->err);
			if (size > TRIM_AFTER)
				malloc_trim(0);
			pthread_mutex_lock(&p->mu);
			p->parsing_bytes -= size;
			s->state = SLOT_DONE;
			pthread_cond_signal(&p->done);
			pthread_cond_broadcast(&p->work);   /* budget freed */
			continue;
		}
		if (p->closed)
			break;
		pthread_cond_wait(&p->work, &p->mu);
	}
	pthread_mutex_unlock(&p->mu);
	extractor_free(x);
	return NULL;
}

/* The slot to write next, or NULL if none is ready. */
static struct slot *writable(struct pool *p)
{
	if (p->ordered) {
		struct slot *s = slot_at(p, p->head);
		return p->head < p->tail && s->state == SLOT_DONE ? s : NULL;
	}
	for (uint64_t i = p->head; i < p->tail; i++) {
		struct slot *s = slot_at(p, i);
		if (s->state == SLOT_DONE && (s->is_file || i == p->head))
			return s;
		if (!s->is_file && s->state != SLOT_WRITTEN)
			return NULL;   /* a passed-through record keeps its place */
	}
	return NULL;
}

static void write_slot(struct pool *p, struct slot *s)
{
	if (s->counts)
		ax_progress_files(&p->progress, ++p->files_out);
	if (!s->is_file) {
		ax_writer_raw(p->w, s->raw, s->raw_len);
	} else if (s->failed) {
		ax_write_err(p->w, s->job.path, "parse", s->err.code, s->err.msg);
	} else {
		ax_writer_raw(p->w, s->out.data, s->out.size);
	}
}

static void clear_slot(struct slot *s)
{
	if (s->is_file) {
		free(s->job.path);
		free(s->job.open_path);
		free(s->job.lang_name);
		free(s->job.hash);
		msgpack_sbuffer_destroy(&s->out);
	}
	free(s->raw);
	memset(s, 0, sizeof *s);
}

static void *writer_main(void *arg)
{
	struct pool *p = arg;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		struct slot *s = writable(p);
		if (!s) {
			if (p->closed && p->head == p->tail)
				break;
			pthread_cond_wait(&p->done, &p->mu);
			continue;
		}
		pthread_mutex_unlock(&p->mu);
		write_slot(p, s);
		if (s->is_file) {
			p->stats.files++;
			if (s->failed)
				p->stats.failed++;
			else
				p->stats.parsed++;
		}
		pthread_mutex_lock(&p->mu);
		clear_slot(s);   /* under the lock: workers look at is_file */
		s->state = SLOT_WRITTEN;
		while (p->head < p->tail && slot_at(p, p->head)->state == SLOT_WRITTEN) {
			slot_at(p, p->head)->state = SLOT_FREE;
			p->head++;
		}
		pthread_cond_signal(&p->space);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

struct pool *pool_new(int workers, bool ordered, const struct extract_limits *limits,
		      struct ax_writer *w)
{
	struct pool *p = ax_calloc(1, sizeof *p);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->space, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->done, NULL);
	/* Enough in flight to keep every worker busy behind one slow file. */
	p->window = 8 * (uint64_t)workers + 16;
	p->slots = ax_calloc(p->window, sizeof *p->slots);
	p->ordered = ordered;
	p->limits = *limits;
	p->w = w;
	ax_progress_init(&p->progress, -1); /* ax-parse draws no line of its own */
	p->n_workers = workers;
	p->workers = ax_calloc((size_t)workers, sizeof *p->workers);
	/* tree-sitter's own allocator abort()s when memory runs out; ours
	 * says "out of memory" and exits 3 like every other allocation. */
	ts_set_allocator(ax_malloc, ax_calloc, ax_realloc, free);
	int err = 0;
	for (int i = 0; i < workers && !err; i++)
		err = pthread_create(&p->workers[i], NULL, worker_main, p);
	if (err)
		ax_die(AX_EXIT_INTERNAL, "cannot start a worker thread: %s", strerror(err));
	if ((err = pthread_create(&p->writer, NULL, writer_main, p)) != 0)
		ax_die(AX_EXIT_INTERNAL, "cannot start the writer thread: %s", strerror(err));
	return p;
}

/* Wait for room, then fill the next slot under the lock. */
static struct slot *next_slot(struct pool *p)
{
	pthread_mutex_lock(&p->mu);
	while (p->tail - p->head >= p->window)
		pthread_cond_wait(&p->space, &p->mu);
	return slot_at(p, p->tail);
}

void pool_pass(struct pool *p, const void *raw, size_t len, bool file)
{
	struct slot *s = next_slot(p);
	s->is_file = false;
	s->counts = file;
	s->raw = ax_malloc(len ? len : 1);
	memcpy(s->raw, raw, len);
	s->raw_len = len;
	s->state = SLOT_DONE;
	p->tail++;
	pthread_cond_signal(&p->done);
	pthread_mutex_unlock(&p->mu);
}

void pool_file(struct pool *p, const struct file_job *job)
{
	struct slot *s = next_slot(p);
	s->is_file = s->counts = true;
	s->job = *job;
	s->state = SLOT_QUEUED;
	p->tail++;
	pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->mu);
}

void pool_finish(struct pool *p, struct pool_stats *stats)
{
	pthread_mutex_lock(&p->mu);
	p->closed = true;
	pthread_cond_broadcast(&p->work);
	pthread_cond_broadcast(&p->done);
	pthread_mutex_unlock(&p->mu);
	for (int i = 0; i < p->n_workers; i++)
		pthread_join(p->workers[i], NULL);
	pthread_join(p->writer, NULL);
	ax_progress_done(&p->progress);
	if (stats)
		*stats = p->stats;
	free(p->workers);
	free(p->slots);
	pthread_cond_destroy(&p->space);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->done);
	pthread_mutex_destroy(&p->mu);
	free(p);
}
