/*
 * slab_verify.c - kmem_cache_verify(): walk every slab, array and
 * counter of one cache, or of every cache, and print what does not add
 * up; illumos' ::kmem_verify for SLAB, with Linux 2.6.24's check_slabp()
 * (a slab's free chain ends, within num steps, after num - inuse
 * objects) as one of its checks.
 *
 * What must hold, for each cache:
 *  1. every object is in exactly one place: handed out, in one CPU's
 *     array, in the shared array, on its slab's free chain, or
 *     quarantined (bufctl BUFCTL_QUARANTINE: a detector withheld it; it
 *     may still sit in an array until it is popped or flushed, and is
 *     skipped there);
 *  2. every array entry is the start of an object of this cache, held
 *     by no other slot and off its slab's chain; avail <= limit, and the
 *     limits are the cache's;
 *  3. each slab's free chain ends within num steps, without a cycle or
 *     an index out of range, after num - inuse objects, and every object
 *     off it is marked BUFCTL_FREE or BUFCTL_QUARANTINE;
 *  4. each slab is on the list its inuse says (full: num, free: 0,
 *     partial otherwise) with intact links, lies inside its pages, and
 *     its pages are PG_slab and point back at the cache and the slab;
 *  5. l3->free_objects is the sum of the free chains' lengths,
 *     num_active the sum of inuse, quarantined the number of quarantine
 *     marks;
 *  6. SLAB_RED_ZONE, SLAB_POISON: a free object (on a chain or in an
 *     array) has RED_INACTIVE red zones and intact poison, a handed-out
 *     one RED_ACTIVE red zones; quarantined objects are known bad and
 *     not looked at.
 * One line per problem, "verify: cache 'NAME': ...", at most
 * VERIFY_LINES_MAX per cache and then how many more; addresses are
 * objects as their callers see them (after red zone 1), as everywhere
 * in slab_inspect.h, and slabs are their first page.  The walk reads
 * and prints; it changes nothing in any cache.
 *
 * One moment.  The per-CPU arrays change on their own CPUs with
 * interrupts off and no lock; the node under list_lock; caches come and
 * go, and are tuned and reaped, under cache_chain_lock.  So the walk
 * takes cache_chain_lock (which also keeps the reaper out: it only
 * tries the lock), then stop_machine() (include/smp.h) holds every other
 * online CPU in an interrupt handler with interrupts off, where none can
 * be half way through an allocation or a free; a stopped (faulted) CPU
 * cannot run, so its array stands still.  Each cache is then walked
 * under its list_lock with interrupts off, so the walking CPU's own
 * array stands still too.  Nothing moves from the first cache to the
 * last: the numbers are one consistent state.  Rule for callers: thread
 * context, interrupts on, no slab lock held.
 *
 * Never faulting, always ending.  What is checked may be garbage: every
 * pointer is checked (virt_addr_valid, PG_slab, the cache it maps to)
 * before it is followed, every loop is bounded (a list by the number of
 * slabs memory can hold, a chain by num), and array lengths are clamped
 * to what was allocated.  On the board a fault would still be caught by
 * stop_machine()'s guard, which lets the other CPUs go.
 *
 * Memory.  The array entries of a cache are copied into a scratch area
 * and sorted, so duplicates sit side by side and each slab finds its
 * own with a binary search; two bitmaps mark a slab's objects on its
 * chain and in arrays.  The scratch is sized before the walk from the
 * tunables (fixed under cache_chain_lock): a static area covers Linux's
 * default tunables on four CPUs, so verify works when memory has run
 * out, which is when it is wanted; caches tuned larger get pages
 * straight from the buddy allocator.  Either way verify allocates
 * nothing from the caches it looks at.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mm/gfp.h"
#include "mm/mmzone.h"
#include "mm/slab_internal.h"

#define VERIFY_LINES_MAX 20		/* problem lines per cache */
#define WHERE_SHARED     NR_CPUS	/* verify_entry.where of the shared array */

