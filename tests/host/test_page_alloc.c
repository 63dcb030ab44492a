/*
 * test_page_alloc.c - the buddy allocator (mm/page_alloc.c, memmap.c,
 * vmstat.c) on a host arena, under ASan/UBSan.
 *
 * Most tests use the "32 MiB layout": a 32 MiB arena whose first 1 MiB
 * (pfns 0-255 of the arena) is reserved: the "image" takes
 * 1 MiB - sizeof(mem_map) and mem_map follows it.  Worked by hand:
 *   ZONE_DMA    = arena pfns 0..4095 (16 MiB); free 256..4095:
 *                 256..511 order 8, 512..1023 order 9, then three
 *                 order-10 blocks (1024, 2048, 3072);
 *   ZONE_NORMAL = arena pfns 4096..8191: four order-10 blocks;
 *   MemTotal    = (8192 - 256) * 4 kB = 31744 kB, Reserved 1024 kB.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "mm/gfp.h"
#include "mm/mm.h"
#include "mm/mmzone.h"
#include "buddy_check.h"
#include "host_platform.h"

#define MiB (1024UL * 1024UL)

static struct arena arena;

static size_t mem_map_bytes(size_t dram)
{
	return dram / PAGE_SIZE * sizeof(struct page);
}

static int setup_32m(void **state)
{
	(void)state;
	arena_init(&arena, 32 * MiB, 0, MiB - mem_map_bytes(32 * MiB));
	return 0;
}

static int setup_64m(void **state)
{
	(void)state;
	arena_init(&arena, 64 * MiB, 64 * 1024, 300 * 1024);	/* like the board */
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(&arena);
	return 0;
}

static unsigned long arena_pfn(unsigned long index)
{
	return (arena.base >> PAGE_SHIFT) + index;
}

static struct zone *zone_of(enum zone_type type)
{
	return &NODE_DATA(0)->node_zones[type];
}

static void run_buddyinfo(void *arg)
{
	(void)arg;
	show_buddyinfo();
}

static void run_meminfo(void *arg)
{
	(void)arg;
	show_meminfo();
}

/* ---- the boot layout and the report formats ---- */

static void boot_layout_in_linux_formats(void **state)
{
	char out[1024];

	(void)state;
	check_buddy(NULL, 0);
	host_capture_stdout(run_buddyinfo, NULL, out, sizeof(out));
	assert_string_equal(out,
		"Node 0, zone      DMA      0      0      0      0      0      0      0      0      1      1      3 \n"
		"Node 0, zone   Normal      0      0      0      0      0      0      0      0      0      0      4 \n");
	host_capture_stdout(run_meminfo, NULL, out, sizeof(out));
	assert_string_equal(out,
		"MemTotal:        31744 kB\n"
		"MemFree:         31744 kB\n"
		"Slab:                0 kB\n"
		"SReclaimable:        0 kB\n"
		"SUnreclaim:          0 kB\n"
		"Reserved:         1024 kB\n");
	assert_int_equal(zone_of(ZONE_DMA)->present_pages, 4096 - 256);
	assert_int_equal(zone_of(ZONE_NORMAL)->present_pages, 4096);
	assert_ptr_equal(mem_map, (struct page *)(arena.base + MiB - mem_map_bytes(32 * MiB)));
}

static void pages_below_the_image_are_free(void **state)
{
	unsigned long last_reserved = ((arena.reserved_end + mem_map_bytes(arena.size)) >> PAGE_SHIFT) - 1;

	(void)state;
	check_buddy(NULL, 0);
	/* the 64 KiB under the image (loader leftovers) are one order-4 block */
	assert_true(PageBuddy(pfn_to_page(arena_pfn(0))));
	assert_int_equal(pfn_to_page(arena_pfn(0))->private, 4);
	assert_true(PageReserved(pfn_to_page(arena_pfn(16))));
	assert_true(PageReserved(pfn_to_page(last_reserved)));	/* mem_map's last page */
	assert_false(PageReserved(pfn_to_page(last_reserved + 1)));
	assert_int_equal(reserved_pages, 300 / 4 + (mem_map_bytes(arena.size) + PAGE_SIZE - 1) / PAGE_SIZE);
}

