/*
 * spinlock.c - ticket spinlocks (include/spinlock.h) for ARMv7 SMP.
 *
 * Taking a ticket is one ldrex/strex loop that increments the "next"
 * half; the waiter then sleeps in wfe until the "owner" half reaches its
 * ticket.  Only the holder writes "owner", with a plain halfword store
 * followed by dsb and sev to wake the waiters: the store also clears the
 * other CPUs' exclusive monitors, so a concurrent ldrex/strex retries.
 *
 * Every CPU keeps the stack of locks it holds.  It costs two stores per
 * lock and lets a faulted shell command be unwound without leaving its
 * locks taken (boot/fault.c): locks are released down to the depth at
 * which the command started.  Interrupt handlers take and release their
 * locks before returning, so a handler's entries never outlive it.
 */
#include "boot/arm.h"
#include "boot/spinlock_held.h"
#include "cache.h"
#include "irqflags.h"
#include "percpu.h"
#include "spinlock.h"

#define HELD_LOCKS_MAX 16

struct held_locks {
	spinlock_t *lock[HELD_LOCKS_MAX];
	unsigned int depth;
};

static DEFINE_PER_CPU(struct held_locks, held);	/* owner CPU only */

static void held_push(unsigned int cpu, spinlock_t *lock)
{
	struct held_locks *h = &per_cpu(held, cpu);

	BUG_ON(h->depth >= HELD_LOCKS_MAX);	/* nesting this deep is a bug */
	h->lock[h->depth] = lock;
	h->depth++;
}

static void held_remove(unsigned int cpu, spinlock_t *lock)
{
	struct held_locks *h = &per_cpu(held, cpu);

	for (unsigned int i = h->depth; i-- > 0;) {
		if (h->lock[i] != lock)
			continue;
		for (; i + 1 < h->depth; i++)
			h->lock[i] = h->lock[i + 1];
		h->depth--;
		return;
	}
	BUG();		/* owner_cpu said we hold it, so it must be here */
}

void spin_lock_init(spinlock_t *lock)
{
	lock->slock = 0;
	lock->owner_cpu = SPINLOCK_NO_OWNER;
}

static void ticket_lock(spinlock_t *lock)
{
	uint32_t old, new, fail;

	__asm__ __volatile__(
		"1:	ldrex	%0, [%3]\n"
		"	add	%1, %0, %4\n"
		"	strex	%2, %1, [%3]\n"
		"	teq	%2, #0\n"
		"	bne	1b\n"
		: "=&r"(old), "=&r"(new), "=&r"(fail)
		: "r"(&lock->slock), "I"(1 << 16)
		: "cc", "memory");

	while ((old & 0xffff) != (old >> 16)) {
		wfe();
		old = (old & 0xffff0000) | READ_ONCE(lock->tickets.owner);
	}
	dmb();		/* the critical section starts after the acquisition */
}

void spin_lock(spinlock_t *lock)
{
	unsigned int cpu = smp_processor_id();

	BUG_ON(READ_ONCE(lock->owner_cpu) == cpu);	/* would spin forever */
	ticket_lock(lock);
	lock->owner_cpu = cpu;
	held_push(cpu, lock);
}

int spin_trylock(spinlock_t *lock)
{
	uint32_t old, fail;

	do {
		__asm__ __volatile__("ldrex %0, [%1]" : "=&r"(old) : "r"(&lock->slock) : "memory");
		if ((old & 0xffff) != (old >> 16)) {
			__asm__ __volatile__("clrex" ::: "memory");
			return 0;
		}
		__asm__ __volatile__("strex %0, %2, [%1]"
				     : "=&r"(fail)
				     : "r"(&lock->slock), "r"(old + (1u << 16))
				     : "memory");
	} while (fail);
	dmb();
	lock->owner_cpu = smp_processor_id();
	held_push(lock->owner_cpu, lock);
	return 1;
}

void spin_unlock(spinlock_t *lock)
{
	unsigned int cpu = smp_processor_id();

	BUG_ON(lock->owner_cpu != cpu);		/* unlocking someone else's lock */
	held_remove(cpu, lock);
	lock->owner_cpu = SPINLOCK_NO_OWNER;
	dmb();		/* the critical section ends before the release */
	WRITE_ONCE(lock->tickets.owner, (uint16_t)(lock->tickets.owner + 1));
	dsb();
	sev();
}

bool spin_is_locked(spinlock_t *lock)
{
	uint32_t v = READ_ONCE(lock->slock);

	return (v & 0xffff) != (v >> 16);
}

bool spin_is_held_by_me(spinlock_t *lock)
{
	return READ_ONCE(lock->owner_cpu) == smp_processor_id();
}

unsigned long _spin_lock_irqsave(spinlock_t *lock)
{
	unsigned long flags;

	local_irq_save(flags);
	spin_lock(lock);
	return flags;
}

void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	spin_unlock(lock);
	local_irq_restore(flags);
}

void spin_lock_irq(spinlock_t *lock)
{
	local_irq_disable();
	spin_lock(lock);
}

void spin_unlock_irq(spinlock_t *lock)
{
	spin_unlock(lock);
	local_irq_enable();
}

unsigned int spin_held_depth(void)
{
	return __get_cpu_var(held).depth;
}

unsigned int spin_release_held_above(unsigned int depth)
{
	struct held_locks *h = &__get_cpu_var(held);
	unsigned int released = 0;

	while (h->depth > depth) {
		spin_unlock(h->lock[h->depth - 1]);
		released++;
	}
	return released;
}
