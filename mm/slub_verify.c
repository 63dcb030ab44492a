/*
 * slub_verify.c - kmem_cache_verify() for SLUB (mm/slab_inspect.h):
 * walk every slab and counter of one cache, or of every cache, and
 * print what does not add up; after illumos' ::kmem_verify and Linux
 * 2.6.32's validate_slab_cache() (check_slab, on_freelist, the counts of
 * validate_slab_node).
 *
 * What must hold, for each cache:
 *  1. every object is exactly one of: handed out, on its CPU slab's
 *     lockless freelist (c->freelist), on its slab's page->freelist;
 *  2. each freelist ends in NULL within the slab's objects, every link
 *     the start of an object of that slab, no object twice;
 *  3. a CPU slab is frozen, its CPU's only, with inuse = objects - the
 *     length of page->freelist (c->freelist's objects count as in use
 *     there); a partial slab is not frozen, has objects free, and inuse
 *     = objects - its chain; a full slab is not frozen, inuse = objects,
 *     freelist NULL;
 *  4. each slab's first page is PG_slab, not PG_tail, page->slab is the
 *     cache, objects is the cache's for the slab's order, its tail
 *     pages point back at it, and its list links are intact;
 *  5. nr_partial is the partial list's length, nr_slabs the CPU,
 *     partial and full slabs together, total_objects their objects.
 * One line per problem, "verify: cache 'NAME': ...", at most
 * VERIFY_LINES_MAX per cache and then how many more.
 *  6. in a debug cache (F/Z/P/U), every slab is PG_slub_debug and every
 *     object passes SLUB's check_object() (red zone, poison, padding,
 *     free pointer) as it is free or handed out, and the slab's padding
 *     its slab_pad_check(): mm/slub_debug.c reports each finding in
 *     Linux's words, counted (cachep->errors), and restores the bytes;
 *     a line here says how many a slab had.
 *
 * One moment, as SLAB's verify: slub_lock (no cache comes or goes),
 * then stop_machine() holds every other online CPU in an interrupt
 * handler with interrupts off, where none is half way through a fast
 * path or holds a slab lock (both are taken with interrupts off); each
 * cache is walked under its list_lock.  The walk reads and prints; it
 * changes nothing but what SLUB's debug checks restore (6.).  Every pointer is checked before it is followed and
 * every loop bounded, so garbage is reported, not faulted on.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "mm/mmzone.h"
#include "mm/slab_inspect.h"
#include "mm/slub_debug.h"
#include "mm/slub_def.h"

#define VERIFY_LINES_MAX 20		/* problem lines per cache */

struct verify_ctx {
	struct kmem_cache *only;
	struct slab_verify_result *res;
	struct kmem_cache *s;
	unsigned long problems;
	unsigned long nr_slabs, nr_objects, nr_partial;
	unsigned long max_slabs;	/* bound on a list's length */
	unsigned char map[SLUB_INSPECT_MAX_OBJS / 8];	/* one slab's free objects */
};

