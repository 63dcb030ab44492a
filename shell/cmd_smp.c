/*
 * cmd_smp.c - smp [COUNT]: exercise the SMP services and time them.
 *
 * Three runs, each checked as well as timed:
 *  - call: COUNT smp_call_function_single() round trips to each other
 *    online CPU; the callee counts its calls, which must add up;
 *  - bcast: COUNT on_each_cpu() broadcasts, every CPU counting;
 *  - lock: every online CPU at once (schedule_on_each_cpu(), thread
 *    context) adds 1 to a plain counter under a spinlock and to an
 *    atomic_t, COUNT times each; both totals must be exact;
 *  - irqlock: the same spinlock counter, but from interrupt context: one
 *    on_each_cpu() whose handler, on every CPU at once, takes the lock
 *    COUNT times.  Waiters there must not sleep for a wake-up IPI the
 *    GIC holds back until the handler ends (boot/spinlock.c).
 * Times come from the global timer, in nanoseconds.
 */
#include <stdio.h>
#include "shell/commands.h"
#include "shell/shell.h"
#include "boot/cpu.h"
#include "drivers/gtimer.h"
#include "platform.h"

#define SMP_DEFAULT_COUNT 1000
#define SMP_MAX_COUNT     1000000
#define CRITICAL_SECTION_SPINS 32

static atomic_t calls_seen[NR_CPUS];

static struct {
	spinlock_t lock;
	unsigned long plain;		/* lock */
	atomic_t atomic;
	uint32_t rounds;
} contention = { .lock = __SPIN_LOCK_UNLOCKED(contention.lock) };

static void count_call(void *info)
{
	(void)info;
	atomic_inc(&calls_seen[smp_processor_id()]);
}

static unsigned long ns(uint64_t ticks)
{
	return (unsigned long)gtimer_to_ns(ticks);
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
	printf("call  cpu%u: %lu calls, round trip min %lu avg %lu max %lu ns\n",
	       cpu, (unsigned long)atomic_read(&calls_seen[cpu]), ns(min),
	       ns(total / count), ns(max));
	if ((uint32_t)atomic_read(&calls_seen[cpu]) != count)
		return cmd_error("cpu%u ran %d calls, not %lu", cpu,
				 atomic_read(&calls_seen[cpu]), (unsigned long)count);
	return CMD_OK;
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
	printf("bcast all : %lu on_each_cpu calls on %u CPUs, avg %lu ns\n",
	       (unsigned long)count, num_online_cpus(), ns((gtimer_read() - t0) / count));
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
	for (uint32_t i = 0; i < contention.rounds; i++) {
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

	on_each_cpu(contend_in_irq, NULL, 1);
	printf("irqlock %u CPUs x %lu: spinlock counter %lu (expected %lu), %lu ns\n",
	       cpus, (unsigned long)count, contention.plain, want, ns(gtimer_read() - t0));
	if (contention.plain != want)
		return cmd_error("lost updates: the counter should be %lu", want);
	return CMD_OK;
}

static int time_contention(uint32_t count)
{
	unsigned int cpus = num_online_cpus();
	unsigned long want = contention_start(count);
	uint64_t t0 = gtimer_read();

	if (schedule_on_each_cpu(contend, NULL))
		return cmd_error("a CPU stopped during the lock run");
	printf("lock  %u CPUs x %lu: spinlock counter %lu, atomic counter %lu (expected %lu), %lu ns\n",
	       cpus, (unsigned long)count, contention.plain,
	       (unsigned long)atomic_read(&contention.atomic), want, ns(gtimer_read() - t0));
	if (contention.plain != want || (unsigned long)atomic_read(&contention.atomic) != want)
		return cmd_error("lost updates: the counters should both be %lu", want);
	return CMD_OK;
}

int do_smp(int argc, char **argv)
{
	unsigned int self = smp_processor_id();
	uint32_t count = SMP_DEFAULT_COUNT;
	int ret = CMD_OK;

	if (argc == 2 && !cmd_parse_count("count", argv[1], SMP_MAX_COUNT, &count))
		return CMD_USAGE;
	for (unsigned int cpu = 0; cpu < NR_CPUS && ret == CMD_OK; cpu++)
		if (cpu != self && cpu_online(cpu))
			ret = time_calls(cpu, count);
	if (ret == CMD_OK)
		ret = time_broadcast(count);
	if (ret == CMD_OK)
		ret = time_contention(count);
	if (ret == CMD_OK)
		ret = time_irq_contention(count);
	return ret;
}
