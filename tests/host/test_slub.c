/*
 * test_slub.c - the SLUB allocator (mm/slub*.c, CONFIG_SLUB) on a host
 * arena of 64 MiB, under ASan/UBSan.
 *
 * One allocator for the whole run (kmem_cache_init() in the group
 * setup); every test destroys its caches and frees its objects, so the
 * next one starts from the same chain (a cache left behind would take
 * the next test's creates by merging).  Threads do not play CPUs here:
 * host_set_cpu() picks the CPU, cross-CPU calls run on the test's
 * thread.  The host has 8-byte pointers, the board 4: the sizes below
 * are chosen so that both lay them out alike (multiples of 8), and each
 * expected number says where it comes from.
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
#include "mm/fault_inject.h"
#include "mm/gfp.h"
#include "mm/mmzone.h"
#include "mm/slab.h"
#include "mm/slab_inspect.h"
#include "mm/slub_def.h"
#include "mm/slub_inspect.h"
#include "buddy_check.h"
#include "host_platform.h"
#include "slub_check.h"

/* ---- geometry ---- */

/*
 * figo_object (20, 8): ALIGN(20, word) = 24 on the host (20 on the
 * board) = inuse; free pointer at 0; align 8; size 24; order 0 (16
 * objects need 384 bytes, 4096 % 24 = 16 <= 4096/16), 4096 / 24 = 170
 * objects; min_partial ilog2(24) = 4 -> MIN_PARTIAL 5.  Not merged:
 * kmalloc-32 is 8 bytes bigger, a word or more.
 */
static void test_geometry_figo_and_16(void **state)
{
	struct kmem_cache *figo, *k16;
	struct slub_cache_info fi, ki;

	(void)state;
	figo = kmem_cache_create("figo_object", 20, 8, 0, NULL);
	k16 = kmem_cache_create("kmem_cache_16", 16, 8, 0, NULL);
	assert_non_null(figo);
	assert_non_null(k16);
	assert_ptr_not_equal(figo, k16);
	fi = info_of(figo);
	assert_string_equal(fi.name, "figo_object");
	assert_int_equal(fi.objsize, 20);
	assert_int_equal(fi.size, 24);
	assert_int_equal(fi.offset, 0);
	assert_int_equal(fi.align, 8);
	assert_int_equal(fi.order, 0);
	assert_int_equal(fi.objects, 170);
	assert_int_equal(fi.min_order, 0);
	assert_int_equal(fi.min_objects, 170);
	assert_int_equal(fi.max_objects, 170);
	assert_int_equal(fi.min_partial, 5);
	assert_int_equal(fi.refcount, 1);
	/* kmem_cache_16: 16 bytes, 256 per page, min_partial 5 */
	ki = info_of(k16);
	assert_int_equal(ki.objsize, 16);
	assert_int_equal(ki.size, 16);
	assert_int_equal(ki.inuse, 16);
	assert_int_equal(ki.align, 8);
	assert_int_equal(ki.order, 0);
	assert_int_equal(ki.objects, 256);
	assert_int_equal(ki.min_partial, 5);
	assert_false(kmem_cache_is_general(figo));
	kmem_cache_destroy(figo);
	kmem_cache_destroy(k16);
	assert_null(kmem_cache_find("figo_object"));
	assert_null(kmem_cache_find("kmem_cache_16"));
}

/* The kmalloc caches 2.6.32 makes here, newest first on the chain. */
static void test_kmalloc_caches_at_boot(void **state)
{
	static const char *const want[] = {
		"kmalloc-8192", "kmalloc-4096", "kmalloc-2048", "kmalloc-1024", "kmalloc-512",
		"kmalloc-256", "kmalloc-128", "kmalloc-64", "kmalloc-32", "kmalloc-192",
		"kmalloc-96",
	};
	struct row_names rn = { 0 };

	(void)state;
	kmem_cache_for_each_row(collect_row, &rn);
	assert_true(rn.n >= ARRAY_SIZE(want));
	/* kmalloc_dma-N may have come first, made by a GFP_DMA test: the last 11 */
	for (unsigned int i = 0; i < ARRAY_SIZE(want); i++)
		assert_string_equal(rn.name[rn.n - ARRAY_SIZE(want) + i], want[i]);
	for (unsigned int i = 0; i < ARRAY_SIZE(want); i++) {
		struct kmem_cache *s = kmem_cache_find(want[i]);
		struct slub_cache_info info = info_of(s);

		assert_true(kmem_cache_is_general(s));
		assert_int_equal(info.align, 32);	/* ARCH_KMALLOC_MINALIGN */
	}
	/* kmalloc-96: 96 / 32-aligned, 42 per page; kmalloc-8192: order 3, 4 objects */
	assert_int_equal(info_of(kmem_cache_find("kmalloc-96")).objects, 42);
	assert_int_equal(info_of(kmem_cache_find("kmalloc-8192")).order, 3);
	assert_int_equal(info_of(kmem_cache_find("kmalloc-8192")).objects, 4);
	assert_int_equal(info_of(kmem_cache_find("kmalloc-32")).objects, 128);
}

/* ---- the fast paths ---- */

/*
 * A new slab's objects are handed out in address order (new_slab
 * chains them so), the first through the slow path, the rest from
 * c->freelist; a free pushes onto c->freelist, so it comes back next.
 */
