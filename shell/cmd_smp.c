/*
 * cmd_smp.c - smp [COUNT] [PHASE]: exercise the SMP services and time them.
 *
 * Five phases, each checked as well as timed; without PHASE the first
 * four run, PHASE runs one of them:
 *  - call: COUNT smp_call_function_single() round trips to each other
 *    online CPU; the callee counts its calls, which must add up;
 *  - bcast: COUNT on_each_cpu() broadcasts, every CPU counting;
 *  - lock: every online CPU at once (schedule_on_each_cpu(), thread
 *    context) adds 1 to a plain counter under a spinlock and to an
 *    atomic_t, COUNT times each; both totals must be exact;
 *  - irqlock: the same spinlock counter, but from interrupt context:
 *    on_each_cpu() handlers, on every CPU at once, take the lock COUNT
 *    times in all.  Waiters there must not sleep for a wake-up IPI the
 *    GIC holds back until the handler ends (boot/spinlock.c);
 *  - stop: COUNT stop_machine() calls from this CPU while every other
 *    online CPU counts as fast as it can (schedule_on_each_cpu(), thread
 *    context, interrupts on).  Each stop waits until every counter has
 *    moved since the last one (so the others are running), then, with
 *    the others held, reads the counters, waits STOP_HOLD_US and reads
 *    them again: none may have moved.  A stop_machine() that let a CPU
 *    go on would show here, as a verify walk that raced would.  Only
 *    when named: under QEMU, with every virtual CPU busy and fewer host
 *    cores, each stop waits for host time slices (about 15 ms).
 * Every phase stops within a moment of a Ctrl-C, so COUNT may be large:
 * the loops poll shell_interrupted(), and irqlock runs in chunks of
 * IRQLOCK_CHUNK rounds per CPU, each one on_each_cpu(), so that no CPU
 * keeps interrupts off for long and the UART's interrupt gets through
 * between chunks.  An interrupted phase prints no result (its counts
 * cannot add up), only "error: interrupted by Ctrl-C".
 *
 * Times come from the global timer, in nanoseconds, printed as 64-bit
 * numbers: a phase can last longer than 2^32 ns (4.3 s), and
 * newlib-nano's printf has no %llu (shell/format.h).
 */
#include <stdio.h>
#include <string.h>
#include "shell/commands.h"
#include "shell/format.h"
#include "shell/shell.h"
#include "boot/cpu.h"
#include "drivers/gtimer.h"
#include "platform.h"

#define SMP_DEFAULT_COUNT 1000
#define SMP_MAX_COUNT     1000000
#define CRITICAL_SECTION_SPINS 32
/* Rounds per CPU in one irqlock handler: a few ms even when QEMU's
 * virtual CPUs outnumber the host's cores and each hand-over waits. */
#define IRQLOCK_CHUNK     16

#define STOP_HOLD_US      50

static atomic_t calls_seen[NR_CPUS];

static struct {
	unsigned long count[NR_CPUS];	/* each written by its own CPU only */
	unsigned long seen[NR_CPUS];	/* the stopper's: the counts at its last stop */
	unsigned int stopper;
	uint32_t stops;			/* to make */
	bool done;			/* set by the stopper: the others stop counting */
	unsigned long moved;		/* stops during which a held CPU counted */
	uint64_t held_ticks;		/* in all the stops, from call to return */
} stopping;

static struct {
	spinlock_t lock;
	unsigned long plain;		/* lock */
	atomic_t atomic;
	uint32_t rounds;		/* per CPU, in one contend() or contend_in_irq() */
} contention = { .lock = __SPIN_LOCK_UNLOCKED(contention.lock) };

/*
 * Global timer ticks as nanoseconds, in decimal.  Returned by value, so
 * one printf can take several: each temporary lives until the call ends.
 */
struct ns_text {
	char s[FORMAT_U64_LEN];
};

static struct ns_text ns(uint64_t ticks)
{
	struct ns_text t;

	format_u64(t.s, sizeof(t.s), gtimer_to_ns(ticks));
	return t;
}

static void count_call(void *info)
{
	(void)info;
	atomic_inc(&calls_seen[smp_processor_id()]);
}

