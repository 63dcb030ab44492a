/*
 * cache.h - the data cache line size.
 *
 * SMP_CACHE_BYTES is the compile-time line size used to keep per-CPU
 * data on separate lines (32 bytes on the Cortex-A9).  The CPU layer
 * checks at boot that the hardware agrees; cache_line_size() reads the
 * hardware's value (CTR.DminLine) for code that wants the real one.
 */
#ifndef SLABLAB_CACHE_H
#define SLABLAB_CACHE_H

#include "compiler.h"

#define SMP_CACHE_BYTES 32
#define ____cacheline_aligned __aligned(SMP_CACHE_BYTES)

unsigned int cache_line_size(void);

#endif /* SLABLAB_CACHE_H */
