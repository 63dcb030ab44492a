/*
 * selftest_slub_debug.c - the selftest's "debug" suite on SLUB: each
 * detector of SLUB's debugging (mm/slub_debug.c, Linux 2.6.32's
 * slub_debug F Z P U) made to fire once on purpose, in a cache of its
 * own created with all four flags, with the reports muted: a write past
 * the object (the red zone, found at its free: not freed, the bytes
 * restored), a double free ("Object already free"), a free of a pointer
 * inside an object ("Invalid object pointer"), a write after free
 * (poison, found when the slab goes back to the page allocator).
 *
 * Each step asserts the exact count of reports (the cache's errors, and
 * slab_error_count() for the last, whose cache is gone by then), the
 * bytes after the FIX, and that the cache then takes its objects back
 * without a new report.  Runs in both SLUB images: the flags are the
 * cache's own, so the slub_debug image only adds the same ones.
 */
#include <stdio.h>
#include "shell/selftest.h"
#include "mm/slab_inspect.h"

#define DBG_SIZE 40		/* a word multiple: the red zone is a word of its own at 40 */
#define RED_ACTIVE_BYTE 0xcc	/* Linux's SLUB_RED_ACTIVE */
#define POISON_FREE_BYTE 0x6b

static unsigned long errors_of(struct kmem_cache *c)
{
	struct kmem_cache_info ci;

	kmem_cache_get_info(c, &ci);
	return ci.errors;
}

/* Red zone, double free, interior pointer: one report each, counted. */
static void misuse_frees(struct selftest *t, struct kmem_cache *c)
{
	unsigned char *p = kmem_cache_alloc(c, GFP_KERNEL), *q;

	if (!ST_CHECK(t, p != NULL, "allocation failed"))
		return;
	p[DBG_SIZE] = 0;			/* one byte past the object */
	kmem_cache_free(c, p);
	ST_CHECK_EQ(t, errors_of(c), 1);
	ST_CHECK_EQ(t, p[DBG_SIZE], RED_ACTIVE_BYTE);	/* restored; p not freed */
	kmem_cache_free(c, p);			/* intact now: freed */
	ST_CHECK_EQ(t, errors_of(c), 1);
	kmem_cache_free(c, p);			/* a double free: refused */
	ST_CHECK_EQ(t, errors_of(c), 2);
	q = kmem_cache_alloc(c, GFP_KERNEL);
	ST_CHECK(t, q == p, "the double-freed object was not handed out (once) next");
	if (!q)
		return;
	kmem_cache_free(c, q + 4);		/* inside an object: refused */
	ST_CHECK_EQ(t, errors_of(c), 3);
	kmem_cache_free(c, q);
	ST_CHECK_EQ(t, errors_of(c), 3);
}

static void slub_detectors(struct selftest *t)
{
	struct kmem_cache *c = kmem_cache_create("st_slub_debug", DBG_SIZE, 8,
						 SLAB_DEBUG_FLAGS, NULL);
	unsigned long before = slab_error_count();
	unsigned char *p;

	if (!ST_CHECK(t, c != NULL, "kmem_cache_create('st_slub_debug') failed"))
		return;
	selftest_mute_reports(t);
	misuse_frees(t, c);
	/* a write after free: the slab's last check, when destroy frees it */
	p = kmem_cache_alloc(c, GFP_KERNEL);
	if (ST_CHECK(t, p != NULL, "allocation failed")) {
		kmem_cache_free(c, p);
		ST_CHECK_EQ(t, p[0], POISON_FREE_BYTE);
		p[0] = 0;
	}
	ST_CHECK_EQ(t, errors_of(c), 3);
	kmem_cache_destroy(c);
	ST_CHECK(t, kmem_cache_find("st_slub_debug") == NULL, "st_slub_debug not destroyed");
	ST_CHECK_EQ(t, slab_error_count() - before, 4);
}

static const struct selftest_case debug_cases[] = {
	{ "detectors", slub_detectors, 1, NULL, NULL },
};

const struct selftest_suite selftest_debug = SELFTEST_SUITE("debug", debug_cases);
