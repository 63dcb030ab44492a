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
 *
 * A holder that stops (a fault in an interrupt handler: boot/fault.c)
 * never releases its locks.  So that nobody waits for it forever, every
 * waiter now and then checks whether the lock's holder has stopped, or,
 * with no holder, whether the next ticket is one that a stopped CPU took
 * while waiting in line: each CPU records the lock and ticket it waits
 * for, one record per context (thread, interrupt), since a handler may
 * wait for a lock while the code it interrupted was waiting too.  The
 * waiter then gives up through fault_dead_lock(): a shell command ends
 * with an error naming the lock and the CPU, anything else stops.
 */
#include "boot/arm.h"
#include "boot/cpu.h"
#include "boot/fault.h"
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

/* The lock a context of a CPU waits for: written by that CPU, read by all. */
enum wait_ctx { WAIT_THREAD, WAIT_IRQ, NR_WAIT_CTX };

struct lock_wait {
	spinlock_t *lock;	/* NULL: not waiting */
	uint16_t ticket;
	bool has_ticket;	/* ticket is valid */
};

static struct lock_wait waiting[NR_CPUS][NR_WAIT_CTX];

/*
 * The stack is the CPU's, but thread context and its interrupt handlers
 * both push and pop: a tick that took timers[cpu].lock between storing
 * a slot and counting it would reuse the slot.  Interrupts are off for
 * the few instructions of each update.
 */
static void held_push(unsigned int cpu, spinlock_t *lock)
{
	struct held_locks *h = &per_cpu(held, cpu);
	unsigned long flags;

	local_irq_save(flags);
	BUG_ON(h->depth >= HELD_LOCKS_MAX);	/* nesting this deep is a bug */
	h->lock[h->depth] = lock;
	h->depth++;
	local_irq_restore(flags);
}

static void held_remove(unsigned int cpu, spinlock_t *lock)
{
	struct held_locks *h = &per_cpu(held, cpu);
	unsigned long flags;

	local_irq_save(flags);
	for (unsigned int i = h->depth; i-- > 0;) {
		if (h->lock[i] != lock)
			continue;
		for (; i + 1 < h->depth; i++)
			h->lock[i] = h->lock[i + 1];
		h->depth--;
		local_irq_restore(flags);
		return;
	}
	BUG();		/* owner_cpu said we hold it, so it must be here */
}

void __spin_lock_init(spinlock_t *lock, const char *name)
{
	lock->slock = 0;
	lock->owner_cpu = SPINLOCK_NO_OWNER;
	lock->sleepers = 0;
	lock->name = name;
}

static struct lock_wait *my_wait(unsigned int cpu)
{
	bool irq = (read_cpsr() & PSR_MODE_MASK) == PSR_MODE_IRQ;

	return &waiting[cpu][irq ? WAIT_IRQ : WAIT_THREAD];
}

/* A stopped CPU whose turn @turn is on @lock (it stopped waiting in line), or -1. */
static int stopped_in_line(const spinlock_t *lock, uint16_t turn)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		if (cpu_get_state(cpu) != CPU_STOPPED)
			continue;
		smp_rmb();	/* its record as it was when it stopped */
		for (unsigned int ctx = 0; ctx < NR_WAIT_CTX; ctx++) {
			const struct lock_wait *w = &waiting[cpu][ctx];

			if (READ_ONCE(w->lock) == lock && READ_ONCE(w->has_ticket) &&
			    READ_ONCE(w->ticket) == turn)
				return (int)cpu;
		}
	}
	return -1;
}

/*
 * The stopped CPU that keeps @lock from ever coming free, or -1.  A
 * holder that stopped is checked twice around a barrier: seen stopped,
 * it must still be the holder, or it let go before it stopped.
 */
static int stopped_holder(const spinlock_t *lock)
{
	uint32_t owner = READ_ONCE(lock->owner_cpu);
	uint16_t turn = READ_ONCE(lock->tickets.owner);

	if (owner == SPINLOCK_NO_OWNER)
		return stopped_in_line(lock, turn);
	if (owner >= NR_CPUS || cpu_get_state(owner) != CPU_STOPPED)
		return -1;
	smp_rmb();
	if (READ_ONCE(lock->owner_cpu) != owner || READ_ONCE(lock->tickets.owner) != turn)
		return -1;
	return (int)owner;
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

/* How often a waiter looks for a stopped holder: cheap, but not every turn. */
#define SPINS_PER_HOLDER_CHECK 64

static void ticket_wait(spinlock_t *lock, uint16_t ticket, unsigned int cpu)
{
	bool may_sleep = may_sleep_in_wfi();
	unsigned int spins = 0;

	for (;;) {
		uint16_t owner = READ_ONCE(lock->tickets.owner);
		int dead;

		if (owner == ticket)
			return;
		if (spins % SPINS_PER_HOLDER_CHECK == SPINS_PER_HOLDER_CHECK - 1 &&
		    (dead = stopped_holder(lock)) >= 0) {
			WRITE_ONCE(my_wait(cpu)->lock, NULL);
			fault_dead_lock(lock, lock->name, (unsigned int)dead);
		}
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
	struct lock_wait *w = my_wait(cpu);
	uint32_t old, new, fail;

	/*
	 * No barriers around the record: this CPU's interrupt handlers see
	 * it in program order, and others read it only once this CPU has
	 * stopped, after the barriers of its whole fault path.
	 */
	WRITE_ONCE(w->has_ticket, false);
	WRITE_ONCE(w->lock, lock);
	__asm__ __volatile__(
		"1:	ldrex	%0, [%3]\n"
		"	add	%1, %0, %4\n"
		"	strex	%2, %1, [%3]\n"
		"	teq	%2, #0\n"
		"	bne	1b\n"
		: "=&r"(old), "=&r"(new), "=&r"(fail)
		: "r"(&lock->slock), "I"(1 << 16)
		: "cc", "memory");

	WRITE_ONCE(w->ticket, (uint16_t)(old >> 16));
	WRITE_ONCE(w->has_ticket, true);
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
	WRITE_ONCE(my_wait(cpu)->lock, NULL);	/* now held: not waiting */
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

unsigned int spin_held_locks(const spinlock_t **locks, unsigned int max)
{
	const struct held_locks *h = &__get_cpu_var(held);
	unsigned int n = h->depth < max ? h->depth : max;

	for (unsigned int i = 0; i < n; i++)
		locks[i] = h->lock[i];
	return h->depth;
}

bool spin_thread_busy(void)
{
	return spin_held_depth() != 0 ||
	       READ_ONCE(waiting[smp_processor_id()][WAIT_THREAD].lock) != NULL;
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
