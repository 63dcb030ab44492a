/*
 * cache.c - L1 cache maintenance by address, and the L1's geometry.
 *
 * The whole-cache operations by set/way are in boot/entry.S
 * (entry_cpu_reset): each CPU cleans or invalidates its own L1 there,
 * before any store, so that nothing a loader left in the cache and
 * nothing we write is lost.  These functions may run with the MMU off:
 * they use only word accesses and CP15 operations, never the C library.
 */
#include "boot/arm.h"
#include "boot/cacheflush.h"

static uint32_t l1d_ccsidr(void)
{
	write_csselr(0);		/* level 1, data/unified */
	isb();
	return read_ccsidr();
}

unsigned int cache_line_size(void)
{
	return 4u << ((read_ctr() >> 16) & 0xf);	/* DminLine, in words */
}

unsigned int cache_l1d_size(void)
{
	uint32_t ccsidr = l1d_ccsidr();
	unsigned int line = 1u << ((ccsidr & 7) + 4);
	unsigned int ways = ((ccsidr >> 3) & 0x3ff) + 1;
	unsigned int sets = ((ccsidr >> 13) & 0x7fff) + 1;

	return line * ways * sets;
}

void cache_clean_range_poc(uintptr_t addr, size_t len)
{
	unsigned int line = cache_line_size();
	uintptr_t end = addr + len;

	/*
	 * Erratum 764369: a clean by MVA may not reach the point of
	 * coherency unless earlier stores are complete; Linux puts a DSB
	 * before its clean loops, on every revision, and so do we.
	 */
	dsb();
	for (addr &= ~(uintptr_t)(line - 1); addr < end; addr += line)
		__asm__ __volatile__("mcr p15, 0, %0, c7, c10, 1" /* DCCMVAC */
				     : : "r"(addr) : "memory");
	dsb();
}

/* Empty until the board turns an outer cache on (drivers/l2x0.c). */
struct outer_cache_fns outer_cache;
