/*
 * selftest_debug.c - the selftest's "debug" suite: the detectors of
 * mm/slab_debug.c, each made to fire on purpose, as Linux's slub_kunit
 * does: red zones overwritten before and after an object (found at its
 * free, or at the next allocation of a free one), a write after free
 * (poison), double frees with and without red zones, a pointer into an
 * object and an object freed to the wrong cache, a quarantined object
 * freed again (with and without red zones), and a cache destroyed while
 * a quarantined object sits in a CPU's array.  (A double free across
 * CPUs is in the xcpu suite.)
 *
 * Each case asserts the exact number of reports (the cache's errors
 * counter; the reports' printing is muted, so the output stays one line
 * per case) and how many objects were quarantined; then that the bad
 * object never comes back however far the cache is emptied, that the
 * cache still hands out good objects and takes them back without a new
 * report, and that it can be destroyed (the quarantined objects go
 * with it).
 *
 * A slab_debug build red-zones and poisons every cache: the "plain"
 * cases then have red zones too, and expect what those catch (the
 * second free at once), with the same counts.
 */
#include "shell/selftest_slab.h"

#define DEBUG_OBJ_SIZE 32
#define ARRAY_COPY_MAX 128	/* more than a debug cache's limit (32) */

struct misuse {
	const char *cache;		/* the cache made for it */
	unsigned long flags;
	unsigned long reports;		/* it must cause exactly these */
	unsigned long quarantined;
	/* Misuse @c; returns the object that must never come back, or NULL. */
	void *(*run)(struct selftest *t, struct kmem_cache *c);
};

static void run_misuse(struct selftest *t, const struct misuse *m)
{
	struct kmem_cache *c = st_cache_create(t, m->cache, DEBUG_OBJ_SIZE, 0, m->flags, NULL);
	struct kmem_cache_info info;
	unsigned long errors0;
	void *bad;

	if (!c)
		return;
	errors0 = st_info(c).errors;
	selftest_mute_reports(t);
	bad = m->run(t, c);
	info = st_info(c);
	ST_CHECK(t, info.errors - errors0 == m->reports, "'%s': %lu reports, expected %lu",
		 m->cache, info.errors - errors0, m->reports);
	ST_CHECK(t, info.quarantined == m->quarantined, "'%s': %lu objects quarantined, "
		 "expected %lu", m->cache, info.quarantined, m->quarantined);
	st_empty_cache(t, c, bad);
	ST_CHECK(t, st_info(c).errors - errors0 == m->reports,
		 "'%s': new reports on good objects after the misuse", m->cache);
	st_cache_destroy(t, c);
}

/* ---- the misuses ---- */

/* An object whose red zone 2 begins right after it (checked). */
static unsigned char *alloc_checked(struct selftest *t, struct kmem_cache *c)
{
	struct kmem_cache_info info = st_info(c);
	unsigned char *objp;
	unsigned int user = info.flags & SLAB_STORE_USER ? 8 : 0;	/* the last user's word */

	if ((info.flags & SLAB_RED_ZONE) &&
	    !ST_CHECK(t, info.buffer_size == info.obj_offset + info.object_size + 8 + user,
		      "'%s': red zone 2 is not right after the object", info.name))
		return NULL;
	objp = kmem_cache_alloc(c, GFP_KERNEL);
	ST_CHECK(t, objp != NULL, "'%s': allocation failed", info.name);
	return objp;
}

static void *redzone1_at_free(struct selftest *t, struct kmem_cache *c)
{
	unsigned char *objp = alloc_checked(t, c);

	if (objp) {
		objp[-1] ^= 0xff;		/* the last byte of red zone 1 */
		kmem_cache_free(c, objp);
	}
	return objp;
}

static void *redzone2_at_free(struct selftest *t, struct kmem_cache *c)
{
	unsigned char *objp = alloc_checked(t, c);

	if (objp) {
		objp[kmem_cache_size(c)] ^= 0xff;	/* the first byte after the object */
		kmem_cache_free(c, objp);
	}
	return objp;
}

