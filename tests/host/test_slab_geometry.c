/*
 * test_slab_geometry.c - kmem_cache_create()'s geometry on the board,
 * pinned to what Linux 2.6.24 computes for a 32-bit ARM EABI kernel
 * with 4 KiB pages and 32-byte cache lines (mm/slab_geometry.c).
 *
 * The machine: BYTES_PER_WORD 4, sizeof(struct slab) 28,
 * sizeof(kmem_bufctl_t) 4, ARCH_SLAB_MINALIGN 8, cache_line_size() 32,
 * KMALLOC_MAX_ORDER 10, slab_break_gfp_order 1 (over 32 MiB of DRAM),
 * __alignof__(unsigned long long) 8.  The numbers were worked out from
 * Linux's kmem_cache_create() (with its DEBUG path for the debug flags
 * and FORCED_DEBUG for slab_debug), calculate_slab_order() and
 * cache_estimate() (tests/qemu/slab_model.py is the same reading, in
 * Python).  Some by hand:
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
 *
 * Debugging (Linux's DEBUG path; REDZONE_ALIGN = max(4, 8) = 8, the
 * red zones are unsigned long long, __alignof__ 8 on ARM EABI):
 *
 * figo_object with SLAB_RED_ZONE: 20 is a word multiple; red zone sets
 * the alignment to REDZONE_ALIGN 8 and rounds the object to 24, which is
 * obj_size (what ksize() says); 8 <= 8 keeps the red zone.  A red zone of
 * 8 bytes before (obj_offset 8) and after: 24 + 16 = 40, on-slab.  Order
 * 0: 4068 / 44 = 92; management ALIGN(28 + 368, 8) = 400, 400 + 92 * 40
 * = 4080, 16 over, no colour.  With SLAB_STORE_USER as well, the user
 * word takes a whole REDZONE_ALIGN slot after the second red zone: 48;
 * 4068 / 52 = 78, management ALIGN(28 + 312, 8) = 344, 344 + 3744 =
 * 4088, 8 over.  SLAB_STORE_USER alone adds one word: 20 + 4 = 24, the
 * plain figo_object's buffer, but obj_size stays 20; 24 + 4 = 28 becomes
 * 32.  SLAB_POISON changes no size: only obj_size (20) differs.
 *
 * figo_object, SLAB_HWCACHE_ALIGN | SLAB_RED_ZONE: the cache line (32)
 * is replaced by REDZONE_ALIGN, so the buffer is 40 as without HWC.
 *
 * 20, align 16, SLAB_RED_ZONE | SLAB_POISON: the red zone rounds 20 to
 * 24 before the caller's 16 raises the alignment over 8; that drops red
 * zone (and store user) but not the rounding: obj_size 24, poison kept,
 * buffer ALIGN(24, 16) = 32.
 *
 * 496, SLAB_RED_ZONE: 496 + 16 = 512 reaches PAGE_SIZE / 8, so
 * management goes off-slab (plain 496 stays on-slab): 8 objects of 512,
 * nothing over, slab_size 28 + 32 = 60 off-slab.
 *
 * Forced debug (slab_debug), size-32 (32, align 8, HWC): 32 < 4096, so
 * red zone, store user and poison; the alignment is 8, not 32: 32 + 16
 * + 8 = 56.  4068 / 60 = 67, management ALIGN(28 + 268, 8) = 296, 296 +
 * 67 * 56 = 4048: 48 over, one colour of 32.
 *
 * Forced debug near a page: 4096 gets poison only, as fls(4095) = 12
 * but fls(4095 + 8 + 16) = 13: red zones would push it past 8192's
 * order.  4000 is under 4096, so all three: 4000 + 24 = 4024, off-slab
 * (>= 512); one per page, 72 over; management 32 fits the 72, so
 * on-slab after all, 40 over, one colour.  8168 keeps its red zones
 * (8167 + 24 = 8191, still 13 bits) and becomes 8192; 8169 does not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "mm/slab.h"
#include "mm/slab_def.h"
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
	.ull_align = 8,			/* __alignof__(unsigned long long), ARM EABI */
	.early = false,
	.forced_debug = false,
};

