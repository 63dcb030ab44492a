/*
 * selftest_slub.c - the selftest's suites on SLUB (make SLAB=slub), in
 * place of SLAB's selftest_alloc.c, _xcpu.c, _cache.c and _debug.c,
 * which count what only SLAB has (its arrays' hits and misses, tuning,
 * the CONFIG_DEBUG_SLAB detectors).
 *
 * alloc:  every CPU at once; every kmalloc class 2.6.32 makes on ARM
 *         (kmalloc-32 ... kmalloc-8192, -96, -192) and the page
 *         allocator above; zeroing; constructors; SLUB's exact path
 *         counts on one CPU (fast path, slow path, new slab, deactivate);
 *         merging into a kmalloc cache (an alias, dropped by destroy);
 * xcpu:   a free on another CPU goes to the page's freelist (frozen CPU
 *         slab), and every pair of CPUs keeps objects intact;
 * shrink: a full slab's first free puts it on the partial list, its
 *         last free gives it back to the page allocator, shrink and
 *         destroy give back every page;
 * tune:   skipped, saying why (debug: selftest_slub_debug.c).
 *
 * The counts are exact because the framework holds the board still
 * around each case (shell/selftest.c) and each case uses caches of its
 * own: the statistics are SLUB's (mm/slub_inspect.h, Linux's
 * CONFIG_SLUB_STATS names), summed over the CPUs.  Object rows are
 * static, so the bookkeeping allocates nothing the census could see.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "shell/selftest.h"
#include "mm/mmzone.h"
#include "mm/slab_inspect.h"
#include "mm/slub_inspect.h"
#include "smp.h"

#define ROW_MAX 300

static void *rows[NR_CPUS][ROW_MAX];
static void *sorted[NR_CPUS * ROW_MAX];

/*
 * SLUB never merges a cache that has a constructor (SLUB_NEVER_MERGE):
 * the cases give theirs one that does nothing, so that their caches'
 * statistics and slabs are theirs alone, whatever else has that size.
 */
static void no_merge_ctor(struct kmem_cache *cachep, void *objp)
{
	(void)cachep;
	(void)objp;
}

static struct kmem_cache *st_create(struct selftest *t, const char *name, size_t size,
				    kmem_ctor_t ctor)
{
	struct kmem_cache *c = kmem_cache_create(name, size, 0, 0, ctor ? ctor : no_merge_ctor);

	if (ST_CHECK(t, c != NULL, "kmem_cache_create('%s', %lu) failed", name,
		     (unsigned long)size))
		ST_CHECK(t, strcmp(kmem_cache_name(c), name) == 0, "'%s' was merged into '%s'",
			 name, kmem_cache_name(c));
	return c;
}

static void st_destroy(struct selftest *t, struct kmem_cache *c)
{
	const char *name = kmem_cache_name(c);

	kmem_cache_destroy(c);
	ST_CHECK(t, kmem_cache_find(name) == NULL, "'%s' still there after destroy", name);
}

static struct slub_cache_info info(struct kmem_cache *c)
{
	struct slub_cache_info si;

	slub_get_cache_info(c, &si);
	return si;
}

static struct slub_node_info node(struct kmem_cache *c)
{
	struct slub_node_info ni;

	slub_get_node(c, &ni);
	return ni;
}

static uint32_t stamp_word(unsigned int cpu, unsigned int i)
{
	return 0x5100b000u ^ (cpu << 16) ^ i;
}

static void stamp(void *p, size_t size, uint32_t w)
{
	for (size_t i = 0; i + 4 <= size; i += 4)
		memcpy((char *)p + i, &w, 4);
}

static bool stamped(const void *p, size_t size, uint32_t w)
{
	for (size_t i = 0; i + 4 <= size; i += 4)
		if (memcmp((const char *)p + i, &w, 4) != 0)
			return false;
	return true;
}

struct share {
	struct selftest *t;
	struct kmem_cache *c;
	unsigned int n;
	unsigned int row[NR_CPUS];	/* the row each CPU frees */
};

static int alloc_row(void *arg)
{
	struct share *sh = arg;
	unsigned int cpu = smp_processor_id();

	for (unsigned int i = 0; i < sh->n; i++) {
		void *p = kmem_cache_alloc(sh->c, GFP_KERNEL);

		rows[cpu][i] = p;
		if (!ST_CHECK(sh->t, p != NULL, "cpu%u: allocation %u failed", cpu, i))
			return 0;
		stamp(p, kmem_cache_size(sh->c), stamp_word(cpu, i));
	}
	return 0;
}

