/*
 * test_slub_geometry.c - SLUB's geometry on the board, pinned to what
 * Linux 2.6.32's mm/slub.c computes for a 32-bit ARM EABI kernel with
 * 4 KiB pages and 32-byte cache lines (mm/slub_geometry.c).
 *
 * The machine: sizeof(void *) 4; sizeof(struct track) 16 (addr, cpu,
 * pid, when); cache_line_size() = L1_CACHE_BYTES = 1 << 5
 * (ARM_L1_CACHE_SHIFT's default); ARCH_SLAB_MINALIGN 8 (EABI, ARMv5 and
 * up); ARCH_KMALLOC_MINALIGN = L1_CACHE_BYTES = 32; MAX_ORDER 11;
 * slub_min_order 0, slub_max_order PAGE_ALLOC_COSTLY_ORDER 3,
 * slub_min_objects 0, so min_objects = 4 * (fls(nr_cpu_ids) + 1):
 * 8 for one CPU, 12 for two or three, 16 for four.
 *
 * How a case is worked out (figo_object, 20 bytes, align 8, no flags,
 * 4 CPUs): ALIGN(20, 4) = 20 = inuse; no poison, RCU or ctor, so the
 * free pointer is the object's first word (offset 0); align = max(8,
 * ARCH_SLAB_MINALIGN 8) = 8, size ALIGN(20, 8) = 24.  calculate_order:
 * min_objects 16 (max_objects 32768 / 24 = 1365 does not cap it);
 * slab_order(24, 16, 3, 16) starts at fls(16 * 24 - 1) - 12 < 0, so 0:
 * 4096 >= 384 and 4096 % 24 = 16 <= 4096 / 16: order 0, 4096 / 24 = 170
 * objects.  min = get_order(24) = 0, 170.  min_partial ilog2(24) = 4,
 * raised to MIN_PARTIAL 5.
 *
 * Note min_partial: 2.6.32 passes ilog2(size) to set_min_partial(), not
 * ilog2(size) / 2 (that halving came with later kernels).
 *
 * Which cases catch what:
 * - an off-by-one in the fraction loop (stopping at 8 instead of trying
 *   4): 4688 only fits at 1/4 waste (order 3, 6 objects); without the
 *   1/4 step min_objects falls to 1 and the answer is order 1, 1 object.
 *   4097 and 3000 need the 1/8 step (a loop trying only 1/16 gives less).
 *   A loop that skips 1/16 fails 340 on 1 CPU; "<" for "<=" in the waste
 *   test fails 320 on 1 CPU (it wastes exactly 1/16).
 * - a wrong min_objects formula: 300 is order 1 with 16 objects wanted
 *   (4 CPUs) but order 0 with 12 or 8; kmalloc-256 is order 0 with 16 but
 *   would be order 1 with 20 (4 * (fls + 2)); 2048 is order 3 with 16 or
 *   12 and order 2 with 8 (1 CPU).  4 * fls(nr_cpu_ids) (12 for 4 CPUs)
 *   fails 300; 4 * (ilog2 + 1) (12) fails it too.
 * - the one-object fallbacks: 10928 (two per order 3 wastes 1/3: order
 *   2, 1 object), 32769 (over slub_max_order: order 4), 4 MiB (order 10)
 *   and 4 MiB + 1 (refused: order 11 is not below MAX_ORDER).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "mm/slub_geometry.h"

#define HWC SLAB_HWCACHE_ALIGN
#define RZ  SLAB_RED_ZONE
#define PO  SLAB_POISON
#define SU  SLAB_STORE_USER
#define RCU SLAB_DESTROY_BY_RCU
#define CTOR 1			/* the case's cache has a constructor */
#define KMA 32			/* ARCH_KMALLOC_MINALIGN: the kmalloc caches' align */

static const struct slub_params board = {
	.page_size = 4096,
	.pointer_size = 4,
	.track_size = 16,
	.cache_line = 32,
	.arch_slab_minalign = 8,
	.max_order = 11,
	.slub_min_order = 0,
	.slub_max_order = PAGE_ALLOC_COSTLY_ORDER,
	.slub_min_objects = 0,
	.nr_cpu_ids = 4,
};

