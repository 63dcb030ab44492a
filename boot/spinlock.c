/*
 * spinlock.c - ticket spinlocks (include/spinlock.h) for ARMv7 SMP.
 *
 * Taking a ticket is one ldrex/strex loop that increments the "next"
 * half; the waiter then waits until the "owner" half reaches its ticket.
 * Only the holder writes "owner", with a plain halfword store followed
 * by dsb and sev: the store also clears the other CPUs' exclusive
 * monitors, so a concurrent ldrex/strex retries.
 *
 * Waiting.  The CPU next in line waits in wfe, which sev ends.  A CPU
 * further back spins a little, then sleeps in wfi with its bit set in
 * lock->sleepers, and every unlock that finds sleepers sends them an IPI;
 * each re-checks its place and sleeps again unless it is now next.  On
 * the board this only saves power.  Under an emulator with more virtual
 * CPUs than host cores it is what keeps a fair lock usable: spinning
 * waiters would occupy the host cores while the next CPU in line, whose
 * thread the host happened to preempt, cannot run to take its turn, and
 * every hand-over would wait for a host time slice.  The waiter sets its
 * bit, then (full barrier) re-reads owner; unlock writes owner, then
 * (full barrier) reads sleepers: whichever comes second sees the other,
 * so no wake-up is lost.  wfi also ends on a pending interrupt, masked
 * or not, so a sleeper can only be woken early, never too late.
 *
 * Except inside an interrupt handler: until its EOI the GIC holds back
 * every interrupt of the same priority, the wake-up IPI included, so a
 * handler asleep in wfi would never wake (an on_each_cpu() drain waiting
 * for a list_lock did exactly that).  Handlers run in IRQ mode
 * (boot/vectors.S); a waiter in IRQ mode stays in the wfe loop, which
 * every unlock's sev ends.
 *
 * Every CPU keeps the stack of locks it holds.  It costs two stores per
 * lock and lets a faulted shell command be unwound without leaving its
 * locks taken (boot/fault.c): locks are released down to the depth at
 * which the command started.  Interrupt handlers take and release their
 * locks before returning, so a handler's entries never outlive it.
 */
#include "boot/arm.h"
#include "boot/cpu.h"
#include "boot/spinlock_held.h"
#include "barrier.h"
#include "cache.h"
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
	lock->sleepers = 0;
}

#define SPINS_BEFORE_SLEEP 256

/* Sleep until an unlock kicks us, unless we are already next in line. */
static void sleep_in_line(spinlock_t *lock, uint16_t ticket, unsigned int cpu)
{
	__atomic_fetch_or(&lock->sleepers, 1u << cpu, __ATOMIC_SEQ_CST);
	smp_mb();
	if ((uint16_t)(ticket - READ_ONCE(lock->tickets.owner)) > 1)
		wfi();
	__atomic_fetch_and(&lock->sleepers, ~(1u << cpu), __ATOMIC_SEQ_CST);
}

/* False in an interrupt handler, whose wake-up IPI the GIC holds back. */
static bool may_sleep_in_wfi(void)
{
	return (read_cpsr() & PSR_MODE_MASK) != PSR_MODE_IRQ;
}

static void ticket_wait(spinlock_t *lock, uint16_t ticket, unsigned int cpu)
{
	bool may_sleep = may_sleep_in_wfi();
	unsigned int spins = 0;

	for (;;) {
		uint16_t owner = READ_ONCE(lock->tickets.owner);

		if (owner == ticket)
			return;
		if (!may_sleep || (uint16_t)(ticket - owner) == 1 ||
		    spins < SPINS_BEFORE_SLEEP) {
			spins++;
			wfe();
		} else {
			sleep_in_line(lock, ticket, cpu);
		}
	}
}

static void ticket_lock(spinlock_t *lock, unsigned int cpu)
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

	if ((old & 0xffff) != (old >> 16))
		ticket_wait(lock, (uint16_t)(old >> 16), cpu);
	dmb();		/* the critical section starts after the acquisition */
}

void spin_lock(spinlock_t *lock)
{
	unsigned int cpu = smp_processor_id();

	BUG_ON(READ_ONCE(lock->owner_cpu) == cpu);	/* would spin forever */
	ticket_lock(lock, cpu);
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
	uint32_t sleepers;

	BUG_ON(lock->owner_cpu != cpu);		/* unlocking someone else's lock */
	held_remove(cpu, lock);
	lock->owner_cpu = SPINLOCK_NO_OWNER;
	dmb();		/* the critical section ends before the release */
	WRITE_ONCE(lock->tickets.owner, (uint16_t)(lock->tickets.owner + 1));
	dsb();		/* also the barrier between owner and sleepers */
	sev();
	sleepers = READ_ONCE(lock->sleepers);
	if (sleepers)
		smp_send_ipi(sleepers, IPI_WAKEUP);
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