static int time_calls(unsigned int cpu, uint32_t count)
{
	uint64_t min = UINT64_MAX, max = 0, total = 0;

	atomic_set(&calls_seen[cpu], 0);
	for (uint32_t i = 0; i < count; i++) {
		uint64_t t0 = gtimer_read();

		if (shell_interrupted())
			return cmd_interrupted();
		if (smp_call_function_single(cpu, count_call, NULL, 1))
			return cmd_error("cpu%u went offline during the test", cpu);
		uint64_t dt = gtimer_read() - t0;

		total += dt;
		min = dt < min ? dt : min;
		max = dt > max ? dt : max;
	}
	printf("call  cpu%u: %lu calls, round trip min %s avg %s max %s ns\n",
	       cpu, (unsigned long)atomic_read(&calls_seen[cpu]), ns(min).s,
	       ns(total / count).s, ns(max).s);
	if ((uint32_t)atomic_read(&calls_seen[cpu]) != count)
		return cmd_error("cpu%u ran %d calls, not %lu", cpu,
				 atomic_read(&calls_seen[cpu]), (unsigned long)count);
	return CMD_OK;
}

static int time_all_calls(uint32_t count)
{
	unsigned int self = smp_processor_id();
	int ret = CMD_OK;

	for (unsigned int cpu = 0; cpu < NR_CPUS && ret == CMD_OK; cpu++)
		if (cpu != self && cpu_online(cpu))
			ret = time_calls(cpu, count);
	return ret;
}

static int time_broadcast(uint32_t count)
{
	uint64_t t0;
	int ret = CMD_OK;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		atomic_set(&calls_seen[cpu], 0);
	t0 = gtimer_read();
	for (uint32_t i = 0; i < count; i++) {
		if (shell_interrupted())
			return cmd_interrupted();
		on_each_cpu(count_call, NULL, 1);
	}
	printf("bcast all : %lu on_each_cpu calls on %u CPUs, avg %s ns\n",
	       (unsigned long)count, num_online_cpus(), ns((gtimer_read() - t0) / count).s);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		if (cpu_online(cpu) && (uint32_t)atomic_read(&calls_seen[cpu]) != count)
			ret = cmd_error("cpu%u ran %d of %lu broadcasts", cpu,
					atomic_read(&calls_seen[cpu]), (unsigned long)count);
	}
	return ret;
}

static int contend(void *info)
{
	(void)info;
	for (uint32_t i = 0; i < contention.rounds && !shell_interrupted(); i++) {
		spin_lock(&contention.lock);
		unsigned long v = READ_ONCE(contention.plain);

		/* Widen the read-modify-write window: without the lock,
		 * another CPU's update in here would be lost. */
		for (unsigned int d = 0; d < CRITICAL_SECTION_SPINS; d++)
			barrier();
		WRITE_ONCE(contention.plain, v + 1);
		spin_unlock(&contention.lock);
		atomic_inc(&contention.atomic);
	}
	return 0;
}

/*
 * Each turn holds the lock for a microsecond, long enough for the CPUs
 * queued behind to give up spinning and, before boot/spinlock.c knew
 * better, sleep in wfi for good.
 */
static void contend_in_irq(void *info)
{
	(void)info;
	for (uint32_t i = 0; i < contention.rounds; i++) {
		spin_lock(&contention.lock);
		unsigned long v = READ_ONCE(contention.plain);

		gtimer_udelay(1);
		WRITE_ONCE(contention.plain, v + 1);
		spin_unlock(&contention.lock);
	}
}

/* Zero the counters for a run of @count rounds on every CPU; the total wanted. */
static unsigned long contention_start(uint32_t count)
{
	contention.plain = 0;
	atomic_set(&contention.atomic, 0);
	contention.rounds = count;
	return (unsigned long)count * num_online_cpus();
}

static int time_irq_contention(uint32_t count)
{
	unsigned int cpus = num_online_cpus();
	unsigned long want = contention_start(count);
	uint64_t t0 = gtimer_read();

	/* interrupts on between chunks: the UART's Ctrl-C, the ticks */
	for (uint32_t done = 0, n; done < count; done += n) {
		if (shell_interrupted())
			return cmd_interrupted();
		n = count - done < IRQLOCK_CHUNK ? count - done : IRQLOCK_CHUNK;
		contention.rounds = n;
		on_each_cpu(contend_in_irq, NULL, 1);
	}
	printf("irqlock %u CPUs x %lu: spinlock counter %lu (expected %lu), %s ns\n",
	       cpus, (unsigned long)count, contention.plain, want, ns(gtimer_read() - t0).s);
	if (contention.plain != want)
		return cmd_error("lost updates: the counter should be %lu", want);
	return CMD_OK;
}