/* ---- splitting and merging ---- */

static void split_gives_upper_halves_back(void **state)
{
	struct free_snapshot *before = malloc(sizeof(*before)), *after = malloc(sizeof(*after));
	struct page *page;

	(void)state;
	take_snapshot(before);
	page = alloc_pages(GFP_DMA, 0);
	/* the only DMA block below order 10 that fits is the order-8 one */
	assert_int_equal(page_to_pfn(page), arena_pfn(256));
	for (unsigned int order = 0; order < 8; order++) {
		struct page *half = pfn_to_page(arena_pfn(256 + (1UL << order)));

		assert_int_equal(zone_of(ZONE_DMA)->free_area[order].nr_free, 1);
		assert_true(PageBuddy(half));
		assert_int_equal(half->private, order);
	}
	assert_int_equal(zone_of(ZONE_DMA)->free_area[8].nr_free, 0);
	check_buddy(&(struct held_block){ page_to_pfn(page), 0 }, 1);

	__free_pages(page, 0);
	take_snapshot(after);
	assert_snapshots_equal(before, after);	/* merged all the way back */
	free(before);
	free(after);
}

static void address_api_round_trip(void **state)
{
	unsigned long addr;

	(void)state;
	addr = __get_free_pages(GFP_KERNEL, 2);
	assert_int_not_equal(addr, 0);
	assert_int_equal(addr & (4 * PAGE_SIZE - 1), 0);
	assert_ptr_equal(page_address(virt_to_page((void *)addr)), (void *)addr);
	assert_int_equal(global_page_state(NR_FREE_PAGES), totalram_pages - 4);
	free_pages(addr, 2);
	free_pages(0, 3);			/* freeing NULL is allowed */
	assert_int_equal(global_page_state(NR_FREE_PAGES), totalram_pages);
	check_buddy(NULL, 0);
}

/* ---- random work ---- */

static uint32_t rng = 12345;

static uint32_t next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static unsigned int random_order(void)
{
	unsigned int order = 0;

	while (order < MAX_ORDER - 1 && (next_random() & 3) == 0)
		order++;		/* order k with probability ~ 4^-k */
	return order;
}

static void release(struct held_block *held, unsigned int *nheld, unsigned int i)
{
	__free_pages(pfn_to_page(held[i].pfn), held[i].order);
	held[i] = held[--*nheld];
}

/* True if @zone has a free block of @order or larger: a request could be met. */
static bool zone_has_block(struct zone *zone, unsigned int order)
{
	for (unsigned int o = order; o < MAX_ORDER; o++)
		if (zone->free_area[o].nr_free)
			return true;
	return false;
}

/* alloc_pages(), and if it fails, no zone the request may use had a block. */
static struct page *alloc_or_prove_full(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	if (!page) {
		assert_false(zone_has_block(zone_of(ZONE_DMA), order));
		if (!(gfp & __GFP_DMA))
			assert_false(zone_has_block(zone_of(ZONE_NORMAL), order));
	}
	return page;
}

/* Random orders, random frees now and then, until not even a page is left. */
static void allocate_to_exhaustion(struct held_block *held, unsigned int *nheld,
				   unsigned int max_held)
{
	for (;;) {
		unsigned int order = random_order();
		struct page *page = alloc_or_prove_full(GFP_KERNEL | __GFP_NOWARN, order);

		if (page) {
			assert_true(*nheld < max_held);
			held[(*nheld)++] = (struct held_block){ page_to_pfn(page), order };
		} else if (order == 0) {
			return;
		}
		if (*nheld && next_random() % 100 < 10)
			release(held, nheld, next_random() % *nheld);
	}
}