static void test_fastpath_order_and_lifo(void **state)
{
	struct kmem_cache *s = kmem_cache_create("slub_lifo", 40, 8, 0, NULL);
	unsigned long want[NR_SLUB_STAT_ITEMS] = { 0 };
	void *obj[10];

	(void)state;
	assert_int_equal(info_of(s).objects, 102);	/* 4096 / 40 */
	for (unsigned int i = 0; i < 10; i++)
		obj[i] = kmem_cache_alloc(s, GFP_KERNEL);
	for (unsigned int i = 1; i < 10; i++)
		assert_ptr_equal(obj[i], obj_at(obj[0], s, i));
	assert_int_equal((uintptr_t)obj[0] % PAGE_SIZE, 0);
	want[ALLOC_SLOWPATH] = 1;
	want[ALLOC_SLAB] = 1;
	want[ALLOC_FASTPATH] = 9;
	assert_stats(s, want);

	kmem_cache_free(s, obj[3]);
	kmem_cache_free(s, obj[7]);
	want[FREE_FASTPATH] = 2;
	assert_stats(s, want);
	assert_ptr_equal(kmem_cache_alloc(s, GFP_KERNEL), obj[7]);
	assert_ptr_equal(kmem_cache_alloc(s, GFP_KERNEL), obj[3]);
	assert_ptr_equal(kmem_cache_alloc(s, GFP_KERNEL), obj_at(obj[0], s, 10));
	want[ALLOC_FASTPATH] = 12;
	assert_stats(s, want);
	/* the CPU slab: inuse stays objects while its objects move on c->freelist */
	{
		struct slub_cpu_info ci;
		unsigned short chain[SLUB_INSPECT_MAX_OBJS];
		unsigned int len;
		enum slub_chain_break brk;

		assert_int_equal(slub_get_cpu_slab(s, 0, &ci, chain, 4, &len, &brk), 0);
		assert_ptr_equal(ci.page, obj[0]);
		assert_ptr_equal(ci.freelist, obj_at(obj[0], s, 11));
		assert_int_equal(ci.inuse, 102);
		assert_int_equal(ci.objects, 102);
		assert_int_equal(len, 102 - 11);
		assert_int_equal(brk, SLUB_CHAIN_OK);
		assert_int_equal(chain[0], 11);
		assert_int_equal(chain[3], 14);
		assert_int_equal(ci.stat[ALLOC_FASTPATH], 12);
	}
	for (unsigned int i = 0; i < 11; i++)
		kmem_cache_free(s, obj_at(obj[0], s, i));
	kmem_cache_destroy(s);
	assert_null(kmem_cache_find("slub_lifo"));
}

/*
 * A free on another CPU goes to the page's freelist (the slab is frozen:
 * FREE_SLOWPATH and FREE_FROZEN on the freeing CPU), never to that CPU's
 * c->freelist; the owner takes it back when its own freelist runs dry
 * (ALLOC_REFILL).
 */
static void test_remote_free_to_page_freelist(void **state)
{
	struct kmem_cache *s = kmem_cache_create("slub_remote", 40, 8, 0, NULL);
	struct slab_seen seen;
	void *obj[102], *a, *mine;

	(void)state;
	for (unsigned int i = 0; i < 102; i++)
		obj[i] = kmem_cache_alloc(s, GFP_KERNEL);
	host_set_cpu(1);
	mine = kmem_cache_alloc(s, GFP_KERNEL);		/* cpu1 has a CPU slab too */
	kmem_cache_free(s, obj[5]);
	kmem_cache_free(s, obj[9]);
	assert_int_equal(cpu_stat(s, 1, FREE_SLOWPATH), 2);
	assert_int_equal(cpu_stat(s, 1, FREE_FROZEN), 2);
	assert_int_equal(cpu_stat(s, 1, FREE_FASTPATH), 0);
	assert_int_equal(cpu_stat(s, 0, FREE_SLOWPATH), 0);
	slabs_of(s, &seen);
	assert_int_equal(seen.n, 2);
	assert_int_equal(seen.list[0], SLUB_LIST_CPU);
	assert_int_equal(seen.cpu[0], 0);
	assert_ptr_equal(seen.freelist[0], obj[9]);	/* pushed at the head */
	assert_int_equal(seen.chain_len[0], 2);
	assert_int_equal(seen.inuse[0], 100);
	assert_int_equal(seen.list[1], SLUB_LIST_CPU);
	assert_int_equal(seen.cpu[1], 1);
	assert_null(seen.freelist[1]);
	assert_int_equal(seen.chain_len[1], 0);
	{
		struct slub_cpu_info ci;
		unsigned short chain[8];
		unsigned int len;
		enum slub_chain_break brk;

		assert_int_equal(slub_get_cpu_slab(s, 1, &ci, chain, 8, &len, &brk), 0);
		assert_ptr_equal(ci.page, mine);
		/* cpu1's own freelist: its slab's objects 1.., none of cpu0's */
		assert_ptr_equal(ci.freelist, obj_at(mine, s, 1));
		assert_int_equal(len, 101);
		assert_int_equal(chain[0], 1);
		assert_int_equal(slub_get_cpu_slab(s, 0, &ci, chain, 8, &len, &brk), 0);
		assert_null(ci.freelist);	/* cpu0's own freelist is empty */
		assert_int_equal(len, 0);
	}
	host_set_cpu(0);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	assert_ptr_equal(a, obj[9]);
	assert_int_equal(cpu_stat(s, 0, ALLOC_REFILL), 1);
	assert_int_equal(cpu_stat(s, 0, ALLOC_SLOWPATH), 2);
	assert_int_equal(cpu_stat(s, 0, ALLOC_SLAB), 1);
	assert_ptr_equal(kmem_cache_alloc(s, GFP_KERNEL), obj[5]);
	assert_int_equal(cpu_stat(s, 0, ALLOC_FASTPATH), 102);
	for (unsigned int i = 0; i < 102; i++)
		kmem_cache_free(s, obj[i]);
	kmem_cache_free(s, mine);
	kmem_cache_destroy(s);
}

/* ---- partial lists, min_partial, deactivation, shrink ---- */