static int free_row(void *arg)
{
	struct share *sh = arg;
	unsigned int cpu = smp_processor_id(), row = sh->row[cpu];

	for (unsigned int i = 0; i < sh->n; i++) {
		void *p = rows[row][i];

		if (!p)
			continue;
		ST_CHECK(sh->t, stamped(p, kmem_cache_size(sh->c), stamp_word(row, i)),
			 "cpu%u: cpu%u's object %u (0x%08lx) was overwritten", cpu, row, i,
			 (unsigned long)(uintptr_t)p);
		kmem_cache_free(sh->c, p);
		rows[row][i] = NULL;
	}
	return 0;
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(void *const *)a, y = (uintptr_t)*(void *const *)b;

	return x < y ? -1 : x > y;
}

/* No object is in two rows, nor twice in one. */
static void rows_distinct(struct selftest *t, unsigned int n)
{
	unsigned int k = 0;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		for (unsigned int i = 0; i < n; i++)
			if (cpu_online(cpu) && rows[cpu][i])
				sorted[k++] = rows[cpu][i];
	qsort(sorted, k, sizeof(sorted[0]), cmp_ptr);
	for (unsigned int i = 1; i < k; i++)
		ST_CHECK(t, sorted[i] != sorted[i - 1], "0x%08lx handed out twice",
			 (unsigned long)(uintptr_t)sorted[i]);
}

/* ---- alloc ---- */

static void alloc_every_cpu(struct selftest *t)
{
	struct kmem_cache *c = st_create(t, "st_every_cpu", 64, NULL);
	struct share sh = { t, c, ROW_MAX, { 0 } };
	unsigned long total = (unsigned long)num_online_cpus() * ROW_MAX;
	struct slub_cache_info si;

	if (!c)
		return;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		sh.row[cpu] = cpu;
	memset(rows, 0, sizeof(rows));
	if (ST_ON_EACH_CPU(t, alloc_row, &sh))
		rows_distinct(t, ROW_MAX);
	ST_ON_EACH_CPU(t, free_row, &sh);
	si = info(c);
	ST_CHECK_EQ(t, si.stat[ALLOC_FASTPATH] + si.stat[ALLOC_SLOWPATH], total);
	ST_CHECK_EQ(t, si.stat[FREE_FASTPATH] + si.stat[FREE_SLOWPATH], total);
	kmem_cache_shrink(c);
	ST_CHECK_EQ(t, node(c).nr_slabs, 0);
	st_destroy(t, c);
}

/* kmalloc(@size) comes from kmalloc-@class, and ksize() says @class. */
static void check_kmalloc(struct selftest *t, size_t size, size_t class)
{
	unsigned char *p = kmalloc(size, GFP_KERNEL | __GFP_NOWARN);
	struct kmem_cache *c;
	char name[24];

	if (!ST_CHECK(t, p != NULL, "kmalloc(%lu) failed", (unsigned long)size))
		return;
	c = kmem_cache_of(p);
	snprintf(name, sizeof(name), "kmalloc-%lu", (unsigned long)class);
	ST_CHECK(t, c && strcmp(kmem_cache_name(c), name) == 0 &&
		 c == kmem_find_general_cachep(size, GFP_KERNEL),
		 "kmalloc(%lu) came from '%s', expected '%s'", (unsigned long)size,
		 c ? kmem_cache_name(c) : "no cache", name);
	ST_CHECK_EQ(t, ksize(p), class);
	/* ARCH_KMALLOC_MINALIGN: the 32-byte cache line */
	ST_CHECK(t, ((uintptr_t)p & 31) == 0, "kmalloc(%lu) = 0x%08lx: not 32-byte aligned",
		 (unsigned long)size, (unsigned long)(uintptr_t)p);
	memset(p, 0xa5, class);
	kfree(p);
}

/* Above kmalloc-8192: straight from the page allocator, ksize() its block. */
static void check_kmalloc_large(struct selftest *t, size_t size, size_t block)
{
	void *p = kmalloc(size, GFP_KERNEL | __GFP_NOWARN);

	if (!ST_CHECK(t, p != NULL, "kmalloc(%lu) failed", (unsigned long)size))
		return;
	ST_CHECK(t, kmem_cache_of(p) == NULL, "kmalloc(%lu) came from a cache, not the page "
		 "allocator", (unsigned long)size);
	ST_CHECK_EQ(t, ksize(p), block);
	ST_CHECK(t, ((uintptr_t)p & (PAGE_SIZE - 1)) == 0, "kmalloc(%lu) = 0x%08lx: not a page",
		 (unsigned long)size, (unsigned long)(uintptr_t)p);
	memset(p, 0x5a, size);
	kfree(p);
}

