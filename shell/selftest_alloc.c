/*
 * selftest_alloc.c - the selftest's "alloc" suite: allocating and freeing
 * on every online CPU at once, every kmalloc size class (DMA ones too),
 * zeroing, constructors, the sizes a cache reports, and the exact hit
 * and miss counts of a CPU's array as it refills from the slabs or the
 * shared array and flushes to them.
 *
 * Counts are exact where only one CPU uses the cache: a case then tunes
 * the cache (slabinfo_write()) so that the numbers do not depend on how
 * many CPUs the board has.  Where every CPU allocates at once, only sums
 * are exact (each allocation is one hit or one miss), and the case
 * checks those.
 */
#include <stdio.h>
#include <string.h>
#include "shell/selftest_slab.h"
#include "mm/mmzone.h"

/* ---- every CPU, every size class, zeroing ---- */

#define EVERY_CPU_OBJS 300	/* 2.5 times a 64-byte cache's limit (9 with debug's 32) */

/* Every CPU at once allocates its share, then frees it. */
static void alloc_every_cpu(struct selftest *t)
{
	struct kmem_cache *c = st_cache_create(t, "st_every_cpu", 64, 0, 0, NULL);
	struct st_share sh = st_share(t, c, EVERY_CPU_OBJS);
	long total = (long)num_online_cpus() * EVERY_CPU_OBJS;
	struct kmem_cache_info info;

	if (!c)
		return;
	st_rows_clear();
	if (ST_ON_EACH_CPU(t, st_alloc_share, &sh))
		st_rows_distinct(t);
	ST_ON_EACH_CPU(t, st_free_share, &sh);
	info = st_info(c);
	ST_CHECK_EQ(t, info.allochit + info.allocmiss, total);
	ST_CHECK_EQ(t, info.freehit + info.freemiss, total);
	ST_CHECK_EQ(t, info.errors, 0);
	kmem_cache_shrink(c);
	ST_CHECK_EQ(t, st_info(c).num_active, 0);
	ST_CHECK_EQ(t, st_slabs(c), 0);
	st_cache_destroy(t, c);
}

#define NR_KMALLOC_CLASSES 20

static size_t kmalloc_class(unsigned int i)
{
	static const size_t small[] = { 32, 64, 96, 128, 192, 256 };

	return i < 6 ? small[i] : (size_t)512 << (i - 6);
}

static bool in_zone_dma(const void *objp)
{
	return page_zone(virt_to_page(objp)) == &NODE_DATA(0)->node_zones[ZONE_DMA];
}

/* kmalloc(@size) must come from size class @class (its DMA twin with @dma). */
static void check_kmalloc(struct selftest *t, size_t size, size_t class, gfp_t dma)
{
	gfp_t gfp = GFP_KERNEL | __GFP_NOWARN | dma;
	const char *suffix = dma ? "(DMA)" : "";
	unsigned char *objp = kmalloc(size, gfp);
	struct kmem_cache *c;
	char name[24];

	if (!ST_CHECK(t, objp != NULL, "kmalloc(%lu)%s failed", (unsigned long)size, suffix))
		return;
	c = kmem_cache_of(objp);
	snprintf(name, sizeof(name), "size-%lu%s", (unsigned long)class, suffix);
	ST_CHECK(t, c && strcmp(kmem_cache_name(c), name) == 0 &&
		 c == kmem_find_general_cachep(size, gfp),
		 "kmalloc(%lu)%s came from '%s', expected '%s'", (unsigned long)size, suffix,
		 c ? kmem_cache_name(c) : "no cache", name);
	ST_CHECK_EQ(t, ksize(objp), class);
	ST_CHECK(t, ((uintptr_t)objp & 7) == 0, "kmalloc(%lu) = 0x%08lx: not 8-byte aligned",
		 (unsigned long)size, (unsigned long)objp);
	ST_CHECK(t, !dma || in_zone_dma(objp), "kmalloc(%lu, GFP_DMA) = 0x%08lx: not in ZONE_DMA",
		 (unsigned long)size, (unsigned long)objp);
	/* all of ksize() is the caller's (not past the class, should ksize() be wrong) */
	memset(objp, 0xa5, ksize(objp) < class ? ksize(objp) : class);
	kfree(objp);
}

