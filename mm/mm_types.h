/*
 * mm_types.h - struct page: one per 4 KiB page frame of DRAM, in mem_map.
 *
 * The buddy allocator (mm/page_alloc.c) and the slab allocator both keep
 * their per-page state here, as in Linux:
 *
 *   flags    PG_reserved: never handed out (firmware image, stacks,
 *            mem_map itself); PG_buddy: head page of a free block;
 *            PG_head: head page of a block alloc_pages() handed out;
 *            PG_slab: the page belongs to a slab cache.
 *   private  PG_buddy: the free block's order; PG_head: the allocated
 *            block's order, so __free_pages() checks a free's page and
 *            order in O(1) (Linux 2.6.24 counts references in
 *            page->_count instead and has no order to check).
 *   lru      PG_buddy: the link in zone->free_area[order].free_list;
 *            PG_slab: lru.next is the page's kmem_cache and lru.prev its
 *            struct slab (Linux's page_set_cache/page_set_slab).
 *
 * A page has one owner at a time (the zone while free, the allocating
 * caller after that), and only the owner changes its fields, so the flag
 * helpers are plain read-modify-writes: PG_buddy and PG_head change only
 * under zone->lock, PG_slab only while the slab layer owns the page.
 *
 * DRAM is identity-mapped, so a page's address is its pfn << PAGE_SHIFT.
 */
#ifndef MM_MM_TYPES_H
#define MM_MM_TYPES_H

#include <stdbool.h>
#include <stdint.h>
#include "platform.h"
#include "list.h"

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)
#define PAGE_MASK  (~(PAGE_SIZE - 1))
#define PAGE_ALIGN(addr) ALIGN_UP((uintptr_t)(addr), PAGE_SIZE)

enum pageflags {
	PG_reserved,
	PG_slab,
	PG_buddy,
	PG_head,	/* head of a block alloc_pages() handed out; private = order */
#ifdef CONFIG_SLUB
	PG_locked,	/* SLUB: slab_lock(), a bit spinlock (atomic ops only) */
	PG_slub_frozen,	/* SLUB: a CPU slab (Linux's PG_active); under slab_lock */
	PG_tail,	/* SLUB: a slab's page after the first; first_page is set */
	PG_slub_debug,	/* SLUB: a debug cache's slab (mm/slub_debug.c) */
#endif
};

struct kmem_cache;

/*
 * The SLAB build's struct page is 16 bytes on the board and must stay
 * so.  Under CONFIG_SLUB (make SLAB=slub) it also carries Linux 2.6.32's
 * SLUB fields.  Linux overlays them on _mapcount, private/mapping and
 * index; here private keeps the block's order for the page allocator
 * (PG_head), so they are fields of their own:
 *
 *   inuse     objects handed out (for a CPU slab: all but c->freelist's)
 *   objects   objects in the slab (oo_objects() of its order)
 *   slab      the kmem_cache the slab belongs to (Linux's page->slab)
 *   freelist  the first free object of the slab (under slab_lock)
 *   first_page  PG_tail pages: the slab's first page (compound pages'
 *             first_page, for virt_to_head_page())
 *
 * lru links a slab on its node's partial or full list (list_lock).
 */
struct page {
	unsigned long flags;
	unsigned long private;
	struct list_head lru;
#ifdef CONFIG_SLUB
	uint16_t inuse;
	uint16_t objects;
	struct kmem_cache *slab;
	void *freelist;
	struct page *first_page;
#endif
};

/*
 * mm/memmap.c: the frames [min_low_pfn, max_pfn) and their struct pages;
 * max_mapnr = max_pfn - min_low_pfn, the entries of mem_map (Linux's).
 */
extern struct page *mem_map;
extern unsigned long min_low_pfn;
extern unsigned long max_pfn;
extern unsigned long max_mapnr;

