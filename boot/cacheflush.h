/*
 * cacheflush.h - L1 cache maintenance for the CPU layer (boot/cache.c).
 *
 * The outer PL310 L2 is left disabled, so "to the point of coherency"
 * means "to DRAM".  All of these run on the calling CPU only.  Whole-L1
 * clean and invalidate happen once per CPU, at entry (boot/entry.S).
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

#endif /* BOOT_CACHEFLUSH_H */