/* Every general cache, at both ends of its size range, DMA twins too. */
static void alloc_kmalloc_classes(struct selftest *t)
{
	for (unsigned int i = 0; i < NR_KMALLOC_CLASSES; i++) {
		size_t class = kmalloc_class(i), low = i ? kmalloc_class(i - 1) + 1 : 1;

		for (gfp_t dma = 0; dma <= GFP_DMA; dma += GFP_DMA) {
			check_kmalloc(t, low, class, dma);
			check_kmalloc(t, class, class, dma);
		}
	}
	ST_CHECK(t, kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR, "kmalloc(0) is not ZERO_SIZE_PTR");
	ST_CHECK(t, kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN) == NULL,
		 "kmalloc(KMALLOC_MAX_SIZE + 1) is not NULL");
	ST_CHECK_EQ(t, ksize(NULL), 0);
	ST_CHECK_EQ(t, ksize(ZERO_SIZE_PTR), 0);
	kfree(ZERO_SIZE_PTR);			/* nothing to free: must do nothing */
}

static bool all_zero(const void *objp, size_t size)
{
	const unsigned char *p = objp;

	for (size_t i = 0; i < size; i++)
		if (p[i])
			return false;
	return true;
}

/*
 * The zeroing calls must clear a dirty object: free a dirtied one and
 * take it straight back (this CPU's array is LIFO).
 */
static void zalloc_dirty(struct selftest *t, struct kmem_cache *c)
{
	size_t size = kmem_cache_size(c);
	void *objp = kmem_cache_alloc(c, GFP_KERNEL), *again;

	if (!ST_CHECK(t, objp != NULL, "'%s': allocation failed", kmem_cache_name(c)))
		return;
	memset(objp, 0xff, size);
	kmem_cache_free(c, objp);
	again = kmem_cache_zalloc(c, GFP_KERNEL);
	ST_CHECK(t, again == objp, "'%s': the object freed last did not come back first",
		 kmem_cache_name(c));
	if (again)
		ST_CHECK(t, all_zero(again, size), "'%s': kmem_cache_zalloc() left bytes set",
			 kmem_cache_name(c));
	kmem_cache_free(c, again);
}

static void kzalloc_dirty(struct selftest *t, size_t size)
{
	void *objp = kmalloc(size, GFP_KERNEL), *again;

	if (!ST_CHECK(t, objp != NULL, "kmalloc(%lu) failed", (unsigned long)size))
		return;
	memset(objp, 0xff, ksize(objp));
	kfree(objp);
	again = kzalloc(size, GFP_KERNEL);
	ST_CHECK(t, again == objp, "kzalloc(%lu) did not reuse the object freed last",
		 (unsigned long)size);
	if (again)
		ST_CHECK(t, all_zero(again, ksize(again)), "kzalloc(%lu) left bytes set",
			 (unsigned long)size);
	kfree(again);
}

static void alloc_zeroing(struct selftest *t)
{
	struct kmem_cache *plain = st_cache_create(t, "st_zero", 100, 0, 0, NULL);
	struct kmem_cache *poisoned = st_cache_create(t, "st_zero_poison", 100, 0, SLAB_POISON,
						      NULL);

	if (plain)
		zalloc_dirty(t, plain);
	if (poisoned)
		zalloc_dirty(t, poisoned);	/* zeroes, not POISON_INUSE */
	kzalloc_dirty(t, 40);
	kzalloc_dirty(t, 1000);
	kzalloc_dirty(t, 5000);
	if (plain)
		st_cache_destroy(t, plain);
	if (poisoned)
		st_cache_destroy(t, poisoned);
}

/* ---- constructors ---- */

#define CTOR_WORD 0xc7c7c7c7u	/* what the constructor writes */
#define USED_WORD 0x05ed05edu	/* what a user leaves in an object it frees */
#define CTOR_OBJS 70		/* two slabs and more of 100-byte objects */

static atomic_t ctor_calls;
static void *ctor_objs[CTOR_OBJS];

static void count_ctor(struct kmem_cache *cachep, void *objp)
{
	atomic_inc(&ctor_calls);
	st_stamp(objp, kmem_cache_size(cachep), CTOR_WORD);
}