static void alloc_kmalloc_classes(struct selftest *t)
{
	/* 2.6.32 on ARM: kmalloc_index() with KMALLOC_MIN_SIZE 32 */
	static const size_t classes[] = { 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192 };
	size_t low = 1;

	for (unsigned int i = 0; i < ARRAY_SIZE(classes); i++) {
		check_kmalloc(t, low, classes[i]);
		check_kmalloc(t, classes[i], classes[i]);
		low = classes[i] + 1;
	}
	check_kmalloc_large(t, 8193, 4 * PAGE_SIZE);	/* get_order(8193) = 2 */
	check_kmalloc_large(t, 16384, 4 * PAGE_SIZE);
	check_kmalloc_large(t, 16385, 8 * PAGE_SIZE);
	ST_CHECK(t, kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR, "kmalloc(0) is not ZERO_SIZE_PTR");
	ST_CHECK_EQ(t, ksize(ZERO_SIZE_PTR), 0);
	kfree(ZERO_SIZE_PTR);			/* nothing to free: must do nothing */
}

static bool all_zero(const void *p, size_t size)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < size; i++)
		if (b[i])
			return false;
	return true;
}

/* The freed object comes straight back (the CPU's freelist is LIFO), zeroed. */
static void alloc_zeroing(struct selftest *t)
{
	struct kmem_cache *c = st_create(t, "st_zero", 100, NULL);
	void *p, *again;

	if (!c)
		return;
	p = kmem_cache_alloc(c, GFP_KERNEL);
	if (ST_CHECK(t, p != NULL, "allocation failed")) {
		memset(p, 0xff, 100);
		kmem_cache_free(c, p);
		again = kmem_cache_zalloc(c, GFP_KERNEL);
		ST_CHECK(t, again == p, "the object freed last did not come back first");
		if (again) {
			ST_CHECK(t, all_zero(again, 100), "kmem_cache_zalloc() left bytes set");
			kmem_cache_free(c, again);
		}
	}
	p = kmalloc(1000, GFP_KERNEL);
	if (ST_CHECK(t, p != NULL, "kmalloc(1000) failed")) {
		memset(p, 0xff, ksize(p));
		kfree(p);
		again = kzalloc(1000, GFP_KERNEL);
		ST_CHECK(t, again == p, "kzalloc(1000) did not reuse the object freed last");
		if (again) {
			ST_CHECK(t, all_zero(again, ksize(again)), "kzalloc(1000) left bytes set");
			kfree(again);
		}
	}
	st_destroy(t, c);
}

#define CTOR_WORD 0xc7c7c7c7u

static unsigned int ctor_calls;	/* the command's CPU only */

static void count_ctor(struct kmem_cache *cachep, void *objp)
{
	ctor_calls++;
	stamp(objp, kmem_cache_size(cachep), CTOR_WORD);
}

/*
 * SLUB runs the constructor on every object of a new slab (new_slab()'s
 * setup_object()), and never again: the free pointer lives after the
 * object (offset = inuse), so a freed object keeps what its user left.
 */
static void alloc_ctor(struct selftest *t)
{
	struct kmem_cache *c = st_create(t, "st_ctor", 100, count_ctor);
	struct slub_cache_info si;
	void *p;

	if (!c)
		return;
	ctor_calls = 0;
	si = info(c);
	ST_CHECK_EQ(t, si.offset, si.inuse);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	if (!ST_CHECK(t, p != NULL, "allocation failed"))
		goto out;
	ST_CHECK_EQ(t, ctor_calls, si.objects);
	ST_CHECK(t, stamped(p, 100, CTOR_WORD), "a new object is not constructed");
	stamp(p, 100, 0x05ed05edu);
	kmem_cache_free(c, p);
	ST_CHECK(t, kmem_cache_alloc(c, GFP_KERNEL) == p, "the object freed last did not come "
		 "back first");
	ST_CHECK(t, stamped(p, 100, 0x05ed05edu), "a freed object lost what its user left");
	ST_CHECK_EQ(t, ctor_calls, si.objects);
	kmem_cache_free(c, p);
out:
	st_destroy(t, c);
}

#define PATH_OBJS 512