#define RZ SLAB_RED_ZONE
#define PO SLAB_POISON
#define SU SLAB_STORE_USER

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
	/* waste of exactly 1/8 (512 of 4096) is acceptable: order 0, then on-slab */
	{     896,  0, HWC,     896, 32,   4,  0,   14, 32,   64, 0 },
	/* 864 wastes 640 (> 1/8) at order 0: order 1; 900 (928) wastes 384: order 0 */
	{     864,  0, HWC,     864, 32,   9,  1,   11, 32,   64, 0 },
	{     900,  0, HWC,     928, 32,   4,  0,   10, 32,   64, 0 },
	/*
	 * Alignments of a page and more on small objects: Linux decides
	 * on-slab (8 < 512) and pads the management to the alignment, so a
	 * slab is one object and as much management.  At 4 KiB that is
	 * Linux's own answer (order 0 holds none); from 8 KiB its
	 * cache_estimate() wraps (a guess of 0 decremented) and claims
	 * 4294967292 objects.  The fixed arithmetic carries on as at 4 KiB.
	 */
	{       8,  4096, 0, 4096, 4096, 1,  1,    0, 4096, 4096, 0 },
	{       8,  8192, 0, 8192, 8192, 1,  2,    0, 8192, 8192, 0 },
	{       8, 65536, 0, 65536, 65536, 1, 5,   0, 65536, 65536, 0 },
	{      64, 16384, 0, 16384, 16384, 1, 3,   0, 16384, 16384, 0 },
	{       8,  8192, RCL, 8192, 8192, 1,  2,   0, 8192, 8192, 0 },
	/* 2 KiB alignment: object and management share one page */
	{       8,  2048, 0, 2048, 2048, 1,  0,    0, 2048, 2048, 0 },
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

struct debug_case {
	size_t size, align;
	unsigned long flags;
	bool forced;			/* slab_debug: Linux's FORCED_DEBUG */
	size_t buffer_size, used_align;
	unsigned int num, gfporder;
	size_t colour, slab_size;
	int off_slab;
	size_t obj_offset, object_size;
	unsigned long kept;		/* the cache's flags after forcing and dropping */
};

/*
 * size, align, flags, forced -> buffer_size, align, num, gfporder, colour, slab_size, off_slab,
 * obj_offset, object_size, flags kept (colour_off is 32 in all of them)
 */