/* Allocate CTOR_OBJS objects, each of which must hold @want. */
static void ctor_alloc_all(struct selftest *t, struct kmem_cache *c, uint32_t want)
{
	for (unsigned int i = 0; i < CTOR_OBJS; i++) {
		void *objp = kmem_cache_alloc(c, GFP_KERNEL);

		ctor_objs[i] = objp;
		if (!ST_CHECK(t, objp != NULL, "'%s': allocation %u failed", kmem_cache_name(c), i))
			return;
		ST_CHECK(t, st_stamped(objp, kmem_cache_size(c), want),
			 "'%s': object %u is not %s", kmem_cache_name(c), i,
			 want == CTOR_WORD ? "constructed" : "as it was freed");
	}
}

static void ctor_free_all(struct kmem_cache *c)
{
	for (unsigned int i = 0; i < CTOR_OBJS && ctor_objs[i]; i++) {
		st_stamp(ctor_objs[i], kmem_cache_size(c), USED_WORD);
		kmem_cache_free(c, ctor_objs[i]);
		ctor_objs[i] = NULL;
	}
}

/*
 * A constructor runs once per object, when its slab is made: objects
 * come back as they were freed.  A poisoned cache's objects are
 * constructed at every allocation instead (the poison overwrote them);
 * in a slab_debug build that is every cache, st_ctor too.
 */
static void check_ctor(struct selftest *t, const char *name, unsigned long flags)
{
	struct kmem_cache *c = st_cache_create(t, name, 100, 0, flags, count_ctor);
	struct kmem_cache_info info;
	bool poisoned;

	if (!c)
		return;
	poisoned = st_info(c).flags & SLAB_POISON;
	atomic_set(&ctor_calls, 0);
	ctor_alloc_all(t, c, CTOR_WORD);
	info = st_info(c);
	ST_CHECK(t, info.grown >= 2, "'%s': %lu slabs for %u objects", name, info.grown,
		 CTOR_OBJS);
	ST_CHECK_EQ(t, atomic_read(&ctor_calls), poisoned ? CTOR_OBJS : info.grown * info.num);
	ctor_free_all(c);
	ctor_alloc_all(t, c, poisoned ? CTOR_WORD : USED_WORD);
	ST_CHECK_EQ(t, atomic_read(&ctor_calls), poisoned ? 2 * CTOR_OBJS : info.grown * info.num);
	ST_CHECK_EQ(t, st_info(c).grown, info.grown);
	ctor_free_all(c);
	st_cache_destroy(t, c);
}

static void alloc_ctor(struct selftest *t)
{
	check_ctor(t, "st_ctor", 0);
	check_ctor(t, "st_ctor_poison", SLAB_POISON);
}

/* ---- sizes ---- */

struct size_want {
	unsigned int object_size;	/* kmem_cache_size(), ksize(): Linux 2.6.24's */
	size_t object_align;		/* every object's address is a multiple of it */
};

struct size_case {
	const char *name;
	size_t size, align;
	unsigned long flags;
	struct size_want plain;		/* a normal build */
	struct size_want forced;	/* slab_debug: FORCED_DEBUG's flags added */
};

/*
 * With FORCED_DEBUG every cache here is poisoned, and all but st_size_a64
 * and st_size_8192 red-zoned (st_debug_flags()): the size is the caller's
 * rounded to REDZONE_ALIGN (8), and the last user's word makes the
 * alignment a word, the red zone's 8, not the cache line.
 */
static const struct size_case size_cases[] = {
	/* a word, then ARCH_SLAB_MINALIGN; forced: REDZONE_ALIGN */
	{ "st_size_1", 1, 0, 0, { 8, 8 }, { 8, 8 } },
	{ "st_size_20", 20, 0, 0, { 24, 8 }, { 24, 8 } },
	{ "st_size_200", 200, 0, 0, { 200, 8 }, { 200, 8 } },
	/* cache lines; forced: the red zones' 8, and 100 rounded to it */
	{ "st_size_hw", 100, 0, SLAB_HWCACHE_ALIGN, { 128, 32 }, { 104, 8 } },
	/* forced: poison only (no red zones at 64), 100 rounded to 8 first */
	{ "st_size_a64", 100, 64, 0, { 128, 64 }, { 104, 64 } },
	{ "st_size_rz", 20, 0, SLAB_RED_ZONE, { 24, 8 }, { 24, 8 } },	/* REDZONE_ALIGN */
	{ "st_size_poison", 1000, 0, SLAB_POISON, { 1000, 8 }, { 1000, 8 } },
	/* the user word apart */
	{ "st_size_user", 30, 0, SLAB_STORE_USER, { 32, 8 }, { 32, 8 } },
	/* forced: 5000 + 24 stays under 8192, red zones kept; 8192 + 24 does not */
	{ "st_size_5000", 5000, 0, 0, { 5000, 8 }, { 5000, 8 } },
	{ "st_size_8192", 8192, 0, 0, { 8192, 8 }, { 8192, 8 } },
};

