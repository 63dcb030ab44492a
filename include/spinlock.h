/*
 * spinlock.h - fair spinlocks for SMP.
 *
 * A ticket lock: the 32-bit word holds "next" (high half) and "owner"
 * (low half).  A CPU takes a ticket by incrementing next, then waits
 * until owner equals its ticket; unlock increments owner.  CPUs are
 * served in arrival order, so no CPU starves.  On the board the next
 * CPU in line waits in wfe (unlock wakes it with sev) and CPUs further
 * back sleep in wfi, listed in sleepers, until an unlock sends them an
 * IPI (boot/spinlock.c).
 *
 * owner_cpu records which CPU holds the lock, written only by the
 * holder.  It lets debug checks catch a CPU taking a lock it already
 * holds (a certain deadlock) and assert_spin_locked() check a caller's
 * locking precondition, and it lets a waiter notice that the holder has
 * stopped (a fault in an interrupt handler) and will never let go: the
 * waiter then gives up with an error naming the lock (boot/spinlock.c)
 * instead of spinning forever.  name is the lock's name in the source,
 * as Linux's lockdep keeps it.
 *
 * A lock taken from interrupt handlers must be taken with interrupts
 * off everywhere (spin_lock_irqsave), or a handler on the same CPU
 * spins forever on its own holder.  See include/lockorder.h for the
 * order in which locks nest.
 */
#ifndef SLABLAB_SPINLOCK_H
#define SLABLAB_SPINLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include "bug.h"
#include "irqflags.h"

#define SPINLOCK_NO_OWNER 0xffffffffu

typedef struct spinlock {
	union {
		uint32_t slock;                 /* next << 16 | owner */
		struct {
			uint16_t owner;         /* little-endian: low half */
			uint16_t next;
		} tickets;
	};
	uint32_t owner_cpu;     /* holder's CPU id or SPINLOCK_NO_OWNER */
	uint32_t sleepers;      /* CPUs waiting in wfi for their turn */
	const char *name;       /* for reports: "cache_chain_lock" */
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(lockname) { { 0 }, SPINLOCK_NO_OWNER, 0, #lockname }
#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

void __spin_lock_init(spinlock_t *lock, const char *name);
#define spin_lock_init(lock) __spin_lock_init((lock), #lock)
void spin_lock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);
int spin_trylock(spinlock_t *lock);
bool spin_is_locked(spinlock_t *lock);
/* True if the calling CPU holds @lock. */
bool spin_is_held_by_me(spinlock_t *lock);

/* The interrupt-masking variants: the same on every platform. */
static inline unsigned long _spin_lock_irqsave(spinlock_t *lock)
{
	unsigned long flags;

	local_irq_save(flags);
	spin_lock(lock);
	return flags;
}

static inline void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	spin_unlock(lock);
	local_irq_restore(flags);
}

static inline void spin_lock_irq(spinlock_t *lock)
{
	local_irq_disable();
	spin_lock(lock);
}

static inline void spin_unlock_irq(spinlock_t *lock)
{
	spin_unlock(lock);
	local_irq_enable();
}

#define spin_lock_irqsave(lock, flags) ((flags) = _spin_lock_irqsave(lock))

/* Locking precondition of a function, checked in debug builds. */
#define assert_spin_locked(lock) DEBUG_BUG_ON(!spin_is_held_by_me(lock))

#endif /* SLABLAB_SPINLOCK_H */
