/*
 * slab_inspect.h - reading a cache's live state, for the shell (and any
 * other tool that shows the allocator at work) (mm/slab_inspect.c).
 *
 * Nothing here changes the allocator.  Everything is read from the live
 * structures at the moment of the call, each piece under the rule that
 * protects it: the cache's fields are fixed while it exists (tunables
 * change only under cache_chain_lock, which callers of kmem_cache_find
 * do not need to hold); a CPU's array is copied on that CPU with
 * interrupts off (an IPI), so the copy is one consistent moment of it;
 * the node and its slabs are read under list_lock.  The pieces are not
 * one snapshot together: between two calls other CPUs may allocate.
 *
 * Lifetime: a cache pointer from kmem_cache_find() stays valid until the
 * cache is destroyed; only the shell destroys caches, one command at a
 * time, so it may keep the pointer for the length of a command.
 *
 * Both back ends answer the back-end-neutral questions, marked [both]
 * below (SLUB's in mm/slub_inspect.c and mm/slub_verify.c, with SLUB's
 * meaning where a field is SLAB's: see there).  Everything else here is
 * SLAB's alone; SLUB's own view is mm/slub_inspect.h.
 */
#ifndef MM_SLAB_INSPECT_H
#define MM_SLAB_INSPECT_H

#include <stdbool.h>
#include <stddef.h>
#include "mm/slab.h"
#include "mm/slab_geometry.h"

/*
 * cache_chain_lock: creating, tuning, shrinking and every report take
 * it.  For the shell's "fault ... locked", which stops a CPU holding it.
 */
spinlock_t *kmem_cache_chain_lock(void);	/* [both] */
/* The cache named @name, or NULL. */
struct kmem_cache *kmem_cache_find(const char *name);	/* [both] */
/* kmem_cache and the kmalloc caches: made at boot, never destroyed. */
bool kmem_cache_is_general(const struct kmem_cache *cachep);	/* [both] */
/*
 * True if @objp is the start of an object (as its caller sees it: after
 * red zone 1) in one of @cachep's slabs.  Object addresses everywhere in
 * this interface are such addresses.
 */
bool kmem_cache_owns(const struct kmem_cache *cachep, const void *objp);	/* [both] */
/* The cache of the slab @objp lies in, or NULL. */
struct kmem_cache *kmem_cache_of(const void *objp);	/* [both] */
/*
 * Where @objp, an object of @cachep that is handed out, lies: its slab's
 * first page (as "cache map" and "cache chain" name a slab) and its
 * index in the slab; false if @objp is not an object of @cachep.  No
 * lock and no IPI: a slab with an object handed out is not destroyed,
 * and its first object's address is fixed while it lives, so listing
 * many objects costs a few loads each.
 */
bool kmem_cache_obj_place(const struct kmem_cache *cachep, const void *objp,
			  const void **page, unsigned int *index);	/* [both] */
/*
 * The layout kmem_cache_create(@size, @align, @flags) would give on this
 * board, without creating anything; false if no slab of up to
 * KMALLOC_MAX_SIZE holds one object with its management.
 */
bool kmem_cache_layout(size_t size, size_t align, unsigned long flags,
		       struct slab_geometry *g);
/*
 * True in a slab_debug build (make SLAB_DEBUG=1, CONFIG_DEBUG_SLAB):
 * kmem_cache_create() adds Linux's FORCED_DEBUG flags to every cache.
 */
bool slab_forced_debug(void);	/* [both] */
/* The general cache kmalloc(@size, @gfpflags) uses (ZERO_SIZE_PTR for 0, NULL above 4 MiB). */
struct kmem_cache *kmem_find_general_cachep(size_t size, gfp_t gfpflags);	/* [both] */

