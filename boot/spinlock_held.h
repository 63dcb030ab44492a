/*
 * spinlock_held.h - the CPU's stack of held spinlocks (boot/spinlock.c),
 * used by the fault path to unwind a shell command cleanly.
 */
#ifndef BOOT_SPINLOCK_HELD_H
#define BOOT_SPINLOCK_HELD_H

/* How many locks the calling CPU holds. */
unsigned int spin_held_depth(void);
/* Release the calling CPU's most recent locks until @depth remain; returns how many. */
unsigned int spin_release_held_above(unsigned int depth);

#endif /* BOOT_SPINLOCK_HELD_H */