static void test_full_slabs_and_free_add_partial(void **state)
{
	struct kmem_cache *s = kmem_cache_create("slub_partial", 40, 8, 0, NULL);
	static void *obj[6 * OBJS];
	unsigned long want[NR_SLUB_STAT_ITEMS] = { 0 };
	struct slub_node_info ni;

	(void)state;
	fill_slabs(s, obj, 6);
	/* each full CPU slab is given up on the next slow path: full list */
	want[ALLOC_SLAB] = 6;
	want[ALLOC_SLOWPATH] = 6;
	want[ALLOC_FASTPATH] = 6 * (OBJS - 1);
	want[ALLOC_REFILL] = 5;
	want[DEACTIVATE_FULL] = 5;
	assert_stats(s, want);
	ni = node_of(s);
	assert_int_equal(ni.nr_slabs, 6);
	assert_int_equal(ni.total_objects, 6 * OBJS);
	assert_int_equal(ni.nr_full, 5);
	assert_int_equal(ni.nr_partial, 0);

	/* cpu1 frees one object of each of 4 full slabs: they become partial */
	host_set_cpu(1);
	for (unsigned int i = 0; i < 4; i++)
		kmem_cache_free(s, obj[i * OBJS]);
	assert_int_equal(cpu_stat(s, 1, FREE_ADD_PARTIAL), 4);
	assert_int_equal(cpu_stat(s, 1, FREE_SLOWPATH), 4);
	assert_int_equal(cpu_stat(s, 1, FREE_FROZEN), 0);
	ni = node_of(s);
	assert_int_equal(ni.nr_full, 1);
	assert_int_equal(ni.nr_partial, 4);
	/* the rest of slab 0: the last free empties it and it is discarded */
	for (unsigned int i = 1; i < OBJS; i++)
		kmem_cache_free(s, obj[i]);
	assert_int_equal(cpu_stat(s, 1, FREE_REMOVE_PARTIAL), 1);
	assert_int_equal(cpu_stat(s, 1, FREE_SLAB), 1);
	ni = node_of(s);
	assert_int_equal(ni.nr_partial, 3);
	assert_int_equal(ni.nr_slabs, 5);
	assert_int_equal(ni.total_objects, 5 * OBJS);
	/* cpu2, with no slab, freezes the first partial one and takes its freelist */
	host_set_cpu(2);
	{
		void *p = kmem_cache_alloc(s, GFP_KERNEL);

		assert_ptr_equal(p, obj[OBJS]);		/* slab 1's only free object */
		assert_int_equal(cpu_stat(s, 2, ALLOC_FROM_PARTIAL), 1);
		assert_int_equal(cpu_stat(s, 2, ALLOC_SLOWPATH), 1);
		assert_int_equal(cpu_stat(s, 2, ALLOC_SLAB), 0);
		assert_int_equal(node_of(s).nr_partial, 2);
		kmem_cache_free(s, p);			/* its CPU slab: fast path */
		assert_int_equal(cpu_stat(s, 2, FREE_FASTPATH), 1);
		assert_int_equal(kmem_cache_shrink(s), 0);	/* back to the partial list */
		assert_int_equal(cpu_stat(s, 2, DEACTIVATE_TO_HEAD), 1);
		assert_int_equal(node_of(s).nr_partial, 3);
	}
	host_set_cpu(1);
	/* slabinfo: objects free on partial slabs are the inactive ones */
	{
		struct row_names rn = { 0 };

		kmem_cache_for_each_row(collect_row, &rn);
		assert_string_equal(rn.name[0], "slub_partial");
		assert_int_equal(rn.row[0].num_objs, 5 * OBJS);
		assert_int_equal(rn.row[0].active_objs, 5 * OBJS - 3);
		assert_int_equal(rn.row[0].objsize, 40);
		assert_int_equal(rn.row[0].objperslab, OBJS);
		assert_int_equal(rn.row[0].pagesperslab, 1);
		assert_int_equal(rn.row[0].num_slabs, 5);
		assert_int_equal(rn.row[0].active_slabs, 5);
		assert_int_equal(rn.row[0].limit, 0);
	}
	for (unsigned int i = OBJS; i < 6 * OBJS; i++)
		if (i % OBJS || i >= 4 * OBJS)
			kmem_cache_free(s, obj[i]);
	host_set_cpu(0);
	kmem_cache_destroy(s);
	assert_null(kmem_cache_find("slub_partial"));
}

/*
 * An empty CPU slab given up stays on the partial list while the node
 * has fewer than min_partial (5) partial slabs, else goes back to the
 * buddy allocator (unfreeze_slab).  Flushed here by kmem_cache_shrink(),
 * which afterwards frees the empty partial slabs anyway: the stats say
 * which way the flush went.
 */
static void empty_cpu_slab_with_partials(unsigned int partials, unsigned long want_free_slab)
{
	struct kmem_cache *s = kmem_cache_create("slub_minpartial", 40, 8, 0, NULL);
	static void *obj[7 * OBJS];
	struct slub_node_info ni;

	assert_int_equal(info_of(s).min_partial, 5);
	fill_slabs(s, obj, partials + 1);
	host_set_cpu(1);
	for (unsigned int i = 0; i < partials; i++)
		kmem_cache_free(s, obj[i * OBJS]);
	host_set_cpu(0);
	for (unsigned int i = partials * OBJS; i < (partials + 1) * OBJS; i++)
		kmem_cache_free(s, obj[i]);		/* the CPU slab, fast path */
	assert_int_equal(stat_of(s, FREE_FASTPATH), OBJS);
	assert_int_equal(node_of(s).nr_partial, partials);
	assert_int_equal(kmem_cache_shrink(s), 1);
	assert_int_equal(stat_of(s, CPUSLAB_FLUSH), 1);
	assert_int_equal(stat_of(s, DEACTIVATE_EMPTY), 1);
	assert_int_equal(stat_of(s, DEACTIVATE_TO_HEAD) + stat_of(s, DEACTIVATE_TO_TAIL), 0);
	assert_int_equal(stat_of(s, FREE_SLAB), want_free_slab);
	ni = node_of(s);
	assert_int_equal(ni.nr_partial, partials);
	assert_int_equal(ni.nr_slabs, partials);
	host_set_cpu(1);
	for (unsigned int i = 0; i < partials * OBJS; i++)
		if (i % OBJS)
			kmem_cache_free(s, obj[i]);
	host_set_cpu(0);
	kmem_cache_destroy(s);
}