struct slub_case {
	const char *what;
	size_t size, align;
	unsigned long flags;
	int ctor;
	unsigned int cpus;
	/* expected */
	size_t inuse, offset, obj_size, used_align;
	int order;
	unsigned int objects;
	int min_order;
	unsigned int min_objects;
	unsigned long min_partial;
};

/*
 * what, size, align, flags, ctor, cpus ->
 *   inuse, offset, size, align, order, objects, min order, min objects, min_partial
 */
static const struct slub_case cases[] = {
	/* worked out above */
	{ "figo_object", 20, 8, 0, 0, 4,          20,  0,   24,  8, 0, 170, 0, 170, 5 },
	/* 16 is a word multiple and 8-aligned: 4096 / 16 = 256, nothing over */
	{ "kmem_cache_16", 16, 8, 0, 0, 4,        16,  0,   16,  8, 0, 256, 0, 256, 5 },

	/*
	 * The kmalloc caches kmem_cache_init() creates on ARM: flags 0 (no
	 * GFP_DMA), align ARCH_KMALLOC_MINALIGN 32; KMALLOC_SHIFT_LOW 5 ..
	 * SLUB_PAGE_SHIFT - 1 = 13, and 96 and 192 as KMALLOC_MIN_SIZE 32
	 * <= 32 and <= 64.  min_objects 16 unless max_objects caps it.
	 * 32: 16 * 32 = 512 fits order 0, 128 objects, ilog2 5.
	 * 64: order 0, 64, ilog2 6.  96: 4096 % 96 = 64 <= 256: 42, ilog2 6.
	 * 128: 32 objects, 7.  192: 4096 % 192 = 64: 21, ilog2 7.
	 * 256: 16 * 256 = 4096, fls(4095) - 12 = 0: 16 objects, 8.
	 * 512: 16 * 512 = 8192, fls(8191) - 12 = 1: order 1, 16; min order 0, 8.
	 * 1024: 16384 -> order 2, 16; min 0/4; ilog2 10.
	 * 2048: 32768 -> order 3, 16; min 0/2; ilog2 11 clamped to 10.
	 * 4096: max_objects 32768 / 4096 = 8 caps min_objects: order 3, 8; min 0/1.
	 * 8192: max_objects 4: order 3, 4 objects; min get_order(8192) = 1, 1.
	 */
	{ "kmalloc-32",   32,   KMA, 0, 0, 4,     32,  0,   32, 32, 0, 128, 0, 128, 5 },
	{ "kmalloc-64",   64,   KMA, 0, 0, 4,     64,  0,   64, 32, 0,  64, 0,  64, 6 },
	{ "kmalloc-96",   96,   KMA, 0, 0, 4,     96,  0,   96, 32, 0,  42, 0,  42, 6 },
	{ "kmalloc-128",  128,  KMA, 0, 0, 4,    128,  0,  128, 32, 0,  32, 0,  32, 7 },
	{ "kmalloc-192",  192,  KMA, 0, 0, 4,    192,  0,  192, 32, 0,  21, 0,  21, 7 },
	{ "kmalloc-256",  256,  KMA, 0, 0, 4,    256,  0,  256, 32, 0,  16, 0,  16, 8 },
	{ "kmalloc-512",  512,  KMA, 0, 0, 4,    512,  0,  512, 32, 1,  16, 0,   8, 9 },
	{ "kmalloc-1024", 1024, KMA, 0, 0, 4,   1024,  0, 1024, 32, 2,  16, 0,   4, 10 },
	{ "kmalloc-2048", 2048, KMA, 0, 0, 4,   2048,  0, 2048, 32, 3,  16, 0,   2, 10 },
	{ "kmalloc-4096", 4096, KMA, 0, 0, 4,   4096,  0, 4096, 32, 3,   8, 0,   1, 10 },
	{ "kmalloc-8192", 8192, KMA, 0, 0, 4,   8192,  0, 8192, 32, 3,   4, 1,   1, 10 },

	/*
	 * SLAB_HWCACHE_ALIGN: start at the line (32) and halve while the
	 * caller's size fits in half.  20: 20 > 16, so 32.  8: 8 <= 16,
	 * 8 <= 8, then 8 > 4: 8.  12: 16.  17: 32 (inuse ALIGN(17, 4) = 20).
	 * 33: 32, size ALIGN(36, 32) = 64.  20 with align 64: the caller's
	 * 64 beats the line.
	 */
	{ "20 hwc",       20,  0, HWC, 0, 4,      20,  0,   32, 32, 0, 128, 0, 128, 5 },
	{ "8 hwc",         8,  0, HWC, 0, 4,       8,  0,    8,  8, 0, 512, 0, 512, 5 },
	{ "12 hwc",       12,  0, HWC, 0, 4,      12,  0,   16, 16, 0, 256, 0, 256, 5 },
	{ "17 hwc",       17,  0, HWC, 0, 4,      20,  0,   32, 32, 0, 128, 0, 128, 5 },
	{ "33 hwc",       33,  0, HWC, 0, 4,      36,  0,   64, 32, 0,  64, 0,  64, 6 },
	{ "20 hwc al64",  20, 64, HWC, 0, 4,      20,  0,   64, 64, 0,  64, 0,  64, 6 },
	/* 1 byte: a word of inuse, ARCH_SLAB_MINALIGN makes it 8 */
	{ "1 byte",        1,  0, 0, 0, 4,         4,  0,    8,  8, 0, 512, 0, 512, 5 },

	/*
	 * The free pointer moves after the object (offset = inuse, one more
	 * word) with a constructor, SLAB_DESTROY_BY_RCU or SLAB_POISON:
	 * figo 20 + 4 = 24, the same stride as without, 170 objects.
	 */
	{ "figo ctor",    20,  8, 0, CTOR, 4,     20, 20,   24,  8, 0, 170, 0, 170, 5 },
	{ "figo rcu",     20,  8, RCU, 0, 4,      20, 20,   24,  8, 0, 170, 0, 170, 5 },
	{ "figo poison",  20,  8, PO, 0, 4,       20, 20,   24,  8, 0, 170, 0, 170, 5 },
	/*
	 * Red zone: 20 is a word multiple, no slack, so a word: inuse 24;
	 * the free pointer stays at 0; one more word of padding: 28 -> 32.
	 * 128 objects.  17 has 3 bytes of slack: inuse 20, + 4 = 24.  24:
	 * inuse 28, + 4 = 32.
	 */
	{ "figo redzone", 20,  8, RZ, 0, 4,       24,  0,   32,  8, 0, 128, 0, 128, 5 },
	{ "17 redzone",   17,  0, RZ, 0, 4,       20,  0,   24,  8, 0, 170, 0, 170, 5 },
	{ "24 redzone",   24,  8, RZ, 0, 4,       28,  0,   32,  8, 0, 128, 0, 128, 5 },
	/*
	 * Smaller than a pointer (ours, after Linux 5.14; 2.6.32 left the
	 * free pointer at 0, over the red zone): 3 -> inuse 4, the free
	 * pointer at 4 (+4 = 8), left red zone 12, align 8: 16.  4 is a
	 * pointer: red zone word 4..7, the free pointer stays at 0; 12 -> 16.
	 */
	{ "3 redzone",     3,  0, RZ, 0, 4,        4,  4,   16,  8, 0, 256, 0, 256, 5 },
	{ "4 redzone",     4,  0, RZ, 0, 4,        8,  0,   16,  8, 0, 256, 0, 256, 5 },
	/* store user: two 16-byte tracks, 20 + 32 = 52 -> 56; 4096 / 56 = 73, 8 over */
	{ "figo user",    20,  8, SU, 0, 4,       20,  0,   56,  8, 0,  73, 0,  73, 5 },
	/* all three: inuse 24, free pointer at 24 (+4 = 28), tracks 60, pad 64 */
	{ "figo rz po su", 20, 8, RZ | PO | SU, 0, 4, 24, 24, 64, 8, 0,  64, 0,  64, 6 },
	/* debug flags do not change the alignment (SLAB's do): 28 -> 32 */
	{ "figo hwc rz",  20,  8, HWC | RZ, 0, 4, 24,  0,   32, 32, 0, 128, 0, 128, 5 },
	/*
	 * The alignment follows the caller's size, not the one with the free
	 * pointer: 16 with HWC halves 32 to 16 (16 <= 16), although the
	 * poisoned object takes 16 + 4 = 20 bytes; ALIGN(20, 16) = 32.
	 */
	{ "16 hwc poison", 16, 0, HWC | PO, 0, 4, 16, 16,   32, 16, 0, 128, 0, 128, 5 },
	/* 48 + 4 (no slack) = 52 inuse; + 32 + 4 = 88; 4096 / 88 = 46, 48 over */
	{ "48 rz su",     48,  0, RZ | SU, 0, 4,  52,  0,   88,  8, 0,  46, 0,  46, 6 },

	/*
	 * Near the page.  2048 (align 8): as kmalloc-2048, order 3, 16.
	 * 2049 -> 2056: max_objects 32768 / 2056 = 15 caps min_objects; order
	 * 3 leaves 32768 - 15 * 2056 = 1928 <= 2048: 15 objects.
	 * 4096: 8 per order 3.  4097 -> 4104: max_objects 7; order 3 leaves
	 * 4040 > 2048 (1/16) but <= 4096 (1/8): 7 objects; min order 1.
	 */
	{ "2048",       2048,  0, 0, 0, 4,      2048,  0, 2048,  8, 3,  16, 0,   2, 10 },
	{ "2049",       2049,  0, 0, 0, 4,      2052,  0, 2056,  8, 3,  15, 0,   1, 10 },
	{ "4096",       4096,  0, 0, 0, 4,      4096,  0, 4096,  8, 3,   8, 0,   1, 10 },
	{ "4097",       4097,  0, 0, 0, 4,      4100,  0, 4104,  8, 3,   7, 1,   1, 10 },
	/* 3000: max_objects 10, order 3 leaves 2768: fails 1/16, passes 1/8 */
	{ "3000",       3000,  0, 0, 0, 4,      3000,  0, 3000,  8, 3,  10, 0,   1, 10 },
	/*
	 * 4688: max_objects 6; order 3 leaves 32768 - 28128 = 4640, over
	 * 1/16 (2048) and 1/8 (4096), within 1/4 (8192): order 3, 6.
	 */
	{ "4688",       4688,  8, 0, 0, 4,      4688,  0, 4688,  8, 3,   6, 1,   1, 10 },
	/*
	 * 10928: max_objects 2; two at order 3 leave 10912 > 8192, so no
	 * fraction works and min_objects drops to 1, which ends the loop;
	 * slab_order(10928, 1, 3, 1) starts at fls(10927) - 12 = 2: order 2,
	 * one object.
	 */
	{ "10928",     10928,  8, 0, 0, 4,     10928,  0, 10928, 8, 2,   1, 2,   1, 10 },
	/* 32768: one object at order 3; 32769 (32776) needs order 4: past
	 * slub_max_order, so the MAX_ORDER fallback */
	{ "32768",     32768,  0, 0, 0, 4,     32768,  0, 32768, 8, 3,   1, 3,   1, 10 },
	{ "32769",     32769,  0, 0, 0, 4,     32772,  0, 32776, 8, 4,   1, 4,   1, 10 },
	{ "4 MiB",   4194304,  0, 0, 0, 4,   4194304,  0, 4194304, 8, 10, 1, 10,  1, 10 },

	/*
	 * nr_cpu_ids.  300 -> 304: 4 CPUs want 16 (4864 bytes): fls(4863)
	 * - 12 = 1, order 1 leaves 288 <= 512: 26.  2 or 3 CPUs want 12
	 * (3648): order 0 leaves 144 <= 256: 13.  1 CPU (8) also order 0.
	 * 2048 with 1 CPU: 8 * 2048 = 16384, order 2, 8 objects.
	 * kmalloc-512 with 1 CPU: 8 * 512 = 4096, order 0, 8.
	 * kmalloc-1024 with 1 CPU: order 1, 8.
	 */
	{ "300 cpus4",   300,  0, 0, 0, 4,       300,  0,  304,  8, 1,  26, 0,  13, 8 },
	{ "300 cpus3",   300,  0, 0, 0, 3,       300,  0,  304,  8, 0,  13, 0,  13, 8 },
	{ "300 cpus2",   300,  0, 0, 0, 2,       300,  0,  304,  8, 0,  13, 0,  13, 8 },
	{ "300 cpus1",   300,  0, 0, 0, 1,       300,  0,  304,  8, 0,  13, 0,  13, 8 },
	{ "2048 cpus1", 2048,  0, 0, 0, 1,      2048,  0, 2048,  8, 2,   8, 0,   2, 10 },
	{ "kmalloc-512 cpus1", 512, KMA, 0, 0, 1, 512, 0,  512, 32, 0,   8, 0,   8, 9 },
	{ "kmalloc-1024 cpus1", 1024, KMA, 0, 0, 1, 1024, 0, 1024, 32, 1, 8, 0,   4, 10 },
	/*
	 * The waste test, 1 CPU (min_objects 8).  340 -> 344: order 0 leaves
	 * 4096 - 11 * 344 = 312, over 1/16 (256): order 1 leaves 8192 - 23 *
	 * 344 = 280 <= 512: order 1, 23.  A fraction loop starting at 1/8
	 * would take order 0.  320: order 0 leaves 4096 - 12 * 320 = 256,
	 * exactly 1/16, and Linux's test is <=: order 0, 12.  A strict <
	 * would go to order 1.
	 */
	{ "340 cpus1",   340,  0, 0, 0, 1,       340,  0,  344,  8, 1,  23, 0,  11, 8 },
	{ "320 cpus1",   320,  0, 0, 0, 1,       320,  0,  320,  8, 0,  12, 0,  12, 8 },
	/* 1000 with 4 CPUs: 16000 -> order 2 leaves 384 <= 1024: 16; ilog2 9 */
	{ "1000",       1000,  0, 0, 0, 4,      1000,  0, 1000,  8, 2,  16, 0,   4, 9 },
};

