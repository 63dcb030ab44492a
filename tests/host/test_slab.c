/*
 * test_slab.c - the slab allocator (mm/slab*.c, mm/kmalloc.c) on a host
 * arena of 64 MiB, under ASan/UBSan.
 *
 * One allocator for the whole run (kmem_cache_init() runs once in the
 * group setup); every test leaves it as it found it: its caches
 * destroyed, its objects freed.  check_cache() (slab_check.c) verifies a
 * cache's lists, free chains, pages and arrays after the interesting
 * steps.  The host's geometry differs from the board's (8-byte words, a
 * 48-byte struct slab); the tests read it from the cache rather than
 * assume it.  Threads do not play CPUs here: cross-CPU calls run on the
 * test's thread (host_platform.h), host_set_cpu() picks the CPU.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "mm/gfp.h"
#include "mm/mmzone.h"
#include "mm/slab.h"
#include "mm/slab_internal.h"
#include "buddy_check.h"
#include "host_platform.h"
#include "slab_check.h"


static unsigned long free_pages_now(void)
{
	return global_page_state(NR_FREE_PAGES);
}

static struct kmem_cache *make_cache(const char *name, size_t size, unsigned long flags,
				     kmem_ctor_t ctor, int limit, int batchcount, int shared)
{
	struct kmem_cache *cachep = kmem_cache_create(name, size, 0, flags, ctor);

	assert_non_null(cachep);
	if (limit)
		assert_int_equal(slabinfo_write(name, limit, batchcount, shared), 0);
	return cachep;
}

static void destroy(struct kmem_cache *cachep)
{
	kmem_cache_destroy(cachep);
	for (struct list_head *p = cache_chain.next; p != &cache_chain; p = p->next)
		assert_ptr_not_equal(list_entry(p, struct kmem_cache, next), cachep);
}

/* ---- boot ---- */

static void boot_builds_every_general_cache(void **state)
{
	struct kmem_cache *cachep;
	unsigned int n = 0;

	(void)state;
	list_for_each_entry(cachep, &cache_chain, next) {
		check_cache(cachep);
		n++;
	}
	assert_int_equal(n, 1 + 2 * 20);
	assert_string_equal(list_first_entry(&cache_chain, struct kmem_cache, next)->name,
			    "size-4194304(DMA)");
	assert_ptr_equal(list_entry(cache_chain.prev, struct kmem_cache, next), &cache_cache);
	assert_string_equal(cache_cache.name, "kmem_cache");
	for (unsigned int i = 0; i < 20; i++) {
		struct kmem_cache *c = malloc_sizes[i].cs_cachep;
		struct kmem_cache *d = malloc_sizes[i].cs_dmacachep;

		assert_int_equal(c->buffer_size, malloc_sizes[i].cs_size);
		assert_string_equal(c->name, cache_names[i][0]);
		assert_string_equal(d->name, cache_names[i][1]);
		assert_int_equal(d->gfpflags, GFP_DMA);
		assert_int_equal(c->gfpflags, 0);
	}
	assert_int_equal(global_page_state(NR_SLAB_UNRECLAIMABLE), slab_pages_in_caches());
}

/* ---- kmalloc ---- */

struct kmalloc_args {
	size_t size;
	gfp_t flags;
	void *result;
};

static void run_kmalloc(void *arg)
{
	struct kmalloc_args *a = arg;

	a->result = kmalloc(a->size, a->flags);
}

static void kmalloc_picks_the_class_at_every_boundary(void **state)
{
	(void)state;
	for (unsigned int i = 0; malloc_sizes[i].cs_size != ~(size_t)0; i++) {
		size_t n = malloc_sizes[i].cs_size;
		void *p = kmalloc(n, GFP_KERNEL), *q;

		assert_non_null(p);
		assert_ptr_equal(virt_to_cache(p), malloc_sizes[i].cs_cachep);
		assert_int_equal(ksize(p), n);
		memset(p, 0xab, n);		/* the whole class size is usable */
		kfree(p);
		if (malloc_sizes[i + 1].cs_size == ~(size_t)0)
			break;
		q = kmalloc(n + 1, GFP_KERNEL);
		assert_ptr_equal(virt_to_cache(q), malloc_sizes[i + 1].cs_cachep);
		kfree(q);
	}
	assert_ptr_equal(virt_to_cache(kmalloc(1, GFP_KERNEL)), malloc_sizes[0].cs_cachep);
}

/* The constant-time lookup against the walk it replaced, for every size. */
static void kmalloc_index_is_the_first_class_big_enough(void **state)
{
	unsigned int i = 0;

	(void)state;
	for (size_t size = 1; size <= KMALLOC_MAX_SIZE + 2; size++) {
		while (size > malloc_sizes[i].cs_size)
			i++;
		if (kmalloc_index(size) != i)
			fail_msg("kmalloc_index(%zu) = %u, want %u", size, kmalloc_index(size), i);
	}
	assert_true(malloc_sizes[KMALLOC_NR_CLASSES].cs_size == ~(size_t)0);	/* the end */
	assert_int_equal(kmalloc_index(KMALLOC_MAX_SIZE + 1), KMALLOC_NR_CLASSES);
	assert_int_equal(kmalloc_index(~(size_t)0), KMALLOC_NR_CLASSES);
	assert_int_equal(kmalloc_index((size_t)1 << 40), KMALLOC_NR_CLASSES);
}