static int time_contention(uint32_t count)
{
	unsigned int cpus = num_online_cpus();
	unsigned long want = contention_start(count);
	uint64_t t0 = gtimer_read();

	if (cmd_on_each_cpu(contend, NULL, "the lock run") != CMD_OK)
		return CMD_FAIL;
	if (shell_interrupted())
		return cmd_interrupted();	/* each CPU stopped where it was */
	printf("lock  %u CPUs x %lu: spinlock counter %lu, atomic counter %lu (expected %lu), %s ns\n",
	       cpus, (unsigned long)count, contention.plain,
	       (unsigned long)atomic_read(&contention.atomic), want, ns(gtimer_read() - t0).s);
	if (contention.plain != want || (unsigned long)atomic_read(&contention.atomic) != want)
		return cmd_error("lost updates: the counters should both be %lu", want);
	return CMD_OK;
}

/* With every other CPU held: did any of them count meanwhile? */
static int check_held(void *arg)
{
	unsigned long before[NR_CPUS];

	(void)arg;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		before[cpu] = READ_ONCE(stopping.count[cpu]);
	gtimer_udelay(STOP_HOLD_US);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (READ_ONCE(stopping.count[cpu]) != before[cpu]) {
			stopping.moved++;
			break;
		}
	return 0;
}

/* Have all the others counted since the last stop?  (They are running.) */
static bool others_counted(void)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu != stopping.stopper && cpu_online(cpu) &&
		    READ_ONCE(stopping.count[cpu]) == stopping.seen[cpu])
			return false;
	return true;
}

/* The stopper's share: the stops, then "done" for the others. */
static int make_stops(void)
{
	for (uint32_t i = 0; i < stopping.stops && !shell_interrupted(); i++) {
		uint64_t t0;

		while (!others_counted() && !shell_interrupted())
			barrier();
		t0 = gtimer_read();
		stop_machine(check_held, NULL);
		stopping.held_ticks += gtimer_read() - t0;
		for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
			stopping.seen[cpu] = READ_ONCE(stopping.count[cpu]);
	}
	WRITE_ONCE(stopping.done, true);
	return 0;
}

static int count_or_stop(void *info)
{
	unsigned int self = smp_processor_id();

	(void)info;
	if (self == stopping.stopper)
		return make_stops();
	while (!READ_ONCE(stopping.done) && !shell_interrupted())
		WRITE_ONCE(stopping.count[self], stopping.count[self] + 1);
	return 0;
}

static int time_stops(uint32_t count)
{
	stopping = (typeof(stopping)){ .stopper = smp_processor_id(), .stops = count };
	if (cmd_on_each_cpu(count_or_stop, NULL, "the stop run") != CMD_OK)
		return CMD_FAIL;
	if (shell_interrupted())
		return cmd_interrupted();
	printf("stop  cpu%u held %u other CPUs %lu times: they counted while held %lu times, "
	       "avg stop %s ns\n", stopping.stopper, num_online_cpus() - 1, (unsigned long)count,
	       stopping.moved, ns(stopping.held_ticks / count).s);
	if (stopping.moved)
		return cmd_error("stop_machine() let a CPU run %lu times", stopping.moved);
	return CMD_OK;
}

static const struct {
	const char *name;
	int (*run)(uint32_t count);
	bool named_only;	/* not part of a plain "smp [COUNT]" */
} phases[] = {
	{ "call", time_all_calls },
	{ "bcast", time_broadcast },
	{ "lock", time_contention },
	{ "irqlock", time_irq_contention },
	{ "stop", time_stops, true },
};
#define NR_PHASES (sizeof(phases) / sizeof(phases[0]))

/* The index of the phase named @name, or NR_PHASES after an error line. */
static unsigned int find_phase(const char *name)
{
	for (unsigned int i = 0; i < NR_PHASES; i++)
		if (strcmp(phases[i].name, name) == 0)
			return i;
	cmd_usage_error("smp: unknown phase '%s' (call, bcast, lock, irqlock or stop)", name);
	return NR_PHASES;
}

int do_smp(int argc, char **argv)
{
	uint32_t count = SMP_DEFAULT_COUNT;
	unsigned int first = 0, last = NR_PHASES - 1;
	/* a word that is not a number names a phase: "smp irqlock" */
	bool counted = argc == 3 || (argc == 2 && argv[1][0] >= '0' && argv[1][0] <= '9');
	int ret = CMD_OK;

	if (counted && !cmd_parse_count("count", argv[1], SMP_MAX_COUNT, &count))
		return CMD_USAGE;
	if (argc > (counted ? 2 : 1)) {
		first = last = find_phase(argv[argc - 1]);
		if (first == NR_PHASES)
			return CMD_USAGE;
	}
	for (unsigned int i = first; i <= last && ret == CMD_OK; i++)
		if (first == last || !phases[i].named_only)
			ret = phases[i].run(count);
	return ret;
}