/* The next allocation takes the freed object from this CPU's array first. */
static void *realloc_after(struct selftest *t, struct kmem_cache *c, unsigned char *objp)
{
	void *again = kmem_cache_alloc(c, GFP_KERNEL);

	ST_CHECK(t, again != NULL && again != objp, "'%s': the allocation after the write "
		 "returned %s", kmem_cache_name(c), again ? "the damaged object" : "NULL");
	if (again)
		kmem_cache_free(c, again);
	return objp;
}

static void *redzone1_free_object(struct selftest *t, struct kmem_cache *c)
{
	unsigned char *objp = alloc_checked(t, c);

	if (!objp)
		return NULL;
	kmem_cache_free(c, objp);
	objp[-1] ^= 0xff;			/* before a free object */
	return realloc_after(t, c, objp);
}

static void *write_after_free(struct selftest *t, struct kmem_cache *c)
{
	unsigned char *objp = alloc_checked(t, c);

	if (!objp)
		return NULL;
	kmem_cache_free(c, objp);
	objp[10] ^= 0xff;			/* into the poison */
	return realloc_after(t, c, objp);
}

static void *double_free(struct selftest *t, struct kmem_cache *c)
{
	unsigned char *objp = alloc_checked(t, c);

	if (objp) {
		kmem_cache_free(c, objp);
		kmem_cache_free(c, objp);
	}
	return objp;
}

/*
 * Without red zones the second free goes unnoticed into this CPU's
 * array, next to the first; free_block() finds it when the array drains.
 * A slab_debug build has no cache without red zones: there, as in
 * double_free, they catch the second free itself.
 */
static void *double_free_plain(struct selftest *t, struct kmem_cache *c)
{
	unsigned long errors0 = st_info(c).errors;
	bool red_zone = st_info(c).flags & SLAB_RED_ZONE;
	unsigned char *objp = double_free(t, c);

	ST_CHECK(t, st_info(c).errors - errors0 == (red_zone ? 1 : 0),
		 "'%s': %lu reports of the double free before draining, expected %u",
		 kmem_cache_name(c), st_info(c).errors - errors0, red_zone ? 1 : 0);
	kmem_cache_shrink(c);
	return objp;
}

/* The free must not reach the cache: no free counted, the object still ours. */
static void check_not_freed(struct selftest *t, struct kmem_cache *c, const void *objp,
			    const struct kmem_cache_info *before)
{
	struct kmem_cache_info info = st_info(c);

	ST_CHECK(t, info.freehit + info.freemiss == before->freehit + before->freemiss,
		 "'%s': the bad free of 0x%08lx was carried out", kmem_cache_name(c),
		 (unsigned long)objp);
	ST_CHECK(t, st_stamped(objp, kmem_cache_size(c), 0x0b0b0b0bu),
		 "'%s': the object behind the bad free was changed", kmem_cache_name(c));
}

static void *interior_free(struct selftest *t, struct kmem_cache *c)
{
	unsigned char *objp = alloc_checked(t, c);
	struct kmem_cache_info before = st_info(c);

	if (!objp)
		return NULL;
	st_stamp(objp, kmem_cache_size(c), 0x0b0b0b0bu);
	kmem_cache_free(c, objp + 8);
	check_not_freed(t, c, objp, &before);
	kmem_cache_free(c, objp);		/* the right pointer still works */
	return NULL;
}

/* An object of another cache of the same size, freed to this one. */
static void *wrong_cache_free(struct selftest *t, struct kmem_cache *c)
{
	struct kmem_cache *owner = st_cache_create(t, "st_dbg_owner", DEBUG_OBJ_SIZE, 0, 0, NULL);
	struct kmem_cache_info before;
	unsigned char *objp;

	if (!owner)
		return NULL;
	objp = alloc_checked(t, owner);
	if (objp) {
		st_stamp(objp, kmem_cache_size(owner), 0x0b0b0b0bu);
		before = st_info(owner);
		kmem_cache_free(c, objp);
		check_not_freed(t, owner, objp, &before);
		ST_CHECK_EQ(t, st_info(owner).errors, 0);	/* the cache named is charged */
		kmem_cache_free(owner, objp);
	}
	st_cache_destroy(t, owner);
	return NULL;
}