static void test_min_partial_keeps_empty_slab(void **state)
{
	(void)state;
	empty_cpu_slab_with_partials(4, 0);
}

static void test_min_partial_discards_above(void **state)
{
	(void)state;
	empty_cpu_slab_with_partials(5, 1);
}

/*
 * Shrink: the CPU slab goes back to the partial list's head (its
 * c->freelist held objects: DEACTIVATE_TO_HEAD), then the partial list
 * is sorted fullest first.  Slabs of equal inuse come out in reverse
 * list order: Linux list_move()s each to the head of its bucket.
 */
static void test_shrink_sorts_by_inuse(void **state)
{
	struct kmem_cache *s = kmem_cache_create("slub_shrink", 40, 8, 0, NULL);
	static void *obj[4 * OBJS];
	void *d;
	struct slab_seen seen;
	struct free_snapshot *before = malloc(sizeof(*before)), *after = malloc(sizeof(*after));

	(void)state;
	take_snapshot(before);
	fill_slabs(s, obj, 3);
	d = kmem_cache_alloc(s, GFP_KERNEL);	/* slab D, cpu0's: inuse 1 */
	host_set_cpu(1);
	/* A keeps 1, B keeps 3, C keeps 2, in that order onto the partial list */
	for (unsigned int i = 1; i < OBJS; i++)
		kmem_cache_free(s, obj[i]);
	for (unsigned int i = OBJS + 3; i < 2 * OBJS; i++)
		kmem_cache_free(s, obj[i]);
	for (unsigned int i = 2 * OBJS + 2; i < 3 * OBJS; i++)
		kmem_cache_free(s, obj[i]);
	slabs_of(s, &seen);
	assert_int_equal(seen.n, 4);
	assert_int_equal(seen.list[0], SLUB_LIST_CPU);
	assert_ptr_equal(seen.page[1], obj[0]);
	assert_ptr_equal(seen.page[2], obj[OBJS]);
	assert_ptr_equal(seen.page[3], obj[2 * OBJS]);
	host_set_cpu(0);
	assert_int_equal(kmem_cache_shrink(s), 0);
	assert_int_equal(stat_of(s, DEACTIVATE_TO_HEAD), 1);
	assert_int_equal(stat_of(s, DEACTIVATE_TO_TAIL), 0);
	slabs_of(s, &seen);
	assert_int_equal(seen.n, 4);
	assert_ptr_equal(seen.page[0], obj[OBJS]);		/* B, 3 */
	assert_ptr_equal(seen.page[1], obj[2 * OBJS]);		/* C, 2 */
	assert_ptr_equal(seen.page[2], obj[0]);			/* A, 1 */
	assert_ptr_equal(seen.page[3], d);			/* D, 1: it was at the head */
	for (unsigned int i = 0; i < 4; i++)
		assert_int_equal(seen.list[i], SLUB_LIST_PARTIAL);
	assert_int_equal(seen.inuse[0], 3);
	assert_int_equal(seen.inuse[3], 1);
	assert_int_equal(seen.chain_len[0], OBJS - 3);

	/* empty them: the last frees discard each slab, and shrink has nothing left */
	kmem_cache_free(s, d);
	kmem_cache_free(s, obj[0]);
	for (unsigned int i = 0; i < 3; i++)
		kmem_cache_free(s, obj[OBJS + i]);
	for (unsigned int i = 0; i < 2; i++)
		kmem_cache_free(s, obj[2 * OBJS + i]);
	assert_int_equal(node_of(s).nr_slabs, 0);
	assert_int_equal(kmem_cache_shrink(s), 0);
	take_snapshot(after);
	assert_snapshots_equal(before, after);
	kmem_cache_destroy(s);
	free(before);
	free(after);
}

/* A CPU slab whose own freelist is empty but has remote frees goes to the tail. */
static void test_deactivate_to_tail_remote_frees(void **state)
{
	struct kmem_cache *s = kmem_cache_create("slub_tail", 40, 8, 0, NULL);
	static void *obj[OBJS];

	(void)state;
	fill_slabs(s, obj, 1);
	host_set_cpu(2);
	kmem_cache_free(s, obj[50]);
	host_set_cpu(0);
	assert_int_equal(kmem_cache_shrink(s), 0);
	assert_int_equal(cpu_stat(s, 0, DEACTIVATE_REMOTE_FREES), 1);
	assert_int_equal(cpu_stat(s, 0, DEACTIVATE_TO_TAIL), 1);
	assert_int_equal(cpu_stat(s, 0, DEACTIVATE_TO_HEAD), 0);
	assert_int_equal(cpu_stat(s, 2, FREE_FROZEN), 1);
	assert_int_equal(node_of(s).nr_partial, 1);
	for (unsigned int i = 0; i < OBJS; i++)
		if (i != 50)
			kmem_cache_free(s, obj[i]);
	assert_int_equal(node_of(s).nr_slabs, 0);
	kmem_cache_destroy(s);
}

/*
 * new_slab() at s->oo fails (the page allocator refuses once): the slab
 * comes at s->min, ORDER_FALLBACK counted; the next one at oo again.
 * 1024-byte objects: oo order 2 (16 objects), min order 0 (4).  failslab
 * fails the growth itself: NULL, and nothing counted but the slow path.
 */