static void *path_objs[PATH_OBJS];

/* The statistics SLUB keeps, checked item by item against @want. */
static void check_stats(struct selftest *t, struct kmem_cache *c, const char *step,
			const unsigned long want[NR_SLUB_STAT_ITEMS])
{
	struct slub_cache_info si = info(c);

	for (unsigned int i = 0; i < NR_SLUB_STAT_ITEMS; i++)
		ST_CHECK(t, si.stat[i] == want[i], "%s: %s=%lu, expected %lu", step,
			 slub_stat_name((enum stat_item)i), si.stat[i], want[i]);
}

/*
 * On one CPU: the first allocation takes the slow path and a new slab;
 * the rest of that slab's objects come off the CPU's freelist; the one
 * after them deactivates the full slab and takes a new one.  Frees of
 * the CPU slab's objects are fast; a free into the full slab goes slow
 * and puts it on the partial list; its last free discards it.
 */
static void alloc_paths(struct selftest *t)
{
	struct kmem_cache *c = st_create(t, "st_paths", 256, NULL);
	unsigned long want[NR_SLUB_STAT_ITEMS] = { 0 };
	bool dbg = slab_forced_debug();
	unsigned int n, i;

	if (!c)
		return;
	n = info(c).objects;		/* 16 in an order-0 slab */
	if (!ST_CHECK(t, n + 1 <= PATH_OBJS, "%u objects a slab", n))
		goto out;
	for (i = 0; i <= n; i++)
		if (!ST_CHECK(t, (path_objs[i] = kmem_cache_alloc(c, GFP_KERNEL)) != NULL,
			      "allocation %u failed", i))
			goto out;
	/* slub_debug image: every call is slow, one object of page->freelist at a time */
	want[ALLOC_SLOWPATH] = dbg ? n + 1 : 2;
	want[ALLOC_SLAB] = 2;
	want[ALLOC_REFILL] = dbg ? n : 1;	/* the CPU slab's page->freelist tried */
	want[ALLOC_FASTPATH] = dbg ? 0 : n - 1;
	want[DEACTIVATE_FULL] = 1;
	check_stats(t, c, "slab and one", want);
	ST_CHECK_EQ(t, node(c).nr_slabs, 2);
	ST_CHECK_EQ(t, node(c).nr_partial, 0);
	kmem_cache_free(c, path_objs[n]);		/* the CPU slab's */
	want[dbg ? FREE_SLOWPATH : FREE_FASTPATH] = 1;
	want[FREE_FROZEN] = dbg;
	kmem_cache_free(c, path_objs[0]);		/* the full slab's: to partial */
	want[FREE_SLOWPATH] = dbg ? 2 : 1;
	want[FREE_ADD_PARTIAL] = 1;
	check_stats(t, c, "a free each", want);
	ST_CHECK_EQ(t, node(c).nr_partial, 1);
	for (i = 1; i < n; i++)
		kmem_cache_free(c, path_objs[i]);
	want[FREE_SLOWPATH] = dbg ? n + 1 : n;
	want[FREE_REMOVE_PARTIAL] = 1;
	want[FREE_SLAB] = 1;
	check_stats(t, c, "the partial slab emptied", want);
	ST_CHECK_EQ(t, node(c).nr_partial, 0);
	ST_CHECK_EQ(t, node(c).nr_slabs, 1);
out:
	for (i = 0; i <= n && i < PATH_OBJS; i++)
		path_objs[i] = NULL;
	st_destroy(t, c);
}

/*
 * A cache without a constructor whose layout a kmalloc cache has is
 * merged into it (find_mergeable()): 30 bytes is kmalloc-32's 32 once
 * aligned.  kmem_cache_create() returns kmalloc-32 with one more
 * reference and the name as its newest alias; destroy drops both.
 */