struct kmem_cache_info {
	const char *name;
	/* geometry */
	size_t size;			/* asked for */
	unsigned int buffer_size;	/* after alignment: objsize */
	size_t align;			/* the alignment used */
	unsigned int num, gfporder;
	size_t colour;
	unsigned int colour_off, slab_size;
	unsigned int left_over;		/* a slab's bytes no object or on-slab
					 * management uses (colour is cut from it) */
	bool off_slab;
	const char *slabp_cache;	/* off-slab: where struct slab lives */
	unsigned long flags;		/* SLAB_* as created (debug flags as kept) */
	bool has_ctor;
	unsigned int obj_offset;	/* red zone 1's bytes before each object */
	unsigned int object_size;	/* the caller's bytes: what ksize() says */
	bool journal, trace;		/* keeps a journal; prints its events */
	/* tunables */
	unsigned int limit, batchcount, shared;
	/* statistics */
	unsigned long allochit, allocmiss, freehit, freemiss;
	unsigned long grown, reaped, high_mark, num_active, num_allocations, errors;
	unsigned long quarantined;	/* withheld by a detector (in num_active) */
};
/* [both] */
void kmem_cache_get_info(struct kmem_cache *cachep, struct kmem_cache_info *info);

struct array_info {
	unsigned int avail, limit, batchcount, touched;
};
/*
 * @cpu's array: its header and its first @max entries (entry[0] up),
 * copied on that CPU with interrupts off.  -ENODEV if @cpu has none.
 */
int kmem_cache_get_cpu_array(struct kmem_cache *cachep, unsigned int cpu,
			     struct array_info *ai, void **entries, unsigned int max);

struct node_info {
	unsigned long partial, full, free;	/* slabs on each list */
	unsigned long free_objects;
	unsigned int free_limit, colour_next;
	int free_touched;
	unsigned int shared_avail, shared_limit;	/* 0, 0 without a shared array */
	unsigned long next_reap;		/* jiffies */
};
/* The node's counters and the first @max entries of its shared array. */
void kmem_cache_get_node(struct kmem_cache *cachep, struct node_info *ni,
			 void **shared, unsigned int max);

enum slab_list { SLAB_PARTIAL, SLAB_FULL, SLAB_FREE };

enum slab_chain_break {
	SLAB_CHAIN_OK,		/* ends in BUFCTL_END */
	SLAB_CHAIN_RANGE,	/* a next index >= num (and not BUFCTL_END) */
	SLAB_CHAIN_CYCLE,	/* a next index already on the chain */
	SLAB_CHAIN_TOO_LONG,	/* more than SLAB_INSPECT_MAX_OBJS links shown */
};

/* Objects per slab that slab_info.free_map can describe. */
#define SLAB_INSPECT_MAX_OBJS 1024

struct slab_info {
	const void *slab;		/* its struct slab */
	const void *mem;		/* its first page */
	const void *s_mem;		/* object 0 */
	unsigned long colouroff;	/* s_mem - mem */
	unsigned int inuse;
	unsigned int free;		/* first free object; BUFCTL_END when none */
	enum slab_list list;
	/* bit i set: object i is on the slab's free chain (not handed out) */
	const unsigned char *free_map;
	/* bit i set: object i is quarantined (bufctl BUFCTL_QUARANTINE) */
	const unsigned char *quarantine_map;
	/*
	 * The free chain as walked from free: chain[0..chain_len-1] are the
	 * indices in order (at most SLAB_INSPECT_MAX_OBJS).  The walk stops
	 * at BUFCTL_END or where the chain breaks: chain_break says how, and
	 * break_index is the bad next index (out of range, or one already
	 * on the chain).
	 */
	const unsigned short *chain;
	unsigned int chain_len;
	enum slab_chain_break chain_break;
	unsigned int break_index;
};
#define SLAB_INFO_FREE_END 0xffffffffu	/* BUFCTL_END */

static inline bool slab_info_obj_free(const struct slab_info *si, unsigned int i)
{
	return si->free_map[i / 8] & (1u << (i % 8));
}

static inline bool slab_info_obj_quarantined(const struct slab_info *si, unsigned int i)
{
	return si->quarantine_map[i / 8] & (1u << (i % 8));
}

/*
 * Call @fn for every slab of the cache, partial then full then free, in
 * list order, under the node's list_lock with interrupts off: @fn may
 * print and read memory, and must not allocate, free or take a lock
 * other than the console's.  Returns the number of slabs visited.
 */