static void slub_geometry_for_every_case(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct slub_case *c = &cases[i];
		struct slub_params p = board;
		struct slub_geometry g;

		p.nr_cpu_ids = c->cpus;
		assert_true(slub_geometry(&p, c->size, c->align, c->flags, c->ctor, &g));
		if (g.inuse != c->inuse || g.offset != c->offset || g.size != c->obj_size ||
		    g.align != c->used_align || oo_order(g.oo) != c->order ||
		    oo_objects(g.oo) != c->objects || oo_order(g.min) != c->min_order ||
		    oo_objects(g.min) != c->min_objects || g.max.x != g.oo.x ||
		    g.min_partial != c->min_partial || g.objsize != c->size) {
			print_error("%s (%zu, %zu, 0x%lx): got inuse %zu offset %zu size %zu "
				    "align %zu oo %d/%u min %d/%u max 0x%lx min_partial %lu\n",
				    c->what, c->size, c->align, c->flags, g.inuse, g.offset,
				    g.size, g.align, oo_order(g.oo), oo_objects(g.oo),
				    oo_order(g.min), oo_objects(g.min), g.max.x, g.min_partial);
			fail();
		}
	}
}

/* __OBJECT_POISON: poison the object only when nobody reads it while free. */
static void object_poison_only_without_rcu_or_ctor(void **state)
{
	struct slub_geometry g;

	(void)state;
	assert_true(slub_geometry(&board, 20, 8, PO, false, &g));
	assert_true(g.flags & __OBJECT_POISON);
	assert_true(slub_geometry(&board, 20, 8, PO, true, &g));
	assert_false(g.flags & __OBJECT_POISON);
	assert_true(slub_geometry(&board, 20, 8, PO | RCU, false, &g));
	assert_false(g.flags & __OBJECT_POISON);
	assert_int_equal(g.offset, 20);
	assert_true(slub_geometry(&board, 20, 8, RZ | SU, false, &g));
	assert_false(g.flags & __OBJECT_POISON);
	assert_int_equal(g.flags, RZ | SU);
}

