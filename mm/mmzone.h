/*
 * mmzone.h - memory zones and their buddy free lists.
 *
 * One node (contig_page_data) with two zones, as Linux has on a board
 * like this: ZONE_DMA is the first 16 MiB of DRAM, ZONE_NORMAL the rest
 * (empty when DRAM is 16 MiB or less).  Each zone keeps, for every order
 * 0..MAX_ORDER-1, a list of free blocks of 2^order pages and their count.
 * Zone boundaries fall on MAX_ORDER_NR_PAGES, so no block spans two zones.
 *
 * Locking: zone->lock (IRQs off) protects free_area[].  The vm_stat
 * counters are atomic and exact; NR_FREE_PAGES changes only under the
 * lock, the slab counters wherever the slab layer takes or frees pages.
 * Everything else in a zone is written once by mem_init().
 */
#ifndef MM_MMZONE_H
#define MM_MMZONE_H

#include "platform.h"
#include "list.h"
#include "mm/mm_types.h"

#define MAX_ORDER          11
#define MAX_ORDER_NR_PAGES (1UL << (MAX_ORDER - 1))
#define ZONE_DMA_BYTES     (16UL << 20)

enum zone_type {
	ZONE_DMA,
	ZONE_NORMAL,
	MAX_NR_ZONES
};

enum zone_stat_item {
	NR_FREE_PAGES,
	NR_SLAB_RECLAIMABLE,
	NR_SLAB_UNRECLAIMABLE,
	NR_VM_ZONE_STAT_ITEMS
};

struct free_area {
	struct list_head free_list;	/* zone->lock: head pages of free blocks */
	unsigned long nr_free;		/* zone->lock: blocks on free_list */
};

struct zone {
	spinlock_t lock;
	struct free_area free_area[MAX_ORDER];
	atomic_t vm_stat[NR_VM_ZONE_STAT_ITEMS];
	/* Written by mem_init(), read-only afterwards: */
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;	/* frames from zone start to zone end */
	unsigned long present_pages;	/* frames handed to the allocator at boot */
	const char *name;
} ____cacheline_aligned;

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	unsigned long node_start_pfn;
	unsigned long node_spanned_pages;
	struct page *node_mem_map;
	int node_id;
} pg_data_t;

extern pg_data_t contig_page_data;
#define NODE_DATA(nid) (&contig_page_data)

/* Frames handed to the buddy allocator at boot: what meminfo calls MemTotal. */
extern unsigned long totalram_pages;
/* Frames kept back at boot (PG_reserved). */
extern unsigned long reserved_pages;

static inline bool populated_zone(const struct zone *zone)
{
	return zone->spanned_pages != 0;
}

static inline struct zone *page_zone(const struct page *page)
{
	struct zone *normal = &contig_page_data.node_zones[ZONE_NORMAL];

	if (populated_zone(normal) && page_to_pfn(page) >= normal->zone_start_pfn)
		return normal;
	return &contig_page_data.node_zones[ZONE_DMA];
}

/* One unsigned comparison: a pfn below the zone wraps to a huge offset. */
static inline bool zone_contains_pfn(const struct zone *zone, unsigned long pfn)
{
	return pfn - zone->zone_start_pfn < zone->spanned_pages;
}

/* mm/vmstat.c */
unsigned long zone_page_state(const struct zone *zone, enum zone_stat_item item);
unsigned long global_page_state(enum zone_stat_item item);
void mod_zone_page_state(struct zone *zone, enum zone_stat_item item, long delta);

#endif /* MM_MMZONE_H */
