/*
 * selftest_cache.c - the selftest's "shrink" and "tune" suites: a cache's
 * life beyond allocating and freeing.
 *
 * shrink: kmem_cache_shrink() gives back exactly the pages of the slabs
 * that are free once the arrays are drained, and the buddy allocator
 * gets exactly those; kmem_cache_destroy() refuses a cache with objects
 * left and leaves it usable, in its place; caches made and unmade over
 * and over leak nothing (the framework's census after each case).
 *
 * tune: slabinfo_write() installs the tunables every CPU's array and the
 * shared array then have, refuses bad ones with Linux's errno (and our
 * -E2BIG) changing nothing, and drains the old arrays without losing an
 * object.
 */
#include <errno.h>
#include <string.h>
#include "shell/selftest_slab.h"
#include "mm/mmzone.h"

#define SHRINK_OBJS_MAX 64

static void *objs[SHRINK_OBJS_MAX];

/* min(3 slabs and one object, SHRINK_OBJS_MAX) objects, all allocated. */
static unsigned int alloc_slabs_full(struct selftest *t, struct kmem_cache *c)
{
	unsigned int n = 3 * st_info(c).num + 1;

	if (n > SHRINK_OBJS_MAX)
		n = SHRINK_OBJS_MAX;
	for (unsigned int i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		if (!ST_CHECK(t, objs[i] != NULL, "'%s': allocation %u failed", kmem_cache_name(c),
			      i))
			return i;
	}
	return n;
}

static void free_objs(struct kmem_cache *c, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		if (objs[i])
			kmem_cache_free(c, objs[i]);
	memset(objs, 0, sizeof(objs));
}

/* Shrink must give back every slab's pages, and the buddy allocator must get them. */
static void check_shrink_empties(struct selftest *t, struct kmem_cache *c)
{
	unsigned long slabs = st_slabs(c), free = global_page_state(NR_FREE_PAGES);
	unsigned int order = st_info(c).gfporder;
	int pages = kmem_cache_shrink(c);
	struct node_info ni = st_node(c);

	ST_CHECK(t, slabs > 0, "'%s': no slab to shrink", kmem_cache_name(c));
	ST_CHECK_EQ(t, pages, slabs << order);
	ST_CHECK_EQ(t, global_page_state(NR_FREE_PAGES) - free, pages);
	ST_CHECK_EQ(t, ni.partial + ni.full + ni.free, 0);
	ST_CHECK_EQ(t, ni.free_objects, 0);
	ST_CHECK_EQ(t, ni.shared_avail, 0);
	ST_CHECK_EQ(t, st_arrays_avail(c), 0);
	ST_CHECK_EQ(t, kmem_cache_shrink(c), 0);	/* nothing left to give */
}

/* Free slabs (one page each, and a few pages each) all go back. */
static void shrink_free_slabs(struct selftest *t)
{
	static const struct {
		const char *name;
		size_t size;
	} caches[] = { { "st_shrink_256", 256 }, { "st_shrink_5000", 5000 } };

	for (unsigned int i = 0; i < 2; i++) {
		struct kmem_cache *c = st_cache_create(t, caches[i].name, caches[i].size, 0, 0,
						       NULL);

		if (!c)
			continue;
		ST_CHECK(t, caches[i].size < 4096 || st_info(c).gfporder > 0,
			 "'%s': one page a slab", caches[i].name);
		free_objs(c, alloc_slabs_full(t, c));
		check_shrink_empties(t, c);
		st_cache_destroy(t, c);
	}
}

static uintptr_t slab_of(struct kmem_cache *c, const void *objp)
{
	return (uintptr_t)objp & ~((PAGE_SIZE << st_info(c).gfporder) - 1);
}

/* Keep the objects of one slab, free the rest: shrink keeps exactly that slab. */
static void shrink_busy_slab(struct selftest *t)
{
	struct kmem_cache *c = st_cache_create(t, "st_shrink_busy", 256, 0, 0, NULL);
	unsigned int n, kept = 0, order;
	unsigned long slabs;

	if (!c)
		return;
	order = st_info(c).gfporder;
	n = alloc_slabs_full(t, c);
	for (unsigned int i = 0; i < n; i++) {
		if (slab_of(c, objs[i]) == slab_of(c, objs[0])) {
			objs[kept++] = objs[i];
			continue;
		}
		kmem_cache_free(c, objs[i]);
	}
	slabs = st_slabs(c);
	ST_CHECK(t, slabs >= 3, "'st_shrink_busy': %lu slabs", slabs);
	ST_CHECK_EQ(t, kmem_cache_shrink(c), (slabs - 1) << order);
	ST_CHECK_EQ(t, st_slabs(c), 1);
	ST_CHECK_EQ(t, st_node(c).free, 0);
	ST_CHECK_EQ(t, st_info(c).num_active, kept);
	free_objs(c, kept);
	ST_CHECK_EQ(t, kmem_cache_shrink(c), 1 << order);
	st_cache_destroy(t, c);
}