static __printf(2, 3) void problem(struct verify_ctx *v, const char *fmt, ...)
{
	va_list ap;

	v->res->errors++;
	if (++v->problems > VERIFY_LINES_MAX)
		return;
	printf("verify: cache '%s': ", v->s->name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static unsigned long addr(const void *p)
{
	return (unsigned long)(uintptr_t)p;
}

/* A struct page pointer that is one of mem_map's. */
static bool page_in_mem_map(const struct page *page)
{
	uintptr_t off = (uintptr_t)page - (uintptr_t)mem_map;

	return off / sizeof(struct page) < max_mapnr && off % sizeof(struct page) == 0;
}

/* The slab's first page: flags, owner, objects, tail pages. */
static bool verify_slab_page(struct verify_ctx *v, struct page *page, const char *where)
{
	struct kmem_cache *s = v->s;
	unsigned long order, nr_pages;

	if (!page_in_mem_map(page)) {
		problem(v, "%s: 0x%08lx is no struct page", where, addr(page));
		return false;
	}
	if (!page_flag(page, PG_slab) || page_flag(page, PG_tail) || page->slab != s) {
		problem(v, "%s: slab 0x%08lx is not a slab page of this cache", where,
			addr(page_address(page)));
		return false;
	}
	order = page->private;
	if (!page_flag(page, PG_head) || order >= MAX_ORDER ||
	    page->objects != (PAGE_SIZE << order) / (unsigned long)s->size ||
	    page->objects > SLUB_INSPECT_MAX_OBJS) {
		problem(v, "%s: slab 0x%08lx: order %lu holds %u objects of %d bytes", where,
			addr(page_address(page)), order, page->objects, s->size);
		return false;
	}
	nr_pages = 1UL << order;
	for (unsigned long i = 1; i < nr_pages; i++)
		if (!page_flag(page + i, PG_tail) || page[i].first_page != page)
			problem(v, "%s: slab 0x%08lx: page %lu does not point back at it", where,
				addr(page_address(page)), i);
	v->nr_slabs++;
	v->nr_objects += page->objects;
	v->res->slabs++;
	v->res->objects += page->objects;
	return true;
}

/* Walk one freelist of @page into v->map; its length, or -1 if it breaks. */
static long verify_chain(struct verify_ctx *v, struct page *page, const void *head,
			 const char *which)
{
	const char *base = page_address(page);
	unsigned int objects = page->objects;
	long len = 0;

	for (const char *p = head; p; p = get_freepointer(v->s, (void *)p)) {
		uintptr_t off = (uintptr_t)p - (uintptr_t)base;
		unsigned int i = slub_obj_index(v->s, off);

		if (p < base || i >= objects || (uintptr_t)i * (uintptr_t)v->s->size != off) {
			problem(v, "slab 0x%08lx: %s link %ld is 0x%08lx, not an object of the slab",
				addr(base), which, len, addr(p));
			return -1;
		}
		if (v->map[i / 8] & (1u << (i % 8))) {
			problem(v, "slab 0x%08lx: %s reaches object %u (0x%08lx) twice",
				addr(base), which, i, addr(p));
			return -1;
		}
		v->map[i / 8] |= (unsigned char)(1u << (i % 8));
		len++;
	}
	return len;
}

/*
 * A debug cache's slab whose chains were walked (v->map: its free
 * objects): PG_slub_debug, and SLUB's own checks of every object
 * (mm/slub_debug.c), which print their reports and fix what they find.
 */
static void verify_debug(struct verify_ctx *v, struct page *page)
{
	unsigned int bad;

	if (kmem_cache_debug(v->s) != PageSlubDebug(page))
		problem(v, "slab 0x%08lx: PG_slub_debug %s", addr(page_address(page)),
			PageSlubDebug(page) ? "set on a slab of a cache without debugging" :
			"not set on a debug cache's slab");
	if (!kmem_cache_debug(v->s))
		return;
	bad = slub_debug_validate_slab(v->s, page, v->map);
	if (bad)
		problem(v, "slab 0x%08lx: %u finding%s of SLUB's debug checks (reported above, "
			"fixed)", addr(page_address(page)), bad, bad == 1 ? "" : "s");
}

static void verify_cpu_slab(struct verify_ctx *v, unsigned int cpu)
{
	struct kmem_cache_cpu *c = v->s->cpu_slab[cpu];
	struct page *page = c->page;
	char where[16];
	long own, remote;

	if (!page) {
		if (c->freelist)
			problem(v, "cpu%u has a freelist 0x%08lx but no slab", cpu,
				addr(c->freelist));
		return;
	}
	snprintf(where, sizeof(where), "cpu%u", cpu);
	if (!verify_slab_page(v, page, where))
		return;
	for (unsigned int other = 0; other < cpu; other++)
		if (v->s->cpu_slab[other] && v->s->cpu_slab[other]->page == page)
			problem(v, "slab 0x%08lx is the slab of cpu%u and cpu%u",
				addr(page_address(page)), other, cpu);
	if (!page_flag(page, PG_slub_frozen))
		problem(v, "cpu%u's slab 0x%08lx is not frozen", cpu, addr(page_address(page)));
	memset(v->map, 0, sizeof(v->map));
	own = verify_chain(v, page, c->freelist, "the lockless freelist");
	remote = verify_chain(v, page, page->freelist, "page->freelist");
	if (own >= 0 && remote >= 0 && page->inuse != page->objects - remote)
		problem(v, "cpu%u's slab 0x%08lx: inuse %u, but %u objects less %ld on "
			"page->freelist", cpu, addr(page_address(page)), page->inuse,
			page->objects, remote);
	if (own >= 0 && remote >= 0)
		verify_debug(v, page);
}

static void verify_listed_slab(struct verify_ctx *v, struct page *page, enum slub_list list)
{
	const char *name = list == SLUB_LIST_PARTIAL ? "partial" : "full";
	long free;

	if (!verify_slab_page(v, page, name))
		return;
	if (page_flag(page, PG_slub_frozen))
		problem(v, "%s slab 0x%08lx is frozen", name, addr(page_address(page)));
	memset(v->map, 0, sizeof(v->map));
	free = verify_chain(v, page, page->freelist, "page->freelist");
	if (free < 0)
		return;
	if (page->inuse != page->objects - free)
		problem(v, "%s slab 0x%08lx: inuse %u, but %ld of %u objects are free", name,
			addr(page_address(page)), page->inuse, free, page->objects);
	if (list == SLUB_LIST_PARTIAL && !free)
		problem(v, "partial slab 0x%08lx has no free object", addr(page_address(page)));
	if (list == SLUB_LIST_FULL && free)
		problem(v, "full slab 0x%08lx has %ld free objects", addr(page_address(page)),
			free);
	verify_debug(v, page);
}

/* One list, list_lock held: links, length bound, each slab. */
static unsigned long verify_list(struct verify_ctx *v, struct list_head *head,
				 enum slub_list list)
{
	unsigned long n = 0;

	for (struct list_head *pos = head->next; pos != head; pos = pos->next) {
		if (!page_in_mem_map(list_entry(pos, struct page, lru))) {
			problem(v, "a list link 0x%08lx is no slab's", addr(pos));
			break;
		}
		if ((pos->next != head && !page_in_mem_map(list_entry(pos->next, struct page, lru))) ||
		    pos->next->prev != pos) {
			problem(v, "the list is broken after slab 0x%08lx",
				addr(page_address(list_entry(pos, struct page, lru))));
			break;
		}
		if (++n > v->max_slabs) {
			problem(v, "a list longer than memory can hold: a cycle");
			break;
		}
		verify_listed_slab(v, list_entry(pos, struct page, lru), list);
	}
	return n;
}

static void verify_cache(struct verify_ctx *v, struct kmem_cache *s)
{
	struct kmem_cache_node *n = get_node(s, 0);
	unsigned long flags, nr_partial;

	v->s = s;
	v->problems = v->nr_slabs = v->nr_objects = 0;
	v->max_slabs = max_mapnr;
	v->res->caches++;
	spin_lock_irqsave(&n->list_lock, flags);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (s->cpu_slab[cpu])
			verify_cpu_slab(v, cpu);
	nr_partial = verify_list(v, &n->partial, SLUB_LIST_PARTIAL);
	verify_list(v, &n->full, SLUB_LIST_FULL);
	if (n->nr_partial != nr_partial)
		problem(v, "nr_partial is %lu, the partial list holds %lu", n->nr_partial,
			nr_partial);
	if ((unsigned long)atomic_read(&n->nr_slabs) != v->nr_slabs)
		problem(v, "nr_slabs is %d, the CPU, partial and full slabs are %lu",
			atomic_read(&n->nr_slabs), v->nr_slabs);
	if ((unsigned long)atomic_read(&n->total_objects) != v->nr_objects)
		problem(v, "total_objects is %d, the slabs hold %lu", atomic_read(&n->total_objects),
			v->nr_objects);
	spin_unlock_irqrestore(&n->list_lock, flags);
	if (v->problems > VERIFY_LINES_MAX)
		printf("verify: cache '%s': %lu more problems not shown\n", s->name,
		       v->problems - VERIFY_LINES_MAX);
}

/* On this CPU, every other one held still; slub_lock held. */
static int verify_caches(void *arg)
{
	struct verify_ctx *v = arg;
	struct kmem_cache *s;

	list_for_each_entry(s, &slab_caches, list)
		if (!v->only || s == v->only)
			verify_cache(v, s);
	return 0;
}

static bool cache_on_chain(const struct kmem_cache *cachep)
{
	struct kmem_cache *s;

	list_for_each_entry(s, &slab_caches, list)
		if (s == cachep)
			return true;
	return false;
}

/* The walk's context is big (a bitmap): one walk at a time, under slub_lock. */
static struct verify_ctx verify_static;

unsigned long kmem_cache_verify(struct kmem_cache *cachep, struct slab_verify_result *res)
{
	struct verify_ctx *v = &verify_static;

	*res = (struct slab_verify_result){ 0 };
	spin_lock(&slub_lock);
	*v = (struct verify_ctx){ .only = cachep, .res = res };
	if (cachep && !cache_on_chain(cachep)) {
		printf("verify: 0x%08lx is not a cache on the cache chain\n", addr(cachep));
		res->errors++;
	} else if (stop_machine(verify_caches, v) < 0) {
		printf("verify: the walk faulted part way (above); what it found is incomplete\n");
		res->errors++;
	}
	spin_unlock(&slub_lock);
	return res->errors;
}