static void test_order_fallback_and_failslab(void **state)
{
	struct kmem_cache *s = kmem_cache_create("slub_fallback", 1024, 8, 0, NULL);
	struct slub_cache_info info = info_of(s);
	unsigned long errors = slab_error_count();
	struct slab_seen seen;
	void *obj[20];

	(void)state;
	assert_int_equal(info.order, 2);
	assert_int_equal(info.objects, 16);
	assert_int_equal(info.min_order, 0);
	assert_int_equal(info.min_objects, 4);
	assert_int_equal(info.min_partial, 10);		/* ilog2(1024) */
	assert_true(fault_attr_set(&fail_page_alloc, FAULT_EVERY, 1, 0, 1));
	obj[0] = kmem_cache_alloc(s, GFP_KERNEL);
	fault_attr_set(&fail_page_alloc, FAULT_OFF, 1, 0, 0);
	assert_non_null(obj[0]);
	assert_int_equal(stat_of(s, ORDER_FALLBACK), 1);
	assert_int_equal(virt_to_page(obj[0])->private, 0);
	slabs_of(s, &seen);
	assert_int_equal(seen.n, 1);
	assert_int_equal(node_of(s).total_objects, 4);
	for (unsigned int i = 1; i < 20; i++)
		obj[i] = kmem_cache_alloc(s, GFP_KERNEL);
	assert_int_equal(stat_of(s, ORDER_FALLBACK), 1);
	assert_int_equal(node_of(s).nr_slabs, 2);
	assert_int_equal(node_of(s).total_objects, 20);
	assert_int_equal(virt_to_page(obj[4])->private, 2);
	assert_ptr_equal(virt_to_head_page(obj[7]), virt_to_page(obj[4]));	/* a tail page */
	assert_ptr_equal(kmem_cache_of(obj[7]), s);
	assert_true(fault_attr_set(&failslab, FAULT_EVERY, 1, 0, 1));
	assert_null(kmem_cache_alloc(s, GFP_KERNEL | __GFP_NOWARN));
	fault_attr_set(&failslab, FAULT_OFF, 1, 0, 0);
	assert_int_equal(node_of(s).nr_slabs, 2);
	assert_int_equal(stat_of(s, ALLOC_SLAB), 2);
	for (unsigned int i = 0; i < 20; i++)
		kmem_cache_free(s, obj[i]);		/* tail pages' objects too */
	assert_int_equal(stat_of(s, FREE_FASTPATH) + stat_of(s, FREE_SLOWPATH), 20);
	assert_int_equal(slab_error_count(), errors);
	kmem_cache_destroy(s);
	assert_null(kmem_cache_find("slub_fallback"));
}

/* Destroy gives every page back: the buddy allocator as it was. */
static void test_destroy_returns_pages(void **state)
{
	struct free_snapshot *before = malloc(sizeof(*before)), *after = malloc(sizeof(*after));
	struct kmem_cache *s;
	static void *obj[3 * OBJS];

	(void)state;
	/* warm kmalloc's slab for struct kmem_cache */
	kmem_cache_destroy(kmem_cache_create("slub_warm", 40, 8, 0, NULL));
	take_snapshot(before);
	s = kmem_cache_create("slub_destroy", 40, 8, 0, NULL);
	fill_slabs(s, obj, 3);
	host_set_cpu(3);
	for (unsigned int i = 0; i < 3 * OBJS; i += 2)
		kmem_cache_free(s, obj[i]);
	host_set_cpu(0);
	for (unsigned int i = 1; i < 3 * OBJS; i += 2)
		kmem_cache_free(s, obj[i]);
	kmem_cache_destroy(s);
	take_snapshot(after);
	assert_snapshots_equal(before, after);
	free(before);
	free(after);
}

/* Objects left: reported (one count), the cache kept and usable. */
static void test_destroy_with_objects_refused(void **state)
{
	struct kmem_cache *s = kmem_cache_create("slub_busy", 40, 8, 0, NULL);
	unsigned long errors = slab_error_count();
	void *a = kmem_cache_alloc(s, GFP_KERNEL);

	(void)state;
	slab_mute_reports();
	kmem_cache_destroy(s);
	slab_unmute_reports();
	assert_int_equal(slab_error_count(), errors + 1);
	assert_ptr_equal(kmem_cache_find("slub_busy"), s);
	assert_int_equal(info_of(s).refcount, 1);
	assert_int_equal(node_of(s).nr_slabs, 1);
	assert_int_equal(node_of(s).nr_full + node_of(s).nr_partial, 1);
	kmem_cache_free(s, a);
	kmem_cache_destroy(s);
	assert_null(kmem_cache_find("slub_busy"));
}

/* A free of something that is not an object of the cache is refused. */
static void test_bad_free_refused(void **state)
{
	struct kmem_cache *s = kmem_cache_create("slub_bad", 40, 8, 0, NULL);
	struct kmem_cache *t = kmem_cache_create("slub_bad2", 56, 8, 0, NULL);
	unsigned long errors = slab_error_count();
	void *a = kmem_cache_alloc(s, GFP_KERNEL);
	void *b = kmem_cache_alloc(t, GFP_KERNEL);

	(void)state;
	slab_mute_reports();
	kmem_cache_free(s, (char *)a + 8);
	kmem_cache_free(s, b);
	kfree((char *)a + 1);
	kmem_cache_free(s, (char *)a + OBJS * 40);	/* the slab's 16 bytes left over */
	kfree((char *)a + OBJS * 40);
	kmem_cache_free(s, &errors);			/* not in memory at all */
	slab_unmute_reports();
	assert_int_equal(slab_error_count(), errors + 6);
	assert_int_equal(stat_of(s, FREE_FASTPATH) + stat_of(s, FREE_SLOWPATH), 0);
	kmem_cache_free(s, a);
	kfree(b);
	kmem_cache_destroy(s);
	kmem_cache_destroy(t);
	assert_null(kmem_cache_find("slub_bad"));
	assert_null(kmem_cache_find("slub_bad2"));
}