static void random_work_keeps_every_invariant(void **state)
{
	enum { OPS = 20000, MAX_HELD = 16384 };
	struct held_block *held = calloc(MAX_HELD, sizeof(*held));
	struct free_snapshot *before = malloc(sizeof(*before)), *after = malloc(sizeof(*after));
	unsigned int nheld = 0;

	(void)state;
	take_snapshot(before);
	for (unsigned int op = 0; op < OPS; op++) {
		if (nheld && (nheld == MAX_HELD || next_random() % 100 < 45)) {
			release(held, &nheld, next_random() % nheld);
		} else {
			unsigned int order = random_order();
			gfp_t gfp = GFP_KERNEL | __GFP_NOWARN | (next_random() % 5 ? 0 : GFP_DMA);
			struct page *page = alloc_or_prove_full(gfp, order);

			/* the run stays far below the arena: nothing may fail */
			assert_non_null(page);
			if (gfp & __GFP_DMA)
				assert_ptr_equal(page_zone(page), zone_of(ZONE_DMA));
			held[nheld++] = (struct held_block){ page_to_pfn(page), order };
		}
		if (op < 2000 || op % 97 == 0)
			check_buddy(held, nheld);
	}
	allocate_to_exhaustion(held, &nheld, MAX_HELD);
	assert_int_equal(global_page_state(NR_FREE_PAGES), 0);
	check_buddy(held, nheld);
	while (nheld)
		release(held, &nheld, next_random() % nheld);
	check_buddy(NULL, 0);
	take_snapshot(after);
	assert_snapshots_equal(before, after);
	free(held);
	free(before);
	free(after);
}

static void exhaustion_then_full_recovery(void **state)
{
	struct free_snapshot *before = malloc(sizeof(*before)), *after = malloc(sizeof(*after));
	struct held_block *held = calloc(totalram_pages, sizeof(*held));
	unsigned int nheld = 0;
	struct page *page;

	(void)state;
	take_snapshot(before);
	/* big blocks first, then smaller ones, until not even a page is left */
	for (int order = MAX_ORDER - 1; order >= 0; order--)
		while ((page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, (unsigned int)order)) != NULL)
			held[nheld++] = (struct held_block){ page_to_pfn(page), (unsigned int)order };
	assert_int_equal(global_page_state(NR_FREE_PAGES), 0);
	assert_null(alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 0));
	assert_null(alloc_pages(GFP_DMA | __GFP_NOWARN, 0));
	check_buddy(held, nheld);		/* every page held exactly once */

	while (nheld)
		release(held, &nheld, next_random() % nheld);
	take_snapshot(after);
	assert_snapshots_equal(before, after);
	free(held);
	free(before);
	free(after);
}

/* ---- failure reports ---- */

struct alloc_args {
	gfp_t gfp;
	unsigned int order;
	struct page *result;
};

static void run_alloc(void *arg)
{
	struct alloc_args *a = arg;

	a->result = alloc_pages(a->gfp, a->order);
}

static void out_of_memory_warns_unless_nowarn(void **state)
{
	struct alloc_args a;
	char out[256];

	(void)state;
	while (alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0))
		;			/* leak on purpose: the arena goes away */
	a = (struct alloc_args){ GFP_KERNEL, 3, NULL };
	host_capture_stdout(run_alloc, &a, out, sizeof(out));
	assert_null(a.result);
	assert_string_equal(out, "page allocation failure: order:3, mode:0xd0\n");
	a = (struct alloc_args){ GFP_ATOMIC | __GFP_NOWARN, 0, NULL };
	host_capture_stdout(run_alloc, &a, out, sizeof(out));
	assert_null(a.result);
	assert_string_equal(out, "");
}