unsigned long kmem_cache_for_each_slab(struct kmem_cache *cachep,
				       void (*fn)(const struct slab_info *si, void *arg),
				       void *arg);

/* One cache's /proc/slabinfo row (mm/slabinfo.c). */
struct slabinfo_row {
	const char *name;
	unsigned long active_objs, num_objs;
	unsigned int objsize, objperslab, pagesperslab;
	unsigned int limit, batchcount, shared;
	unsigned long active_slabs, num_slabs, shared_avail;
};
/*
 * @fn for every cache's row, newest cache first, each counted under its
 * list_lock, with cache_chain_lock held throughout: @fn must not create,
 * destroy or tune a cache.
 */
/* [both] */
void kmem_cache_for_each_row(void (*fn)(const struct slabinfo_row *row, void *arg), void *arg);

/*
 * The journal (mm/slab_journal.c): the last SLAB_JOURNAL_SIZE events of a
 * cache that has one (SLAB_STORE_USER, or traced).  @obj is the address
 * a caller sees (after the red zone) for object events, the slab's first
 * page for grow and destroy.  @caller is the code address of the
 * allocator call the event happened in; for work that moves objects on
 * its own (the reaper, shrink, destroy, retuning) it is a token that
 * slab_event_format() prints as that work's name instead.
 */
#define SLAB_JOURNAL_SIZE 256

enum slab_event_type {
	SLAB_EV_ALLOC,		/* handed out by kmem_cache_alloc/kmalloc */
	SLAB_EV_FREE,		/* given back by kmem_cache_free/kfree */
	SLAB_EV_REFILL_SHARED,	/* shared array -> a CPU's array */
	SLAB_EV_REFILL_SLAB,	/* a slab -> a CPU's array */
	SLAB_EV_FLUSH_SHARED,	/* a CPU's array -> the shared array */
	SLAB_EV_TO_SLAB,	/* a CPU's array -> its slab (free_block) */
	SLAB_EV_GROW,		/* a new slab */
	SLAB_EV_DESTROY,	/* a slab's pages back to the buddy allocator */
	SLAB_EV_QUARANTINE,	/* a detector withheld it for good */
	SLAB_EV_SHARED_TO_SLAB,	/* the shared array -> its slab (free_block) */
	/*
	 * SLUB's (Linux 2.6.32's names; alloc and free are the two above).
	 * @obj is the slab's first byte for each.
	 */
	SLUB_EV_NEW_SLAB,	/* new_slab(): a slab from the page allocator */
	SLUB_EV_DISCARD_SLAB,	/* discard_slab(): its pages back */
	SLUB_EV_GET_PARTIAL,	/* get_partial(): the CPU slab from the partial list */
	SLUB_EV_ALLOC_REFILL,	/* the CPU slab's page->freelist (remote frees) loaded */
	SLUB_EV_DEACTIVATE_HEAD,	/* deactivate_slab(): to the partial list's head */
	SLUB_EV_DEACTIVATE_TAIL,	/* ... to its tail */
	SLUB_EV_DEACTIVATE_FULL,	/* ... to the full list */
	SLUB_EV_DEACTIVATE_EMPTY,	/* ... empty (kept for min_partial, or discarded) */
	SLUB_EV_FREE_FROZEN,	/* a free into another CPU's slab (page->freelist) */
	SLUB_EV_FREE_ADD_PARTIAL,	/* a free made a full slab partial (at the tail) */
	SLUB_EV_FLUSH,		/* flush_slab(): the CPU slab given up (CPUSLAB_FLUSH) */
	SLAB_EV_TYPES		/* the number of event types, both back ends' */
};

struct slab_event {
	unsigned long long ns;	/* sched_clock() */
	const void *obj;
	const void *caller;
	unsigned int seq;	/* the cache's event number, from 0 */
	unsigned short cpu;
	unsigned short type;	/* enum slab_event_type */
};