/* Freed again after a detector withheld it: reported again, still withheld. */
static void *quarantined_free(struct selftest *t, struct kmem_cache *c)
{
	unsigned char *objp = redzone2_at_free(t, c);

	if (objp)
		kmem_cache_free(c, objp);
	return objp;
}

/*
 * The same without red zones: a plain cache learns that the object is
 * withheld only when free_block() meets the double free; a free after
 * that must still be refused, and the object never handed out again.
 * (In a slab_debug build the red zones catch the double free at once.)
 */
static void *quarantined_free_plain(struct selftest *t, struct kmem_cache *c)
{
	unsigned char *objp = double_free_plain(t, c);

	if (objp)
		kmem_cache_free(c, objp);
	return objp;
}

/* Each case is run_misuse() with its misuse as the parameter. */
static void debug_misuse(struct selftest *t)
{
	run_misuse(t, t->param);
}

static bool in_this_array(struct kmem_cache *c, const void *objp)
{
	static void *entries[ARRAY_COPY_MAX];
	struct array_info ai;
	unsigned int n;

	if (kmem_cache_get_cpu_array(c, smp_processor_id(), &ai, entries,
				     ARRAY_COPY_MAX) != 0)
		return false;
	n = ai.avail < ARRAY_COPY_MAX ? ai.avail : ARRAY_COPY_MAX;
	for (unsigned int i = 0; i < n; i++)
		if (entries[i] == objp)
			return true;
	return false;
}

/*
 * Destroyed with a quarantined object still in this CPU's array (the
 * double free left it there): the drain refuses it, and destroy then
 * gives it back with its slab (the framework's census finds any leak).
 */
static void debug_destroy_quarantined(struct selftest *t)
{
	struct kmem_cache *c = st_cache_create(t, "st_dbg_destroy", DEBUG_OBJ_SIZE, 0,
					       SLAB_RED_ZONE, NULL);
	struct kmem_cache_info info;
	void *objp;

	if (!c)
		return;
	selftest_mute_reports(t);
	objp = double_free(t, c);
	info = st_info(c);
	ST_CHECK_EQ(t, info.errors, 1);
	ST_CHECK_EQ(t, info.quarantined, 1);
	ST_CHECK(t, objp && in_this_array(c, objp), "the quarantined object is not in the array");
	st_cache_destroy(t, c);
}

#define RZ SLAB_RED_ZONE
#define MISUSE(name, cache, flags, reports, quarantined, fn) \
	{ name, debug_misuse, 1, &(const struct misuse){ cache, flags, reports, quarantined, fn } }

static const struct selftest_case debug_cases[] = {
	MISUSE("redzone1_at_free", "st_dbg_rz1", RZ, 1, 1, redzone1_at_free),
	MISUSE("redzone2_at_free", "st_dbg_rz2", RZ, 1, 1, redzone2_at_free),
	/* every flag: red zone 2 moves before the last user's word */
	MISUSE("redzone2_all_flags", "st_dbg_rz2_all", RZ | SLAB_POISON | SLAB_STORE_USER, 1, 1,
	       redzone2_at_free),
	MISUSE("redzone1_free_object", "st_dbg_rz1_free", RZ, 1, 1, redzone1_free_object),
	MISUSE("write_after_free", "st_dbg_poison", SLAB_POISON, 1, 1, write_after_free),
	MISUSE("double_free", "st_dbg_double", RZ, 1, 1, double_free),
	MISUSE("double_free_plain", "st_dbg_double_plain", 0, 1, 1, double_free_plain),
	MISUSE("interior_free", "st_dbg_interior", 0, 1, 0, interior_free),
	MISUSE("wrong_cache_free", "st_dbg_wrong_cache", 0, 1, 0, wrong_cache_free),
	/* reported at the first free, and again at the second */
	MISUSE("quarantined_free", "st_dbg_quarantined", RZ, 2, 1, quarantined_free),
	MISUSE("quarantined_free_plain", "st_dbg_quarantined_plain", 0, 2, 1,
	       quarantined_free_plain),
	{ "destroy_quarantined", debug_destroy_quarantined, 1, NULL },
};

const struct selftest_suite selftest_debug = SELFTEST_SUITE("debug", debug_cases);