/*
 * A free into a slab with no object handed out can only be a double
 * free: refused, counted, the slab's freelist untouched.
 */
static void test_double_free_into_empty_slab(void **state)
{
	struct kmem_cache *s = kmem_cache_create("slub_double", 40, 8, 0, NULL);
	static void *obj[OBJS];
	unsigned long errors;
	struct slab_seen seen;

	(void)state;
	fill_slabs(s, obj, 1);
	host_set_cpu(1);
	for (unsigned int i = 0; i < OBJS; i++)
		kmem_cache_free(s, obj[i]);	/* all onto the frozen slab's page->freelist */
	errors = slab_error_count();
	slab_mute_reports();
	kmem_cache_free(s, obj[3]);
	slab_unmute_reports();
	assert_int_equal(slab_error_count(), errors + 1);
	slabs_of(s, &seen);
	assert_int_equal(seen.n, 1);
	assert_int_equal(seen.inuse[0], 0);
	assert_int_equal(seen.chain_len[0], OBJS);
	assert_ptr_equal(seen.freelist[0], obj[OBJS - 1]);
	host_set_cpu(0);
	kmem_cache_destroy(s);
	assert_null(kmem_cache_find("slub_double"));
}

/* ---- merging ---- */

static void test_merge_aliases(void **state)
{
	struct kmem_cache *m1 = kmem_cache_create("slub_m1", 40, 8, 0, NULL);
	struct kmem_cache *m2 = kmem_cache_create("slub_m2", 36, 8, 0, NULL);
	const char *names[4];

	(void)state;
	assert_ptr_equal(m1, m2);			/* ALIGN(36, 8) = 40 */
	assert_int_equal(info_of(m1).refcount, 2);
	assert_int_equal(info_of(m1).objsize, 40);
	assert_int_equal(slub_cache_aliases(m1, names, 4), 1);
	assert_string_equal(names[0], "slub_m2");
	assert_ptr_equal(kmem_cache_find("slub_m2"), m1);
	assert_int_equal(rows_named("slub_m1"), 1);
	assert_int_equal(rows_named("slub_m2"), 0);
	/* a create in use by name, own or alias, is refused */
	assert_null(kmem_cache_create("slub_m2", 40, 8, 0, NULL));
	kmem_cache_destroy(m2);
	assert_int_equal(info_of(m1).refcount, 1);
	assert_null(kmem_cache_find("slub_m2"));
	assert_ptr_equal(kmem_cache_find("slub_m1"), m1);
	assert_int_equal(slub_cache_aliases(m1, names, 4), 0);
	kmem_cache_destroy(m1);
	assert_null(kmem_cache_find("slub_m1"));
}

/*
 * kmem_cache_destroy_name() drops the name given, in any order: the
 * older alias first, then the cache's own name (which passes to the
 * remaining alias), with one reference each; a name that is not the
 * cache's changes nothing, nor does a kmalloc cache's own name.
 */
static void test_destroy_by_name(void **state)
{
	struct kmem_cache *m1 = kmem_cache_create("slub_n1", 40, 8, 0, NULL);
	struct kmem_cache *k32 = kmem_cache_find("kmalloc-32");
	const char *names[4];
	void *obj;

	(void)state;
	assert_ptr_equal(kmem_cache_create("slub_n2", 36, 8, 0, NULL), m1);
	assert_ptr_equal(kmem_cache_create("slub_n3", 40, 8, 0, NULL), m1);
	obj = kmem_cache_alloc(m1, GFP_KERNEL);
	/* the older alias first: the newer stays */
	kmem_cache_destroy_name(m1, "slub_n2");
	assert_int_equal(info_of(m1).refcount, 2);
	assert_int_equal(slub_cache_aliases(m1, names, 4), 1);
	assert_string_equal(names[0], "slub_n3");
	assert_null(kmem_cache_find("slub_n2"));
	assert_ptr_equal(kmem_cache_find("slub_n3"), m1);
	/* not a name of it (gone, or another cache's): nothing changes */
	kmem_cache_destroy_name(m1, "slub_n2");
	kmem_cache_destroy_name(m1, "kmalloc-32");
	assert_int_equal(info_of(m1).refcount, 2);
	assert_int_equal(slub_cache_aliases(m1, names, 4), 1);
	/* its own name: the alias takes it; slabinfo shows the name in use */
	kmem_cache_destroy_name(m1, "slub_n1");
	assert_int_equal(info_of(m1).refcount, 1);
	assert_string_equal(kmem_cache_name(m1), "slub_n3");
	assert_int_equal(slub_cache_aliases(m1, names, 4), 0);
	assert_null(kmem_cache_find("slub_n1"));
	assert_int_equal(rows_named("slub_n1"), 0);
	assert_int_equal(rows_named("slub_n3"), 1);
	/* the name can be created again: a new alias */
	assert_ptr_equal(kmem_cache_create("slub_n1", 40, 8, 0, NULL), m1);
	kmem_cache_destroy_name(m1, "slub_n1");
	/* the last name with an object out: refused, all kept */
	slab_mute_reports();
	kmem_cache_destroy_name(m1, "slub_n3");
	slab_unmute_reports();
	assert_ptr_equal(kmem_cache_find("slub_n3"), m1);
	assert_int_equal(info_of(m1).refcount, 1);
	kmem_cache_free(m1, obj);
	kmem_cache_destroy_name(m1, "slub_n3");
	assert_null(kmem_cache_find("slub_n3"));
	/* a kmalloc cache: an alias goes, its own name never */
	assert_ptr_equal(kmem_cache_create("slub_n4", 30, 0, 0, NULL), k32);
	assert_ptr_equal(kmem_cache_create("slub_n5", 31, 0, 0, NULL), k32);
	kmem_cache_destroy_name(k32, "slub_n4");
	kmem_cache_destroy_name(k32, "kmalloc-32");
	assert_int_equal(info_of(k32).refcount, 2);
	assert_string_equal(kmem_cache_name(k32), "kmalloc-32");
	assert_int_equal(slub_cache_aliases(k32, names, 4), 1);
	assert_string_equal(names[0], "slub_n5");
	kmem_cache_destroy_name(k32, "slub_n5");
	assert_int_equal(info_of(k32).refcount, 1);
	assert_ptr_equal(kmem_cache_find("kmalloc-32"), k32);
}