static const struct debug_case debug_cases[] = {
	/* figo_object with each debug flag alone, and all three */
	{   20,  8, RZ,           0,   40,  8,  92, 0,  0, 400, 0, 8,   24, RZ },
	{   20,  8, PO,           0,   24,  8, 145, 0,  0, 608, 0, 0,   20, PO },
	{   20,  8, SU,           0,   24,  8, 145, 0,  0, 608, 0, 0,   20, SU },
	{   20,  8, RZ | PO | SU, 0,   48,  8,  78, 0,  0, 344, 0, 8,   24, RZ | PO | SU },
	/* the red zone overrides the cache line; store user overrides it to a word */
	{   20,  8, HWC | RZ,     0,   40,  8,  92, 0,  0, 400, 0, 8,   24, HWC | RZ },
	{  100,  0, HWC | SU,     0,  104,  8,  37, 0,  2, 176, 0, 0,  100, HWC | SU },
	/* store user alone: one word; with a red zone a REDZONE_ALIGN slot */
	{   24,  0, SU,           0,   32,  8, 113, 0,  0, 480, 0, 0,   24, SU },
	{   24,  0, RZ | SU,      0,   48,  8,  78, 0,  0, 344, 0, 8,   24, RZ | SU },
	{    1,  0, RZ,           0,   24,  8, 145, 0,  0, 608, 0, 8,    8, RZ },
	/* alignment over 8: red zone and store user dropped, the 8-rounding kept */
	{   20, 16, RZ,           0,   32, 16, 113, 0,  0, 480, 0, 0,   24, 0 },
	{   20, 16, RZ | PO,      0,   32, 16, 113, 0,  0, 480, 0, 0,   24, PO },
	{   36, 32, RZ | PO | SU, 0,   64, 32,  59, 0,  1, 288, 0, 0,   40, PO },
	/* the debug words alone carry an object over PAGE_SIZE / 8 */
	{  496,  0, RZ,           0,  512,  8,   8, 0,  0,  60, 1, 8,  496, RZ },
	{  488,  0, RZ | SU,      0,  512,  8,   8, 0,  0,  60, 1, 8,  488, RZ | SU },
	{  496,  0, SU,           0,  504,  8,   8, 0,  0,  64, 0, 0,  496, SU },
	/* forced debug: red zone and store user unless they cross a power of two */
	{ 4096,  0, 0,            1, 4096,  8,   1, 0,  0,  32, 1, 0, 4096, PO },
	{ 4000,  0, 0,            1, 4024,  8,   1, 0,  1,  32, 0, 8, 4000, RZ | PO | SU },
	{ 8168,  0, 0,            1, 8192,  8,   1, 1,  0,  32, 1, 8, 8168, RZ | PO | SU },
	{ 8169,  0, 0,            1, 8176,  8,   1, 1,  0,  32, 1, 0, 8172, PO },
	{   40, 16, 0,            1,   48, 16,  78, 0,  0, 352, 0, 0,   40, PO },
	/* kmalloc classes under forced debug (align 8, HWC) */
	{   32,  8, HWC,          1,   56,  8,  67, 0,  1, 296, 0, 8,   32, HWC | RZ | PO | SU },
	{ 2048,  8, HWC,          1, 2072,  8,   3, 1, 60,  40, 0, 8, 2048, HWC | RZ | PO | SU },
	{ 4096,  8, HWC,          1, 4096, 32,   1, 0,  0,  32, 1, 0, 4096, HWC | PO },
	/* poison never changes the layout, not even at the largest size */
	{ 4194304, 0, PO,         0, 4194304, 8, 1, 10, 0, 32, 1, 0, 4194304, PO },
};

static bool debug_matches(const struct debug_case *c, const struct slab_geometry *g)
{
	return g->buffer_size == c->buffer_size && g->align == c->used_align &&
	       g->num == c->num && g->gfporder == c->gfporder && g->colour == c->colour &&
	       g->colour_off == 32 && g->slab_size == c->slab_size &&
	       g->off_slab == (c->off_slab != 0) && g->obj_offset == c->obj_offset &&
	       g->object_size == c->object_size && g->flags == c->kept;
}

static void linux_debug_geometry_for_every_case(void **state)
{
	struct slab_params forced = board;

	(void)state;
	forced.forced_debug = true;
	for (size_t i = 0; i < sizeof(debug_cases) / sizeof(debug_cases[0]); i++) {
		const struct debug_case *c = &debug_cases[i];
		struct slab_geometry g;

		assert_true(slab_geometry(c->forced ? &forced : &board, c->size, c->align,
					  c->flags, &g));
		if (!debug_matches(c, &g)) {
			print_error("size %zu align %zu flags 0x%lx%s: got buffer_size %zu "
				    "align %zu num %u order %u colour %zu colour_off %zu "
				    "slab_size %zu off_slab %d obj_offset %zu object_size %zu "
				    "flags 0x%lx\n", c->size, c->align, c->flags,
				    c->forced ? " forced" : "", g.buffer_size, g.align, g.num,
				    g.gfporder, g.colour, g.colour_off, g.slab_size, g.off_slab,
				    g.obj_offset, g.object_size, g.flags);
			fail();
		}
	}
}

