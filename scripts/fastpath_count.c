/*
 * fastpath_count.c - the slab fast path's instruction count on the host
 * (scripts/fastpath-count.sh runs it under callgrind).
 *
 * Links the real mm/ sources with the host platform, boots the allocator
 * on a 64 MiB arena, then runs @n pairs of one workload: "cache"
 * (kmem_cache_alloc + kmem_cache_free, a 64-byte cache), "kmalloc"
 * (kmalloc(64) + kfree), "buddy0" or "buddy3" (alloc_pages +
 * __free_pages of that order, of a free block whose buddy is held).
 * Callgrind counts only inside those calls (--toggle-collect); the
 * script runs two lengths and divides the difference, so boot and the
 * first refill drop out: what remains is the steady state, every slab
 * alloc and free a hit in the CPU's array.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mm/mm.h"
#include "mm/mmzone.h"
#include "mm/slab.h"
#include "bench/buddy_pin.h"

#define ARENA (64UL << 20)

int main(int argc, char **argv)
{
	unsigned long n = argc > 2 ? strtoul(argv[2], NULL, 0) : 1000;
	void *mem = aligned_alloc(PAGE_SIZE * MAX_ORDER_NR_PAGES, ARENA);
	uintptr_t base = (uintptr_t)mem;
	struct kmem_cache *c;

	if (argc < 2 || !mem)
		return 2;
	mem_init(base, ARENA, base + 64 * 1024, base + 364 * 1024);
	kmem_cache_init();
	c = kmem_cache_create("bench-64", 64, 0, 0, NULL);
	if (!strcmp(argv[1], "cache")) {
		for (unsigned long i = 0; i < n; i++) {
			void *p = kmem_cache_alloc(c, GFP_KERNEL);

			__asm__ __volatile__("" : : "r"(p) : "memory");
			kmem_cache_free(c, p);
		}
	} else if (!strcmp(argv[1], "kmalloc")) {
		for (unsigned long i = 0; i < n; i++) {
			void *p = kmalloc(64, GFP_KERNEL);

			__asm__ __volatile__("" : : "r"(p) : "memory");
			kfree(p);
		}
	} else if (!strcmp(argv[1], "buddy0") || !strcmp(argv[1], "buddy3")) {
		unsigned int order = argv[1][5] - '0';
		struct page *pin = buddy_pin(order);

		if (!pin)
			return 3;
		for (unsigned long i = 0; i < n; i++) {
			struct page *page = alloc_pages(GFP_KERNEL, order);

			__asm__ __volatile__("" : : "r"(page) : "memory");
			__free_pages(page, order);
		}
		__free_pages(pin, order);
	} else {
		return 2;
	}
	return 0;
}
