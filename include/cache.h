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

/*
 * The widest line the allocator's per-CPU data may meet: the board's own
 * 32 bytes, but the host tests and benchmarks run mm/ with the board's
 * SMP_CACHE_BYTES on x86-64 or arm64, whose lines are 64.  Per-CPU data
 * allocated at run time is padded by the difference, so two CPUs' copies
 * never share a host line either (alloc_arraycache()); on the board the
 * padding is 0 and nothing changes.
 */
#if defined(__arm__)
#define CACHE_LINE_MAX 32
#else
#define CACHE_LINE_MAX 64
#endif

unsigned int cache_line_size(void);

#endif /* SLABLAB_CACHE_H */