/* "alloc", "shared->cpu", ... */
const char *slab_event_name(unsigned int type);
/*
 * One event as a line (no newline), the same for "cache journal" and the
 * trace: "#SEQ cpuN SECONDS.MICROS EVENT OBJECT CALLER", the caller as a
 * code address or the name of the work that moved the object
 * ("cache_reap", "kmem_cache_shrink", ...).  SLAB_EVENT_LINE_MAX holds any.
 */
#define SLAB_EVENT_LINE_MAX 96
void slab_event_format(const struct slab_event *ev, char *buf, size_t len);
/* Up to @max of the journal's events, oldest first; 0 without a journal. */
unsigned int kmem_cache_journal(struct kmem_cache *cachep, struct slab_event *evs,
				unsigned int max);
/* Events the journal has recorded since it began (it keeps the last 256). */
unsigned int kmem_cache_journal_recorded(struct kmem_cache *cachep);

/*
 * Tracing's tally (kmem_cache_trace()): what moved in a traced cache,
 * per CPU and per kind of work, so a command can end with what it made
 * the allocator do.  Row 0 of a CPU is the API's calls (allocations,
 * frees and the refills, flushes and growth they cause); row 1 + an
 * enum slab_mover is that work's (cache_reap, kmem_cache_shrink, ...).
 * Counted whenever the cache keeps a journal; kmem_cache_trace_take()
 * hands out what was counted since its last call.
 */
#define SLAB_TRACE_ROWS   5	/* the API, then the four movers */
#define SLAB_TRACE_GROWN  4	/* the newest slabs grown, kept per row */

enum slab_refill_kind {
	SLAB_REFILL_SHARED,	/* from the shared array (transfer_objects) */
	SLAB_REFILL_SLABS,	/* from partial or free slabs */
	SLAB_REFILL_GROWN,	/* from slabs, after cache_grow() made one */
	SLAB_REFILL_KINDS,
};

struct slab_trace_grown {
	const void *slab;	/* its first page */
	unsigned int colour;	/* its colour: l3->colour_next when it grew */
};

struct slab_trace_counts {
	unsigned int events[SLAB_EV_TYPES];	/* objects (slabs for grow, destroy) */
	unsigned int refills[SLAB_REFILL_KINDS];	/* cache_alloc_refill() calls */
	unsigned int flushes_shared;	/* cache_flusharray() calls to the shared array */
	unsigned int flushes_slabs;	/* ... to the slabs (free_block()) */
	/*
	 * The newest min(events[SLAB_EV_GROW], SLAB_TRACE_GROWN) slabs
	 * grown, oldest first (in a take; in the tally a ring).
	 */
	struct slab_trace_grown grown[SLAB_TRACE_GROWN];
	unsigned int grown_next;	/* the ring's next slot, counting up */
};

/* The name of row @row ("" for the API's, "cache_reap", ...). */
const char *slab_trace_row_name(unsigned int row);
/*
 * Up to @max caches being traced, in cache_chain order; -EBUSY if
 * cache_chain_lock stayed taken for 50 ms (a CPU stopped holding it).
 * The pointers stay valid until the caller destroys a cache (the
 * shell's commands run one at a time).
 */
int kmem_cache_traced(struct kmem_cache **caches, unsigned int max);
/*
 * What moved in @cachep since the last take (or since tracing began),
 * into @delta; true if anything did.  One taker at a time.
 */
bool kmem_cache_trace_take(struct kmem_cache *cachep,
			   struct slab_trace_counts delta[NR_CPUS][SLAB_TRACE_ROWS]);

/*
 * What an address is (mm/slab_whatis.c): Solaris' ::whatis for SLAB.
 * Safe for any address: outside the memory the page allocator manages,
 * in a page no slab holds, in a slab being grown or destroyed.  The
 * cache is pinned by cache_chain_lock for the whole call; the slab is
 * looked up on its node's lists and read under list_lock; a CPU's array
 * is searched on that CPU (an IPI), the shared array under list_lock.
 * The pieces are read one after another (see the top of this file).
 */