/* Red zone 1 is a 64-bit word before the object, when the cache has it. */
static void check_obj_offset(struct selftest *t, struct kmem_cache *c)
{
	struct kmem_cache_info info = st_info(c);

	ST_CHECK(t, info.obj_offset == (info.flags & SLAB_RED_ZONE ? 8u : 0u),
		 "'%s': obj_offset %u with flags 0x%lx", info.name, info.obj_offset, info.flags);
}

/*
 * Two objects of the cache: their size, alignment, and no overlap.  They
 * are stamped only up to what the cache says is theirs, so a wrong size
 * fails here without damaging a red zone.
 */
static void check_sizes(struct selftest *t, const struct size_case *sc)
{
	struct kmem_cache *c = st_cache_create(t, sc->name, sc->size, sc->align, sc->flags, NULL);
	const struct size_want *w = slab_forced_debug() ? &sc->forced : &sc->plain;
	size_t stamp;
	void *objs[2];

	if (!c)
		return;
	ST_CHECK(t, kmem_cache_size(c) == w->object_size, "'%s': kmem_cache_size() is %u, "
		 "expected %u", sc->name, kmem_cache_size(c), w->object_size);
	check_obj_offset(t, c);
	stamp = kmem_cache_size(c) < w->object_size ? kmem_cache_size(c) : w->object_size;
	for (unsigned int i = 0; i < 2; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		if (!ST_CHECK(t, objs[i] != NULL, "'%s': allocation failed", sc->name))
			return;
		ST_CHECK(t, ksize(objs[i]) == w->object_size, "'%s': ksize() is %lu, expected %u",
			 sc->name, (unsigned long)ksize(objs[i]), w->object_size);
		ST_CHECK(t, (uintptr_t)objs[i] % w->object_align == 0,
			 "'%s': object 0x%08lx not aligned to %lu", sc->name,
			 (unsigned long)objs[i], (unsigned long)w->object_align);
		if (ksize(objs[i]) < stamp)
			stamp = ksize(objs[i]);
	}
	for (unsigned int i = 0; i < 2; i++)
		st_stamp(objs[i], stamp, i + 1);
	for (unsigned int i = 0; i < 2; i++) {
		ST_CHECK(t, st_stamped(objs[i], stamp, i + 1), "'%s': objects overlap", sc->name);
		kmem_cache_free(c, objs[i]);
	}
	ST_CHECK_EQ(t, st_info(c).errors, 0);
	st_cache_destroy(t, c);
}

static void alloc_sizes(struct selftest *t)
{
	for (unsigned int i = 0; i < sizeof(size_cases) / sizeof(size_cases[0]); i++)
		check_sizes(t, &size_cases[i]);
}

/* ---- refill and flush, counted ---- */

#define REFILL_LIMIT 8
#define REFILL_BATCH 4
#define REFILL_OBJS  20

static void *refill_objs[REFILL_OBJS];

/* What a step must leave: counters since the start, this CPU's array, the node. */
struct refill_want {
	const char *step;
	long allochit, allocmiss, freehit, freemiss;
	unsigned int avail, shared_avail;
	unsigned int slab_free;		/* free objects in slabs: num - slab_free */
};

