/*
 * buddy_check.c - see buddy_check.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "mm/mm.h"
#include "buddy_check.h"

enum frame_owner { FRAME_UNSEEN, FRAME_FREE, FRAME_HELD };

void arena_init(struct arena *a, size_t size, size_t res_off, size_t res_len)
{
	void *mem = aligned_alloc(ARENA_ALIGN, size);

	assert_non_null(mem);
	memset(mem, 0x5a, size);	/* what DRAM holds is not our business */
	a->base = (uintptr_t)mem;
	a->size = size;
	a->reserved_start = a->base + res_off;
	a->reserved_end = a->reserved_start + res_len;
	mem_init(a->base, a->size, a->reserved_start, a->reserved_end);
}

void arena_free(struct arena *a)
{
	free((void *)a->base);
	memset(a, 0, sizeof(*a));
}

static void mark(unsigned char *owner, unsigned long pfn, unsigned int order,
		 enum frame_owner who)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		assert_true(pfn_valid(pfn + i));
		assert_int_equal(owner[pfn + i - min_low_pfn], FRAME_UNSEEN);
		assert_false(PageReserved(pfn_to_page(pfn + i)));
		owner[pfn + i - min_low_pfn] = (unsigned char)who;
	}
}

static void check_block(struct zone *zone, struct page *page, unsigned int order,
			unsigned char *owner)
{
	unsigned long pfn = page_to_pfn(page);

	assert_true(PageBuddy(page));
	assert_int_equal(page->private, order);
	assert_int_equal(pfn & ((1UL << order) - 1), 0);
	assert_true(zone_contains_pfn(zone, pfn));
	assert_true(zone_contains_pfn(zone, pfn + (1UL << order) - 1));
	for (unsigned long i = 1; i < (1UL << order); i++)
		assert_false(PageBuddy(page + i));
	if (order < MAX_ORDER - 1) {
		unsigned long buddy = pfn ^ (1UL << order);

		/* a free buddy of the same order should have been merged */
		assert_false(zone_contains_pfn(zone, buddy) && PageBuddy(pfn_to_page(buddy)) &&
			     pfn_to_page(buddy)->private == order);
	}
	mark(owner, pfn, order, FRAME_FREE);
}

static unsigned long check_zone(struct zone *zone, unsigned char *owner)
{
	unsigned long free_pages = 0;

	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		struct free_area *area = &zone->free_area[order];
		unsigned long blocks = 0;
		struct page *page;

		list_for_each_entry(page, &area->free_list, lru) {
			check_block(zone, page, order, owner);
			blocks++;
		}
		assert_int_equal(blocks, area->nr_free);
		free_pages += blocks << order;
	}
	assert_int_equal(free_pages, zone_page_state(zone, NR_FREE_PAGES));
	return free_pages;
}

void check_buddy(const struct held_block *held, unsigned int nheld)
{
	unsigned long nr_pages = max_pfn - min_low_pfn, free_pages = 0, reserved = 0;
	unsigned char *owner = calloc(nr_pages, 1);

	assert_non_null(owner);
	for (unsigned int z = 0; z < MAX_NR_ZONES; z++)
		free_pages += check_zone(&NODE_DATA(0)->node_zones[z], owner);
	assert_int_equal(free_pages, global_page_state(NR_FREE_PAGES));
	for (unsigned int i = 0; i < nheld; i++)
		mark(owner, held[i].pfn, held[i].order, FRAME_HELD);
	for (unsigned long i = 0; i < nr_pages; i++) {
		bool is_reserved = PageReserved(pfn_to_page(min_low_pfn + i));

		/* every frame is exactly one of free, held, reserved */
		assert_int_equal(owner[i] == FRAME_UNSEEN, is_reserved);
		reserved += is_reserved;
	}
	assert_int_equal(reserved, reserved_pages);
	assert_int_equal(nr_pages - reserved, totalram_pages);
	free(owner);
}

static int cmp_entry(const void *a, const void *b)
{
	const unsigned long *x = a, *y = b;

	for (int i = 0; i < 3; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

void take_snapshot(struct free_snapshot *snap)
{
	memset(snap, 0, sizeof(*snap));
	for (unsigned int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &NODE_DATA(0)->node_zones[z];

		for (unsigned int order = 0; order < MAX_ORDER; order++) {
			struct page *page;

			snap->nr_free[z][order] = zone->free_area[order].nr_free;
			list_for_each_entry(page, &zone->free_area[order].free_list, lru) {
				assert_true(snap->n < 4096);
				snap->entries[snap->n][0] = z;
				snap->entries[snap->n][1] = order;
				snap->entries[snap->n][2] = page_to_pfn(page);
				snap->n++;
			}
		}
	}
	qsort(snap->entries, snap->n, sizeof(snap->entries[0]), cmp_entry);
}

void assert_snapshots_equal(const struct free_snapshot *a, const struct free_snapshot *b)
{
	assert_memory_equal(a->nr_free, b->nr_free, sizeof(a->nr_free));
	assert_int_equal(a->n, b->n);
	assert_memory_equal(a->entries, b->entries, a->n * sizeof(a->entries[0]));
}
