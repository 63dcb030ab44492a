/*
 * page_alloc.c - the buddy page allocator, after Linux 2.6.24's
 * mm/page_alloc.c.
 *
 * Design.  Free memory is kept in blocks of 2^order contiguous pages,
 * order 0..MAX_ORDER-1 (4 KiB to 4 MiB), each block aligned to its own
 * size in page frame numbers.  Two free blocks of the same order whose
 * pfns differ only in bit "order" are buddies: together they form the
 * aligned block of the next order.  A free block is represented by its
 * head page: PG_buddy set, page->private = order, page->lru linked into
 * zone->free_area[order].free_list.
 *
 *  - Allocation (__rmqueue) takes the first block of the smallest order
 *    that is >= the request and has one, and splits it (expand): the
 *    upper half goes back on the next lower list, repeatedly, until the
 *    block is the requested size.
 *  - Freeing (__free_one_page) looks for the buddy; while it is free and
 *    of the same order, the two merge and the search goes one order up.
 *    The result goes at the head of its list, so the most recently
 *    freed (cache-warm) memory is handed out first.
 *  - Zones: a request with __GFP_DMA is served from ZONE_DMA only, any
 *    other from ZONE_NORMAL and then ZONE_DMA (gfp.h).
 *
 * Unlike Linux there are no per-CPU page lists, no watermarks and no
 * reclaim: a request fails as soon as no block is big enough.
 *
 * Mistakes by callers (freeing a reserved or slab page, a block that is
 * already free or overlaps a free block, a block not aligned to its
 * order, a block that alloc_pages() did not hand out with that order)
 * are reported as "Bad page state" and refused, so the free lists are
 * never corrupted.  The check that passes costs O(1): the head of every
 * block handed out carries PG_head and its order in page->private, and
 * a free must name a page inside mem_map that is exactly such a head,
 * with that order, and neither PG_reserved nor PG_slab (one load of its
 * flags).  That implies the order is below MAX_ORDER, the block aligned
 * and inside DRAM, so those are not tested on their own.  Only a refused
 * free pays for finding out why (free_refused(): the old checks in their
 * old order, then the walk over the orders for an overlapping free
 * block), so the messages are the ones they were.  With
 * CONFIG_DEBUG_CHECKS, a free also scans every page of the block for
 * PG_reserved and PG_slab, which a correctly allocated block cannot
 * have (the allocator hands out neither, and the slab layer marks every
 * page of its own blocks, the head included).
 *
 * Locking: zone->lock, taken with IRQs off (allocations happen in
 * interrupt handlers too), protects the zone's free_area[] and the
 * PG_buddy/private fields of its free blocks.  It is a leaf lock: nothing
 * else is taken under it.  The allocator never holds two zone locks.
 */
#include <stdio.h>
#include <string.h>
#include "mm/fault_inject.h"
#include "mm/gfp.h"
#include "mm/internal.h"
#include "mm/mmzone.h"

static void set_page_order(struct page *page, unsigned int order)
{
	page->private = order;
	__SetPageBuddy(page);
}

static void rmv_page_order(struct page *page)
{
	__ClearPageBuddy(page);
	page->private = 0;
}

/* @page heads a block of @order handed out by alloc_pages().  zone->lock held. */
static void set_page_head(struct page *page, unsigned int order)
{
	page->private = order;
	__SetPageHead(page);
}

/*
 * Did alloc_pages() hand out @page as a block of @order, which has not
 * since been reserved or given to a slab?  One load of the flags, one of
 * the order.  zone->lock held.
 */
static bool page_is_head(const struct page *page, unsigned int order)
{
	const unsigned long mask = 1UL << PG_head | 1UL << PG_buddy | 1UL << PG_reserved |
				   1UL << PG_slab;

	return (page->flags & mask) == 1UL << PG_head && page->private == order;
}

static void clear_page_head(struct page *page)
{
	__ClearPageHead(page);
	page->private = 0;
}

/* Is the block at @buddy_pfn a free block of @order in @zone?  zone->lock held. */
static bool page_is_buddy(struct zone *zone, unsigned long buddy_pfn, unsigned int order)
{
	struct page *buddy;

	if (!zone_contains_pfn(zone, buddy_pfn))
		return false;
	buddy = pfn_to_page(buddy_pfn);
	return PageBuddy(buddy) && buddy->private == order;
}