/*
 * The static scratch: 4 CPUs x 120 + 8 x 60 shared slots (the default
 * tunables of the smallest objects) at 16 bytes (12 on the board), and
 * two bitmaps.  One walk at a time: cache_chain_lock.
 */
#define VERIFY_STATIC_BYTES (16 * 1024)
static unsigned long verify_static[VERIFY_STATIC_BYTES / sizeof(unsigned long)];

/* One array slot, as found. */
struct verify_entry {
	void *buf;		/* what the slot holds: a buffer, if all is well */
	unsigned int slot;
	unsigned short where;	/* the CPU, or WHERE_SHARED */
	bool matched;		/* it lies in one of the cache's listed slabs */
};

struct verify_ctx {
	struct kmem_cache *only;		/* NULL: every cache */
	struct slab_verify_result *res;
	/* scratch: verify_static, or pages from the buddy allocator (order >= 0) */
	void *scratch;
	int order;
	struct verify_entry *entries;
	unsigned long max_entries;
	unsigned char *on_chain, *in_array;	/* a bit per object of one slab */
	/* the cache being walked */
	struct kmem_cache *cachep;
	unsigned long nr_entries, problems;
	unsigned long chain_free, inuse, quarantine_marks, max_slabs;
};

static __printf(2, 3) void problem(struct verify_ctx *v, const char *fmt, ...)
{
	va_list ap;

	v->problems++;
	v->res->errors++;
	if (v->problems > VERIFY_LINES_MAX)
		return;
	printf("verify: cache '%s': ", v->cachep->name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static unsigned long addr(const void *p)
{
	return (unsigned long)(uintptr_t)p;
}

/* A buffer as its caller sees it: the object after red zone 1. */
static unsigned long obj_addr(const struct kmem_cache *cachep, const void *buf)
{
	return addr(buf) + cachep->obj_offset;
}

static const char *where_name(unsigned int where, char *buf, size_t len)
{
	if (where == WHERE_SHARED)
		return "the shared array";
	snprintf(buf, len, "cpu%u's array", where);
	return buf;
}

static bool map_test(const unsigned char *map, unsigned int i)
{
	return map[i / 8] & (1u << (i % 8));
}

static void map_set(unsigned char *map, unsigned int i)
{
	map[i / 8] |= (unsigned char)(1u << (i % 8));
}

static size_t map_bytes(unsigned int num)
{
	return (num + 7) / 8;
}

/* ---- the scratch area ---- */

/* Array slots a cache can have: its tunables, fixed under cache_chain_lock. */
static unsigned long entries_bound(const struct kmem_cache *cachep)
{
	return (unsigned long)NR_CPUS * cachep->limit +
	       (unsigned long)cachep->shared * cachep->batchcount;
}

/* Room for the largest cache to be walked; cache_chain_lock held.  False if none. */
static bool scratch_alloc(struct verify_ctx *v)
{
	unsigned long entries = 0, num = 0, bytes;
	struct kmem_cache *cachep;

	list_for_each_entry(cachep, &cache_chain, next) {
		if (v->only && cachep != v->only)
			continue;
		entries = entries > entries_bound(cachep) ? entries : entries_bound(cachep);
		num = num > cachep->num ? num : cachep->num;
	}
	bytes = entries * sizeof(struct verify_entry) + 2 * map_bytes((unsigned int)num);
	v->order = -1;
	if (bytes <= sizeof(verify_static)) {
		v->scratch = verify_static;
	} else {
		for (v->order = 0; (PAGE_SIZE << v->order) < bytes; v->order++)
			if (v->order == MAX_ORDER - 1)
				break;
		if ((PAGE_SIZE << v->order) >= bytes)
			v->scratch = (void *)__get_free_pages(GFP_KERNEL | __GFP_NOWARN,
							      (unsigned int)v->order);
	}
	if (!v->scratch) {
		printf("verify: no memory for the walk: %lu bytes of scratch\n", bytes);
		return false;
	}
	v->entries = v->scratch;
	v->max_entries = entries;
	v->on_chain = (unsigned char *)(v->entries + entries);
	v->in_array = v->on_chain + map_bytes((unsigned int)num);
	return true;
}

/* ---- the arrays ---- */

/* Copy @ac's entries; @limit is what the cache allocated it with. */
static void collect_array(struct verify_ctx *v, struct array_cache *ac, unsigned int where,
			  unsigned int limit)
{
	unsigned int n;
	char name[24];

	if (!ac)
		return;
	if (!virt_addr_valid(ac) || !virt_addr_valid(&ac->entry[limit ? limit - 1 : 0])) {
		problem(v, "%s at 0x%08lx is not in memory", where_name(where, name, sizeof(name)),
			addr(ac));
		return;
	}
	if (ac->limit != limit) {
		problem(v, "%s: limit %u, the cache's is %u", where_name(where, name, sizeof(name)),
			ac->limit, limit);
		limit = ac->limit < limit ? ac->limit : limit;
	}
	n = ac->avail;
	if (n > limit) {
		problem(v, "%s: avail %u > limit %u", where_name(where, name, sizeof(name)), n, limit);
		n = limit;
	}
	for (unsigned int i = 0; i < n && v->nr_entries < v->max_entries; i++)
		v->entries[v->nr_entries++] = (struct verify_entry){
			.buf = ac->entry[i], .slot = i, .where = (unsigned short)where,
		};
}

static int entry_cmp(const void *a, const void *b)
{
	const struct verify_entry *x = a, *y = b;

	if (x->buf != y->buf)
		return (uintptr_t)x->buf < (uintptr_t)y->buf ? -1 : 1;
	if (x->where != y->where)
		return x->where < y->where ? -1 : 1;
	return x->slot < y->slot ? -1 : x->slot > y->slot;
}

/* Every per-CPU and the shared array's entries, sorted by address. */
static void collect_arrays(struct verify_ctx *v, struct kmem_list3 *l3)
{
	struct kmem_cache *cachep = v->cachep;

	v->nr_entries = 0;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		collect_array(v, cachep->array[cpu], cpu, cachep->limit);
	collect_array(v, l3->shared, WHERE_SHARED, cachep->shared * cachep->batchcount);
	qsort(v->entries, v->nr_entries, sizeof(*v->entries), entry_cmp);
}

/* The first entry at or above @p. */
static unsigned long first_entry_from(const struct verify_ctx *v, const void *p)
{
	unsigned long lo = 0, hi = v->nr_entries;

	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;

		if ((uintptr_t)v->entries[mid].buf < (uintptr_t)p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* ---- one slab ---- */

struct slab_walk {
	struct slab *slabp;
	char *mem;			/* its first page */
	size_t bytes;			/* its pages' bytes */
	kmem_bufctl_t *bufctl;
	unsigned int chain_len;
	bool chain_ok;
};

/* Is @cachep a live cache (so its name may be read)?  cache_chain_lock held. */
static bool cache_on_chain(const struct kmem_cache *cachep)
{
	const struct kmem_cache *pc;

	list_for_each_entry(pc, &cache_chain, next)
		if (pc == cachep)
			return true;
	return false;
}

/* Can the struct slab at @slabp (a list member) be read?  Its bufctls too. */
static bool slab_readable(const struct kmem_cache *cachep, const struct slab *slabp)
{
	size_t mgmt = sizeof(struct slab) + cachep->num * sizeof(kmem_bufctl_t);
	const struct kmem_cache *home = OFF_SLAB(cachep) ? cachep->slabp_cache : cachep;

	return virt_addr_valid(slabp) && virt_addr_valid((const char *)slabp + mgmt - 1) &&
	       virt_to_cache(slabp) == home;
}

/* Do the slab's objects (and on-slab management) lie inside its pages? */
static bool slab_layout_ok(const struct kmem_cache *cachep, struct slab_walk *w)
{
	struct slab *slabp = w->slabp;
	uintptr_t s_mem = (uintptr_t)slabp->s_mem, mem = s_mem - slabp->colouroff;

	w->bytes = PAGE_SIZE << cachep->gfporder;
	w->mem = (char *)mem;
	if (slabp->colouroff >= w->bytes || s_mem < mem || (mem & (PAGE_SIZE - 1)) ||
	    !virt_addr_valid(w->mem) || !virt_addr_valid((void *)(mem + w->bytes - 1)))
		return false;
	if (slabp->colouroff + (size_t)cachep->num * cachep->buffer_size > w->bytes)
		return false;
	return OFF_SLAB(cachep) || s_mem == (uintptr_t)slabp + cachep->slab_size;
}

/* Every page: PG_slab, this cache, this slab.  The first that is not. */
static void verify_pages(struct verify_ctx *v, struct slab_walk *w)
{
	struct page *page = virt_to_page(w->mem);

	for (unsigned long i = 0; i < (1UL << v->cachep->gfporder); i++, page++) {
		if (!PageSlab(page)) {
			problem(v, "slab 0x%08lx: page %lu is not PG_slab", addr(w->mem), i);
			return;
		}
		if (page_get_cache(page) != v->cachep || page_get_slab(page) != w->slabp) {
			problem(v, "slab 0x%08lx: page %lu maps to cache 0x%08lx slab 0x%08lx, not "
				"0x%08lx 0x%08lx", addr(w->mem), i, addr(page_get_cache(page)),
				addr(page_get_slab(page)), addr(v->cachep), addr(w->slabp));
			return;
		}
	}
}

/* Linux's check_slabp(): follow the free chain, marking each object on it. */
static void walk_chain(struct verify_ctx *v, struct slab_walk *w)
{
	unsigned int num = v->cachep->num;
	kmem_bufctl_t i = w->slabp->free;

	memset(v->on_chain, 0, map_bytes(num));
	w->chain_len = 0;
	w->chain_ok = false;
	for (; i != BUFCTL_END; i = w->bufctl[i]) {
		if (i >= num) {
			problem(v, "slab 0x%08lx: free chain: index %u after %u objects is out of "
				"range (num %u)", addr(w->mem), i, w->chain_len, num);
			return;
		}
		if (map_test(v->on_chain, i)) {
			problem(v, "slab 0x%08lx: free chain: a cycle, back to object %u after %u "
				"objects", addr(w->mem), i, w->chain_len);
			return;
		}
		map_set(v->on_chain, i);
		w->chain_len++;
	}
	w->chain_ok = true;
}

static const char *const list_names[] = {
	[SLAB_PARTIAL] = "partial", [SLAB_FULL] = "full", [SLAB_FREE] = "free",
};

/* inuse against num, the list the slab is on, and its chain's length. */
static void verify_counts(struct verify_ctx *v, struct slab_walk *w, enum slab_list list)
{
	unsigned int num = v->cachep->num, inuse = w->slabp->inuse;
	enum slab_list want = inuse == num ? SLAB_FULL : inuse == 0 ? SLAB_FREE : SLAB_PARTIAL;

	if (inuse > num) {
		problem(v, "slab 0x%08lx: inuse %u > num %u", addr(w->mem), inuse, num);
		return;
	}
	if (want != list)
		problem(v, "slab 0x%08lx: inuse %u of %u on the %s list, not the %s list",
			addr(w->mem), inuse, num, list_names[list], list_names[want]);
	if (w->chain_ok && w->chain_len != num - inuse)
		problem(v, "slab 0x%08lx: free chain holds %u objects, num - inuse is %u",
			addr(w->mem), w->chain_len, num - inuse);
}

/* "red zones 0x... 0x...": printf has no %llx on the board (newlib-nano). */
static const char *redzones(struct kmem_cache *cachep, void *buf, char *s, size_t len)
{
	unsigned long long rz[2];

	slab_buf_redzones(cachep, buf, rz);
	snprintf(s, len, "red zones 0x%08lx%08lx 0x%08lx%08lx", (unsigned long)(rz[0] >> 32),
		 (unsigned long)(uint32_t)rz[0], (unsigned long)(rz[1] >> 32),
		 (unsigned long)(uint32_t)rz[1]);
	return s;
}

/* A free buffer's red zones and poison; @state says where it is. */
static void verify_free_buf(struct verify_ctx *v, void *buf, const char *state)
{
	struct kmem_cache *cachep = v->cachep;
	const char *what;
	char zones[48];
	long bad;

	if (!(cachep->flags & (SLAB_RED_ZONE | SLAB_POISON)))
		return;
	what = slab_verify_free_buf(cachep, buf, &bad);
	if (!what)
		return;
	if (bad >= (long)cachep->obj_offset && bad < (long)(cachep->obj_offset + cachep->object_size))
		problem(v, "object 0x%08lx (free, %s): %s: byte %ld is 0x%02x", obj_addr(cachep, buf),
			state, what, bad - (long)cachep->obj_offset, ((unsigned char *)buf)[bad]);
	else
		problem(v, "object 0x%08lx (free, %s): %s: %s", obj_addr(cachep, buf), state, what,
			redzones(cachep, buf, zones, sizeof(zones)));
}

/* A handed-out buffer's red zones. */
static void verify_inuse_buf(struct verify_ctx *v, void *buf)
{
	const char *what = slab_verify_inuse_buf(v->cachep, buf);
	char zones[48];

	if (what)
		problem(v, "object 0x%08lx (allocated): %s: %s", obj_addr(v->cachep, buf), what,
			redzones(v->cachep, buf, zones, sizeof(zones)));
}

/* What the slot pointing into the slab at @p points at, when not an object. */
static const char *not_an_object(const struct kmem_cache *cachep, const struct slab_walk *w,
				 const char *p)
{
	const char *s_mem = w->slabp->s_mem;
	size_t into;

	if (p < s_mem) {
		if (!OFF_SLAB(cachep) && p >= (const char *)w->slabp)
			return "the management";
		return "the colour area";
	}
	into = (size_t)(p - s_mem);
	if (into / cachep->buffer_size >= cachep->num)
		return "the space past the last object";
	return "the inside of an object";
}

/* One array entry that lies in the slab's pages; @prev is the entry before it. */
static void verify_entry(struct verify_ctx *v, struct slab_walk *w, struct verify_entry *e,
			 const struct verify_entry *prev)
{
	struct kmem_cache *cachep = v->cachep;
	const char *p = e->buf, *s_mem = w->slabp->s_mem;
	char name[24], name2[24], state[48];
	unsigned int idx;

	e->matched = true;
	if (p < s_mem || (size_t)(p - s_mem) % cachep->buffer_size ||
	    (size_t)(p - s_mem) / cachep->buffer_size >= cachep->num) {
		problem(v, "%s slot %u holds 0x%08lx: not an object, but %s of slab 0x%08lx",
			where_name(e->where, name, sizeof(name)), e->slot, obj_addr(cachep, p),
			not_an_object(cachep, w, p), addr(w->mem));
		return;
	}
	idx = (unsigned int)((size_t)(p - s_mem) / cachep->buffer_size);
	if (w->bufctl[idx] == BUFCTL_QUARANTINE)
		return;		/* withheld: it goes when popped or flushed */
	if (prev && prev->buf == e->buf) {
		problem(v, "object 0x%08lx: in %s slot %u and again in %s slot %u",
			obj_addr(cachep, p), where_name(prev->where, name, sizeof(name)), prev->slot,
			where_name(e->where, name2, sizeof(name2)), e->slot);
		return;
	}
	if (map_test(v->on_chain, idx)) {
		problem(v, "object 0x%08lx: in %s slot %u and on its slab's free chain",
			obj_addr(cachep, p), where_name(e->where, name, sizeof(name)), e->slot);
		return;
	}
	map_set(v->in_array, idx);
	snprintf(state, sizeof(state), "in %s slot %u", where_name(e->where, name, sizeof(name)),
		 e->slot);
	verify_free_buf(v, e->buf, state);
}

/* The array entries inside the slab's pages. */
static void verify_slab_entries(struct verify_ctx *v, struct slab_walk *w)
{
	unsigned long i = first_entry_from(v, w->mem);

	memset(v->in_array, 0, map_bytes(v->cachep->num));
	for (; i < v->nr_entries && (char *)v->entries[i].buf < w->mem + w->bytes; i++)
		verify_entry(v, w, &v->entries[i], i ? &v->entries[i - 1] : NULL);
}

/* Every object's bufctl mark, and the patterns of those not in an array. */
static void verify_objects(struct verify_ctx *v, struct slab_walk *w)
{
	struct kmem_cache *cachep = v->cachep;

	for (unsigned int idx = 0; idx < cachep->num; idx++) {
		void *buf = index_to_obj(cachep, w->slabp, idx);
		kmem_bufctl_t mark = w->bufctl[idx];

		if (mark == BUFCTL_QUARANTINE) {
			v->quarantine_marks++;
			continue;
		}
		if (!w->chain_ok)
			continue;	/* which objects are free is not known */
		if (map_test(v->on_chain, idx))
			verify_free_buf(v, buf, "on the free chain");
		else if (mark != BUFCTL_FREE)
			problem(v, "object 0x%08lx: off the free chain, but its bufctl is %u "
				"(neither BUFCTL_FREE nor BUFCTL_QUARANTINE)", obj_addr(cachep, buf),
				mark);
		else if (!map_test(v->in_array, idx))
			verify_inuse_buf(v, buf);	/* an array's were checked with their slot */
	}
}

static void verify_slab(struct verify_ctx *v, struct slab *slabp, enum slab_list list)
{
	struct slab_walk w = { .slabp = slabp, .bufctl = slab_bufctl(slabp) };

	v->res->slabs++;
	v->res->objects += v->cachep->num;
	v->inuse += slabp->inuse;
	if (!slab_layout_ok(v->cachep, &w)) {
		problem(v, "slab at 0x%08lx (its struct slab): s_mem 0x%08lx and colouroff %lu "
			"do not lie in its pages", addr(slabp), addr(slabp->s_mem), slabp->colouroff);
		v->chain_free += slabp->inuse <= v->cachep->num ? v->cachep->num - slabp->inuse : 0;
		return;
	}
	verify_pages(v, &w);
	walk_chain(v, &w);
	verify_counts(v, &w, list);
	verify_slab_entries(v, &w);
	verify_objects(v, &w);
	if (w.chain_ok)
		v->chain_free += w.chain_len;
	else
		v->chain_free += slabp->inuse <= v->cachep->num ? v->cachep->num - slabp->inuse : 0;
}

/* ---- one cache ---- */

/* Every slab of one list, each link checked before it is followed. */
static void verify_list(struct verify_ctx *v, struct list_head *head, enum slab_list list)
{
	struct list_head *prev = head, *p = head->next;
	unsigned long n = 0;

	for (; p != head; prev = p, p = p->next) {
		struct slab *slabp = list_entry(p, struct slab, list);

		if (n++ == v->max_slabs) {
			problem(v, "the %s list does not end after %lu slabs", list_names[list], n - 1);
			return;
		}
		if (!slab_readable(v->cachep, slabp)) {
			problem(v, "the %s list holds 0x%08lx, not a slab of this cache",
				list_names[list], addr(slabp));
			return;
		}
		if (p->prev != prev)
			problem(v, "slab at 0x%08lx (its struct slab): its link back is 0x%08lx, "
				"not 0x%08lx", addr(slabp), addr(p->prev), addr(prev));
		verify_slab(v, slabp, list);
	}
	if (head->prev != prev)
		problem(v, "the %s list's head links back to 0x%08lx, not to its last 0x%08lx",
			list_names[list], addr(head->prev), addr(prev));
}

/* Entries that lie in none of the cache's listed slabs: what they are instead. */
static void verify_strays(struct verify_ctx *v)
{
	char name[24];

	for (unsigned long i = 0; i < v->nr_entries; i++) {
		const struct verify_entry *e = &v->entries[i];
		struct kmem_cache *owner;
		const char *what;

		if (e->matched)
			continue;
		owner = virt_to_cache(e->buf);		/* NULL if not in memory */
		if (!virt_addr_valid(e->buf))
			what = "not an address in memory";
		else if (!owner)
			what = "not in a slab page";
		else if (owner == v->cachep)
			what = "in a slab of this cache that is on none of its lists";
		else
			what = NULL;
		if (what)
			problem(v, "%s slot %u holds 0x%08lx: %s", where_name(e->where, name, sizeof(name)),
				e->slot, obj_addr(v->cachep, e->buf), what);
		else
			problem(v, "%s slot %u holds 0x%08lx: in a slab page of cache '%s'",
				where_name(e->where, name, sizeof(name)), e->slot,
				obj_addr(v->cachep, e->buf),
				cache_on_chain(owner) ? owner->name : "(unknown)");
	}
}

/* free_objects, num_active and quarantined against what the slabs hold. */
static void verify_totals(struct verify_ctx *v, struct kmem_list3 *l3)
{
	struct kmem_cache *cachep = v->cachep;

	if (l3->free_objects != v->chain_free)
		problem(v, "free_objects is %lu, the free chains hold %lu", l3->free_objects,
			v->chain_free);
	if (cachep->num_active != v->inuse)
		problem(v, "num_active is %lu, the slabs' inuse adds up to %lu", cachep->num_active,
			v->inuse);
	if (cachep->quarantined != v->quarantine_marks)
		problem(v, "quarantined is %lu, %lu objects are marked BUFCTL_QUARANTINE",
			cachep->quarantined, v->quarantine_marks);
}

static void verify_cache(struct verify_ctx *v, struct kmem_cache *cachep)
{
	struct kmem_list3 *l3 = cachep->nodelists[0];
	unsigned long flags;

	v->cachep = cachep;
	v->problems = v->chain_free = v->inuse = v->quarantine_marks = 0;
	v->max_slabs = (max_pfn - min_low_pfn) >> cachep->gfporder;
	v->res->caches++;
	if (!l3 || !virt_addr_valid(l3)) {
		problem(v, "its node lists at 0x%08lx are not in memory", addr(l3));
		return;
	}
	spin_lock_irqsave(&l3->list_lock, flags);
	collect_arrays(v, l3);
	verify_list(v, &l3->slabs_partial, SLAB_PARTIAL);
	verify_list(v, &l3->slabs_full, SLAB_FULL);
	verify_list(v, &l3->slabs_free, SLAB_FREE);
	verify_strays(v);
	verify_totals(v, l3);
	spin_unlock_irqrestore(&l3->list_lock, flags);
	if (v->problems > VERIFY_LINES_MAX)
		printf("verify: cache '%s': %lu more problems not shown\n", cachep->name,
		       v->problems - VERIFY_LINES_MAX);
}

/* On this CPU, every other one held still (stop_machine); cache_chain_lock held. */
static int verify_caches(void *arg)
{
	struct verify_ctx *v = arg;
	struct kmem_cache *cachep;

	list_for_each_entry(cachep, &cache_chain, next)
		if (!v->only || cachep == v->only)
			verify_cache(v, cachep);
	return 0;
}

unsigned long kmem_cache_verify(struct kmem_cache *cachep, struct slab_verify_result *res)
{
	struct verify_ctx v = { .only = cachep, .res = res };

	*res = (struct slab_verify_result){ 0 };
	spin_lock(&cache_chain_lock);
	if (cachep && !cache_on_chain(cachep)) {
		printf("verify: 0x%08lx is not a cache on the cache chain\n", addr(cachep));
		res->errors++;
	} else if (!scratch_alloc(&v)) {
		res->errors++;
	} else {
		if (stop_machine(verify_caches, &v) < 0) {
			printf("verify: the walk faulted part way (above); what it found is incomplete\n");
			res->errors++;
		}
		if (v.order >= 0)
			free_pages((unsigned long)v.scratch, (unsigned int)v.order);
	}
	spin_unlock(&cache_chain_lock);
	return res->errors;
}