static void order_beyond_max_fails(void **state)
{
	struct alloc_args a = { GFP_KERNEL, MAX_ORDER, NULL };
	char out[256];

	(void)state;
	host_capture_stdout(run_alloc, &a, out, sizeof(out));
	assert_null(a.result);
	assert_string_equal(out, "page allocation failure: order:11, mode:0xd0\n");
	check_buddy(NULL, 0);
}

static void gfp_zero_clears_the_block(void **state)
{
	struct page *page = alloc_pages(GFP_KERNEL, 3);
	unsigned char *p = page_address(page);
	unsigned long addr;

	(void)state;
	memset(p, 0xa5, 8 * PAGE_SIZE);
	__free_pages(page, 3);
	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 3);
	p = page_address(page);
	for (size_t i = 0; i < 8 * PAGE_SIZE; i++)
		assert_int_equal(p[i], 0);
	__free_pages(page, 3);

	addr = __get_free_pages(GFP_KERNEL, 0);
	memset((void *)addr, 0xff, PAGE_SIZE);
	free_pages(addr, 0);
	addr = get_zeroed_page(GFP_KERNEL);
	for (size_t i = 0; i < PAGE_SIZE; i++)
		assert_int_equal(((unsigned char *)addr)[i], 0);
	free_pages(addr, 0);
	check_buddy(NULL, 0);
}

/* ---- zones ---- */

static void dma_requests_stay_in_dma_and_normal_falls_back(void **state)
{
	struct held_block held[64];
	unsigned int nheld = 0;
	struct page *page;

	(void)state;
	page = alloc_pages(GFP_KERNEL, 0);
	assert_ptr_equal(page_zone(page), zone_of(ZONE_NORMAL));	/* Normal first */
	__free_pages(page, 0);
	page = alloc_pages(GFP_DMA, 0);
	assert_ptr_equal(page_zone(page), zone_of(ZONE_DMA));
	__free_pages(page, 0);

	/* use up ZONE_NORMAL: its four order-10 blocks */
	for (int i = 0; i < 4; i++) {
		page = alloc_pages(GFP_KERNEL, 10);
		assert_ptr_equal(page_zone(page), zone_of(ZONE_NORMAL));
		held[nheld++] = (struct held_block){ page_to_pfn(page), 10 };
	}
	assert_int_equal(zone_page_state(zone_of(ZONE_NORMAL), NR_FREE_PAGES), 0);
	page = alloc_pages(GFP_KERNEL, 10);		/* falls back to DMA */
	assert_ptr_equal(page_zone(page), zone_of(ZONE_DMA));
	held[nheld++] = (struct held_block){ page_to_pfn(page), 10 };

	/* use up ZONE_DMA; a DMA request then fails though Normal gets a block back */
	while ((page = alloc_pages(GFP_DMA | __GFP_NOWARN, 8)) != NULL)
		held[nheld++] = (struct held_block){ page_to_pfn(page), 8 };
	__free_pages(pfn_to_page(held[0].pfn), 10);
	held[0] = held[--nheld];
	assert_null(alloc_pages(GFP_DMA | __GFP_NOWARN, 0));
	page = alloc_pages(GFP_KERNEL, 0);
	assert_ptr_equal(page_zone(page), zone_of(ZONE_NORMAL));
	held[nheld++] = (struct held_block){ page_to_pfn(page), 0 };
	check_buddy(held, nheld);
	while (nheld)
		release(held, &nheld, nheld - 1);
	check_buddy(NULL, 0);
}

static void small_dram_has_only_a_dma_zone(void **state)
{
	char out[512];
	struct page *page;

	(void)state;
	arena_free(&arena);
	arena_init(&arena, 8 * MiB, 0, MiB - mem_map_bytes(8 * MiB));
	assert_false(populated_zone(zone_of(ZONE_NORMAL)));
	host_capture_stdout(run_buddyinfo, NULL, out, sizeof(out));
	/* 256..511 order 8, 512..1023 order 9, 1024..2047 order 10 */
	assert_string_equal(out,
		"Node 0, zone      DMA      0      0      0      0      0      0      0      0      1      1      1 \n");
	page = alloc_pages(GFP_KERNEL, 0);			/* no Normal: DMA serves */
	assert_ptr_equal(page_zone(page), zone_of(ZONE_DMA));
	__free_pages(page, 0);
	check_buddy(NULL, 0);
}

