/*
 * slab_def.h - the slab allocator's data structures, as in Linux
 * 2.6.24's mm/slab.c, for the allocator, its reports and the shell's
 * dumps.  Differences from Linux: one node and no alien caches (no
 * NUMA), no RCU destruction, statistics always kept.
 *
 * Who may touch what (the locking rules of mm/slab.c):
 *  - cachep->array[cpu]: only CPU cpu, with interrupts off (or another
 *    CPU while cpu cannot run: before it is online, after it stopped);
 *  - kmem_list3 (lists, free_objects, free_limit, colour_next, the
 *    shared array's contents) and every slab on its lists: list_lock;
 *  - the tunables and the cache chain: cache_chain_lock;
 *  - size, geometry, flags, name, ctor: written at creation, then
 *    read-only.
 */
#ifndef MM_SLAB_DEF_H
#define MM_SLAB_DEF_H

#include "platform.h"
#include "list.h"
#include "mm/slab.h"

#define MAX_NUMNODES 1

/*
 * kmem_bufctl_t: the free-object chain of a slab.  Entry i holds the
 * index of the next free object after object i, BUFCTL_END last.  An
 * object off the chain is marked (as Linux's DEBUG does, here always):
 * BUFCTL_FREE when it left the slab (Linux's name: it is "free" of the
 * chain; it is handed out or in an array), BUFCTL_QUARANTINE when a
 * detector found it corrupt or freed twice: it never goes back on the
 * chain, so it is never handed out again (Linux's unused BUFCTL_ACTIVE).
 */
typedef unsigned int kmem_bufctl_t;
#define BUFCTL_END        ((kmem_bufctl_t)~0U)
#define BUFCTL_FREE       ((kmem_bufctl_t)~0U - 1)
#define BUFCTL_QUARANTINE ((kmem_bufctl_t)~0U - 2)
#define SLAB_LIMIT        ((kmem_bufctl_t)~0U - 3)

/*
 * struct slab: one slab's management, at the start of its pages (after
 * the colour offset) or off-slab in a general cache; the kmem_bufctl_t
 * array follows it.  28 bytes on the board, as in Linux.
 */
struct slab {
	struct list_head list;	/* on partial, full or free */
	unsigned long colouroff;	/* s_mem - the slab's first byte */
	void *s_mem;		/* the first object */
	unsigned int inuse;	/* objects handed out */
	kmem_bufctl_t free;	/* first free object, or BUFCTL_END */
	unsigned short nodeid;
};

/* A per-CPU (or shared) stack of free objects, LIFO. */
struct array_cache {
	unsigned int avail;	/* objects in entry[] */
	unsigned int limit;	/* entry[]'s size */
	unsigned int batchcount;	/* moved at a time to/from the lists */
	unsigned int touched;	/* used since the reaper last looked */
	void *entry[];
};

/* Bootstrap: an array of one entry, before kmalloc() works. */
#define BOOT_CPUCACHE_ENTRIES 1
struct arraycache_init {
	struct array_cache cache;
	void *entries[BOOT_CPUCACHE_ENTRIES];
};

/* A cache's slabs on one node. */
struct kmem_list3 {
	struct list_head slabs_partial;	/* partial list first, as in Linux */
	struct list_head slabs_full;
	struct list_head slabs_free;
	unsigned long free_objects;	/* free in slabs (not in arrays) */
	unsigned int free_limit;	/* free objects kept before slabs go */
	unsigned int colour_next;	/* colour of the next new slab */
	spinlock_t list_lock;
	struct array_cache *shared;	/* shared by the node's CPUs */
	unsigned long next_reap;	/* jiffies; updated without locking */
	int free_touched;		/* updated without locking */
};

/*
 * One CPU's hit and miss counts for a cache: written only by that CPU,
 * interrupts off (ac_stat_inc()), each CPU's on cache lines of its own,
 * so a hit writes nothing another CPU writes; kmem_cache_get_info() sums
 * the CPUs.  A deviation: Linux 2.6.24 keeps them as atomics in struct
 * kmem_cache, and only with DEBUG, because every CPU writing one line
 * costs a line transfer per hit (docs/slab.md, section 7).  Padded to
 * SLAB_STATS_STRIDE, not aligned: the type must not raise struct
 * kmem_cache's alignment (list heads stand in for caches in list walks).
 */
#define SLAB_STATS_STRIDE 64	/* the A9's lines are 32 bytes, the host's 64 */
struct kmem_cache_cpu_stats {
	unsigned int allochit;	/* allocations served by the CPU's array */
	unsigned int allocmiss;	/* allocations that needed a refill */
	unsigned int freehit;	/* frees that fit the CPU's array */
	unsigned int freemiss;	/* frees that needed a flush first */
	unsigned char pad[SLAB_STATS_STRIDE - 4 * sizeof(unsigned int)];
};

/*
 * Count one event in a CPU's statistics: only that CPU writes them, so a
 * plain increment, stored in one untorn write because other CPUs read
 * them meanwhile (kmem_cache_get_info()).
 */
