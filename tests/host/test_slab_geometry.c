/*
 * test_slab_geometry.c - kmem_cache_create()'s geometry on the board,
 * pinned to what Linux 2.6.24 computes for a 32-bit ARM EABI kernel
 * with 4 KiB pages and 32-byte cache lines (mm/slab_geometry.c).
 *
 * The machine: BYTES_PER_WORD 4, sizeof(struct slab) 28,
 * sizeof(kmem_bufctl_t) 4, ARCH_SLAB_MINALIGN 8, cache_line_size() 32,
 * KMALLOC_MAX_ORDER 10, slab_break_gfp_order 1 (over 32 MiB of DRAM).
 * The numbers were worked out from Linux's kmem_cache_create(),
 * calculate_slab_order() and cache_estimate() (tests/qemu/slab_model.py
 * is the same reading, in Python).  Some by hand:
 *
 * figo_object (size 20, align 8, flags 0), the reference material's
 * example: 20 is a whole number of words; no HWCACHE_ALIGN, so the
 * alignment is BYTES_PER_WORD 4, raised to ARCH_SLAB_MINALIGN 8, and the
 * caller's 8 changes nothing; 20 < 512, so management is on-slab; the
 * object is ALIGN(20, 8) = 24.  Order 0: (4096 - 28) / (24 + 4) = 145
 * objects; management ALIGN(28 + 145 * 4, 8) = 608, and 608 + 145 * 24 =
 * 4088 <= 4096, so 145 fit with 8 bytes over; 8 * 8 <= 4096 is acceptable
 * waste, so order 0.  colour_off = max(32, 8) = 32; colour = 8 / 32 = 0.
 *
 * 508 vs 509, the off-slab threshold (PAGE_SIZE / 8 = 512, compared after
 * word rounding): 508 stays on-slab, aligned to 512: (4068 / 516) = 7
 * objects, management 56, 456 bytes over, colour 456 / 32 = 14.  509
 * rounds to 512 and goes off-slab: 4096 / 512 = 8 objects, nothing over;
 * its management (28 + 8 * 4 = 60 bytes) does not fit the 0 bytes left,
 * so it stays off-slab with slab_size 60.
 *
 * 1000 goes off-slab: 4096 / 1000 = 4 objects, 96 bytes over (acceptable:
 * 96 * 8 <= 4096).  Its management ALIGN(28 + 16, 8) = 48 fits the 96,
 * so it moves back on-slab: 48 bytes over, one colour.
 *
 * 700 (704 after alignment) goes off-slab: order 0 holds 5 with 576 over,
 * too much waste (576 * 8 > 4096), so order 1: 11 objects, 448 over, and
 * order 1 reaches slab_break_gfp_order.  Management 72 fits the 448, so
 * on-slab after all: 376 over, 11 colours.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "mm/slab.h"
#include "mm/slab_geometry.h"

#define HWC SLAB_HWCACHE_ALIGN
#define RCL SLAB_RECLAIM_ACCOUNT

static const struct slab_params board = {
	.page_size = 4096,
	.bytes_per_word = 4,
	.slab_desc_size = 28,
	.bufctl_size = 4,
	.cache_line = 32,
	.arch_slab_minalign = 8,
	.max_order = 10,
	.break_gfp_order = BREAK_GFP_ORDER_HI,
	.early = false,
};

struct geometry_case {
	size_t size, align;
	unsigned long flags;
	size_t buffer_size, used_align;
	unsigned int num, gfporder;
	size_t colour, colour_off, slab_size;
	int off_slab;
};

/* size, align, flags -> buffer_size, align, num, gfporder, colour, colour_off, slab_size, off_slab */
static const struct geometry_case cases[] = {
	{      20,  8, 0  ,      24,  8, 145,  0,    0, 32,  608, 0 },
	{      20,  0, 0  ,      24,  8, 145,  0,    0, 32,  608, 0 },
	{      20,  8, HWC,      32, 32, 113,  0,    0, 32,  480, 0 },
	{       1,  0, 0  ,       8,  8, 339,  0,    0, 32, 1384, 0 },
	{       4,  0, 0  ,       8,  8, 339,  0,    0, 32, 1384, 0 },
	{       5,  0, 0  ,       8,  8, 339,  0,    0, 32, 1384, 0 },
	{       8,  0, 0  ,       8,  8, 339,  0,    0, 32, 1384, 0 },
	{      12,  0, HWC,      16, 16, 203,  0,    0, 32,  848, 0 },
	{      13,  0, 0  ,      16,  8, 203,  0,    0, 32,  840, 0 },
	{      16,  0, HWC,      16, 16, 203,  0,    0, 32,  848, 0 },
	{      17,  0, HWC,      32, 32, 113,  0,    0, 32,  480, 0 },
	{      24,  0, HWC,      32, 32, 113,  0,    0, 32,  480, 0 },
	{      32,  0, 0  ,      32,  8, 113,  0,    0, 32,  480, 0 },
	{      33,  0, HWC,      64, 32,  59,  0,    1, 32,  288, 0 },
	{      40, 16, 0  ,      48, 16,  78,  0,    0, 32,  352, 0 },
	{      60, 64, 0  ,      64, 64,  59,  0,    0, 64,  320, 0 },
	{      64,  0, HWC,      64, 32,  59,  0,    1, 32,  288, 0 },
	{     100,  0, 0  ,     104,  8,  37,  0,    2, 32,  176, 0 },
	{     100, 32, 0  ,     128, 32,  30,  0,    3, 32,  160, 0 },
	{     127,  0, HWC,     128, 32,  30,  0,    3, 32,  160, 0 },
	{     128,  0, 0  ,     128,  8,  30,  0,    3, 32,  152, 0 },
	{     180,  0, 0  ,     184,  8,  21,  0,    3, 32,  112, 0 },
	{     200,  0, HWC,     224, 32,  17,  0,    6, 32,   96, 0 },
	{     250,  0, 0  ,     256,  8,  15,  0,    5, 32,   88, 0 },
	{     256,  0, HWC,     256, 32,  15,  0,    5, 32,   96, 0 },
	{     300,  0, 0  ,     304,  8,  13,  0,    2, 32,   80, 0 },
	{     384,  0, HWC,     384, 32,  10,  0,    5, 32,   96, 0 },
	{     500,  0, 0  ,     504,  8,   8,  0,    0, 32,   64, 0 },
	{     508,  0, 0  ,     512,  8,   7,  0,   14, 32,   56, 0 },
	{     509,  0, 0  ,     512,  8,   8,  0,    0, 32,   60, 1 },
	{     511,  0, 0  ,     512,  8,   8,  0,    0, 32,   60, 1 },
	{     512,  0, 0  ,     512,  8,   8,  0,    0, 32,   60, 1 },
	{     512,  0, HWC,     512, 32,   8,  0,    0, 32,   60, 1 },
	{     600,  0, 0  ,     600,  8,   6,  0,   13, 32,   56, 0 },
	{     640, 64, 0  ,     640, 64,   6,  0,    3, 64,   64, 0 },
	{     700,  0, 0  ,     704,  8,  11,  1,   11, 32,   72, 0 },
	{    1000,  0, 0  ,    1000,  8,   4,  0,    1, 32,   48, 0 },
	{    1024,  0, 0  ,    1024,  8,   4,  0,    0, 32,   44, 1 },
	{    1100,  0, 0  ,    1104,  8,   7,  1,   12, 32,   56, 0 },
	{    1370,  0, 0  ,    1376,  8,   5,  1,   39, 32,   48, 0 },
	{    1500,  0, HWC,    1504, 32,   5,  1,   19, 32,   64, 0 },
	{    2000,  0, 0  ,    2000,  8,   2,  0,    1, 32,   40, 0 },
	{    2048,  0, 0  ,    2048,  8,   2,  0,    0, 32,   36, 1 },
	{    3000,  0, 0  ,    3000,  8,   2,  1,   67, 32,   40, 0 },
	{    3000,  0, RCL,    3000,  8,   1,  0,   33, 32,   32, 0 },
	{    4000,  0, 0  ,    4000,  8,   1,  0,    2, 32,   32, 0 },
	{    4096,  0, 0  ,    4096,  8,   1,  0,    0, 32,   32, 1 },
	{    4097,  0, 0  ,    4104,  8,   1,  1,  126, 32,   32, 0 },
	{    5000,  0, 0  ,    5000,  8,   1,  1,   98, 32,   32, 0 },
	{    8192,  0, 0  ,    8192,  8,   1,  1,    0, 32,   32, 1 },
	{   10000,  0, 0  ,   10000,  8,   1,  2,  198, 32,   32, 0 },
	{   65536,  0, 0  ,   65536,  8,   1,  4,    0, 32,   32, 1 },
	{  100000,  0, 0  ,  100000,  8,   1,  5,  970, 32,   32, 0 },
	{ 4194304,  0, 0  , 4194304,  8,   1, 10,    0, 32,   32, 1 },
	{      24,  0, RCL,      24,  8, 145,  0,    0, 32,  608, 0 },
};