/* Put the 2^@order block at @page on the free lists, merging buddies. */
static void __free_one_page(struct page *page, struct zone *zone, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);

	assert_spin_locked(&zone->lock);
	atomic_add(1 << order, &zone->vm_stat[NR_FREE_PAGES]);
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy;

		if (!page_is_buddy(zone, buddy_pfn, order))
			break;
		buddy = pfn_to_page(buddy_pfn);
		list_del(&buddy->lru);
		zone->free_area[order].nr_free--;
		rmv_page_order(buddy);
		pfn &= buddy_pfn;		/* the merged block starts at the lower */
		order++;
	}
	page = pfn_to_page(pfn);
	set_page_order(page, order);
	list_add(&page->lru, &zone->free_area[order].free_list);
	zone->free_area[order].nr_free++;
}

/*
 * @page heads a free block of order @high taken off the lists; give back
 * the upper halves until only 2^@low pages remain.  zone->lock held.
 */
static void expand(struct zone *zone, struct page *page, unsigned int low,
		   unsigned int high)
{
	while (high > low) {
		struct page *upper;

		high--;
		upper = page + (1UL << high);
		list_add(&upper->lru, &zone->free_area[high].free_list);
		zone->free_area[high].nr_free++;
		set_page_order(upper, high);
	}
}

static struct page *__rmqueue(struct zone *zone, unsigned int order)
{
	assert_spin_locked(&zone->lock);
	for (unsigned int current_order = order; current_order < MAX_ORDER; current_order++) {
		struct free_area *area = &zone->free_area[current_order];
		struct page *page;

		if (list_empty(&area->free_list))
			continue;
		page = list_first_entry(&area->free_list, struct page, lru);
		list_del(&page->lru);
		area->nr_free--;
		rmv_page_order(page);
		atomic_sub(1 << order, &zone->vm_stat[NR_FREE_PAGES]);
		expand(zone, page, order, current_order);
		set_page_head(page, order);
		return page;
	}
	return NULL;
}

/* Out of line: one copy for both zones, and alloc_pages() saves no registers for it. */
static __noinline struct page *rmqueue(struct zone *zone, unsigned int order)
{
	unsigned long flags;
	struct page *page;

	spin_lock_irqsave(&zone->lock, flags);
	page = __rmqueue(zone, order);
	spin_unlock_irqrestore(&zone->lock, flags);
	return page;
}

/*
 * A block from ZONE_NORMAL, then ZONE_DMA; from ZONE_DMA only with
 * __GFP_DMA (gfp.h).  Two tests instead of a list of zones to walk.
 */
static struct page *rmqueue_zones(gfp_t gfp_mask, unsigned int order)
{
	struct zone *zones = NODE_DATA(0)->node_zones;
	struct page *page = NULL;

	if (!(gfp_mask & __GFP_DMA) && populated_zone(&zones[ZONE_NORMAL]))
		page = rmqueue(&zones[ZONE_NORMAL], order);
	if (!page && populated_zone(&zones[ZONE_DMA]))
		page = rmqueue(&zones[ZONE_DMA], order);
	return page;
}

struct page *alloc_pages(gfp_t gfp_mask, unsigned int order)
{
	struct page *page = NULL;

	/* fault injection fails the call as if memory ran out */
	if (likely(!should_fail_alloc_page(gfp_mask)) && order < MAX_ORDER)
		page = rmqueue_zones(gfp_mask, order);
	if (!page) {
		if (!(gfp_mask & __GFP_NOWARN))
			printk("page allocation failure: order:%u, mode:0x%x\n", order, gfp_mask);
		return NULL;
	}
	if (gfp_mask & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
	return page;
}

unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
	struct page *page = alloc_pages(gfp_mask, order);

	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp_mask)
{
	return __get_free_pages(gfp_mask | __GFP_ZERO, 0);
}

static __noinline void bad_page(unsigned long pfn, unsigned int order, const char *why)
{
	printk("Bad page state: page 0x%08lx (order %u) %s; not freed\n",
	       pfn << PAGE_SHIFT, order, why);
}

/*
 * Why the 2^@order pages at @pfn may not be freed, or NULL: the checks
 * that need no lock.  The head page's own flags always; every page's
 * only with CONFIG_DEBUG_CHECKS (see the top of the file).  Run on every
 * free only with CONFIG_DEBUG_CHECKS; otherwise only to say why the O(1)
 * check refused one (free_refused()).
 */