/* ---- callers' mistakes are refused ---- */

struct free_args {
	struct page *page;
	unsigned long addr;
	unsigned int order;
};

static void run_free(void *arg)
{
	struct free_args *f = arg;

	if (f->page)
		__free_pages(f->page, f->order);
	else
		free_pages(f->addr, f->order);
}

static void expect_refused(struct free_args f, const char *message)
{
	struct free_snapshot *before = malloc(sizeof(*before)), *after = malloc(sizeof(*after));
	char out[256];

	take_snapshot(before);
	host_capture_stdout(run_free, &f, out, sizeof(out));
	assert_string_equal(out, message);
	take_snapshot(after);
	assert_snapshots_equal(before, after);
	free(before);
	free(after);
}

static void bad_frees_are_refused(void **state)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2), *one, *two;
	unsigned long addr = (unsigned long)page_address(page);
	char msg[128];

	(void)state;
	snprintf(msg, sizeof(msg), "Bad page state: page 0x%08lx (order 0) is reserved; not freed\n",
		 arena.base + 4 * PAGE_SIZE);
	expect_refused((struct free_args){ pfn_to_page(arena_pfn(4)), 0, 0 }, msg);

	snprintf(msg, sizeof(msg), "Bad page state: page 0x%08lx (order 1) is not aligned to its order; not freed\n",
		 addr + PAGE_SIZE);
	expect_refused((struct free_args){ page + 1, 0, 1 }, msg);

	snprintf(msg, sizeof(msg), "Bad page state: page 0x%08lx (order 11) has an order beyond MAX_ORDER-1; not freed\n",
		 addr);
	expect_refused((struct free_args){ page, 0, 11 }, msg);

	expect_refused((struct free_args){ NULL, 0x1000, 0 },
		       "Bad page state: page 0x00001000 (order 0) is outside DRAM; not freed\n");

	snprintf(msg, sizeof(msg), "Bad page state: page 0x%08lx (order 2) belongs to a slab; not freed\n", addr);
	__SetPageSlab(page);		/* the head: refused with the checks on or off */
	expect_refused((struct free_args){ page, 0, 2 }, msg);
	__ClearPageSlab(page);
	if (CONFIG_DEBUG_CHECKS) {
		__SetPageSlab(page + 3);	/* only the scan of every page sees it */
		expect_refused((struct free_args){ page, 0, 2 }, msg);
		__ClearPageSlab(page + 3);
	}
	snprintf(msg, sizeof(msg), "Bad page state: page 0x%08lx (order 2) is reserved; not freed\n",
		 addr);
	SetPageReserved(page);
	expect_refused((struct free_args){ page, 0, 2 }, msg);
	clear_page_flag(page, PG_reserved);

	__free_pages(page, 2);
	snprintf(msg, sizeof(msg), "Bad page state: page 0x%08lx (order 2) is already free; not freed\n", addr);
	expect_refused((struct free_args){ page, 0, 2 }, msg);		/* double free */
	snprintf(msg, sizeof(msg), "Bad page state: page 0x%08lx (order 0) is already free; not freed\n",
		 addr + 2 * PAGE_SIZE);
	expect_refused((struct free_args){ page + 2, 0, 0 }, msg);	/* inside a free block */

	one = alloc_pages(GFP_KERNEL, 0);
	snprintf(msg, sizeof(msg), "Bad page state: page 0x%08lx (order 3) is already free; not freed\n",
		 (unsigned long)page_address(one) & ~(8 * PAGE_SIZE - 1));
	/* a block that covers free pages besides the one allocated */
	expect_refused((struct free_args){ pfn_to_page(page_to_pfn(one) & ~7UL), 0, 3 }, msg);
	__free_pages(one, 0);

	/* held, but not as a block of that order: the head of a bigger block, a page inside it */
	two = alloc_pages(GFP_KERNEL, 1);
	snprintf(msg, sizeof(msg), "Bad page state: page 0x%08lx (order 0) is not a block allocated "
		 "with this order; not freed\n", (unsigned long)page_address(two));
	expect_refused((struct free_args){ two, 0, 0 }, msg);
	snprintf(msg, sizeof(msg), "Bad page state: page 0x%08lx (order 0) is not a block allocated "
		 "with this order; not freed\n", (unsigned long)page_address(two + 1));
	expect_refused((struct free_args){ two + 1, 0, 0 }, msg);
	__free_pages(two, 1);
	check_buddy(NULL, 0);
}

