/*
 * spinlock_held.h - the CPU's stack of held spinlocks (boot/spinlock.c),
 * used by the fault path to unwind a shell command cleanly and to say
 * what a stopping CPU leaves locked.
 */
#ifndef BOOT_SPINLOCK_HELD_H
#define BOOT_SPINLOCK_HELD_H

#include <stdbool.h>
#include "spinlock.h"

/* How many locks the calling CPU holds. */
unsigned int spin_held_depth(void);
/* The calling CPU's held locks, oldest first, at most @max; returns how many it holds. */
unsigned int spin_held_locks(const spinlock_t **locks, unsigned int max);
/*
 * True if the calling CPU holds a spinlock or its thread context waits
 * for one: an interrupt handler that asks this stops nothing mid-way
 * if it stops the CPU only when the answer is false.
 */
bool spin_thread_busy(void);
/* Release the calling CPU's most recent locks until @depth remain; returns how many. */
unsigned int spin_release_held_above(unsigned int depth);

#endif /* BOOT_SPINLOCK_HELD_H */
