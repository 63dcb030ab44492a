/*
 * cache.c - L1 cache maintenance.
 *
 * The Cortex-A9 does not invalidate its data cache on reset, so every
 * CPU invalidates its own L1 by set/way before it first turns the cache
 * on; otherwise random lines could be written back over good memory.
 * These functions run with the MMU possibly off: they use only word
 * accesses and CP15 operations, never the C library.
 */
#include "boot/arm.h"
#include "boot/cacheflush.h"

static uint32_t l1d_ccsidr(void)
{
	write_csselr(0);		/* level 1, data/unified */
	isb();
	return read_ccsidr();
}

static void invalidate_l1_dcache_set_way(void)
{
	uint32_t ccsidr = l1d_ccsidr();
	unsigned int line_shift = (ccsidr & 7) + 4;
	unsigned int ways = ((ccsidr >> 3) & 0x3ff) + 1;
	unsigned int sets = ((ccsidr >> 13) & 0x7fff) + 1;
	unsigned int way_shift = ways > 1 ? __builtin_clz(ways - 1) : 0;

	for (unsigned int way = 0; way < ways; way++) {
		for (unsigned int set = 0; set < sets; set++) {
			uint32_t sw = (way << way_shift) | (set << line_shift);
			__asm__ __volatile__("mcr p15, 0, %0, c7, c6, 2" /* DCISW */
					     : : "r"(sw) : "memory");
		}
	}
	dsb();
}

void cache_invalidate_l1_all(void)
{
	uint32_t zero = 0;

	invalidate_l1_dcache_set_way();
	__asm__ __volatile__(
		"mcr p15, 0, %0, c7, c5, 0\n"	/* ICIALLU: I-cache */
		"mcr p15, 0, %0, c7, c5, 6\n"	/* BPIALL: branch predictor */
		"mcr p15, 0, %0, c8, c7, 0\n"	/* TLBIALL */
		: : "r"(zero) : "memory");
	dsb();
	isb();
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

	for (addr &= ~(uintptr_t)(line - 1); addr < end; addr += line)
		__asm__ __volatile__("mcr p15, 0, %0, c7, c10, 1" /* DCCMVAC */
				     : : "r"(addr) : "memory");
	dsb();
}

/* Empty until the board turns an outer cache on (drivers/l2x0.c). */
struct outer_cache_fns outer_cache;