static __always_inline void ac_stat_inc(unsigned int *stat)
{
	__atomic_store_n(stat, *stat + 1, __ATOMIC_RELAXED);
}

struct kmem_cache {
/* 0) per-cpu statistics, first: the object is cache-line aligned */
	struct kmem_cache_cpu_stats stats[NR_CPUS];	/* each written by its CPU */
/* 1) per-cpu data, touched during every alloc/free */
	struct array_cache *array[NR_CPUS];
/* 2) tunables, cache_chain_lock */
	unsigned int batchcount;
	unsigned int limit;
	unsigned int shared;

	unsigned int buffer_size;	/* object size with alignment */
	uint32_t reciprocal_buffer_size;
/* 3) touched by every alloc & free from the backend */
	unsigned int flags;		/* SLAB_*, CFLGS_OFF_SLAB */
	unsigned int num;		/* objects per slab */
/* 4) cache_grow/shrink */
	unsigned int gfporder;		/* 2^gfporder pages per slab */
	gfp_t gfpflags;			/* GFP_DMA for SLAB_CACHE_DMA */
	size_t colour;			/* colours: 0 .. colour-1 */
	unsigned int colour_off;	/* bytes per colour step */
	struct kmem_cache *slabp_cache;	/* off-slab: where struct slab lives */
	unsigned int slab_size;		/* struct slab + bufctls (+ padding) */
	unsigned int dflags;
	kmem_ctor_t ctor;
/* 5) cache creation/removal */
	const char *name;
	struct list_head next;		/* cache_chain; cache_chain_lock */
	size_t obj_size;		/* the size asked for */
	size_t align;			/* the alignment actually used */
/* 6) statistics: without locks where possible */
	unsigned long num_active;	/* list_lock */
	unsigned long num_allocations;	/* list_lock */
	unsigned long high_mark;	/* list_lock */
	unsigned long grown;		/* list_lock */
	unsigned long reaped;
	unsigned long errors;
	unsigned long max_freeable;	/* list_lock */
	/* allochit, allocmiss, freehit, freemiss: per CPU, in stats[] */
/* 7) debugging (mm/slab_debug.c) */
	unsigned int dbg;		/* DBG_*: 0 keeps a cache on the fast paths;
				 * cache_dbg() */
	unsigned int obj_offset;	/* the caller's object starts this far in */
	unsigned int object_size;	/* its bytes (Linux's DEBUG obj_size) */
	unsigned long quarantined;	/* objects withheld for good; list_lock */
	struct slab_journal *journal;	/* the last events, or NULL; set once,
					 * published with release */
/* 8) the node lists; nothing after this */
	struct kmem_list3 *nodelists[MAX_NUMNODES];
};

#define CFLGS_OFF_SLAB 0x80000000UL
#define OFF_SLAB(x)    ((x)->flags & CFLGS_OFF_SLAB)

/*
 * cachep->dbg: why a cache's allocations and frees take the debug path.
 * Set at creation (checks, journal), by the first quarantine
 * (DBG_WITHHELD) and by tracing (kmem_cache_trace(): atomic
 * read-modify-writes under cache_chain_lock) while other CPUs allocate,
 * so it is read with cache_dbg(), without a lock.  DBG_CHECKS never
 * changes after creation.
 */
#define DBG_CHECKS   0x1	/* red zone, poison or store user */
#define DBG_JOURNAL  0x2	/* events go to cachep->journal */
#define DBG_TRACE    0x4	/* traced: the shell reports its tally after each command */
#define DBG_WITHHELD 0x8	/* an object is quarantined: check every alloc and free */
#define DBG_TRACE_EVENTS 0x10	/* traced: events are printed as they happen */

/* One untorn read of cachep->dbg (a plain load on the board). */
static __always_inline unsigned int cache_dbg(const struct kmem_cache *cachep)
{
	return __atomic_load_n(&cachep->dbg, __ATOMIC_RELAXED);
}

static inline kmem_bufctl_t *slab_bufctl(struct slab *slabp)
{
	return (kmem_bufctl_t *)(slabp + 1);
}

static inline void *index_to_obj(const struct kmem_cache *cachep,
				 const struct slab *slabp, unsigned int idx)
{
	return (char *)slabp->s_mem + cachep->buffer_size * idx;
}

/* Offset / buffer_size without a divide: Linux's reciprocal_divide(). */
static inline unsigned int obj_to_index(const struct kmem_cache *cachep,
					const struct slab *slabp, const void *objp)
{
	uint32_t offset = (uint32_t)((const char *)objp - (const char *)slabp->s_mem);

	return (uint32_t)(((uint64_t)offset * cachep->reciprocal_buffer_size) >> 32);
}

/* The chain of every cache, newest first (mm/slab.c). */
extern struct list_head cache_chain;
extern spinlock_t cache_chain_lock;

#endif /* MM_SLAB_DEF_H */