#ifdef CONFIG_SLUB
/*
 * Under SLUB: relaxed atomic loads and stores, on the board the same ldr
 * and str as plain C, but the host's ThreadSanitizer then sees the
 * buddy allocator's look at a neighbour's flags (page_is_buddy(), under
 * zone->lock) and SLUB's bit spinlock in the flags of that neighbour, a
 * slab page another CPU owns, as the atomic accesses they are on the
 * board.  Still plain read-modify-writes: only a page's owner changes
 * its flags (SLUB's lock bit excepted, mm/slub_def.h).  The SLAB build
 * keeps the plain ones (its image and fast-path counts stay as they were).
 */
static inline bool page_flag(const struct page *page, enum pageflags bit)
{
	return (__atomic_load_n(&page->flags, __ATOMIC_RELAXED) >> bit) & 1;
}

static inline void set_page_flag(struct page *page, enum pageflags bit)
{
	__atomic_store_n(&page->flags, __atomic_load_n(&page->flags, __ATOMIC_RELAXED) | 1UL << bit,
			 __ATOMIC_RELAXED);
}

static inline void clear_page_flag(struct page *page, enum pageflags bit)
{
	__atomic_store_n(&page->flags,
			 __atomic_load_n(&page->flags, __ATOMIC_RELAXED) & ~(1UL << bit),
			 __ATOMIC_RELAXED);
}
#else
static inline bool page_flag(const struct page *page, enum pageflags bit)
{
	return (page->flags >> bit) & 1;
}

static inline void set_page_flag(struct page *page, enum pageflags bit)
{
	page->flags |= 1UL << bit;
}

static inline void clear_page_flag(struct page *page, enum pageflags bit)
{
	page->flags &= ~(1UL << bit);
}
#endif

static inline bool PageReserved(const struct page *page) { return page_flag(page, PG_reserved); }
static inline bool PageSlab(const struct page *page) { return page_flag(page, PG_slab); }
static inline bool PageBuddy(const struct page *page) { return page_flag(page, PG_buddy); }
static inline void SetPageReserved(struct page *page) { set_page_flag(page, PG_reserved); }
static inline void __SetPageSlab(struct page *page) { set_page_flag(page, PG_slab); }
static inline void __ClearPageSlab(struct page *page) { clear_page_flag(page, PG_slab); }
static inline void __SetPageBuddy(struct page *page) { set_page_flag(page, PG_buddy); }
static inline void __ClearPageBuddy(struct page *page) { clear_page_flag(page, PG_buddy); }
static inline bool PageHead(const struct page *page) { return page_flag(page, PG_head); }
static inline void __SetPageHead(struct page *page) { set_page_flag(page, PG_head); }
static inline void __ClearPageHead(struct page *page) { clear_page_flag(page, PG_head); }

static inline unsigned long page_to_pfn(const struct page *page)
{
	return min_low_pfn + (unsigned long)(page - mem_map);
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + (pfn - min_low_pfn);
}

static inline bool pfn_valid(unsigned long pfn)
{
	return pfn >= min_low_pfn && pfn < max_pfn;
}

static inline void *page_address(const struct page *page)
{
	return (void *)(page_to_pfn(page) << PAGE_SHIFT);
}

static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page((uintptr_t)addr >> PAGE_SHIFT);
}

static inline bool virt_addr_valid(const void *addr)
{
	return pfn_valid((uintptr_t)addr >> PAGE_SHIFT);
}

/*
 * virt_addr_valid() and virt_to_page() in one: false if @addr is outside
 * DRAM, else true with its page in *@pagep.  One subtraction and one
 * unsigned comparison (an address below DRAM wraps to a huge index), for
 * the frees' checks; a bool, not a NULL page, so that the fast paths do
 * not test the page pointer again.
 */
static __always_inline bool virt_to_page_valid(const void *addr, struct page **pagep)
{
	unsigned long idx = ((uintptr_t)addr >> PAGE_SHIFT) - min_low_pfn;

	/*
	 * In integers: for an address outside DRAM, mem_map + idx would be
	 * a pointer far outside mem_map, undefined in C (clang's UBSan
	 * reports it, for kfree(NULL); tests/fuzz).  The same instructions.
	 */
	*pagep = (struct page *)((uintptr_t)mem_map + idx * sizeof(struct page));
	return idx < max_mapnr;
}

#endif /* MM_MM_TYPES_H */