/* ---- destroy ---- */

#define CHAIN_MAX 128

struct chain {
	unsigned int n;
	const char *names[CHAIN_MAX];
};

static struct chain chain_before, chain_after;

static void add_name(const struct slabinfo_row *row, void *arg)
{
	struct chain *ch = arg;

	if (ch->n < CHAIN_MAX)
		ch->names[ch->n] = row->name;
	ch->n++;
}

static void read_chain(struct chain *ch)
{
	ch->n = 0;
	kmem_cache_for_each_row(add_name, ch);
}

static bool same_chain(const struct chain *a, const struct chain *b)
{
	return a->n == b->n && memcmp(a->names, b->names, sizeof(a->names[0]) *
				      (a->n < CHAIN_MAX ? a->n : CHAIN_MAX)) == 0;
}

/*
 * Destroying a cache with an object left is refused (Linux's "Can't free
 * all objects", muted here): the cache stays in its place in the chain,
 * its object intact, and it keeps working until it is empty and goes.
 */
static void shrink_destroy_busy(struct selftest *t)
{
	struct kmem_cache *c = st_cache_create(t, "st_destroy_busy", 64, 0, 0, NULL);
	void *objp, *other;

	if (!c)
		return;
	objp = kmem_cache_alloc(c, GFP_KERNEL);
	if (!ST_CHECK(t, objp != NULL, "allocation failed"))
		goto out;
	st_stamp(objp, kmem_cache_size(c), 0xb05b05b0u);
	read_chain(&chain_before);
	selftest_mute_reports(t);
	kmem_cache_destroy(c);
	read_chain(&chain_after);
	ST_CHECK(t, kmem_cache_find("st_destroy_busy") == c, "destroyed with an object left");
	ST_CHECK(t, same_chain(&chain_before, &chain_after), "the refusal moved the cache");
	ST_CHECK(t, st_stamped(objp, kmem_cache_size(c), 0xb05b05b0u),
		 "the object left was overwritten");
	other = kmem_cache_alloc(c, GFP_KERNEL);
	ST_CHECK(t, other && other != objp, "no new object after the refusal");
	kmem_cache_free(c, other);
	kmem_cache_free(c, objp);
out:
	st_cache_destroy(t, c);
}

/* Caches of every kind made, used and unmade: none left, nothing leaked. */
static void shrink_cycles(struct selftest *t)
{
	static const unsigned long kinds[] = {
		0, SLAB_HWCACHE_ALIGN, SLAB_RED_ZONE | SLAB_POISON, SLAB_STORE_USER,
	};
	unsigned int caches;

	read_chain(&chain_before);
	caches = chain_before.n;
	for (unsigned int i = 0; i < 24; i++) {
		struct kmem_cache *c = st_cache_create(t, "st_cycle", 24 + 100 * i, 0,
						       kinds[i % 4], NULL);
		unsigned int n = i % 7 + 1;

		if (!c)
			return;
		for (unsigned int k = 0; k < n; k++)
			objs[k] = kmem_cache_alloc(c, GFP_KERNEL);
		free_objs(c, n);
		st_cache_destroy(t, c);
		read_chain(&chain_after);
		if (!ST_CHECK(t, chain_after.n == caches, "cycle %u: %u caches, expected %u", i,
			      chain_after.n, caches))
			return;
	}
}

static const struct selftest_case shrink_cases[] = {
	{ "free_slabs", shrink_free_slabs, 1 },
	{ "busy_slab", shrink_busy_slab, 1 },
	{ "destroy_busy", shrink_destroy_busy, 1 },
	{ "cycles", shrink_cycles, 1 },
};

const struct selftest_suite selftest_shrink = SELFTEST_SUITE("shrink", shrink_cases);

/* ---- tune ---- */

struct tunables {
	int limit, batchcount, shared;
};