/* ---- counters for the slab layer ---- */

static void slab_counters_show_in_meminfo(void **state)
{
	char out[512];

	(void)state;
	mod_zone_page_state(zone_of(ZONE_DMA), NR_SLAB_RECLAIMABLE, 3);
	mod_zone_page_state(zone_of(ZONE_NORMAL), NR_SLAB_UNRECLAIMABLE, 5);
	host_capture_stdout(run_meminfo, NULL, out, sizeof(out));
	assert_non_null(strstr(out, "Slab:               32 kB\n"
				    "SReclaimable:       12 kB\n"
				    "SUnreclaim:         20 kB\n"));
	mod_zone_page_state(zone_of(ZONE_DMA), NR_SLAB_RECLAIMABLE, -3);
	mod_zone_page_state(zone_of(ZONE_NORMAL), NR_SLAB_UNRECLAIMABLE, -5);
	assert_int_equal(global_page_state(NR_SLAB_RECLAIMABLE), 0);
	assert_int_equal(global_page_state(NR_SLAB_UNRECLAIMABLE), 0);
}

static void misaligned_dram_is_a_bug(void **state)
{
	(void)state;
	/* DRAM must start on a 4 MiB boundary for pfn-aligned buddies */
	expect_assert_failure(mem_init(arena.base + PAGE_SIZE, 16 * MiB, arena.base + MiB,
				       arena.base + 2 * MiB));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(boot_layout_in_linux_formats, setup_32m, teardown),
		cmocka_unit_test_setup_teardown(pages_below_the_image_are_free, setup_64m, teardown),
		cmocka_unit_test_setup_teardown(split_gives_upper_halves_back, setup_32m, teardown),
		cmocka_unit_test_setup_teardown(address_api_round_trip, setup_32m, teardown),
		cmocka_unit_test_setup_teardown(random_work_keeps_every_invariant, setup_64m, teardown),
		cmocka_unit_test_setup_teardown(exhaustion_then_full_recovery, setup_32m, teardown),
		cmocka_unit_test_setup_teardown(out_of_memory_warns_unless_nowarn, setup_32m, teardown),
		cmocka_unit_test_setup_teardown(order_beyond_max_fails, setup_32m, teardown),
		cmocka_unit_test_setup_teardown(gfp_zero_clears_the_block, setup_32m, teardown),
		cmocka_unit_test_setup_teardown(dma_requests_stay_in_dma_and_normal_falls_back, setup_32m, teardown),
		cmocka_unit_test_setup_teardown(small_dram_has_only_a_dma_zone, setup_32m, teardown),
		cmocka_unit_test_setup_teardown(bad_frees_are_refused, setup_32m, teardown),
		cmocka_unit_test_setup_teardown(slab_counters_show_in_meminfo, setup_32m, teardown),
		cmocka_unit_test_setup_teardown(misaligned_dram_is_a_bug, setup_32m, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