static void test_merge_prevented(void **state)
{
	struct kmem_cache *c1 = kmem_cache_create("slub_c1", 40, 8, 0, ctor_nop);
	struct kmem_cache *c2 = kmem_cache_create("slub_c2", 40, 8, 0, NULL);
	struct kmem_cache *c3 = kmem_cache_create("slub_c3", 40, 8, 0, ctor_nop);
	struct kmem_cache *c4 = kmem_cache_create("slub_c4", 40, 8, SLAB_RED_ZONE, NULL);
	struct kmem_cache *c5 = kmem_cache_create("slub_c5", 40, 8, SLAB_RECLAIM_ACCOUNT, NULL);
	struct kmem_cache *c6 = kmem_cache_create("slub_c6", 32, 8, 0, NULL);
	void *o;

	(void)state;
	assert_ptr_not_equal(c1, c2);		/* c1 has a constructor */
	assert_ptr_not_equal(c3, c1);		/* and so has c3 */
	assert_ptr_not_equal(c3, c2);
	assert_ptr_not_equal(c4, c2);		/* SLUB_NEVER_MERGE */
	assert_ptr_not_equal(c5, c2);		/* SLUB_MERGE_SAME differs */
	assert_ptr_equal(c6, kmem_cache_find("kmalloc-32"));	/* into kmalloc-32 */
	assert_int_equal(info_of(c6).refcount, 2);
	assert_int_equal(info_of(c1).offset, 40);	/* a ctor: the free pointer after */
	o = kmem_cache_alloc(c1, GFP_KERNEL);
	assert_int_equal(((unsigned char *)o)[7], 0x5a);
	kmem_cache_free(c1, o);
	kmem_cache_destroy(c6);
	assert_int_equal(info_of(kmem_cache_find("kmalloc-32")).refcount, 1);
	assert_null(kmem_cache_find("slub_c6"));
	kmem_cache_destroy(c1);
	kmem_cache_destroy(c2);
	kmem_cache_destroy(c3);
	kmem_cache_destroy(c4);
	kmem_cache_destroy(c5);
}

/* ---- kmalloc ---- */

static void test_kmalloc_size_table(void **state)
{
	static const struct { size_t size; const char *cache; } table[] = {
		{ 1, "kmalloc-32" }, { 8, "kmalloc-32" }, { 24, "kmalloc-32" },
		{ 32, "kmalloc-32" }, { 33, "kmalloc-64" }, { 64, "kmalloc-64" },
		{ 65, "kmalloc-96" }, { 96, "kmalloc-96" }, { 97, "kmalloc-128" },
		{ 128, "kmalloc-128" }, { 129, "kmalloc-192" }, { 192, "kmalloc-192" },
		{ 193, "kmalloc-256" }, { 256, "kmalloc-256" }, { 257, "kmalloc-512" },
		{ 512, "kmalloc-512" }, { 513, "kmalloc-1024" }, { 1024, "kmalloc-1024" },
		{ 1025, "kmalloc-2048" }, { 2048, "kmalloc-2048" }, { 2049, "kmalloc-4096" },
		{ 4096, "kmalloc-4096" }, { 4097, "kmalloc-8192" }, { 8192, "kmalloc-8192" },
	};

	(void)state;
	for (unsigned int i = 0; i < ARRAY_SIZE(table); i++) {
		struct kmem_cache *want = kmem_cache_find(table[i].cache);
		void *p = kmalloc(table[i].size, GFP_KERNEL);

		assert_non_null(want);
		if (kmem_find_general_cachep(table[i].size, GFP_KERNEL) != want)
			fail_msg("size %lu: not %s", (unsigned long)table[i].size, table[i].cache);
		assert_ptr_equal(kmem_cache_of(p), want);
		assert_int_equal(ksize(p), info_of(want).size);
		kfree(p);
	}
	assert_ptr_equal(kmem_find_general_cachep(0, GFP_KERNEL), ZERO_SIZE_PTR);
	assert_null(kmem_find_general_cachep(8193, GFP_KERNEL));
}