static const char *free_pages_problem(unsigned long pfn, unsigned int order)
{
	unsigned long npages = CONFIG_DEBUG_CHECKS ? 1UL << order : 1;

	if (order >= MAX_ORDER)
		return "has an order beyond MAX_ORDER-1";
	if (pfn & ((1UL << order) - 1))
		return "is not aligned to its order";
	if (!pfn_valid(pfn) || !pfn_valid(pfn + (1UL << order) - 1))
		return "is outside DRAM";
	for (unsigned long i = 0; i < npages; i++) {
		const struct page *page = pfn_to_page(pfn + i);

		if (PageReserved(page))
			return "is reserved";
		if (PageSlab(page))
			return "belongs to a slab";
	}
	return NULL;
}

/*
 * Does [@pfn, @pfn + 2^@order) overlap a free block?  Either a free
 * block of at least @order contains @pfn, or a smaller one starts inside
 * the range.  zone->lock held.
 */
static bool overlaps_free_block(struct zone *zone, unsigned long pfn, unsigned int order)
{
	for (unsigned int o = order; o < MAX_ORDER; o++) {
		unsigned long head = pfn & ~((1UL << o) - 1);

		if (zone_contains_pfn(zone, head) && PageBuddy(pfn_to_page(head)) &&
		    pfn_to_page(head)->private >= o)
			return true;
	}
	for (unsigned long i = 0; i < (1UL << order); i++)
		if (PageBuddy(pfn_to_page(pfn + i)))
			return true;
	return false;
}

/*
 * Why a free of the 2^@order pages at @pfn, whose head is not a block
 * of @order that alloc_pages() handed out, is refused: the slow path of
 * a refused free only.  zone->lock held.
 */
static const char *free_block_problem(struct zone *zone, unsigned long pfn, unsigned int order)
{
	if (overlaps_free_block(zone, pfn, order))
		return "is already free";
	return "is not a block allocated with this order";
}

/*
 * Refuse a free that failed the O(1) check, saying why: the checks that
 * need no lock first, as they came first before the O(1) check took
 * their place, then the walk.  Drops the zone->lock __free_pages() took
 * (@zone NULL: it took none, the page is outside DRAM).  Out of line:
 * what it does would otherwise cost every free its registers.
 */
static __noinline void free_refused(struct zone *zone, unsigned long pfn, unsigned int order,
				    unsigned long flags)
{
	const char *why = free_pages_problem(pfn, order);

	if (zone) {
		if (!why)
			why = free_block_problem(zone, pfn, order);
		spin_unlock_irqrestore(&zone->lock, flags);
	}
	bad_page(pfn, order, why);
}

/*
 * The check every free passes first: the page is in mem_map (one
 * unsigned comparison: a page below mem_map wraps to a huge index).  The
 * order, the alignment, the block's end and the head's flags need no
 * check of their own: a head that page_is_head() accepts was handed out
 * with that order, aligned, inside DRAM, neither reserved nor a slab's.
 * With CONFIG_DEBUG_CHECKS every page of the block is scanned as well.
 */
static bool free_pages_ok(const struct page *page, unsigned long pfn, unsigned int order)
{
	if (unlikely((unsigned long)(page - mem_map) >= max_mapnr))
		return false;
	return !CONFIG_DEBUG_CHECKS || !free_pages_problem(pfn, order);
}

void __free_pages(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);
	struct zone *zone;
	unsigned long flags;

	if (unlikely(!free_pages_ok(page, pfn, order))) {
		free_refused(NULL, pfn, order, 0);
		return;
	}
	zone = page_zone(page);
	spin_lock_irqsave(&zone->lock, flags);
	if (unlikely(!page_is_head(page, order))) {
		free_refused(zone, pfn, order, flags);
		return;
	}
	clear_page_head(page);
	__free_one_page(page, zone, order);
	spin_unlock_irqrestore(&zone->lock, flags);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr == 0)
		return;
	if (!virt_addr_valid((void *)addr)) {
		bad_page(addr >> PAGE_SHIFT, order, "is outside DRAM");
		return;
	}
	__free_pages(virt_to_page((void *)addr), order);
}

void __free_pages_bootmem(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	unsigned long flags;

	spin_lock_irqsave(&zone->lock, flags);
	__free_one_page(page, zone, order);
	spin_unlock_irqrestore(&zone->lock, flags);
}
