/*
 * slub_inspect.h - reading a SLUB cache's live state, for the shell's
 * SLUB views ("cache show", "cache map") (mm/slub_inspect.c).
 *
 * The back-end-neutral questions (find a cache by name, which cache owns
 * an object, the /proc/slabinfo rows, verify, ...) are mm/slab_inspect.h's
 * and both back ends answer them.  This header is what only SLUB has:
 * kmem_cache's oo/min/max, offset and inuse, each CPU's kmem_cache_cpu
 * (its CPU slab and lockless freelist), kmem_cache_node's partial and
 * full lists, and the per-CPU statistics (Linux's CONFIG_SLUB_STATS,
 * always kept here).
 *
 * Nothing here changes the allocator.  As in slab_inspect.h, each piece
 * is read under the rule that protects it: the cache's geometry is
 * fixed while it exists; a CPU's kmem_cache_cpu and its freelist are
 * copied on that CPU with interrupts off (an IPI), so a copy is one
 * moment of that CPU; the node's lists and the slabs on them are read
 * under list_lock.  The pieces are not one snapshot together.
 */
#ifndef MM_SLUB_INSPECT_H
#define MM_SLUB_INSPECT_H

#include <stdbool.h>
#include <stddef.h>
#include "mm/slab.h"

/* Linux 2.6.32's enum stat_item, in its order (include/linux/slub_def.h). */
enum stat_item {
	ALLOC_FASTPATH,		/* from the CPU slab's freelist */
	ALLOC_SLOWPATH,		/* through __slab_alloc() */
	FREE_FASTPATH,		/* onto the CPU slab's freelist */
	FREE_SLOWPATH,		/* through __slab_free() */
	FREE_FROZEN,		/* to another CPU's slab (frozen) */
	FREE_ADD_PARTIAL,	/* the free put a full slab on the partial list */
	FREE_REMOVE_PARTIAL,	/* the free emptied a partial slab: discarded */
	ALLOC_FROM_PARTIAL,	/* a CPU slab taken from the partial list */
	ALLOC_SLAB,		/* a CPU slab from the page allocator (new_slab) */
	ALLOC_REFILL,		/* the CPU freelist refilled from page->freelist */
	FREE_SLAB,		/* a slab's pages back to the page allocator */
	CPUSLAB_FLUSH,		/* a CPU slab given up by flush_slab() */
	DEACTIVATE_FULL,	/* the CPU slab was full when given up */
	DEACTIVATE_EMPTY,	/* ... empty */
	DEACTIVATE_TO_HEAD,	/* ... put at the head of the partial list */
	DEACTIVATE_TO_TAIL,	/* ... at the tail */
	DEACTIVATE_REMOTE_FREES,	/* ... and had objects other CPUs freed */
	ORDER_FALLBACK,		/* new_slab() fell back to the min order */
	NR_SLUB_STAT_ITEMS
};

/* "alloc_fastpath", ...: the names of Linux's /sys/kernel/slab/NAME/ files. */
const char *slub_stat_name(enum stat_item item);

/*
 * Whether kmem_cache_create(@name, @size, @align, @flags, a constructor
 * if @ctor) would find a slab order that holds one object, slub_debug's
 * flags for @name included (calculate_sizes() and calculate_order(),
 * creating nothing): when it would, a NULL from kmem_cache_create() is
 * out of memory.  If so, *@size_out gets the object's stride with its
 * metadata.
 */
bool slub_layout_fits(const char *name, size_t size, size_t align, unsigned long flags,
		      bool ctor, size_t *size_out);

/* A cache's geometry and identity, as kmem_cache_open() left them. */
struct slub_cache_info {
	const char *name;
	unsigned long flags;		/* SLAB_* (and __OBJECT_POISON) as kept */
	unsigned int size;		/* an object with its metadata: the stride */
	unsigned int objsize;		/* the caller's bytes */
	unsigned int inuse;		/* offset of the metadata */
	unsigned int offset;		/* the free pointer's offset in an object */
	/* SLAB_STORE_USER: the alloc track's offset (the free track follows), a track's bytes */
	unsigned int track, track_size;
	unsigned int align;
	unsigned int order, objects;		/* oo */
	unsigned int min_order, min_objects;	/* min */
	unsigned int max_order, max_objects;	/* max */
	unsigned long min_partial;
	int refcount;			/* 1 + the kmem_cache_create()s merged into it */
	bool has_ctor;
	/* the per-CPU statistics summed over the CPUs */
	unsigned long stat[NR_SLUB_STAT_ITEMS];
};
void slub_get_cache_info(struct kmem_cache *s, struct slub_cache_info *info);

/*
 * The names kmem_cache_create() was called with that were merged into
 * @s (Linux's aliases, /sys/kernel/slab's symlinks), oldest first: up to
 * @max into @names; returns how many there are.  The strings stay valid
 * while the alias exists (until the kmem_cache_destroy() that drops it).
 */
unsigned int slub_cache_aliases(struct kmem_cache *s, const char **names, unsigned int max);

