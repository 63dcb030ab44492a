/*
 * buddy_pin.h - a known state for timing buddy pairs on the host, shared
 * by bench/bench_host.c (make bench-host) and scripts/fastpath_count.c
 * (scripts/fastpath-count.sh), so both measure the same thing.
 *
 * Whatever the boot left on the free lists, buddy_pin() leaves a free
 * block of @order at the head of its list whose buddy is held (and
 * returned), so each alloc_pages + __free_pages pair of that order takes
 * that block and gives it back without a split or a merge.  Blocks are
 * taken until two in a row are buddies (at the latest when a split hands
 * out both halves); the others go back first, the pinned block's buddy
 * last, to the head of the list.  NULL if no two buddies turned up in
 * BUDDY_PIN_TRIES blocks.  Single-threaded: call it before any timing.
 */
#ifndef BENCH_BUDDY_PIN_H
#define BENCH_BUDDY_PIN_H

#include "mm/mm.h"
#include "mm/mmzone.h"

#define BUDDY_PIN_TRIES 64

static inline struct page *buddy_pin(unsigned int order)
{
	struct page *held[BUDDY_PIN_TRIES];
	unsigned int n = 0;

	for (;;) {
		held[n] = alloc_pages(GFP_KERNEL, order);
		if (!held[n] || n == BUDDY_PIN_TRIES - 1)
			return NULL;
		if (n && (page_to_pfn(held[n]) ^ (1UL << order)) == page_to_pfn(held[n - 1]))
			break;
		n++;
	}
	for (unsigned int i = 0; i + 1 < n; i++)
		__free_pages(held[i], order);
	__free_pages(held[n - 1], order);
	return held[n];
}

#endif /* BENCH_BUDDY_PIN_H */
