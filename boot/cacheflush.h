/*
 * cacheflush.h - L1 cache maintenance for the CPU layer (boot/cache.c),
 * and the outer cache operations (Linux's outer_cache).
 *
 * The L1 operations run on the calling CPU only and stop at the L1:
 * with the PL310 L2 on (drivers/l2x0.c), a line bound for DRAM, for an
 * observer that reads memory with its caches off, also needs
 * outer_clean_range() after the L1 clean, as Linux's callers do.  The
 * board installs the outer operations once, at boot, before any other
 * CPU runs; until then (and with no L2 on) they do nothing.
 * Whole-L1 clean and invalidate happen once per CPU, at entry (boot/entry.S).
 */
#ifndef BOOT_CACHEFLUSH_H
#define BOOT_CACHEFLUSH_H

#include <stddef.h>
#include <stdint.h>
#include "cache.h"		/* cache_line_size() */

/* Write the lines covering [addr, addr + len) back to DRAM. */
void cache_clean_range_poc(uintptr_t addr, size_t len);
/* L1 data cache size in bytes (CCSIDR of level 1). */
unsigned int cache_l1d_size(void);

/* Linux's struct outer_cache_fns: physical (here: identity) addresses. */
struct outer_cache_fns {
	void (*clean_range)(unsigned long start, unsigned long end);
	void (*sync)(void);
};

extern struct outer_cache_fns outer_cache;

/* Write the L2's dirty lines of [start, end) to DRAM, and wait for them. */
static inline void outer_clean_range(unsigned long start, unsigned long end)
{
	if (outer_cache.clean_range)
		outer_cache.clean_range(start, end);
}

/* Drain the L2's buffers to DRAM. */
static inline void outer_sync(void)
{
	if (outer_cache.sync)
		outer_cache.sync();
}

#endif /* BOOT_CACHEFLUSH_H */