/* Every online CPU's array, the shared array and the cache say @tu. */
static void check_tunables(struct selftest *t, struct kmem_cache *c, const struct tunables *tu)
{
	struct kmem_cache_info info = st_info(c);
	struct node_info ni = st_node(c);

	ST_CHECK(t, (int)info.limit == tu->limit && (int)info.batchcount == tu->batchcount &&
		 (int)info.shared == tu->shared, "tunables %u %u %u, expected %d %d %d",
		 info.limit, info.batchcount, info.shared, tu->limit, tu->batchcount, tu->shared);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct array_info ai = st_array(c, cpu);

		if (!cpu_online(cpu))
			continue;
		ST_CHECK(t, (int)ai.limit == tu->limit && (int)ai.batchcount == tu->batchcount,
			 "cpu%u's array: limit %u batchcount %u, expected %d %d", cpu, ai.limit,
			 ai.batchcount, tu->limit, tu->batchcount);
	}
	ST_CHECK_EQ(t, ni.shared_limit, tu->shared * tu->batchcount);
}

/*
 * Linux's enable_cpucache() for @c: a limit by object size, capped at 32
 * for a cache with debug flags (every cache in a slab_debug build), half
 * of it a batch, and a shared array of 8 batches when CPUs can share.
 */
static struct tunables default_tunables(struct kmem_cache *c)
{
	struct kmem_cache_info info = st_info(c);
	unsigned int size = info.buffer_size;
	int limit = size > 131072 ? 1 : size > PAGE_SIZE ? 8 : size > 1024 ? 24 :
		    size > 256 ? 54 : 120;

	if ((info.flags & (SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)) && limit > 32)
		limit = 32;
	return (struct tunables){ limit, (limit + 1) / 2,
				  size <= PAGE_SIZE && num_present_cpus() > 1 ? 8 : 0 };
}

/* Linux's defaults at creation, then each set written, read back everywhere. */
static void tune_readback(struct selftest *t)
{
	static const struct tunables sets[] = {
		{ 16, 8, 2 }, { 1, 1, 0 }, { 200, 100, 1 }, { 32, 16, 0 }, { 5, 5, 3 },
	};
	struct kmem_cache *c = st_cache_create(t, "st_tune", 96, 0, 0, NULL);
	struct tunables defaults;

	if (!c)
		return;
	defaults = default_tunables(c);
	check_tunables(t, c, &defaults);
	for (unsigned int i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		const struct tunables *tu = &sets[i];

		ST_CHECK_EQ(t, slabinfo_write("st_tune", tu->limit, tu->batchcount, tu->shared), 0);
		check_tunables(t, c, tu);
	}
	st_cache_destroy(t, c);
}

struct bad_tuning {
	const char *name;
	int limit, batchcount, shared;
	int err;
};

/*
 * Refused, each with its errno, and nothing changed: neither the
 * tunables nor the objects sitting in the arrays.
 */
static void tune_refuses(struct selftest *t)
{
	const int max = (int)slab_max_array_entries();
	const struct bad_tuning bad[] = {
		{ "st_tune_bad", 0, 1, 0, -EINVAL },
		{ "st_tune_bad", -1, 1, 0, -EINVAL },
		{ "st_tune_bad", 4, 0, 0, -EINVAL },
		{ "st_tune_bad", 4, 5, 0, -EINVAL },
		{ "st_tune_bad", 4, 2, -1, -EINVAL },
		{ "st_no_such_cache", 4, 2, 0, -ENOENT },
		{ "st_tune_bad", max + 1, 1, 0, -E2BIG },
		{ "st_tune_bad", max, max, 2, -E2BIG },
		{ "st_tune_bad", max, max, 0x7fffffff, -E2BIG },	/* the product wraps */
	};
	const struct tunables good = { 16, 8, 2 };
	struct kmem_cache *c = st_cache_create(t, "st_tune_bad", 96, 0, 0, NULL);
	unsigned int cpu = smp_processor_id(), avail;

	if (!c)
		return;
	ST_CHECK_EQ(t, slabinfo_write("st_tune_bad", good.limit, good.batchcount, good.shared), 0);
	for (unsigned int i = 0; i < 10; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	free_objs(c, 10);
	avail = st_array(c, cpu).avail;
	ST_CHECK(t, avail > 0, "no object in this CPU's array");
	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const struct bad_tuning *b = &bad[i];
		int err = slabinfo_write(b->name, b->limit, b->batchcount, b->shared);

		ST_CHECK(t, err == b->err, "slabinfo_write(%s, %d, %d, %d) = %d, expected %d",
			 b->name, b->limit, b->batchcount, b->shared, err, b->err);
		check_tunables(t, c, &good);
		ST_CHECK_EQ(t, st_array(c, cpu).avail, avail);
	}
	st_cache_destroy(t, c);
}