/* Without debug flags the caller's bytes are the whole buffer's start. */
static void plain_caches_have_no_debug_words(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct geometry_case *c = &cases[i];
		struct slab_geometry g;

		assert_true(slab_geometry(&board, c->size, c->align, c->flags, &g));
		assert_int_equal(g.obj_offset, 0);
		assert_int_equal(g.object_size, (c->size + 3) / 4 * 4);	/* word-rounded */
		assert_int_equal(g.flags, c->flags);
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

/* ---- every request the shell accepts ---- */

/*
 * Linux 2.6.24's kmem_cache_create() arithmetic as written, int
 * nr_objs and all: the oracle for every request where it is sane.
 * Sets *wrapped when its cache_estimate() decremented a guess of 0 (the
 * -1 that SLAB_LIMIT then hides), i.e. where Linux has no sane answer.
 */
struct linux_result {
	bool ok, wrapped;
	struct slab_geometry g;
};

static size_t up(size_t x, size_t a)
{
	return (x + a - 1) / a * a;
}

static void linux_estimate(const struct slab_params *p, unsigned int order, size_t size,
			   size_t align, bool off_slab, size_t *left, unsigned int *num,
			   bool *wrapped)
{
	size_t slab = p->page_size << order;
	int nr;

	if (off_slab) {
		nr = (int)(slab / size);
		*left = slab - (size_t)nr * size;
	} else {
		nr = (int)((slab - p->slab_desc_size) / (size + p->bufctl_size));
		if (up(p->slab_desc_size + (size_t)nr * p->bufctl_size, align) +
		    (size_t)nr * size > slab)
			nr--;
		if (nr < 0) {
			*wrapped = true;
			nr = 0;		/* the run is void anyway */
		}
		*left = slab - (size_t)nr * size -
			up(p->slab_desc_size + (size_t)nr * p->bufctl_size, align);
	}
	*num = (unsigned int)nr;
}

/* Linux's fls() of an int: 1 + the index of its highest set bit, 0 for 0. */
static int linux_fls(int x)
{
	return x ? 32 - __builtin_clz((unsigned int)x) : 0;
}

/* The DEBUG && FORCED_DEBUG block at the top of kmem_cache_create(). */
static unsigned long linux_forced_debug(const struct slab_params *p, size_t size,
					unsigned long flags)
{
	size_t redzone_align = p->bytes_per_word > p->ull_align ? p->bytes_per_word : p->ull_align;

	if (size < 4096 || linux_fls((int)(size - 1)) ==
	    linux_fls((int)(size - 1 + redzone_align + 2 * sizeof(unsigned long long))))
		flags |= SLAB_RED_ZONE | SLAB_STORE_USER;
	return flags | SLAB_POISON;	/* no SLAB_DESTROY_BY_RCU here */
}

static struct linux_result linux_create(const struct slab_params *p, size_t size,
					size_t align, unsigned long flags)
{
	size_t redzone_align = p->bytes_per_word > p->ull_align ? p->bytes_per_word : p->ull_align;
	struct linux_result r = { 0 };
	size_t ralign, left = 0;
	bool off;

	if (p->forced_debug)
		flags = linux_forced_debug(p, size, flags);
	if (size & (p->bytes_per_word - 1)) {
		size += p->bytes_per_word - 1;
		size &= ~(p->bytes_per_word - 1);
	}
	if (flags & SLAB_HWCACHE_ALIGN) {
		ralign = p->cache_line;
		while (size <= ralign / 2)
			ralign /= 2;
	} else {
		ralign = p->bytes_per_word;
	}
	if (flags & SLAB_STORE_USER)
		ralign = p->bytes_per_word;
	if (flags & SLAB_RED_ZONE) {
		ralign = redzone_align;
		size += redzone_align - 1;
		size &= ~(redzone_align - 1);
	}
	if (ralign < p->arch_slab_minalign)
		ralign = p->arch_slab_minalign;
	if (ralign < align)
		ralign = align;
	if (ralign > p->ull_align)
		flags &= ~(SLAB_RED_ZONE | SLAB_STORE_USER);
	/* #if DEBUG: obj_size, obj_offset and the debug words */
	r.g.object_size = size;
	if (flags & SLAB_RED_ZONE) {
		r.g.obj_offset += sizeof(unsigned long long);
		size += 2 * sizeof(unsigned long long);
	}
	if (flags & SLAB_STORE_USER)
		size += (flags & SLAB_RED_ZONE) ? redzone_align : p->bytes_per_word;
	off = size >= (p->page_size >> 3) && !p->early;
	size = up(size, ralign);
	for (unsigned int order = 0; order <= p->max_order; order++) {
		unsigned int num;
		size_t rem;

		linux_estimate(p, order, size, ralign, off, &rem, &num, &r.wrapped);
		if (r.wrapped)
			return r;	/* Linux would take SLAB_LIMIT objects here */
		if (!num)
			continue;
		if (off && num > (size - p->slab_desc_size) / p->bufctl_size)
			break;
		r.g.num = num;
		r.g.gfporder = order;
		left = rem;
		if ((flags & SLAB_RECLAIM_ACCOUNT) || order >= p->break_gfp_order ||
		    left * 8 <= (p->page_size << order))
			break;
	}
	if (!r.g.num)
		return r;
	r.g.slab_size = up(r.g.num * p->bufctl_size + p->slab_desc_size, ralign);
	if (off && left >= r.g.slab_size) {
		off = false;
		left -= r.g.slab_size;
	}
	if (off)
		r.g.slab_size = r.g.num * p->bufctl_size + p->slab_desc_size;
	r.g.colour_off = p->cache_line < ralign ? ralign : p->cache_line;
	r.g.colour = left / r.g.colour_off;
	r.g.left_over = left;
	r.g.buffer_size = size;
	r.g.align = ralign;
	r.g.off_slab = off;
	r.g.flags = flags;
	r.ok = true;
	return r;
}

static bool same_geometry(const struct slab_geometry *a, const struct slab_geometry *b)
{
	return a->buffer_size == b->buffer_size && a->align == b->align && a->num == b->num &&
	       a->gfporder == b->gfporder && a->colour == b->colour &&
	       a->colour_off == b->colour_off && a->slab_size == b->slab_size &&
	       a->off_slab == b->off_slab && a->flags == b->flags &&
	       a->obj_offset == b->obj_offset && a->object_size == b->object_size;
}

/*
 * The debug words inside a buffer, where mm/slab_debug.c and Linux's
 * dbg_redzone1/2() and dbg_userword() put them: red zone 1 just before
 * the caller's bytes, red zone 2 and the user word at the buffer's end,
 * nothing overlapping, the red zones 64-bit aligned.  A flag is dropped
 * only for an alignment the red zones cannot keep; poison never is.
 * Returns what is wrong, or NULL.
 */
static const char *debug_insane(const struct slab_params *p, size_t size, unsigned long flags,
				const struct slab_geometry *g)
{
	/* forced debug red-zones objects of a page and more only where it is cheap */
	unsigned long may = flags | (p->forced_debug ? RZ | PO | SU : 0);
	unsigned long asked = flags | (p->forced_debug ? (size < 4096 ? RZ | PO | SU : PO) : 0);
	size_t user = g->buffer_size - ((g->flags & RZ) ? 8 : p->bytes_per_word);
	size_t rz2 = g->buffer_size - 8 - ((g->flags & SU) ? 8 : 0);

	if ((g->flags & ~may) || ((asked ^ g->flags) & ~(RZ | SU)))
		return "flags";
	if ((asked & ~g->flags & (RZ | SU)) && g->align <= p->ull_align)
		return "debug dropped at an alignment that keeps it";
	if (g->object_size < size || g->obj_offset + g->object_size > g->buffer_size)
		return "object size";
	if (!(g->flags & RZ)) {
		if (g->obj_offset != 0)
			return "obj_offset without a red zone";
		if ((g->flags & SU) && user < g->object_size)
			return "the user word overlaps the object";
		return NULL;
	}
	if (g->obj_offset != 8 || g->align > 8 || rz2 % 8 || rz2 < 8 + g->object_size)
		return "red zones";
	if ((g->flags & SU) && user < rz2 + 8)
		return "the user word overlaps red zone 2";
	return NULL;
}

/*
 * What any slab must satisfy, whatever Linux says: at least one object;
 * objects of at least the size asked for, aligned as asked; in every
 * colour, the management and the objects inside the slab's pages and
 * apart; off-slab management small enough for a general cache smaller
 * than the object (cache_grow() cannot recurse into its own cache).
 * Returns what is wrong, or NULL.
 */
static const char *insane(const struct slab_params *p, size_t size, size_t align,
			  unsigned long flags, const struct slab_geometry *g)
{
	size_t slab = p->page_size << g->gfporder;
	size_t mgmt = p->slab_desc_size + g->num * p->bufctl_size;
	size_t last = g->colour ? (g->colour - 1) * g->colour_off : 0;
	const char *why = debug_insane(p, size, flags, g);

	if (why)
		return why;
	if (g->num < 1 || g->num > SLAB_LIMIT)
		return "num";
	if (g->gfporder > p->max_order)
		return "order";
	if (g->buffer_size < size || g->buffer_size % g->align || (align && g->align % align) ||
	    g->align % p->arch_slab_minalign || (g->align & (g->align - 1)))
		return "object size or alignment";
	if (g->colour_off % g->align || g->colour_off < p->cache_line)
		return "colour_off";
	if (g->off_slab) {
		if (g->slab_size != mgmt || mgmt > g->buffer_size)
			return "off-slab management";
		if (last + g->num * g->buffer_size > slab)
			return "objects beyond the slab";
	} else {
		if (g->slab_size < mgmt || g->slab_size % g->align)
			return "on-slab management overlaps the objects";
		if (last + g->slab_size + g->num * g->buffer_size > slab)
			return "objects beyond the slab";
	}
	if (g->colour * g->colour_off > g->left_over ||
	    g->left_over != slab - g->num * g->buffer_size - (g->off_slab ? 0 : g->slab_size))
		return "left over";
	return NULL;
}

/* Every size to 8 KiB, then each power of two, its neighbours and steps of 1/32 between. */
static size_t next_size(size_t size)
{
	size_t pow = 8192;

	if (size < 8192)
		return size + 1;
	while (pow * 2 <= size)
		pow *= 2;
	if (size == pow || size == pow * 2 - 1)
		return size + 1;
	if (size + pow / 32 >= pow * 2 - 1)
		return pow * 2 - 1;
	return size + pow / 32 + (size & 1 ? 0 : 3);	/* odd and even sizes */
}

struct grid_count {
	unsigned long requests, like_linux, where_linux_wraps, refused, refused_by_linux;
	unsigned long red_zoned, off_slab_by_debug;
};

static void check_request(const struct slab_params *p, size_t size, size_t align,
			  unsigned long flags, struct grid_count *n)
{
	struct linux_result lx = linux_create(p, size, align, flags);
	struct slab_geometry g;
	const char *why;

	n->requests++;
	if (!slab_geometry(p, size, align, flags, &g)) {
		/*
		 * Refused: where Linux sanely finds no order either (the
		 * debug words push an object over 4 MiB), or where Linux
		 * wraps because even the largest slab cannot hold one object
		 * and its management padded to the alignment (a small object
		 * aligned to 4 MiB).
		 */
		size_t obj = up(up(size, p->bytes_per_word), align ? align : 1);

		if (!lx.wrapped && !lx.ok) {
			n->refused_by_linux++;
			return;
		}
		if (!lx.wrapped || up(size, p->bytes_per_word) >= (p->page_size >> 3) ||
		    obj + up(p->slab_desc_size + p->bufctl_size, align) <=
		    (p->page_size << p->max_order)) {
			print_error("size %zu align %zu flags 0x%lx: refused\n", size, align, flags);
			fail();
		}
		n->refused++;
		return;
	}
	why = insane(p, size, align, flags, &g);
	if (why) {
		print_error("size %zu align %zu flags 0x%lx: %s (num %u order %u buffer %zu "
			    "slab_size %zu off_slab %d colour %zu)\n", size, align, flags, why,
			    g.num, g.gfporder, g.buffer_size, g.slab_size, g.off_slab, g.colour);
		fail();
	}
	if (lx.wrapped) {
		n->where_linux_wraps++;
		assert_false(g.off_slab);	/* Linux's decision, without the wrap */
		return;
	}
	assert_true(lx.ok);
	if (!same_geometry(&g, &lx.g)) {
		print_error("size %zu align %zu flags 0x%lx%s: not Linux's geometry\n",
			    size, align, flags, p->forced_debug ? " (forced debug)" : "");
		fail();
	}
	n->like_linux++;
	n->red_zoned += (g.flags & RZ) != 0;
	n->off_slab_by_debug += g.off_slab && g.object_size < (p->page_size >> 3);
}

/* Every size, every alignment (huge ones sampled), each of @nflags flag sets. */
static void check_grid(const struct slab_params *p, const unsigned long *flag_sets,
		       unsigned int nflags, struct grid_count *n)
{
	for (size_t size = 1; size <= KMALLOC_MAX_SIZE; size = next_size(size))
		for (size_t align = 0; align <= KMALLOC_MAX_SIZE; align = align ? align * 2 : 1)
			for (unsigned int f = 0; f < nflags; f++) {
				if (align > 65536 && size % 61 && size < 8192)
					continue;	/* huge alignments: a sample */
				check_request(p, size, align, flag_sets[f], n);
			}
}

/*
 * The property: every (size, align, flags) that `cache create` accepts,
 * on a board over 32 MiB and on one of 32 MiB or less, with and without
 * forced debug, gives a sane geometry, and Linux's wherever Linux's is
 * sane: the same layout, flags, obj_offset and object size.
 */
static void every_request_gives_a_sane_geometry(void **state)
{
	static const unsigned long flag_sets[] = {
		0, HWC, RCL, HWC | RCL, SLAB_CACHE_DMA, SLAB_CACHE_DMA | HWC,
		SLAB_CACHE_DMA | RCL, SLAB_CACHE_DMA | HWC | RCL,
		/* every debug combination, alone and with HWC or RCL */
		RZ, PO, SU, RZ | PO, RZ | SU, PO | SU, RZ | PO | SU,
		HWC | RZ, HWC | PO, HWC | SU, HWC | RZ | PO, HWC | RZ | SU, HWC | PO | SU,
		HWC | RZ | PO | SU, RCL | RZ, RCL | SU, RCL | RZ | PO | SU,
	};
	static const unsigned long forced_sets[] = { 0, HWC, RCL, HWC | RZ, SU };
	struct slab_params small = board, forced = board, forced_small = board;
	const struct slab_params *boards[] = { &board, &small };
	const struct slab_params *forced_boards[] = { &forced, &forced_small };
	struct grid_count n = { 0 }, nf = { 0 };

	(void)state;
	small.break_gfp_order = forced_small.break_gfp_order = BREAK_GFP_ORDER_LO;
	forced.forced_debug = forced_small.forced_debug = true;
	for (unsigned int b = 0; b < 2; b++) {
		check_grid(boards[b], flag_sets, sizeof(flag_sets) / sizeof(flag_sets[0]), &n);
		check_grid(forced_boards[b], forced_sets,
			   sizeof(forced_sets) / sizeof(forced_sets[0]), &nf);
	}
	/* the grid reached the wrapping requests, and most are Linux's */
	assert_true(n.where_linux_wraps > 1000);
	assert_true(n.like_linux > 10 * n.where_linux_wraps);
	assert_true(n.refused > 0 && n.refused < n.where_linux_wraps);
	/* ... and red-zoned caches, some off-slab only for their debug words */
	assert_true(n.red_zoned > 100000 && n.off_slab_by_debug > 100);
	assert_true(n.refused_by_linux > 0);	/* 4 MiB with a red zone */
	assert_true(nf.red_zoned > 100000 && nf.off_slab_by_debug > 100);
	assert_true(nf.like_linux > 10 * nf.where_linux_wraps);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(linux_geometry_for_every_case),
		cmocka_unit_test(linux_debug_geometry_for_every_case),
		cmocka_unit_test(plain_caches_have_no_debug_words),
		cmocka_unit_test(general_caches),
		cmocka_unit_test(small_memory_keeps_order_zero),
		cmocka_unit_test(early_caches_stay_on_slab),
		cmocka_unit_test(every_request_gives_a_sane_geometry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