/* One CPU's kmem_cache_cpu, copied on that CPU. */
struct slub_cpu_info {
	const void *page;	/* the CPU slab's first page; NULL if none */
	const void *freelist;	/* c->freelist: the next object this CPU hands out */
	unsigned int inuse;	/* page->inuse of the CPU slab: all but page->freelist's
				 * (c->freelist's objects count as in use there) */
	unsigned int objects;	/* page->objects */
	unsigned int stat[NR_SLUB_STAT_ITEMS];
};

enum slub_chain_break {
	SLUB_CHAIN_OK,		/* ends in NULL */
	SLUB_CHAIN_RANGE,	/* a pointer that is not an object of the slab */
	SLUB_CHAIN_CYCLE,	/* an object already on the chain */
	SLUB_CHAIN_TOO_LONG,	/* more than the slab's objects */
};

/* Objects per slab the free maps and chains below can describe. */
#define SLUB_INSPECT_MAX_OBJS 1024

/*
 * @cpu's kmem_cache_cpu and its lockless freelist, as object indices in
 * the CPU slab in the order they would be handed out: up to @max of them
 * into @chain; *@chain_len how many were walked, *@chain_break how the
 * walk ended.  -ENODEV if @cpu is not online.
 */
int slub_get_cpu_slab(struct kmem_cache *s, unsigned int cpu, struct slub_cpu_info *ci,
		      unsigned short *chain, unsigned int max, unsigned int *chain_len,
		      enum slub_chain_break *chain_break);

/* kmem_cache_node, read under list_lock. */
struct slub_node_info {
	unsigned long nr_partial;	/* slabs on the partial list */
	unsigned long nr_full;		/* slabs on the full list */
	unsigned long nr_slabs;		/* every slab: CPU, partial and full */
	unsigned long total_objects;	/* objects in them */
};
void slub_get_node(struct kmem_cache *s, struct slub_node_info *ni);

enum slub_list { SLUB_LIST_CPU, SLUB_LIST_PARTIAL, SLUB_LIST_FULL };

struct slub_slab_info {
	const void *page;	/* its first page: its first object */
	enum slub_list list;
	unsigned int cpu;	/* SLUB_LIST_CPU: the CPU whose slab it is */
	unsigned int inuse, objects;
	/*
	 * page->freelist: for a slab on a list, its free objects; for a CPU
	 * slab, the objects other CPUs freed into it since it became the
	 * CPU slab (its own CPU's free objects are on c->freelist, see
	 * slub_get_cpu_slab()).
	 */
	const void *freelist;
	/* page->freelist's chain as object indices, in order, and how it ended */
	const unsigned short *chain;
	unsigned int chain_len;
	enum slub_chain_break chain_break;
	/* bit i set: object i is free (on page->freelist, or on the CPU's c->freelist) */
	const unsigned char *free_map;
};

static inline bool slub_info_obj_free(const struct slub_slab_info *si, unsigned int i)
{
	return si->free_map[i / 8] & (1u << (i % 8));
}

/*
 * @fn for every slab of @s: the CPU slabs (cpu 0 up), then the partial
 * list, then the full list, in list order; returns the number visited.
 * The CPU slabs are read with their CPU's freelist copied first (an
 * IPI), the lists under list_lock with interrupts off: @fn may print and
 * read memory, and must not allocate, free or take a lock other than the
 * console's.
 */
unsigned long slub_for_each_slab(struct kmem_cache *s,
				 void (*fn)(const struct slub_slab_info *si, void *arg), void *arg);

/* SLAB_STORE_USER's record of an object's last alloc or free (mm/slub_debug.h's struct track). */
struct slub_track_info {
	unsigned long addr;	/* the caller; 0: none yet */
	unsigned long age;	/* jiffies since then, as Linux's print_track's age= */
	unsigned int cpu;
	int pid;		/* always 0 */
};

enum { SLUB_TRACK_ALLOC, SLUB_TRACK_FREE };

struct slub_object_info {
	bool allocated;		/* on neither page->freelist nor its CPU's c->freelist */
	bool has_tracks;	/* a SLAB_STORE_USER cache: track[] filled */
	struct slub_track_info track[2];	/* SLUB_TRACK_ALLOC, SLUB_TRACK_FREE */
};

/*
 * The object at @obj of @s, read with its slab locked: in an IPI on the
 * CPU whose slab it is, or from the partial or full list (list_lock, then
 * slab_trylock()).  -EINVAL if @obj is not the start of an object of @s;
 * -ENOENT if its slab was on no list each time it was looked for (being
 * made or freed).  Thread context (it sends IPIs).
 */
int slub_get_object(struct kmem_cache *s, const void *obj, struct slub_object_info *oi);

struct slab_event;	/* mm/slab_inspect.h */
/*
 * The newest alloc or free of the object at @obj that @s's journal
 * still holds, into @ev (mm/slub_journal.c): what "whatis" shows, as
 * SLAB's kmem_whatis() gives it.  False without a journal or such an
 * event.  Any context; lock-free (the ring's reader rules).
 */
bool slub_journal_last(struct kmem_cache *s, const void *obj, struct slab_event *ev);

#endif /* MM_SLUB_INSPECT_H */