#define DRAIN_OBJS 50
#define DRAIN_KEPT 10		/* per CPU: the rest is freed into the arrays */

static int drain_fill(void *arg)
{
	struct st_share *sh = arg;
	unsigned int cpu = smp_processor_id();

	st_alloc_share(sh);
	for (unsigned int i = DRAIN_KEPT; i < sh->n; i++) {
		if (st_rows[cpu][i])
			kmem_cache_free(sh->cachep, st_rows[cpu][i]);
		st_rows[cpu][i] = NULL;
	}
	return 0;
}

/*
 * A retune drains every old array: afterwards only the objects still
 * held are in use, and they are intact; freed, they all come back.
 */
static void tune_drain(struct selftest *t)
{
	struct kmem_cache *c = st_cache_create(t, "st_tune_drain", 128, 0, 0, NULL);
	struct st_share sh = st_share(t, c, DRAIN_OBJS);
	long held = (long)num_online_cpus() * DRAIN_KEPT;
	const struct tunables after = { 24, 12, 1 };

	if (!c)
		return;
	st_rows_clear();
	ST_ON_EACH_CPU(t, drain_fill, &sh);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		ST_CHECK(t, !cpu_online(cpu) || st_array(c, cpu).avail > 0,
			 "cpu%u's array is empty before the retune", cpu);
	ST_CHECK_EQ(t, slabinfo_write("st_tune_drain", after.limit, after.batchcount,
				      after.shared), 0);
	check_tunables(t, c, &after);
	ST_CHECK_EQ(t, st_arrays_avail(c), 0);
	ST_CHECK_EQ(t, st_node(c).shared_avail, 0);
	ST_CHECK_EQ(t, st_info(c).num_active, held);
	ST_ON_EACH_CPU(t, st_free_share, &sh);	/* checks the stamps */
	ST_CHECK_EQ(t, slabinfo_write("st_tune_drain", 8, 4, 0), 0);
	ST_CHECK_EQ(t, st_info(c).num_active, 0);
	ST_CHECK_EQ(t, st_node(c).free_objects, st_slabs(c) * st_info(c).num);
	check_shrink_empties(t, c);
	st_cache_destroy(t, c);
}

/*
 * Arrays at their extremes (one entry, no batching; a shared array of
 * one; bigger than a batch can fill) under every CPU at once: the counts
 * still add up and everything comes back.
 */
static void tune_extremes(struct selftest *t)
{
	static const struct tunables sets[] = {
		{ 1, 1, 0 }, { 1, 1, 1 }, { 2, 1, 3 }, { 400, 200, 4 },
	};
	struct kmem_cache *c = st_cache_create(t, "st_tune_extremes", 48, 0, 0, NULL);
	struct st_share sh = st_share(t, c, ST_ROW_MAX);
	long rounds = 0;

	if (!c)
		return;
	for (unsigned int i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		const struct tunables *tu = &sets[i];

		ST_CHECK_EQ(t, slabinfo_write("st_tune_extremes", tu->limit, tu->batchcount,
					      tu->shared), 0);
		check_tunables(t, c, tu);
		st_rows_clear();
		if (ST_ON_EACH_CPU(t, st_alloc_share, &sh))
			st_rows_distinct(t);
		ST_ON_EACH_CPU(t, st_free_share, &sh);
		rounds++;
	}
	rounds *= (long)num_online_cpus() * ST_ROW_MAX;
	ST_CHECK_EQ(t, st_info(c).allochit + st_info(c).allocmiss, rounds);
	ST_CHECK_EQ(t, st_info(c).freehit + st_info(c).freemiss, rounds);
	kmem_cache_shrink(c);
	ST_CHECK_EQ(t, st_info(c).num_active, 0);
	ST_CHECK_EQ(t, st_slabs(c), 0);
	st_cache_destroy(t, c);
}

static const struct selftest_case tune_cases[] = {
	{ "readback", tune_readback, 1 },
	{ "refuses", tune_refuses, 1 },
	{ "drain", tune_drain, 1 },
	{ "extremes", tune_extremes, 1 },
};

const struct selftest_suite selftest_tune = SELFTEST_SUITE("tune", tune_cases);
