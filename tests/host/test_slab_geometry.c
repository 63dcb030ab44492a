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

static struct linux_result linux_create(const struct slab_params *p, size_t size,
					size_t align, unsigned long flags)
{
	struct linux_result r = { 0 };
	size_t ralign, left = 0;
	bool off;

	size = up(size, p->bytes_per_word);
	if (flags & SLAB_HWCACHE_ALIGN) {
		ralign = p->cache_line;
		while (size <= ralign / 2)
			ralign /= 2;
	} else {
		ralign = p->bytes_per_word;
	}
	if (ralign < p->arch_slab_minalign)
		ralign = p->arch_slab_minalign;
	if (ralign < align)
		ralign = align;
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
	r.ok = true;
	return r;
}

static bool same_geometry(const struct slab_geometry *a, const struct slab_geometry *b)
{
	return a->buffer_size == b->buffer_size && a->align == b->align && a->num == b->num &&
	       a->gfporder == b->gfporder && a->colour == b->colour &&
	       a->colour_off == b->colour_off && a->slab_size == b->slab_size &&
	       a->off_slab == b->off_slab;
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
			  const struct slab_geometry *g)
{
	size_t slab = p->page_size << g->gfporder;
	size_t mgmt = p->slab_desc_size + g->num * p->bufctl_size;
	size_t last = g->colour ? (g->colour - 1) * g->colour_off : 0;

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
	unsigned long requests, like_linux, where_linux_wraps, refused;
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
		 * Refused: only when even the largest slab cannot hold one
		 * object and its management padded to the alignment (a small
		 * object aligned to 4 MiB).
		 */
		size_t obj = up(up(size, p->bytes_per_word), align ? align : 1);

		if (up(size, p->bytes_per_word) >= (p->page_size >> 3) ||
		    obj + up(p->slab_desc_size + p->bufctl_size, align) <=
		    (p->page_size << p->max_order)) {
			print_error("size %zu align %zu flags 0x%lx: refused\n", size, align, flags);
			fail();
		}
		n->refused++;
		return;
	}
	why = insane(p, size, align, &g);
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
		print_error("size %zu align %zu flags 0x%lx: not Linux's geometry\n",
			    size, align, flags);
		fail();
	}
	n->like_linux++;
}

/*
 * The property: every (size, align, flags) that `cache create` accepts,
 * on a board over 32 MiB and on one of 32 MiB or less, gives a sane
 * geometry, and Linux's wherever Linux's is sane.
 */
static void every_request_gives_a_sane_geometry(void **state)
{
	static const unsigned long flag_sets[] = {
		0, HWC, RCL, HWC | RCL, SLAB_CACHE_DMA, SLAB_CACHE_DMA | HWC,
		SLAB_CACHE_DMA | RCL, SLAB_CACHE_DMA | HWC | RCL,
	};
	struct slab_params small = board;
	const struct slab_params *boards[] = { &board, &small };
	struct grid_count n = { 0 };

	(void)state;
	small.break_gfp_order = BREAK_GFP_ORDER_LO;
	for (unsigned int b = 0; b < 2; b++)
		for (size_t size = 1; size <= KMALLOC_MAX_SIZE; size = next_size(size))
			for (size_t align = 0; align <= KMALLOC_MAX_SIZE; align = align ? align * 2 : 1)
				for (unsigned int f = 0; f < 8; f++) {
					if (align > 65536 && size % 61 && size < 8192)
						continue;	/* huge alignments: a sample */
					check_request(boards[b], size, align, flag_sets[f], &n);
				}
	/* the grid reached the wrapping requests, and most are Linux's */
	assert_true(n.where_linux_wraps > 1000);
	assert_true(n.like_linux > 10 * n.where_linux_wraps);
	assert_true(n.refused > 0 && n.refused < n.where_linux_wraps);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(linux_geometry_for_every_case),
		cmocka_unit_test(general_caches),
		cmocka_unit_test(small_memory_keeps_order_zero),
		cmocka_unit_test(early_caches_stay_on_slab),
		cmocka_unit_test(every_request_gives_a_sane_geometry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
