/*
 * gfp.h - "get free pages": the buddy allocator's interface, with Linux
 * 2.6.24's names and flag values (mm/page_alloc.c).
 *
 * __GFP_DMA restricts a request to ZONE_DMA; every other request tries
 * ZONE_NORMAL first and falls back to ZONE_DMA.  The allocator never
 * sleeps, so __GFP_WAIT and friends change nothing yet, but callers say
 * what they mean (GFP_KERNEL, GFP_ATOMIC) as they would in Linux.  A
 * request that cannot be met returns NULL (or 0) and prints
 * "page allocation failure: order:N, mode:0x..." unless __GFP_NOWARN.
 */
#ifndef MM_GFP_H
#define MM_GFP_H

#include "mm/mm_types.h"

typedef unsigned int gfp_t;

#define __GFP_DMA         0x01u
#define __GFP_HIGHMEM     0x02u
#define __GFP_WAIT        0x10u		/* may sleep */
#define __GFP_HIGH        0x20u		/* may use emergency pools */
#define __GFP_IO          0x40u		/* may start I/O */
#define __GFP_FS          0x80u		/* may call into a filesystem */
#define __GFP_COLD        0x100u
#define __GFP_NOWARN      0x200u	/* no failure warning */
#define __GFP_REPEAT      0x400u
#define __GFP_NOFAIL      0x800u
#define __GFP_NORETRY     0x1000u
#define __GFP_COMP        0x4000u
#define __GFP_ZERO        0x8000u	/* return zeroed memory */
#define __GFP_NOMEMALLOC  0x10000u
#define __GFP_HARDWALL    0x20000u
#define __GFP_THISNODE    0x40000u
#define __GFP_RECLAIMABLE 0x80000u
#define __GFP_MOVABLE     0x100000u

#define __GFP_BITS_SHIFT 21
#define __GFP_BITS_MASK  ((1u << __GFP_BITS_SHIFT) - 1)

/* How hard an allocation may try: passed on to whatever it allocates in turn. */
#define GFP_RECLAIM_MASK (__GFP_WAIT | __GFP_HIGH | __GFP_IO | __GFP_FS | __GFP_NOWARN | \
			  __GFP_REPEAT | __GFP_NOFAIL | __GFP_NORETRY | __GFP_NOMEMALLOC)
/* Where it may come from (cpusets, nodes): not passed to management caches. */
#define GFP_CONSTRAINT_MASK (__GFP_HARDWALL | __GFP_THISNODE)
/* Never to be handed to a slab allocator. */
#define GFP_SLAB_BUG_MASK (__GFP_HIGHMEM | ~__GFP_BITS_MASK)

#define GFP_ATOMIC  (__GFP_HIGH)
#define GFP_NOIO    (__GFP_WAIT)
#define GFP_NOFS    (__GFP_WAIT | __GFP_IO)
#define GFP_KERNEL  (__GFP_WAIT | __GFP_IO | __GFP_FS)
#define GFP_DMA     __GFP_DMA

struct page *alloc_pages(gfp_t gfp_mask, unsigned int order);
unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order);
unsigned long get_zeroed_page(gfp_t gfp_mask);
void __free_pages(struct page *page, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);

static inline struct page *alloc_page(gfp_t gfp_mask) { return alloc_pages(gfp_mask, 0); }
static inline unsigned long __get_free_page(gfp_t gfp_mask) { return __get_free_pages(gfp_mask, 0); }
static inline void __free_page(struct page *page) { __free_pages(page, 0); }
static inline void free_page(unsigned long addr) { free_pages(addr, 0); }

#endif /* MM_GFP_H */