static void test_kmalloc_large(void **state)
{
	static const struct { size_t size; unsigned int order; } table[] = {
		{ 8193, 2 }, { 16384, 2 }, { 16385, 3 }, { 4UL << 20, 10 },
	};
	struct free_snapshot *before = malloc(sizeof(*before)), *after = malloc(sizeof(*after));

	(void)state;
	take_snapshot(before);
	for (unsigned int i = 0; i < ARRAY_SIZE(table); i++) {
		void *p = kmalloc(table[i].size, GFP_KERNEL);
		struct page *page = virt_to_page(p);

		assert_non_null(p);
		assert_int_equal((uintptr_t)p % (PAGE_SIZE << table[i].order), 0);
		assert_true(PageHead(page));
		assert_false(PageSlab(page));
		assert_int_equal(page->private, table[i].order);
		assert_null(kmem_cache_of(p));
		assert_int_equal(ksize(p), PAGE_SIZE << table[i].order);
		kfree(p);
	}
	take_snapshot(after);
	assert_snapshots_equal(before, after);
	assert_null(kmalloc((4UL << 20) + 1, GFP_KERNEL | __GFP_NOWARN));
	assert_ptr_equal(kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	assert_int_equal(ksize(ZERO_SIZE_PTR), 0);
	kfree(NULL);
	kfree(ZERO_SIZE_PTR);
	free(before);
	free(after);
}

static void test_kzalloc_and_dma(void **state)
{
	unsigned char *p = kmalloc(100, GFP_KERNEL), *q;
	struct kmem_cache *dma;

	(void)state;
	memset(p, 0xff, 128);
	kfree(p);
	q = kzalloc(100, GFP_KERNEL);
	assert_ptr_equal(q, p);		/* LIFO: the same object, cleared */
	for (unsigned int i = 0; i < 100; i++)
		assert_int_equal(q[i], 0);
	kfree(q);
	p = kmalloc(100, GFP_KERNEL | GFP_DMA);
	dma = kmem_cache_of(p);
	assert_non_null(dma);
	assert_string_equal(dma->name, "kmalloc_dma-128");
	assert_true(dma->flags & SLAB_CACHE_DMA);
	assert_true(kmem_cache_is_general(dma));
	assert_ptr_equal(kmem_find_general_cachep(100, GFP_DMA), dma);
	assert_true(page_to_pfn(virt_to_page(p)) <
		    contig_page_data.node_zones[ZONE_DMA].zone_start_pfn +
		    contig_page_data.node_zones[ZONE_DMA].spanned_pages);
	kfree(p);
}

/*
 * More caches than the per-CPU pool of kmem_cache_cpu holds (100 per
 * CPU, 11 taken by the kmalloc caches): the rest come from kmalloc and
 * go back there; nothing is reported, every cache works and goes.
 */
static void test_many_caches(void **state)
{
	static char names[120][16];
	static struct kmem_cache *caches[120];
	unsigned long errors = slab_error_count();

	(void)state;
	for (unsigned int i = 0; i < 120; i++) {
		snprintf(names[i], sizeof(names[i]), "many-%u", i);
		caches[i] = kmem_cache_create(names[i], 48, 8, 0, ctor_nop);	/* never merged */
		assert_non_null(caches[i]);
	}
	for (unsigned int i = 0; i < 120; i++) {
		void *o;

		host_set_cpu(i % NR_CPUS);
		o = kmem_cache_alloc(caches[i], GFP_KERNEL);
		assert_ptr_equal(kmem_cache_of(o), caches[i]);
		kmem_cache_free(caches[i], o);
	}
	host_set_cpu(0);
	for (unsigned int i = 0; i < 120; i++)
		kmem_cache_destroy(caches[i]);
	for (unsigned int i = 0; i < 120; i++)
		assert_null(kmem_cache_find(names[i]));
	assert_int_equal(slab_error_count(), errors);
	/* a kmalloc cache is never destroyed */
	kmem_cache_destroy(kmem_cache_find("kmalloc-64"));
	assert_non_null(kmem_cache_find("kmalloc-64"));
}

/* Last: every test's caches went (a destroy refused leaves one behind). */
static void test_only_kmalloc_caches_left(void **state)
{
	struct row_names rn = { 0 };

	(void)state;
	kmem_cache_for_each_row(collect_row, &rn);
	for (unsigned int i = 0; i < rn.n; i++)
		if (strncmp(rn.name[i], "kmalloc", 7))
			fail_msg("cache %s is left", rn.name[i]);
	assert_int_equal(rn.n, 12);		/* 11 and kmalloc_dma-128 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_kmalloc_caches_at_boot, slub_test_setup),
		cmocka_unit_test_setup(test_geometry_figo_and_16, slub_test_setup),
		cmocka_unit_test_setup(test_fastpath_order_and_lifo, slub_test_setup),
		cmocka_unit_test_setup(test_remote_free_to_page_freelist, slub_test_setup),
		cmocka_unit_test_setup(test_full_slabs_and_free_add_partial, slub_test_setup),
		cmocka_unit_test_setup(test_min_partial_keeps_empty_slab, slub_test_setup),
		cmocka_unit_test_setup(test_min_partial_discards_above, slub_test_setup),
		cmocka_unit_test_setup(test_shrink_sorts_by_inuse, slub_test_setup),
		cmocka_unit_test_setup(test_deactivate_to_tail_remote_frees, slub_test_setup),
		cmocka_unit_test_setup(test_order_fallback_and_failslab, slub_test_setup),
		cmocka_unit_test_setup(test_destroy_returns_pages, slub_test_setup),
		cmocka_unit_test_setup(test_destroy_with_objects_refused, slub_test_setup),
		cmocka_unit_test_setup(test_bad_free_refused, slub_test_setup),
		cmocka_unit_test_setup(test_double_free_into_empty_slab, slub_test_setup),
		cmocka_unit_test_setup(test_merge_aliases, slub_test_setup),
		cmocka_unit_test_setup(test_destroy_by_name, slub_test_setup),
		cmocka_unit_test_setup(test_merge_prevented, slub_test_setup),
		cmocka_unit_test_setup(test_kmalloc_size_table, slub_test_setup),
		cmocka_unit_test_setup(test_kmalloc_large, slub_test_setup),
		cmocka_unit_test_setup(test_kzalloc_and_dma, slub_test_setup),
		cmocka_unit_test_setup(test_many_caches, slub_test_setup),
		cmocka_unit_test_setup(test_only_kmalloc_caches_left, slub_test_setup),
	};

	return cmocka_run_group_tests(tests, slub_group_setup, slub_group_teardown);
}