static void alloc_merge(struct selftest *t)
{
	struct kmem_cache *k32 = kmem_find_general_cachep(32, GFP_KERNEL), *c;
	const char *names[8];
	int refcount = info(k32).refcount;
	unsigned int n = slub_cache_aliases(k32, names, 8);

	c = kmem_cache_create("st_merge", 30, 0, 0, NULL);
	if (slab_forced_debug()) {
		/* slub_debug: every cache has red zones, poison, tracks: none merges */
		ST_CHECK(t, c && c != k32 && (info(c).flags & SLAB_RED_ZONE),
			 "st_merge merged or without red zones in the slub_debug image");
		if (c)
			kmem_cache_destroy(c);
		goto out;
	}
	if (!ST_CHECK(t, c == k32, "st_merge is '%s', not kmalloc-32", c ? kmem_cache_name(c) :
		      "NULL"))
		goto out;
	ST_CHECK_EQ(t, info(k32).refcount, refcount + 1);
	ST_CHECK(t, slub_cache_aliases(k32, names, 8) == n + 1 && n + 1 <= 8 &&
		 strcmp(names[n], "st_merge") == 0, "st_merge is not kmalloc-32's newest alias");
	ST_CHECK(t, kmem_cache_find("st_merge") == k32, "kmem_cache_find('st_merge')");
	ST_CHECK_EQ(t, info(k32).objsize, 32);	/* the biggest asked: kmalloc-32's */
	kmem_cache_destroy(c);
out:
	ST_CHECK(t, kmem_cache_find("st_merge") == NULL, "st_merge still found after destroy");
	ST_CHECK(t, kmem_cache_find("kmalloc-32") == k32, "kmalloc-32 gone");
	ST_CHECK_EQ(t, info(k32).refcount, refcount);
	ST_CHECK_EQ(t, slub_cache_aliases(k32, names, 8), n);
}

static const struct selftest_case alloc_cases[] = {
	{ "every_cpu", alloc_every_cpu, 1, NULL, NULL },
	{ "kmalloc_classes", alloc_kmalloc_classes, 1, NULL, NULL },
	{ "zeroing", alloc_zeroing, 1, NULL, NULL },
	{ "ctor", alloc_ctor, 1, NULL, NULL },
	{ "paths", alloc_paths, 1, NULL, NULL },
	{ "merge", alloc_merge, 1, NULL, NULL },
};

const struct selftest_suite selftest_alloc = SELFTEST_SUITE("alloc", alloc_cases);

/* ---- xcpu ---- */

struct xfree {
	struct kmem_cache *c;
	void *obj;
};

static int xalloc_one(void *arg)
{
	struct xfree *x = arg;

	x->obj = kmem_cache_alloc(x->c, GFP_KERNEL);
	return x->obj ? 0 : -1;
}

static int xfree_one(void *arg)
{
	struct xfree *x = arg;

	kmem_cache_free(x->c, x->obj);
	return 0;
}

struct slab_find {
	const void *obj;
	bool found;
	struct slub_slab_info si;	/* its chain pointers are not kept */
};

static void find_cpu_slab(const struct slub_slab_info *si, void *arg)
{
	struct slab_find *f = arg;

	if (si->list == SLUB_LIST_CPU && si->cpu == 1) {
		f->found = true;
		f->si = *si;
	}
}

/*
 * An object of cpu1's slab freed on cpu0 (which has no CPU slab of the
 * cache): __slab_free() on a frozen slab, onto page->freelist, never
 * onto cpu0's freelist nor cpu1's.
 */
static void xcpu_remote_free(struct selftest *t)
{
	struct kmem_cache *c = st_create(t, "st_remote", 64, NULL);
	struct xfree x = { c, NULL };
	unsigned long want[NR_SLUB_STAT_ITEMS] = { 0 };
	struct slab_find f = { NULL, false, { 0 } };

	if (!c)
		return;
	if (!ST_ON_CPU(t, 1, xalloc_one, &x))
		goto out;
	want[ALLOC_SLOWPATH] = 1;
	want[ALLOC_SLAB] = 1;
	if (!ST_ON_CPU(t, 0, xfree_one, &x))
		goto out;
	want[FREE_SLOWPATH] = 1;
	want[FREE_FROZEN] = 1;
	check_stats(t, c, "alloc on cpu1, free on cpu0", want);
	slub_for_each_slab(c, find_cpu_slab, &f);
	if (ST_CHECK(t, f.found, "cpu1 has no CPU slab")) {
		ST_CHECK(t, f.si.freelist == x.obj, "page->freelist is 0x%08lx, not the object "
			 "freed (0x%08lx)", (unsigned long)(uintptr_t)f.si.freelist,
			 (unsigned long)(uintptr_t)x.obj);
		/* slub_debug: the CPU slab's free objects stay on page->freelist too */
		ST_CHECK_EQ(t, f.si.chain_len, slab_forced_debug() ? info(c).objects : 1);
	}
	/* cpu1 takes it back only when its own freelist runs dry: not yet */
	if (ST_ON_CPU(t, 1, xalloc_one, &x))
		ST_ON_CPU(t, 1, xfree_one, &x);
out:
	st_destroy(t, c);
}