/* oo packs the order above 16 bits: figo's is 0 << 16 | 170, 4097's 3 << 16 | 7. */
static void order_objects_word(void **state)
{
	struct slub_geometry g;

	(void)state;
	assert_true(slub_geometry(&board, 20, 8, 0, false, &g));
	assert_int_equal(g.oo.x, 170);
	assert_true(slub_geometry(&board, 4097, 0, 0, false, &g));
	assert_int_equal(g.oo.x, (3UL << 16) | 7);
	assert_int_equal(g.min.x, (1UL << 16) | 1);
}

/* The pieces alone, at the numbers the cases above go through. */
static void helpers(void **state)
{
	struct slub_params p = board;

	(void)state;
	p.nr_cpu_ids = 1;
	assert_int_equal(slub_default_min_objects(&p), 8);
	p.nr_cpu_ids = 2;
	assert_int_equal(slub_default_min_objects(&p), 12);
	p.nr_cpu_ids = 4;
	assert_int_equal(slub_default_min_objects(&p), 16);
	p.nr_cpu_ids = 8;
	assert_int_equal(slub_default_min_objects(&p), 20);
	assert_int_equal(slub_get_order(&board, 4096), 0);
	assert_int_equal(slub_get_order(&board, 4097), 1);
	assert_int_equal(calculate_alignment(&board, 0, 0, 20), 8);
	assert_int_equal(calculate_alignment(&board, HWC, 0, 16), 16);
	assert_int_equal(calculate_alignment(&board, HWC, 0, 17), 32);
	/* 4688 at min_objects 6: only the 1/4 fraction fits within order 3 */
	assert_int_equal(slab_order(&board, 4688, 6, 3, 16), 4);
	assert_int_equal(slab_order(&board, 4688, 6, 3, 8), 4);
	assert_int_equal(slab_order(&board, 4688, 6, 3, 4), 3);
	assert_int_equal(calculate_order(&board, 4194305), -1);
	/* slub_min_objects= overrides the CPU count: 4 * 2048 = 8192, order 1 */
	p.slub_min_objects = 4;
	assert_int_equal(calculate_order(&p, 2048), 1);
	/* a forced order (sysfs's order file) is taken as it is */
	{
		struct slub_geometry g = { .objsize = 2048, .align = 8 };

		assert_true(calculate_sizes(&board, &g, false, 0));
		assert_int_equal(oo_order(g.oo), 0);
		assert_int_equal(oo_objects(g.oo), 2);
	}
}

