/*
 * slab_journal_core.h - the journal's machinery both back ends share
 * (mm/slab_journal_core.c): the ring of a cache's last SLAB_JOURNAL_SIZE
 * events, tracing's per-CPU tally, the tokens that name work without an
 * API caller, and the event line.  Each back end keeps its journal
 * pointer and trace flags in its own struct kmem_cache and records its
 * own events through it (SLAB: mm/slab_journal.c, SLUB:
 * mm/slub_journal.c); nothing here knows either cache structure.
 *
 * Concurrency: any CPU, any context, records with atomics only (see the
 * ring's rules atop slab_journal_core.c); one taker of the tally at a
 * time (the shell).
 */
#ifndef MM_SLAB_JOURNAL_CORE_H
#define MM_SLAB_JOURNAL_CORE_H

#include <stdbool.h>
#include "platform.h"
#include "mm/slab_inspect.h"

struct slab_journal {
	atomic_t next;				/* the next sequence number */
	struct slab_event ev[SLAB_JOURNAL_SIZE];
	/*
	 * Tracing's tally: each CPU adds to its own rows only, with relaxed
	 * atomic adds (an interrupt's allocation may land between a thread's
	 * load and store).  mark is the tally at the last take; only the
	 * taker (and the back end's kmem_cache_trace(), under its chain
	 * lock, on the same shell thread) touches it.
	 */
	struct slab_trace_counts tally[NR_CPUS][SLAB_TRACE_ROWS];
	struct slab_trace_counts mark[NR_CPUS][SLAB_TRACE_ROWS];
};

/* Work that moves objects with no API caller: the journal names it. */
enum slab_mover {
	SLAB_MOVER_REAP,	/* cache_reap(), cache_reap_now() */
	SLAB_MOVER_SHRINK,	/* kmem_cache_shrink(), kmem_cache_shrink_all() */
	SLAB_MOVER_DESTROY,	/* kmem_cache_destroy() */
	SLAB_MOVER_TUNE,	/* do_tune_cpucache() */
};
/* The caller token for @who: what an event's caller is for that work. */
const void *slab_mover(enum slab_mover who);
/* The tally row of @caller: 1 + its enum slab_mover for a token, else 0 (the API's). */
unsigned int slab_journal_row(const void *caller);

/* Every slot unwritten, the tally zero; NULL without memory (kmalloc). */
struct slab_journal *slab_journal_alloc(void);
void slab_journal_free(struct slab_journal *j);
/*
 * Event @type of @obj by @caller on this CPU: into the ring and the
 * tally, and printed as "trace NAME: LINE" if @print_name is not NULL.
 */
void slab_journal_put(struct slab_journal *j, enum slab_event_type type, const void *obj,
		      const void *caller, const char *print_name);
/* Up to @max of the ring's events, oldest first. */
unsigned int slab_journal_read(struct slab_journal *j, struct slab_event *evs, unsigned int max);
/* Events recorded since the journal began. */
unsigned int slab_journal_count(struct slab_journal *j);
/* The newest alloc or free of @obj still in the ring, into @ev. */
bool slab_journal_find_last(struct slab_journal *j, const void *obj, struct slab_event *ev);
/* The tally as it is now becomes the mark: the next take starts here. */
void slab_journal_mark(struct slab_journal *j);
/* What moved since the last take, into @delta (zeroed first); true if anything did. */
bool slab_journal_take(struct slab_journal *j,
		       struct slab_trace_counts delta[NR_CPUS][SLAB_TRACE_ROWS]);

/* One more in a tally counter (relaxed atomic add: interrupts may nest). */
static inline void slab_journal_add(unsigned int *p)
{
	__atomic_fetch_add(p, 1, __ATOMIC_RELAXED);
}

#endif /* MM_SLAB_JOURNAL_CORE_H */