static void kmalloc_edges(void **state)
{
	struct kmalloc_args a = { KMALLOC_MAX_SIZE + 1, GFP_KERNEL, (void *)1 };
	char out[256];
	void *p, *q;

	(void)state;
	assert_ptr_equal(kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	assert_int_equal(ksize(ZERO_SIZE_PTR), 0);
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
	host_capture_stdout(run_kmalloc, &a, out, sizeof(out));
	assert_null(a.result);
	assert_string_equal(out, "kmalloc: 4194305 bytes is more than KMALLOC_MAX_SIZE (4194304)\n");
	a = (struct kmalloc_args){ KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN, (void *)1 };
	host_capture_stdout(run_kmalloc, &a, out, sizeof(out));
	assert_null(a.result);
	assert_string_equal(out, "");

	p = kmalloc(100, GFP_DMA);
	assert_ptr_equal(virt_to_cache(p), malloc_sizes[kmalloc_index(100)].cs_dmacachep);
	assert_ptr_equal(page_zone(virt_to_page(p)), &NODE_DATA(0)->node_zones[ZONE_DMA]);
	memset(p, 0x77, 128);
	kfree(p);
	q = kzalloc(100, GFP_DMA);		/* LIFO: the same object, zeroed */
	assert_ptr_equal(q, p);
	for (int i = 0; i < 128; i++)
		assert_int_equal(((unsigned char *)p)[i], 0);
	kfree(p);
}

/*
 * A DMA cache's growth asks its off-slab management cache for an object
 * with the caller's reclaim bits only: the general cache's new slab
 * comes from ZONE_NORMAL, as its own gfpflags say.
 */
static void dma_growth_keeps_management_out_of_zone_dma(void **state)
{
	struct kmem_cache *dma = malloc_sizes[kmalloc_index(1024)].cs_dmacachep, *mgmt;
	struct zone *dma_zone = &NODE_DATA(0)->node_zones[ZONE_DMA];
	void **hold = calloc(4096, sizeof(void *));
	unsigned int nhold = 0;
	struct slab *slabp;
	void *obj;

	(void)state;
	assert_true(OFF_SLAB(dma));
	mgmt = dma->slabp_cache;
	assert_int_equal(mgmt->gfpflags, 0);
	kmem_cache_shrink(dma);
	/* the management cache has no free object anywhere: it must grow too */
	while (mgmt->nodelists[0]->free_objects || mgmt->array[0]->avail ||
	       (mgmt->nodelists[0]->shared && mgmt->nodelists[0]->shared->avail))
		hold[nhold++] = kmem_cache_alloc(mgmt, GFP_KERNEL);
	obj = kmalloc(1024, GFP_DMA);
	assert_ptr_equal(page_zone(virt_to_page(obj)), dma_zone);
	slabp = virt_to_slab(obj);
	assert_ptr_equal(virt_to_cache(slabp), mgmt);
	assert_ptr_not_equal(page_zone(virt_to_page(slabp)), dma_zone);
	check_cache(mgmt);
	kfree(obj);
	while (nhold)
		kmem_cache_free(mgmt, hold[--nhold]);
	kmem_cache_shrink(dma);
	kmem_cache_shrink(mgmt);
	free(hold);
}

/* kmem_flagcheck(): GFP_DMA on a normal cache, or not on a DMA cache, is a bug. */
static void dma_flag_must_match_the_cache(void **state)
{
	struct kmem_cache *c = make_cache("test-flagcheck", 64, 0, NULL, 0, 0, 0);
	struct kmem_cache *d = make_cache("test-flagcheck-dma", 64, SLAB_CACHE_DMA, NULL, 0, 0, 0);

	(void)state;
	expect_assert_failure(kmem_cache_alloc(c, GFP_KERNEL | GFP_DMA));
	local_irq_enable();		/* the BUG left __cache_alloc with them off */
	expect_assert_failure(kmem_cache_alloc(d, GFP_KERNEL));
	local_irq_enable();
	kmem_cache_free(d, kmem_cache_alloc(d, GFP_KERNEL | GFP_DMA));
	kmem_cache_free(c, kmem_cache_alloc(c, GFP_KERNEL));
	check_cache(c);
	check_cache(d);
	destroy(c);
	destroy(d);
}

static void run_kfree(void *arg)
{
	kfree(arg);
}

struct cache_free_args {
	struct kmem_cache *cachep;
	void *objp;
};

static void run_cache_free(void *arg)
{
	struct cache_free_args *a = arg;

	kmem_cache_free(a->cachep, a->objp);
}

static void bad_frees_are_refused(void **state)
{
	struct kmem_cache *a = make_cache("test-a", 40, 0, NULL, 0, 0, 0);
	struct kmem_cache *b = make_cache("test-b", 40, 0, NULL, 0, 0, 0);
	void *objb = kmem_cache_alloc(b, GFP_KERNEL);
	unsigned long page = __get_free_page(GFP_KERNEL);
	struct cache_counts before = check_cache(b), after;
	char out[512], want[128];

	(void)state;
	snprintf(want, sizeof(want), "slab error in kfree(): 0x%08lx is not in a slab page; "
		 "not freed\n", page);
	host_capture_stdout(run_kfree, (void *)page, out, sizeof(out));
	assert_string_equal(out, want);
	host_capture_stdout(run_cache_free, &(struct cache_free_args){ a, objb }, out, sizeof(out));
	snprintf(want, sizeof(want), "slab error in kmem_cache_free(): cache 'test-a': 0x%08lx "
		 "is an object of cache 'test-b'; not freed\n", (unsigned long)objb);
	/* the report goes on with the bytes around it (test_slab_debug checks them) */
	assert_int_equal(strncmp(out, want, strlen(want)), 0);
	snprintf(want, sizeof(want), "\n  %08lx:", (unsigned long)objb / 16 * 16);
	assert_non_null(strstr(out, want));
	after = check_cache(b);
	assert_memory_equal(&before, &after, sizeof(before));
	free_page(page);
	kmem_cache_free(b, objb);
	destroy(a);
	destroy(b);
}

/* ---- what callers hold ---- */

/*
 * Objects of @cachep handed out and not waiting in an array, less those
 * that are other caches' off-slab slab management (one per such slab).
 */
static long objects_held(struct kmem_cache *cachep)
{
	struct kmem_list3 *l3 = cachep->nodelists[0];
	long held = (long)cachep->num_active;
	struct kmem_cache *pc;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (cachep->array[cpu])
			held -= cachep->array[cpu]->avail;
	if (l3->shared)
		held -= l3->shared->avail;
	list_for_each_entry(pc, &cache_chain, next) {
		if (OFF_SLAB(pc) && pc->slabp_cache == cachep) {
			struct cache_counts cc = check_cache(pc);

			held -= (long)(cc.partial + cc.full + cc.free);
		}
	}
	return held;
}

/* What the allocator holds for its caches: descriptors, arrays, node lists. */
static long allocator_objects_held(void)
{
	long held = objects_held(&cache_cache);

	for (unsigned int i = 0; malloc_sizes[i].cs_size != ~(size_t)0; i++)
		held += objects_held(malloc_sizes[i].cs_cachep) +
			objects_held(malloc_sizes[i].cs_dmacachep);
	return held;
}

static void ksize_is_the_usable_size(void **state)
{
	struct kmem_cache *c = make_cache("test-ksize", 13, 0, NULL, 0, 0, 0);
	void *obj = kmem_cache_alloc(c, GFP_KERNEL);

	(void)state;
	/* 13 bytes round up to a word (8 on the host) and align to 8: 16 */
	assert_int_equal(ksize(obj), 16);
	assert_int_equal(kmem_cache_size(c), 16);
	kmem_cache_free(c, obj);
	destroy(c);
}

/*
 * create, retune and destroy leave nothing behind: the descriptor, every
 * per-CPU array (old and new), the shared array and the node lists go
 * back to cache_cache and the general caches.
 */
static void destroy_gives_back_arrays_and_lists(void **state)
{
	long held = allocator_objects_held();
	struct kmem_cache *c = make_cache("test-leak", 100, 0, NULL, 0, 0, 0);
	void *obj = kmem_cache_alloc(c, GFP_KERNEL);

	(void)state;
	/* its descriptor, NR_CPUS arrays, a shared array, its node lists */
	assert_int_equal(allocator_objects_held(), held + 1 + NR_CPUS + 1 + 1);
	assert_int_equal(slabinfo_write("test-leak", 30, 7, 2), 0);
	assert_int_equal(allocator_objects_held(), held + 1 + NR_CPUS + 1 + 1);
	assert_int_equal(slabinfo_write("test-leak", 30, 7, 0), 0);	/* no shared array */
	assert_int_equal(allocator_objects_held(), held + 1 + NR_CPUS + 1);
	kmem_cache_free(c, obj);
	destroy(c);
	assert_int_equal(allocator_objects_held(), held);
}

/* ---- tuning: all or nothing ---- */

struct tunables_snapshot {
	unsigned int limit, batchcount, shared, free_limit;
	struct array_cache *array[NR_CPUS], *shared_array;
};

static struct tunables_snapshot tunables_of(struct kmem_cache *c)
{
	struct tunables_snapshot t = {
		.limit = c->limit, .batchcount = c->batchcount, .shared = c->shared,
		.free_limit = c->nodelists[0]->free_limit,
	};

	memcpy(t.array, c->array, sizeof(t.array));
	t.shared_array = c->nodelists[0]->shared;
	return t;
}

static void assert_untouched(struct kmem_cache *c, const struct tunables_snapshot *before)
{
	struct tunables_snapshot now = tunables_of(c);

	assert_memory_equal(&now, before, sizeof(now));
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		assert_int_equal(c->array[cpu]->limit, before->limit);
	assert_int_equal(c->nodelists[0]->shared->limit, before->shared * before->batchcount);
}

/* ---- what a hit writes stays on its CPU's own lines ---- */

#define HOST_LINE 64	/* x86-64's and arm64's line, wider than SMP_CACHE_BYTES */

/* Do [@a, @a + @alen) and [@b, @b + @blen) touch a common HOST_LINE line? */
static bool share_a_line(const void *a, size_t alen, const void *b, size_t blen)
{
	uintptr_t a0 = (uintptr_t)a / HOST_LINE, a1 = ((uintptr_t)a + alen - 1) / HOST_LINE;
	uintptr_t b0 = (uintptr_t)b / HOST_LINE, b1 = ((uintptr_t)b + blen - 1) / HOST_LINE;

	return a0 <= b1 && b0 <= a1;
}

static size_t array_bytes(const struct array_cache *ac)
{
	return sizeof(*ac) + ac->limit * sizeof(void *);
}

/*
 * A hit writes its CPU's statistics and array only (slab_internal.h:
 * cache_alloc_hit(), cache_free_hit()); two CPUs' copies on one line
 * would move that line between the cores on every hit (the two-thread
 * benchmark of docs/performance.md), and so would a counter on the line
 * of what every hit reads (array[], dbg).  Checked for every cache, with
 * every array size enable_cpucache() picks (the general caches up to
 * 4 MiB have the 1- and 8-entry arrays, which shared lines before the
 * arrays were padded) and a tuned one.
 */
static void per_cpu_hit_data_never_shares_a_host_line(void **state)
{
	struct kmem_cache *t = make_cache("test-lines", 100, 0, NULL, 5, 3, 0);
	struct kmem_cache *cachep;
	unsigned int caches = 0;

	(void)state;
	list_for_each_entry(cachep, &cache_chain, next) {
		for (unsigned int i = 0; i < NR_CPUS; i++) {
			const void *counters = &cachep->stats[i].allochit;
			size_t len = 4 * sizeof(unsigned int);

			/* nor the line of array[] and dbg, which every CPU's hit reads */
			assert_false(share_a_line(counters, len, cachep->array, sizeof(cachep->array)));
			assert_false(share_a_line(counters, len, &cachep->dbg, sizeof(cachep->dbg)));
		}
		for (unsigned int i = 0; i < NR_CPUS; i++)
			for (unsigned int j = i + 1; j < NR_CPUS; j++) {
				struct array_cache *x = cachep->array[i], *y = cachep->array[j];

				assert_false(share_a_line(&cachep->stats[i].allochit,
							  4 * sizeof(unsigned int),
							  &cachep->stats[j].allochit,
							  4 * sizeof(unsigned int)));
				assert_ptr_not_equal(x, y);
				assert_false(share_a_line(x, array_bytes(x), y, array_bytes(y)));
			}
		caches++;
	}
	assert_int_equal(caches, 1 + 2 * 20 + 1);
	assert_int_equal(t->array[0]->limit, 5);
	destroy(t);
}

static void huge_tunables_are_refused_whole(void **state)
{
	struct kmem_cache *c = make_cache("test-huge", 64, 0, NULL, 0, 0, 0);
	unsigned int max = slab_max_array_entries();
	unsigned long pages = free_pages_now();
	long held = allocator_objects_held();
	struct tunables_snapshot before = tunables_of(c);
	static const int refused[][3] = {
		{ 1 << 30, 1, 0 },		/* sizeof(void *) * 2^30 wraps on 32 bits */
		{ 0x7fffffff, 1, 0 },
		{ 120, 1, 1 << 30 },		/* the shared array: shared * batchcount */
		{ 120, 60, 1 << 30 },		/* ... whose product wraps */
		{ 65536, 65536, 65536 },
	};

	(void)state;
	/* an array is padded to keep it off other CPUs' host lines (cache.h: CACHE_LINE_MAX) */
	assert_int_equal(max, (KMALLOC_MAX_SIZE - sizeof(struct array_cache) -
			       (CACHE_LINE_MAX - SMP_CACHE_BYTES)) / sizeof(void *));
	for (unsigned int i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		assert_int_equal(slabinfo_write("test-huge", refused[i][0], refused[i][1],
						refused[i][2]), -E2BIG);
		assert_untouched(c, &before);
	}
	/* the boundaries: one entry more than fits is refused, the most that fits is not */
	assert_int_equal(slabinfo_write("test-huge", (int)max + 1, 1, 0), -E2BIG);
	assert_int_equal(slabinfo_write("test-huge", 1, 1, (int)max + 1), -E2BIG);
	assert_int_equal(slabinfo_write("test-huge", 2, 2, (int)max / 2 + 1), -E2BIG);
	assert_untouched(c, &before);
	assert_int_equal(free_pages_now(), pages);
	assert_int_equal(allocator_objects_held(), held);
	assert_int_equal(slabinfo_write("test-huge", (int)max, 1, 1), 0);
	assert_int_equal(c->array[NR_CPUS - 1]->limit, max);
	assert_int_equal(slabinfo_write("test-huge", 2, 2, (int)max / 2), 0);
	assert_int_equal(c->nodelists[0]->shared->limit, max / 2 * 2);
	check_cache(c);
	destroy(c);
	assert_int_equal(allocator_objects_held(), held - 1 - NR_CPUS - 2);
}

/*
 * The per-CPU arrays fit, the shared array does not: Linux 2.6.24 had
 * already swapped in the new per-CPU arrays when it found out.
 */
static void a_retune_out_of_memory_changes_nothing(void **state)
{
	struct kmem_cache *c = make_cache("test-nomem", 96, 0, NULL, 0, 0, 0);
	struct tunables_snapshot before;
	unsigned long big[64];
	long held;
	unsigned int nbig = 0;
	void *objs[300];

	(void)state;
	for (int i = 0; i < 300; i++)	/* objects in every array and list */
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (int i = 0; i < 300; i += 2)
		kmem_cache_free(c, objs[i]);
	/* no order-8 block left, none cached: a 1 MiB shared array cannot be had */
	kmem_cache_shrink(malloc_sizes[kmalloc_index(1 << 20)].cs_cachep);
	while ((big[nbig] = __get_free_pages(GFP_KERNEL | __GFP_NOWARN, 8)) != 0)
		nbig++;
	assert_true(nbig < 64);
	before = tunables_of(c);
	held = allocator_objects_held();
	/* per-CPU arrays of 200 entries (1616 bytes), a shared one of 100000 (800016) */
	assert_int_equal(slabinfo_write("test-nomem", 200, 100, 1000), -ENOMEM);
	assert_untouched(c, &before);
	assert_int_equal(allocator_objects_held(), held);
	check_cache(c);
	while (nbig)
		free_pages(big[--nbig], 8);
	assert_int_equal(slabinfo_write("test-nomem", 200, 100, 1000), 0);
	assert_int_equal(c->nodelists[0]->shared->limit, 100000);
	for (int i = 1; i < 300; i += 2)
		kmem_cache_free(c, objs[i]);
	check_cache(c);
	destroy(c);
}

/* ---- a cache's slabs and lists ---- */

static void lists_follow_every_allocation(void **state)
{
	/* limit 1, batch 1, no shared array: every object moves through the lists */
	struct kmem_cache *c = make_cache("test-lists", 200, 0, NULL, 1, 1, 0);
	unsigned int num = c->num;
	void **objs = calloc(num + 1, sizeof(void *));
	struct cache_counts cc;

	(void)state;
	for (unsigned int i = 0; i < num; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		cc = check_cache(c);
		assert_int_equal(cc.free_objects, num - 1 - i);
		assert_int_equal(cc.full, i + 1 == num);
		assert_int_equal(cc.partial, i + 1 < num);
	}
	objs[num] = kmem_cache_alloc(c, GFP_KERNEL);	/* a second slab */
	cc = check_cache(c);
	assert_int_equal(cc.full, 1);
	assert_int_equal(cc.partial, 1);
	assert_int_equal(c->grown, 2);

	for (unsigned int i = 0; i <= num; i++) {
		kmem_cache_free(c, objs[i]);
		check_cache(c);
	}
	cc = check_cache(c);
	assert_int_equal(cc.full, 0);
	assert_int_equal(cc.in_arrays, 1);		/* the last free waits in cpu0's array */
	/*
	 * When the first slab emptied, 2 * num - 1 objects were free, more
	 * than free_limit (5 * batchcount + num): it went back at once.
	 */
	assert_int_equal(cc.partial + cc.free, 1);
	assert_int_equal(kmem_cache_shrink(c), 1 << c->gfporder);
	cc = check_cache(c);
	assert_int_equal(cc.partial + cc.full + cc.free, 0);
	free(objs);
	destroy(c);
}

static void shared_array_takes_flushes_and_feeds_refills(void **state)
{
	/* per-CPU arrays of 4, batches of 2, a shared array of 2 batches = 4 */
	struct kmem_cache *c = make_cache("test-shared", 64, 0, NULL, 4, 2, 2);
	struct kmem_list3 *l3 = c->nodelists[0];
	void *objs[12], *got[2];

	(void)state;
	assert_int_equal(l3->shared->limit, 4);
	for (int i = 0; i < 12; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (int i = 0; i < 4; i++)
		kmem_cache_free(c, objs[i]);
	assert_int_equal(c->array[0]->avail, 4);
	assert_int_equal(l3->shared->avail, 0);
	kmem_cache_free(c, objs[4]);		/* full: a batch of 2 goes to shared */
	assert_int_equal(l3->shared->avail, 2);
	assert_ptr_equal(l3->shared->entry[0], objs[0]);
	assert_ptr_equal(l3->shared->entry[1], objs[1]);
	assert_int_equal(c->array[0]->avail, 3);
	assert_int_equal(c->stats[0].freemiss, 1);	/* CPU 0's count */
	check_cache(c);

	host_set_cpu(1);			/* another CPU refills from shared */
	got[0] = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(l3->shared->avail, 0);
	assert_int_equal(c->array[1]->avail, 1);
	got[1] = kmem_cache_alloc(c, GFP_KERNEL);
	assert_true((got[0] == objs[0] && got[1] == objs[1]) ||
		    (got[0] == objs[1] && got[1] == objs[0]));
	check_cache(c);
	kmem_cache_free(c, got[0]);
	kmem_cache_free(c, got[1]);
	host_set_cpu(0);

	for (int i = 5; i < 12; i++)		/* shared fills, then slabs take the rest */
		kmem_cache_free(c, objs[i]);
	assert_int_equal(l3->shared->avail, 4);
	check_cache(c);
	destroy(c);
}

/*
 * A flush with batchcount well below half the limit: the oldest
 * batchcount entries leave (to the shared array while it has room, then
 * to their slabs) and the rest move down in order.  The model array
 * below is what __cache_free and cache_flusharray must leave after each
 * free.
 */
static void a_flush_keeps_the_rest_of_the_array_in_order(void **state)
{
	/* arrays of 10, batches of 3, a shared array of 1 batch = 3 */
	struct kmem_cache *c = make_cache("test-flush", 64, 0, NULL, 10, 3, 1);
	struct kmem_list3 *l3 = c->nodelists[0];
	struct array_cache *ac = c->array[0];
	void *objs[30], *want[10], *want_shared[3];
	unsigned int avail = 0, shared = 0;

	(void)state;
	assert_int_equal(l3->shared->limit, 3);
	for (int i = 0; i < 30; i++)		/* ten refills of 3: the array ends empty */
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(ac->avail, 0);
	for (int i = 0; i < 30; i++) {
		unsigned long free_before = l3->free_objects;

		if (avail == 10) {
			unsigned int moved = 3;

			if (shared < 3) {	/* a batch, or the room left */
				moved = 3 - shared;
				memcpy(&want_shared[shared], want, sizeof(void *) * moved);
				shared += moved;
			}
			memmove(want, &want[moved], sizeof(void *) * (avail - moved));
			avail -= moved;
		}
		want[avail++] = objs[i];
		kmem_cache_free(c, objs[i]);
		assert_int_equal(ac->avail, avail);
		assert_memory_equal(ac->entry, want, sizeof(void *) * avail);
		assert_int_equal(l3->shared->avail, shared);
		assert_memory_equal(l3->shared->entry, want_shared, sizeof(void *) * shared);
		/* a flush past the full shared array puts 3 objects back in slabs */
		assert_int_equal(l3->free_objects - free_before,
				 i >= 13 && (i - 10) % 3 == 0 ? 3 : 0);
		check_cache(c);
	}
	destroy(c);
}

static void free_slabs_beyond_free_limit_go_at_once(void **state)
{
	struct kmem_cache *c = make_cache("test-limit", 300, 0, NULL, 1, 1, 0);
	struct kmem_list3 *l3 = c->nodelists[0];
	unsigned int n = 6 * c->num;
	void **objs = calloc(n, sizeof(void *));
	unsigned long pages_before = free_pages_now();
	struct cache_counts cc;

	(void)state;
	/* Linux: (1 + CPUs) * batchcount + objects per slab */
	assert_int_equal(l3->free_limit, (1 + NR_CPUS) * 1 + c->num);
	for (unsigned int i = 0; i < n; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(pages_before - free_pages_now(), 6UL << c->gfporder);
	for (unsigned int i = 0; i < n; i++)
		kmem_cache_free(c, objs[i]);
	cc = check_cache(c);
	assert_true(cc.free_objects <= l3->free_limit + c->num);
	/* most slabs went back to the buddy allocator during the frees, no shrink */
	assert_true(cc.free + cc.partial < 6);
	assert_int_equal(pages_before - free_pages_now(), (cc.free + cc.partial) << c->gfporder);
	kmem_cache_shrink(c);
	assert_int_equal(free_pages_now(), pages_before);
	free(objs);
	destroy(c);
}

static void colour_rotates_across_new_slabs(void **state)
{
	struct kmem_cache *c = make_cache("test-colour", 200, 0, NULL, 1, 1, 0);
	unsigned int slabs = (unsigned int)c->colour + 3, n = slabs * c->num, nslabs = 0;
	void **objs = calloc(n, sizeof(void *));
	struct slab *last = NULL;

	(void)state;
	assert_true(c->colour >= 2);
	assert_false(OFF_SLAB(c));
	for (unsigned int i = 0; i < n; i++) {
		struct slab *slabp;

		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		slabp = virt_to_slab(objs[i]);
		if (slabp == last)
			continue;
		/* on-slab: colour offset, then the management, then objects */
		assert_int_equal(slabp->colouroff,
				 (nslabs % c->colour) * c->colour_off + c->slab_size);
		assert_ptr_equal((char *)slabp - (nslabs % c->colour) * c->colour_off,
				 (char *)slabp->s_mem - slabp->colouroff);
		last = slabp;
		nslabs++;
	}
	assert_int_equal(nslabs, slabs);
	for (unsigned int i = 0; i < n; i++)
		kmem_cache_free(c, objs[i]);
	free(objs);
	destroy(c);
}

static void off_slab_management_comes_from_a_general_cache(void **state)
{
	struct kmem_cache *c = make_cache("test-offslab", 2048, 0, NULL, 1, 1, 0);
	struct kmem_cache *mgmt;
	void *objs[6];

	(void)state;
	assert_true(OFF_SLAB(c));
	mgmt = c->slabp_cache;
	assert_ptr_equal(mgmt, malloc_sizes[kmalloc_index(c->slab_size)].cs_cachep);
	for (int i = 0; i < 6; i++) {
		struct slab *slabp;

		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		slabp = virt_to_slab(objs[i]);
		assert_ptr_equal(virt_to_cache(slabp), mgmt);	/* a kmalloc object */
		assert_ptr_equal(slabp->s_mem, (char *)slabp->s_mem - slabp->colouroff);
	}
	for (int i = 0; i < 6; i++)
		kmem_cache_free(c, objs[i]);
	kmem_cache_shrink(c);
	check_cache(mgmt);		/* the descriptors went back, consistently */
	destroy(c);
}

/*
 * A small object aligned to more than a page: Linux 2.6.24 keeps its
 * management on-slab, padded to the alignment, and its cache_estimate()
 * wrapped to SLAB_LIMIT objects here; each slab must hold what it says.
 */
static void big_alignment_objects_stay_inside_their_slab(void **state)
{
	struct kmem_cache *c = kmem_cache_create("test-bigalign", 8, 65536, 0, NULL);
	unsigned long pages_before = free_pages_now();
	void *objs[3];

	(void)state;
	assert_non_null(c);
	assert_int_equal(c->num, 1);
	assert_int_equal(c->slab_size, 65536);
	assert_false(OFF_SLAB(c));
	for (int i = 0; i < 3; i++) {
		struct slab *slabp;

		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		assert_int_equal((uintptr_t)objs[i] % 65536, 0);
		slabp = virt_to_slab(objs[i]);
		assert_ptr_equal(objs[i], slabp->s_mem);
		/* object and management inside the slab's 2^gfporder pages */
		assert_true((char *)objs[i] + 8 <=
			    (char *)slabp->s_mem - slabp->colouroff + (PAGE_SIZE << c->gfporder));
		memset(objs[i], 0x5a, c->buffer_size);
	}
	check_cache(c);
	for (int i = 0; i < 3; i++)
		kmem_cache_free(c, objs[i]);
	kmem_cache_shrink(c);
	assert_int_equal(free_pages_now(), pages_before);
	destroy(c);
}

/* ---- constructors ---- */

#define CTOR_MAGIC 0xc0ffee11u
static unsigned long ctor_calls;

static void test_ctor(struct kmem_cache *cachep, void *objp)
{
	uint32_t *word = objp;

	assert_string_equal(cachep->name, "test-ctor");
	word[0] = CTOR_MAGIC;
	ctor_calls++;
}

static void ctor_runs_once_per_object_in_a_slab(void **state)
{
	/* default tunables: free_limit keeps the empty slabs between rounds */
	struct kmem_cache *c = make_cache("test-ctor", 64, 0, test_ctor, 0, 0, 0);
	unsigned int n = c->num * 2 + c->num / 2;
	void **objs = calloc(n, sizeof(void *));

	(void)state;
	ctor_calls = 0;
	for (int round = 0; round < 3; round++) {
		for (unsigned int i = 0; i < n; i++) {
			objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
			assert_int_equal(*(uint32_t *)objs[i], CTOR_MAGIC);
		}
		for (unsigned int i = 0; i < n; i++)
			kmem_cache_free(c, objs[i]);	/* in the constructed state */
		/* every object of every slab constructed once, never again */
		assert_int_equal(ctor_calls, c->grown * c->num);
		assert_int_equal(c->grown, 3);
	}
	kmem_cache_shrink(c);			/* slabs gone: new ones construct anew */
	objs[0] = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(ctor_calls, 4 * c->num);
	kmem_cache_free(c, objs[0]);
	free(objs);
	destroy(c);
}

/* ---- shrink and destroy ---- */

static void shrink_returns_exactly_the_free_slabs_pages(void **state)
{
	struct kmem_cache *c = make_cache("test-shrink", 500, 0, NULL, 0, 0, 0);
	unsigned long pages_before = free_pages_now();
	unsigned int n = 5 * c->num + 1;
	void **objs = calloc(n, sizeof(void *));
	struct cache_counts cc;
	int freed;

	(void)state;
	for (unsigned int i = 0; i < n; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (unsigned int i = 0; i < n; i += 2)
		kmem_cache_free(c, objs[i]);
	freed = kmem_cache_shrink(c);		/* half the objects still out */
	cc = check_cache(c);
	assert_int_equal(cc.free, 0);
	assert_int_equal(cc.in_arrays, 0);
	assert_int_equal(pages_before - free_pages_now(), (cc.partial + cc.full) << c->gfporder);
	for (unsigned int i = 1; i < n; i += 2)
		kmem_cache_free(c, objs[i]);
	freed += kmem_cache_shrink(c);
	assert_int_equal(free_pages_now(), pages_before);
	assert_int_equal(freed, 6 << c->gfporder);
	assert_int_equal(kmem_cache_shrink(c), 0);
	free(objs);
	destroy(c);
}

/*
 * More objects in the arrays than free_limit: draining them destroys
 * slabs on the way (free_block), before drain_freelist frees the rest.
 * Those pages count too: shrink said "freed 3 pages" for 5.
 */
static void shrink_counts_the_slabs_its_drain_frees(void **state)
{
	/* arrays of 100, batches of 50, a shared array of 200 */
	struct kmem_cache *c = make_cache("test-drain", 64, 0, NULL, 100, 50, 4);
	unsigned long pages_before = free_pages_now();
	unsigned int n = 600;
	void **objs = calloc(n, sizeof(void *));
	unsigned long slab_pages;
	struct cache_counts cc;

	(void)state;
	for (unsigned int i = 0; i < n; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (unsigned int i = 0; i < n; i++) {
		host_set_cpu(i / 150);		/* 150 frees on each CPU */
		kmem_cache_free(c, objs[i]);
	}
	host_set_cpu(0);
	cc = check_cache(c);
	assert_true(cc.in_arrays > c->nodelists[0]->free_limit + c->num);
	slab_pages = (cc.partial + cc.full + cc.free) << c->gfporder;
	assert_int_equal(pages_before - free_pages_now(), slab_pages);
	assert_int_equal(kmem_cache_shrink(c), slab_pages);	/* every page it gave back */
	assert_int_equal(free_pages_now(), pages_before);
	free(objs);
	destroy(c);
}

static void run_destroy(void *arg)
{
	kmem_cache_destroy(arg);
}

static void destroy_refused_while_objects_live(void **state)
{
	unsigned long pages_before = free_pages_now();
	struct kmem_cache *c = make_cache("test-destroy", 100, 0, NULL, 0, 0, 0);
	struct kmem_cache *newer = make_cache("test-destroy-newer", 100, 0, NULL, 0, 0, 0);
	void *obj = kmem_cache_alloc(c, GFP_KERNEL);
	char out[256];

	(void)state;
	host_capture_stdout(run_destroy, c, out, sizeof(out));
	assert_string_equal(out, "slab error in kmem_cache_destroy(): cache 'test-destroy': "
			    "Can't free all objects\n");
	/* still there, in its place in the chain (slabinfo's order), usable */
	assert_ptr_equal(cache_chain.next, &newer->next);
	assert_ptr_equal(newer->next.next, &c->next);
	destroy(newer);
	kmem_cache_free(c, kmem_cache_alloc(c, GFP_KERNEL));
	kmem_cache_free(c, obj);
	destroy(c);
	/* everything back, including the descriptor, arrays and lists (in
	 * general caches that keep their slabs) */
	assert_true(free_pages_now() <= pages_before);
	for (unsigned int i = 0; malloc_sizes[i].cs_size != ~(size_t)0; i++)
		kmem_cache_shrink(malloc_sizes[i].cs_cachep);
	kmem_cache_shrink(&cache_cache);
	assert_int_equal(global_page_state(NR_SLAB_UNRECLAIMABLE), slab_pages_in_caches());
}

/* ---- running out of memory ---- */

struct page_hoard {
	unsigned long *pages;
	unsigned int n;
};

/* Take every free page but @keep. */
static void hoard_pages(struct page_hoard *h, unsigned long keep)
{
	h->pages = calloc(free_pages_now() + 1, sizeof(unsigned long));
	h->n = 0;
	while (free_pages_now() > keep)
		h->pages[h->n++] = __get_free_page(GFP_KERNEL | __GFP_NOWARN);
}

static void release_hoard(struct page_hoard *h)
{
	while (h->n)
		free_page(h->pages[--h->n]);
	free(h->pages);
}

static void failed_grow_leaves_everything_consistent(void **state)
{
	struct kmem_cache *c = make_cache("test-oom", 256, 0, NULL, 8, 4, 0);
	unsigned long pages_before = free_pages_now();
	void **objs = calloc(2 * c->num + 1, sizeof(void *));
	struct page_hoard h;
	unsigned int n = 0;
	void *p;

	(void)state;
	assert_int_equal(c->gfporder, 0);
	hoard_pages(&h, 1);			/* one slab's worth of memory left */
	while ((p = kmem_cache_alloc(c, GFP_KERNEL | __GFP_NOWARN)) != NULL)
		objs[n++] = p;
	assert_int_equal(n, c->num);		/* the one slab, then a failed grow */
	assert_int_equal(free_pages_now(), 0);
	check_cache(c);
	assert_null(kmem_cache_alloc(c, GFP_ATOMIC | __GFP_NOWARN));
	while (n)
		kmem_cache_free(c, objs[--n]);
	kmem_cache_shrink(c);
	release_hoard(&h);
	assert_int_equal(free_pages_now(), pages_before);
	free(objs);
	destroy(c);
}

static void failed_off_slab_management_frees_the_pages(void **state)
{
	struct kmem_cache *c = make_cache("test-oom-offslab", 2048, 0, NULL, 1, 1, 0);
	struct kmem_cache *mgmt = c->slabp_cache;
	unsigned long pages_before = free_pages_now();
	void **hold = calloc(4096, sizeof(void *));
	unsigned int nhold = 0;
	struct page_hoard h;

	(void)state;
	assert_true(OFF_SLAB(c) && c->gfporder == 0);
	hoard_pages(&h, 0);
	/* leave the management cache without a free object anywhere */
	while (mgmt->nodelists[0]->free_objects || mgmt->array[0]->avail ||
	       (mgmt->nodelists[0]->shared && mgmt->nodelists[0]->shared->avail))
		hold[nhold++] = kmem_cache_alloc(mgmt, GFP_KERNEL | __GFP_NOWARN);
	free_page(h.pages[--h.n]);		/* exactly one page: the slab's */
	assert_null(kmem_cache_alloc(c, GFP_KERNEL | __GFP_NOWARN));
	assert_int_equal(free_pages_now(), 1);	/* given back, not leaked */
	check_cache(c);
	check_cache(mgmt);
	while (nhold)
		kmem_cache_free(mgmt, hold[--nhold]);
	release_hoard(&h);
	kmem_cache_shrink(mgmt);
	assert_true(free_pages_now() >= pages_before);
	free(hold);
	destroy(c);
}

/* ---- the reaper ---- */

static void reaper_drains_idle_arrays_and_frees_slabs(void **state)
{
	struct kmem_cache *c = make_cache("test-reap", 128, 0, NULL, 0, 0, 0);
	unsigned long pages_before = free_pages_now();
	unsigned int n = 4 * c->num, passes = 0, avail;
	void **objs = calloc(n, sizeof(void *));

	(void)state;
	for (unsigned int i = 0; i < n; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (unsigned int i = 0; i < n; i++)
		kmem_cache_free(c, objs[i]);
	avail = c->array[0]->avail;
	assert_int_equal(avail, c->limit);

	jiffies += 10 * HZ;			/* the first pass: just clears touched */
	host_run_delayed_work(0);
	assert_int_equal(c->array[0]->avail, avail);
	assert_int_equal(c->array[0]->touched, 0);
	jiffies += REAPTIMEOUT_CPUC;		/* the second: a fifth of the limit */
	host_run_delayed_work(0);
	assert_int_equal(c->array[0]->avail, avail - (c->limit + 4) / 5);
	check_cache(c);

	for (;;) {
		struct cache_counts cc = check_cache(c);

		if (cc.partial + cc.full + cc.free + cc.in_arrays == 0)
			break;
		assert_true(passes++ < 200);
		jiffies += REAPTIMEOUT_CPUC;
		host_run_delayed_work(0);
	}
	/* every slab went back by itself, no shrink; (the reaper may have
	 * returned other caches' free slabs too) */
	assert_true(free_pages_now() >= pages_before);
	assert_true(c->reaped > 0);
	free(objs);
	destroy(c);
}

/*
 * An allocation served from the array (a hit, no refill) marks the array
 * busy, so the next reaper pass leaves it whole: only an array that went
 * unused for a whole period gives objects back.
 */
/* Eight objects allocated and freed on cpu0: its array holds them; returns avail. */
static unsigned int fill_cpu0_array(struct kmem_cache *c)
{
	void *objs[8];

	for (int i = 0; i < 8; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (int i = 0; i < 8; i++)
		kmem_cache_free(c, objs[i]);
	return c->array[0]->avail;
}

static void a_hit_keeps_the_reaper_off_the_array(void **state)
{
	struct kmem_cache *c = make_cache("test-touched", 128, 0, NULL, 0, 0, 0);
	struct array_cache *ac = c->array[0];
	void *objp;
	unsigned int avail, hits;

	(void)state;
	avail = fill_cpu0_array(c);
	assert_true(avail > 1);
	jiffies += 10 * HZ;			/* a pass: the refill's touch is forgotten */
	host_run_delayed_work(0);
	assert_int_equal(ac->touched, 0);
	assert_int_equal(ac->avail, avail);

	hits = c->stats[0].allochit;
	objp = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(c->stats[0].allochit, hits + 1);	/* from the array */
	assert_int_equal(ac->avail, avail - 1);
	assert_int_equal(ac->touched, 1);
	jiffies += REAPTIMEOUT_CPUC;		/* the next pass sees a busy array */
	host_run_delayed_work(0);
	assert_int_equal(ac->avail, avail - 1);
	assert_int_equal(ac->touched, 0);
	check_cache(c);
	kmem_cache_free(c, objp);
	destroy(c);
}

/* A hold skips the periodic passes without touching the user's setting. */
static void a_hold_keeps_the_periodic_reaper_off(void **state)
{
	struct kmem_cache *c = make_cache("test-hold", 128, 0, NULL, 0, 0, 0);
	struct array_cache *ac = c->array[0];
	unsigned int avail;

	(void)state;
	avail = fill_cpu0_array(c);
	slab_reap_hold();
	slab_reap_hold();			/* holds nest */
	assert_true(slab_reap_auto());
	for (int pass = 0; pass < 3; pass++) {
		jiffies += 10 * HZ;
		host_run_delayed_work(0);
		assert_int_equal(ac->touched, 1);	/* not even looked at */
		assert_int_equal(ac->avail, avail);
	}
	slab_reap_release();
	jiffies += 10 * HZ;
	host_run_delayed_work(0);
	assert_int_equal(ac->touched, 1);		/* one hold is still taken */
	slab_reap_release();
	assert_true(slab_reap_auto());
	jiffies += 10 * HZ;			/* the periodic passes again */
	host_run_delayed_work(0);
	assert_int_equal(ac->touched, 0);
	jiffies += 10 * HZ;
	host_run_delayed_work(0);
	assert_true(ac->avail < avail);
	check_cache(c);
	destroy(c);
}

/* ---- tuning, slabinfo, creation ---- */

static void run_slabinfo(void *arg)
{
	(void)arg;
	show_slabinfo();
}

static void slabinfo_rows_and_tuning(void **state)
{
	static const char header[] = "slabinfo - version: 2.1\n"
		"# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
		" : tunables <limit> <batchcount> <sharedfactor>"
		" : slabdata <active_slabs> <num_slabs> <sharedavail>\n";
	struct kmem_cache *c = make_cache("test-info", 100, 0, NULL, 0, 0, 0);
	static char out[16384];
	char *row;
	void *obj = kmem_cache_alloc(c, GFP_KERNEL);

	(void)state;
	assert_int_equal(slabinfo_write("test-info", 0, 1, 0), -EINVAL);
	assert_int_equal(slabinfo_write("test-info", 10, 0, 0), -EINVAL);
	assert_int_equal(slabinfo_write("test-info", 10, 11, 0), -EINVAL);
	assert_int_equal(slabinfo_write("test-info", 10, 5, -1), -EINVAL);
	assert_int_equal(slabinfo_write("no-such-cache", 10, 5, 1), -ENOENT);
	assert_int_equal(slabinfo_write("test-info", 10, 5, 3), 0);
	assert_int_equal(c->limit, 10);
	assert_int_equal(c->batchcount, 5);
	assert_int_equal(c->shared, 3);
	assert_int_equal(c->array[2]->limit, 10);
	assert_int_equal(c->nodelists[0]->shared->limit, 15);

	host_capture_stdout(run_slabinfo, NULL, out, sizeof(out));
	assert_memory_equal(out, header, strlen(header));
	/*
	 * The newest cache comes first.  The numbers, worked out for the
	 * host (8-byte words, a 48-byte struct slab, 4-byte bufctls): 100
	 * rounds to 104; (4096 - 48) / (104 + 4) = 37 objects, management
	 * ALIGN(48 + 37 * 4, 8) = 200, 200 + 37 * 104 = 4048 fits one page.
	 * The refill took 16 objects; the retune gave back the 15 left in
	 * cpu0's array: 1 active object, on 1 slab, nothing shared.
	 */
	assert_null(strstr(out, "error"));
	row = out + strlen(header);
	row[strcspn(row, "\n") + 1] = '\0';
	assert_string_equal(row, "test-info              1     37    104   37    1 : tunables   10"
			    "    5    3 : slabdata      1      1      0\n");
	kmem_cache_free(c, obj);
	destroy(c);
}

static struct kmem_cache *created;

static void run_create(void *arg)
{
	const char *name = arg;
	bool big = name && strcmp(name, "big") == 0;
	bool bad_flags = name && strcmp(name, "flags") == 0;

	created = kmem_cache_create(name, big ? KMALLOC_MAX_SIZE + 1 : 64, 0,
				    bad_flags ? 0x1 : 0, NULL);
}

static void creation_refuses_bad_requests(void **state)
{
	struct kmem_cache *c = make_cache("test-dup", 64, 0, NULL, 0, 0, 0);
	char out[256];

	(void)state;
	host_capture_stdout(run_create, "test-dup", out, sizeof(out));
	assert_null(created);
	assert_string_equal(out, "kmem_cache_create: duplicate cache test-dup\n");
	host_capture_stdout(run_create, "big", out, sizeof(out));
	assert_null(created);
	assert_string_equal(out, "kmem_cache_create: Early error in slab big\n");
	host_capture_stdout(run_create, "flags", out, sizeof(out));
	assert_null(created);
	assert_string_equal(out, "kmem_cache_create: Early error in slab flags\n");
	host_capture_stdout(run_create, NULL, out, sizeof(out));
	assert_null(created);
	assert_string_equal(out, "kmem_cache_create: Early error in slab (null)\n");
	destroy(c);
	/* the debug flags are kept, and the caller's bytes are the object's */
	c = make_cache("test-debugflags", 64, SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER,
		       NULL, 0, 0, 0);
	assert_int_equal(c->flags & SLAB_DEBUG_FLAGS, SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER);
	assert_int_equal(kmem_cache_size(c), 64);
	assert_int_equal(c->buffer_size, 8 + 64 + 8 + 8);
	assert_string_equal(kmem_cache_name(c), "test-debugflags");
	destroy(c);
}

static void reclaimable_caches_count_as_reclaimable(void **state)
{
	struct kmem_cache *c = make_cache("test-reclaim", 64, SLAB_RECLAIM_ACCOUNT, NULL, 0, 0, 0);
	unsigned long before = global_page_state(NR_SLAB_RECLAIMABLE);
	void *obj = kmem_cache_zalloc(c, GFP_KERNEL);

	(void)state;
	assert_int_equal(global_page_state(NR_SLAB_RECLAIMABLE), before + (1UL << c->gfporder));
	for (int i = 0; i < 64; i++)
		assert_int_equal(((unsigned char *)obj)[i], 0);
	kmem_cache_free(c, obj);
	destroy(c);
	assert_int_equal(global_page_state(NR_SLAB_RECLAIMABLE), before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(boot_builds_every_general_cache),
		cmocka_unit_test(kmalloc_picks_the_class_at_every_boundary),
		cmocka_unit_test(kmalloc_index_is_the_first_class_big_enough),
		cmocka_unit_test(kmalloc_edges),
		cmocka_unit_test(bad_frees_are_refused),
		cmocka_unit_test(dma_growth_keeps_management_out_of_zone_dma),
		cmocka_unit_test(dma_flag_must_match_the_cache),
		cmocka_unit_test(ksize_is_the_usable_size),
		cmocka_unit_test(destroy_gives_back_arrays_and_lists),
		cmocka_unit_test(per_cpu_hit_data_never_shares_a_host_line),
		cmocka_unit_test(huge_tunables_are_refused_whole),
		cmocka_unit_test(a_retune_out_of_memory_changes_nothing),
		cmocka_unit_test(lists_follow_every_allocation),
		cmocka_unit_test(shared_array_takes_flushes_and_feeds_refills),
		cmocka_unit_test(a_flush_keeps_the_rest_of_the_array_in_order),
		cmocka_unit_test(free_slabs_beyond_free_limit_go_at_once),
		cmocka_unit_test(colour_rotates_across_new_slabs),
		cmocka_unit_test(off_slab_management_comes_from_a_general_cache),
		cmocka_unit_test(big_alignment_objects_stay_inside_their_slab),
		cmocka_unit_test(ctor_runs_once_per_object_in_a_slab),
		cmocka_unit_test(shrink_returns_exactly_the_free_slabs_pages),
		cmocka_unit_test(shrink_counts_the_slabs_its_drain_frees),
		cmocka_unit_test(destroy_refused_while_objects_live),
		cmocka_unit_test(failed_grow_leaves_everything_consistent),
		cmocka_unit_test(failed_off_slab_management_frees_the_pages),
		cmocka_unit_test(reaper_drains_idle_arrays_and_frees_slabs),
		cmocka_unit_test(a_hit_keeps_the_reaper_off_the_array),
		cmocka_unit_test(a_hold_keeps_the_periodic_reaper_off),
		cmocka_unit_test(slabinfo_rows_and_tuning),
		cmocka_unit_test(creation_refuses_bad_requests),
		cmocka_unit_test(reclaimable_caches_count_as_reclaimable),
	};

	return cmocka_run_group_tests(tests, slab_group_setup, slab_group_teardown);
}