static void check_refill(struct selftest *t, struct kmem_cache *c, const struct refill_want *w)
{
	struct kmem_cache_info info = st_info(c);
	struct array_info ai = st_array(c, smp_processor_id());
	struct node_info ni = st_node(c);
	long got[4] = { (long)info.allochit, (long)info.allocmiss, (long)info.freehit,
			(long)info.freemiss };

	ST_CHECK(t, got[0] == w->allochit && got[1] == w->allocmiss && got[2] == w->freehit &&
		 got[3] == w->freemiss, "%s: allochit/allocmiss/freehit/freemiss %ld/%ld/%ld/%ld, "
		 "expected %ld/%ld/%ld/%ld", w->step, got[0], got[1], got[2], got[3], w->allochit,
		 w->allocmiss, w->freehit, w->freemiss);
	ST_CHECK(t, ai.avail == w->avail && ni.shared_avail == w->shared_avail,
		 "%s: %u objects in this CPU's array and %u in the shared one, expected %u and %u",
		 w->step, ai.avail, ni.shared_avail, w->avail, w->shared_avail);
	ST_CHECK(t, ni.free_objects == info.num - w->slab_free,
		 "%s: %lu free objects in the slabs, expected %u", w->step, ni.free_objects,
		 info.num - w->slab_free);
}

static void refill_alloc(struct selftest *t, struct kmem_cache *c, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		refill_objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		ST_CHECK(t, refill_objs[i] != NULL, "allocation %u failed", i);
	}
}

static void refill_free(struct kmem_cache *c, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		if (refill_objs[i])
			kmem_cache_free(c, refill_objs[i]);
}

/*
 * One CPU, an array of 8 moving 4 at a time (Linux's refill and flush):
 * without a shared array, then with one of 8.  Every count is exact:
 * each refill or flush is one miss and moves 4 objects.
 */
static const struct refill_want refill_steps[] = {
	/* refills of 4 from a new slab */
	{ "20 allocations", 15, 5, 0, 0, 0, 0, 20 },
	/* 8 frees fill the array, then 3 flushes of 4 to the slab */
	{ "20 frees", 15, 5, 17, 3, 8, 0, 8 },
	/* the old array drained */
	{ "retuned with a shared array", 15, 5, 17, 3, 0, 0, 0 },
	{ "20 allocations", 30, 10, 17, 3, 0, 0, 20 },
	/* 2 flushes fill the shared array, the 3rd goes to the slab */
	{ "20 frees", 30, 10, 34, 6, 8, 8, 16 },
	/* the array empties, then a refill of 4 from the shared array */
	{ "9 allocations", 38, 11, 34, 6, 3, 4, 16 },
	/* a flush of 4 back to the shared array */
	{ "9 frees", 38, 11, 42, 7, 8, 8, 16 },
};

static void alloc_refill_flush(struct selftest *t)
{
	struct kmem_cache *c = st_cache_create(t, "st_refill", 64, 0, 0, NULL);
	const char *name = "st_refill";
	struct kmem_cache_info info;

	if (!c)
		return;
	ST_CHECK_EQ(t, slabinfo_write(name, REFILL_LIMIT, REFILL_BATCH, 0), 0);
	info = st_info(c);
	if (!ST_CHECK(t, info.num >= REFILL_OBJS + REFILL_BATCH, "'%s': only %u objects a slab",
		      name, info.num))
		goto out;
	refill_alloc(t, c, 20);
	check_refill(t, c, &refill_steps[0]);
	refill_free(c, 20);
	check_refill(t, c, &refill_steps[1]);
	ST_CHECK_EQ(t, slabinfo_write(name, REFILL_LIMIT, REFILL_BATCH, 2), 0);
	check_refill(t, c, &refill_steps[2]);
	refill_alloc(t, c, 20);
	check_refill(t, c, &refill_steps[3]);
	refill_free(c, 20);
	check_refill(t, c, &refill_steps[4]);
	refill_alloc(t, c, 9);
	check_refill(t, c, &refill_steps[5]);
	refill_free(c, 9);
	check_refill(t, c, &refill_steps[6]);
	ST_CHECK_EQ(t, st_info(c).grown, 1);
	ST_CHECK_EQ(t, kmem_cache_shrink(c), 1 << info.gfporder);
out:
	st_cache_destroy(t, c);
}

static const struct selftest_case alloc_cases[] = {
	{ "every_cpu", alloc_every_cpu, 1 },
	{ "kmalloc_classes", alloc_kmalloc_classes, 1 },
	{ "zeroing", alloc_zeroing, 1 },
	{ "ctor", alloc_ctor, 1 },
	{ "sizes", alloc_sizes, 1 },
	{ "refill_flush", alloc_refill_flush, 1 },
};

const struct selftest_suite selftest_alloc = SELFTEST_SUITE("alloc", alloc_cases);