/* Every ordered pair of CPUs: allocated on one, freed on the other, intact. */
static void xcpu_pairs(struct selftest *t)
{
	struct kmem_cache *c = st_create(t, "st_pairs", 96, NULL);
	struct share sh = { t, c, 100, { 0 } };
	unsigned int ncpus = 0, cpus[NR_CPUS];

	if (!c)
		return;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu_online(cpu))
			cpus[ncpus++] = cpu;
	memset(rows, 0, sizeof(rows));
	for (unsigned int shift = 1; shift < ncpus; shift++) {
		for (unsigned int k = 0; k < ncpus; k++)
			sh.row[cpus[(k + shift) % ncpus]] = cpus[k];
		if (!ST_ON_EACH_CPU(t, alloc_row, &sh))
			break;
		rows_distinct(t, sh.n);
		if (!ST_ON_EACH_CPU(t, free_row, &sh))
			break;
	}
	st_destroy(t, c);
}

static const struct selftest_case xcpu_cases[] = {
	{ "remote_free", xcpu_remote_free, 2, NULL, NULL },
	{ "pairs", xcpu_pairs, 2, NULL, NULL },
};

const struct selftest_suite selftest_xcpu = SELFTEST_SUITE("xcpu", xcpu_cases);

/* ---- shrink ---- */

#define SHRINK_OBJS 100

static void *shrink_objs[SHRINK_OBJS];

/*
 * kmem_cache_shrink() flushes the CPU slabs and frees every empty slab,
 * whatever min_partial says; the pages come back to the page allocator.
 */
static void shrink_free_slabs(struct selftest *t)
{
	struct kmem_cache *c = st_create(t, "st_shrink", 512, NULL);
	unsigned long before = global_page_state(NR_FREE_PAGES);
	struct slub_cache_info si;
	unsigned int slabs;
	int pages;

	if (!c)
		return;
	si = info(c);
	for (unsigned int i = 0; i < SHRINK_OBJS; i++)
		if (!ST_CHECK(t, (shrink_objs[i] = kmem_cache_alloc(c, GFP_KERNEL)) != NULL,
			      "allocation %u failed", i))
			goto out;
	slabs = (SHRINK_OBJS + si.objects - 1) / si.objects;
	ST_CHECK_EQ(t, node(c).nr_slabs, slabs);
	ST_CHECK_EQ(t, node(c).total_objects, slabs * si.objects);
	for (unsigned int i = 0; i < SHRINK_OBJS; i++)
		kmem_cache_free(c, shrink_objs[i]);
	/* the full slabs' last frees discarded them; only the CPU slab is left */
	ST_CHECK_EQ(t, node(c).nr_slabs, 1);
	pages = kmem_cache_shrink(c);
	ST_CHECK_EQ(t, pages, 1 << si.order);
	ST_CHECK_EQ(t, node(c).nr_slabs, 0);
	ST_CHECK_EQ(t, global_page_state(NR_FREE_PAGES), before);
out:
	memset(shrink_objs, 0, sizeof(shrink_objs));
	st_destroy(t, c);
}

/* A cache with an object out is not destroyed; freeing it lets destroy work. */
static void shrink_destroy_busy(struct selftest *t)
{
	struct kmem_cache *c = st_create(t, "st_busy", 40, NULL);
	void *p;

	if (!c)
		return;
	p = kmem_cache_alloc(c, GFP_KERNEL);
	if (ST_CHECK(t, p != NULL, "allocation failed")) {
		selftest_mute_reports(t);	/* the refusal's "Objects remaining" report */
		kmem_cache_destroy(c);
		ST_CHECK(t, kmem_cache_find("st_busy") == c, "destroyed with an object out");
		kmem_cache_free(c, p);
	}
	st_destroy(t, c);
}

static const struct selftest_case shrink_cases[] = {
	{ "free_slabs", shrink_free_slabs, 1, NULL, NULL },
	{ "destroy_busy", shrink_destroy_busy, 1, NULL, NULL },
};

const struct selftest_suite selftest_shrink = SELFTEST_SUITE("shrink", shrink_cases);

/* ---- what SLUB has no counterpart of, or not yet ---- */

static const struct selftest_case tune_cases[] = {
	{ "arrays", NULL, 1, NULL, "SLUB keeps no per-CPU arrays: nothing to tune" },
};

const struct selftest_suite selftest_tune = SELFTEST_SUITE("tune", tune_cases);