/* Past MAX_ORDER - 1 no slab holds the object: refused, as -ENOSYS in Linux. */
static void too_big_is_refused(void **state)
{
	struct slub_geometry g;

	(void)state;
	assert_true(slub_geometry(&board, 4194304, 0, 0, false, &g));
	assert_false(slub_geometry(&board, 4194305, 0, 0, false, &g));
}

/* The file's invariants over every size up to 3 pages and a set of flags. */
static void invariants_hold_everywhere(void **state)
{
	static const unsigned long flag_sets[] = {
		0, HWC, RZ, PO, SU, RCU, RZ | PO | SU, HWC | RZ | SU, HWC | PO,
	};
	static const size_t aligns[] = { 0, 8, 16, 64, 256 };

	(void)state;
	for (unsigned int cpus = 1; cpus <= 4; cpus++) {
		struct slub_params p = board;

		p.nr_cpu_ids = cpus;
		for (size_t f = 0; f < sizeof(flag_sets) / sizeof(flag_sets[0]); f++)
			for (size_t a = 0; a < sizeof(aligns) / sizeof(aligns[0]); a++)
				for (size_t size = 1; size <= 3 * 4096; size++) {
					struct slub_geometry g;

					assert_true(slub_geometry(&p, size, aligns[a],
								  flag_sets[f], false, &g));
					assert_true(g.size % g.align == 0 && g.align % 4 == 0);
					assert_true(g.align >= 8 && g.align >= aligns[a]);
					assert_true(g.inuse >= size && g.inuse < size + 8);
					assert_true(g.offset + 4 <= g.size && g.inuse <= g.size);
					/* the free pointer never over the red zone */
					assert_true(!(flag_sets[f] & RZ) || g.offset >= g.inuse ||
						    g.offset + 4 <= size);
					assert_true(oo_order(g.oo) <= PAGE_ALLOC_COSTLY_ORDER);
					assert_true(oo_order(g.oo) >= oo_order(g.min));
					assert_true(oo_objects(g.oo) >= 1 && oo_objects(g.min) >= 1);
					assert_true(oo_objects(g.oo) * g.size <= 4096UL << oo_order(g.oo));
					assert_true(g.min_partial >= MIN_PARTIAL &&
						    g.min_partial <= MAX_PARTIAL);
				}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(slub_geometry_for_every_case),
		cmocka_unit_test(object_poison_only_without_rcu_or_ctor),
		cmocka_unit_test(order_objects_word),
		cmocka_unit_test(helpers),
		cmocka_unit_test(too_big_is_refused),
		cmocka_unit_test(invariants_hold_everywhere),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
