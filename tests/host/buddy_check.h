/*
 * buddy_check.h - an arena of "DRAM" for the buddy allocator and a full
 * consistency check of its state (tests/host/buddy_check.c).
 */
#ifndef TESTS_BUDDY_CHECK_H
#define TESTS_BUDDY_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include "mm/gfp.h"
#include "mm/mmzone.h"

#define ARENA_ALIGN (PAGE_SIZE * MAX_ORDER_NR_PAGES)	/* 4 MiB: pfn-aligned buddies */

struct arena {
	uintptr_t base;
	size_t size;
	uintptr_t reserved_start, reserved_end;
};

/*
 * Allocate @size bytes of host memory, 4 MiB aligned, and mem_init() it
 * with [@res_off, @res_off + @res_len) reserved.
 */
void arena_init(struct arena *a, size_t size, size_t res_off, size_t res_len);
void arena_free(struct arena *a);

/* Blocks the test holds, so the check knows every page's owner. */
struct held_block {
	unsigned long pfn;
	unsigned int order;
};

/*
 * Check every invariant of the free lists: each block on exactly one
 * list, aligned to its order, inside its zone, PG_buddy only on heads,
 * no two free buddies left unmerged, nr_free and NR_FREE_PAGES exact,
 * and every frame exactly one of free, held (@held) or reserved.
 */
void check_buddy(const struct held_block *held, unsigned int nheld);

/* The free lists as (zone, order, pfn) triples, sorted: compare two states. */
struct free_snapshot {
	unsigned int n;
	unsigned long nr_free[MAX_NR_ZONES][MAX_ORDER];
	unsigned long entries[4096][3];
};
void take_snapshot(struct free_snapshot *snap);
void assert_snapshots_equal(const struct free_snapshot *a, const struct free_snapshot *b);

#endif /* TESTS_BUDDY_CHECK_H */