enum whatis_kind {
	WHATIS_NOT_MEMORY,	/* no page of the page allocator's */
	WHATIS_NOT_SLAB,	/* a page no slab holds */
	WHATIS_UNLISTED,	/* a slab page of @cachep whose slab is on no list */
	WHATIS_COLOUR,		/* the slab's colour area */
	WHATIS_SLAB_DESC,	/* its struct slab (on-slab management) */
	WHATIS_BUFCTL,		/* bufctl[index] of its management */
	WHATIS_MGMT_PAD,	/* the management's padding after the bufctls */
	WHATIS_LEFT_OVER,	/* after the slab's last object */
	/* the object at index, and one of its parts: */
	WHATIS_REDZONE1,	/* red zone 1, before it */
	WHATIS_OBJECT,		/* the caller's bytes */
	WHATIS_REDZONE2,	/* red zone 2, after it */
	WHATIS_USER,		/* the last user's word */
	WHATIS_PADDING,		/* bytes of its buffer none of the above uses */
};

enum whatis_state {
	WHATIS_ALLOCATED,	/* handed out */
	WHATIS_IN_ARRAY,	/* free, in a CPU's or the shared array (array, cpu, slot) */
	WHATIS_FREE_IN_SLAB,	/* free, on its slab's free chain (chain_pos) */
	WHATIS_QUARANTINED,	/* withheld by a detector; maybe still in an array */
};

enum whatis_array { WHATIS_NO_ARRAY, WHATIS_CPU_ARRAY, WHATIS_SHARED_ARRAY };

struct whatis_info {
	enum whatis_kind kind;
	struct kmem_cache *cachep;	/* from WHATIS_UNLISTED on */
	const void *page;		/* from WHATIS_COLOUR on: the slab's first page */
	const void *slab;		/* its struct slab */
	enum slab_list list;		/* the list it is on */
	unsigned long offset, size;	/* the address is byte offset of size in its part */
	unsigned int index;		/* bufctl or object index */
	/* from WHATIS_REDZONE1 on: the object and its state */
	const void *obj;		/* as its caller sees it */
	enum whatis_state state;
	enum whatis_array array;	/* where it waits, if in an array */
	unsigned int cpu, slot, avail;	/* a CPU's array: entry[slot] of avail */
	int chain_pos;			/* free in its slab: 0 is handed out next;
					 * -1 if the chain does not reach it */
	unsigned int chain_len;
	bool has_user;			/* SLAB_STORE_USER: @user is its word */
	const void *user;
	bool has_event;			/* the journal's newest alloc or free of it */
	struct slab_event ev;
};
void kmem_whatis(const void *addr, struct whatis_info *wi);

/*
 * The corruption lab's one write (mm/slab_whatis.c), so that detectors
 * can be shown catching real damage: the byte at @offset from @obj, an
 * object of @cachep (allocated, free or quarantined), becomes @byte,
 * and *@old gets the byte it was.  @offset may reach the red zones and
 * the user word: from -obj_offset to buffer_size - obj_offset - 1.  The
 * slab is found on its node's lists and written under list_lock, so a
 * free slab cannot go back to the buddy allocator meanwhile.  0, or
 * -EINVAL (not an object of @cachep, or @offset outside its buffer).
 */
int kmem_cache_corrupt(struct kmem_cache *cachep, void *obj, long offset, unsigned char byte,
		       unsigned char *old);

/*
 * verify (mm/slab_verify.c): walk @cachep (NULL: every cache) with every
 * other CPU held still, and check that each object is in exactly one
 * place (handed out, an array, a free chain, quarantined), that the free
 * chains, lists and counters add up and that free objects' red zones and
 * poison are intact.  One line per problem printed ("verify: cache
 * 'NAME': ..."); returns res->errors.  objects counts num for every slab
 * walked.  Thread context, interrupts on, no slab lock held.
 */
struct slab_verify_result { unsigned long caches, slabs, objects, errors; };
/* [both] */
unsigned long kmem_cache_verify(struct kmem_cache *cachep, struct slab_verify_result *res);

#endif /* MM_SLAB_INSPECT_H */
