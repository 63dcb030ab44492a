/*
 * platform.h - everything mm/ may use from the platform.
 *
 * mm/ is portable C: it includes this header and the C library, never a
 * board, driver or boot header.  On the board the CPU layer (boot/)
 * implements these primitives; the host unit tests implement them with
 * threads so the same allocator sources run under the sanitizers.
 *
 *   CPU identity, cross-CPU calls ....... smp.h
 *   per-CPU variables ................... percpu.h
 *   ticks, deferred work ................ jiffies.h, workqueue.h
 *   lists ............................... list.h
 *   interrupt disabling ................. irqflags.h
 *   spinlocks ........................... spinlock.h
 *   atomics, barriers ................... atomic.h, barrier.h
 *   cache line size ..................... cache.h
 *   assertions .......................... bug.h
 *   kernel messages (reports) ........... printk.h: timestamped, kept
 *                                         in the log dmesg prints
 *   command output ...................... printf() from <stdio.h>,
 *                                         whole lines never interleave
 */
#ifndef SLABLAB_PLATFORM_H
#define SLABLAB_PLATFORM_H

#include "compiler.h"
#include "barrier.h"
#include "atomic.h"
#include "bug.h"
#include "cache.h"
#include "irqflags.h"
#include "spinlock.h"
#include "smp.h"
#include "percpu.h"
#include "jiffies.h"
#include "workqueue.h"
#include "printk.h"

#endif /* SLABLAB_PLATFORM_H */
