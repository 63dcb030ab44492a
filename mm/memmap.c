/*
 * memmap.c - taking over DRAM at boot: mem_map, the zones, and handing
 * every unreserved page to the buddy allocator (Linux's free_area_init
 * and free_all_bootmem in one).
 *
 * mem_map holds one struct page per frame of DRAM and is itself carved
 * out of DRAM, right after the firmware image, and reserved.  It is
 * cleared with one memset and only the reserved frames are then marked,
 * and free memory is handed over in the largest aligned blocks that fit
 * (at most MAX_ORDER_NR_PAGES) rather than page by page: for 1 GiB that
 * is a few hundred merges instead of 262144, which keeps mem_init() short
 * even in an emulator.
 *
 * Runs once, on one CPU, before any allocation; the globals it sets are
 * read-only afterwards.
 */
#include <stdio.h>
#include <string.h>
#include "mm/internal.h"
#include "mm/mm.h"
#include "mm/mmzone.h"

struct page *mem_map;
unsigned long min_low_pfn;
unsigned long max_pfn;
unsigned long max_mapnr;
unsigned long totalram_pages;
unsigned long reserved_pages;
pg_data_t contig_page_data;
static uintptr_t image_start, image_end;	/* the reserved range mem_init() got */

static void zone_init(struct zone *zone, const char *name,
		      unsigned long start_pfn, unsigned long end_pfn)
{
	spin_lock_init(&zone->lock);
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		INIT_LIST_HEAD(&zone->free_area[order].free_list);
		zone->free_area[order].nr_free = 0;
	}
	for (unsigned int i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		atomic_set(&zone->vm_stat[i], 0);
	zone->name = name;
	zone->zone_start_pfn = start_pfn;
	zone->spanned_pages = end_pfn - start_pfn;
	zone->present_pages = 0;
}

/* Free [start, end) in the largest aligned blocks that fit; returns pages freed. */
static unsigned long free_pfn_range(unsigned long start, unsigned long end)
{
	unsigned long freed = end > start ? end - start : 0;

	while (start < end) {
		unsigned int order = MAX_ORDER - 1;

		while ((start & ((1UL << order) - 1)) || start + (1UL << order) > end)
			order--;
		page_zone(pfn_to_page(start))->present_pages += 1UL << order;
		__free_pages_bootmem(pfn_to_page(start), order);
		start += 1UL << order;
	}
	return freed;
}

/* Free [start, end) without letting a block straddle the DMA boundary. */
static unsigned long free_unreserved(unsigned long start, unsigned long end,
				     unsigned long dma_end)
{
	if (start >= end)
		return 0;
	if (start < dma_end && end > dma_end)
		return free_pfn_range(start, dma_end) + free_pfn_range(dma_end, end);
	return free_pfn_range(start, end);
}

void mem_init(uintptr_t dram_start, size_t dram_size,
	      uintptr_t reserved_start, uintptr_t reserved_end)
{
	pg_data_t *pgdat = NODE_DATA(0);
	unsigned long nr_pages = dram_size >> PAGE_SHIFT;
	unsigned long res_start, res_end, dma_end;
	uintptr_t map_end;

	BUG_ON(dram_start & (PAGE_SIZE * MAX_ORDER_NR_PAGES - 1));	/* buddies are pfn-aligned */
	BUG_ON(reserved_start < dram_start || reserved_end > dram_start + dram_size);
	image_start = reserved_start;
	image_end = reserved_end;
	min_low_pfn = dram_start >> PAGE_SHIFT;
	max_pfn = min_low_pfn + nr_pages;
	max_mapnr = nr_pages;
	mem_map = (struct page *)PAGE_ALIGN(reserved_end);
	map_end = PAGE_ALIGN((uintptr_t)(mem_map + nr_pages));
	BUG_ON(map_end > dram_start + dram_size);		/* DRAM too small */

	memset(mem_map, 0, nr_pages * sizeof(struct page));
	res_start = reserved_start >> PAGE_SHIFT;
	res_end = map_end >> PAGE_SHIFT;
	for (unsigned long pfn = res_start; pfn < res_end; pfn++)
		SetPageReserved(pfn_to_page(pfn));

	pgdat->node_id = 0;
	pgdat->node_start_pfn = min_low_pfn;
	pgdat->node_spanned_pages = nr_pages;
	pgdat->node_mem_map = mem_map;
	dma_end = min_low_pfn + (ZONE_DMA_BYTES >> PAGE_SHIFT);
	if (dma_end > max_pfn)
		dma_end = max_pfn;
	zone_init(&pgdat->node_zones[ZONE_DMA], "DMA", min_low_pfn, dma_end);
	zone_init(&pgdat->node_zones[ZONE_NORMAL], "Normal", dma_end, max_pfn);

	totalram_pages = free_unreserved(min_low_pfn, res_start, dma_end) +
			 free_unreserved(res_end, max_pfn, dma_end);
	reserved_pages = nr_pages - totalram_pages;
}

void mem_print_summary(unsigned long init_us)
{
	unsigned long map_bytes = PAGE_ALIGN((max_pfn - min_low_pfn) * sizeof(struct page));

	printf("Memory: %lu KiB free for the allocators, %lu KiB reserved "
	       "(image %lu KiB, mem_map %lu KiB at 0x%08lx, set up in %lu us)\n",
	       totalram_pages << (PAGE_SHIFT - 10), reserved_pages << (PAGE_SHIFT - 10),
	       (unsigned long)(PAGE_ALIGN(image_end) - image_start) / 1024, map_bytes / 1024,
	       (unsigned long)(uintptr_t)mem_map, init_us);
}