static bool matches(const struct geometry_case *c, const struct slab_geometry *g)
{
	return g->buffer_size == c->buffer_size && g->align == c->used_align &&
	       g->num == c->num && g->gfporder == c->gfporder && g->colour == c->colour &&
	       g->colour_off == c->colour_off && g->slab_size == c->slab_size &&
	       g->off_slab == (c->off_slab != 0);
}

static void linux_geometry_for_every_case(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct geometry_case *c = &cases[i];
		struct slab_geometry g;

		assert_true(slab_geometry(&board, c->size, c->align, c->flags, &g));
		if (!matches(c, &g)) {
			print_error("size %zu align %zu flags 0x%lx: got buffer_size %zu align %zu "
				    "num %u order %u colour %zu colour_off %zu slab_size %zu off_slab %d\n",
				    c->size, c->align, c->flags, g.buffer_size, g.align, g.num,
				    g.gfporder, g.colour, g.colour_off, g.slab_size, g.off_slab);
			fail();
		}
	}
}

/* The general caches Linux creates on this board: objperslab and pagesperslab. */
static void general_caches(void **state)
{
	static const struct { size_t size; unsigned int num, gfporder; } kmalloc_caches[] = {
		{ 32, 113, 0 }, { 64, 59, 0 }, { 96, 40, 0 }, { 128, 30, 0 },
		{ 192, 20, 0 }, { 256, 15, 0 }, { 512, 8, 0 }, { 1024, 4, 0 },
		{ 2048, 2, 0 }, { 4096, 1, 0 }, { 8192, 1, 1 }, { 16384, 1, 2 },
		{ 131072, 1, 5 }, { 4194304, 1, 10 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(kmalloc_caches) / sizeof(kmalloc_caches[0]); i++) {
		struct slab_geometry g;

		assert_true(slab_geometry(&board, kmalloc_caches[i].size, 8, HWC, &g));
		assert_int_equal(g.buffer_size, kmalloc_caches[i].size);
		assert_int_equal(g.num, kmalloc_caches[i].num);
		assert_int_equal(g.gfporder, kmalloc_caches[i].gfporder);
	}
}

/* Below 32 MiB Linux keeps slabs at the smallest order that fits. */
static void small_memory_keeps_order_zero(void **state)
{
	struct slab_params small = board;
	struct slab_geometry g;

	(void)state;
	small.break_gfp_order = BREAK_GFP_ORDER_LO;
	assert_true(slab_geometry(&small, 700, 0, 0, &g));
	assert_int_equal(g.gfporder, 0);		/* order 1 with more memory */
	assert_int_equal(g.num, 5);
	/* 576 over; management ALIGN(28 + 5 * 4, 8) = 48 fits, so on-slab */
	assert_int_equal(g.off_slab, 0);
	assert_int_equal(g.colour, (576 - 48) / 32);
}

/* While bootstrapping, management stays on-slab whatever the size. */
static void early_caches_stay_on_slab(void **state)
{
	struct slab_params early = board;
	struct slab_geometry g;

	(void)state;
	early.early = true;
	assert_true(slab_geometry(&early, 1024, 8, HWC, &g));
	assert_int_equal(g.off_slab, 0);
	/*
	 * On-slab 1024s aligned to 32: order 0 holds 3 (management 64),
	 * 960 over is too much waste, so order 1: (8192 - 28) / 1028 = 7.
	 */
	assert_int_equal(g.num, 7);
	assert_int_equal(g.gfporder, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(linux_geometry_for_every_case),
		cmocka_unit_test(general_caches),
		cmocka_unit_test(small_memory_keeps_order_zero),
		cmocka_unit_test(early_caches_stay_on_slab),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
