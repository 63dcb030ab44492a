/*
 * smp.c - which CPUs exist and which are up; letting secondaries out of
 * the holding pen; stopping a CPU that faulted.
 *
 * cpu_state[] is written by the CPU it describes (going online or
 * stopping) and by CPU 0 during bring-up, and read by anyone: it is a
 * word, read with READ_ONCE, and a CPU that goes online publishes its
 * other fields before its state (smp_wmb).
 */
#include "boot/a9_errata.h"
#include "boot/arm.h"
#include "boot/cacheflush.h"
#include "boot/cpu.h"
#include "barrier.h"
#include "bug.h"
#include "cache.h"
#include "irqflags.h"

struct cpu_info {
	enum cpu_state state;
	uint32_t mpidr;
} ____cacheline_aligned;

static struct cpu_info cpu_info[NR_CPUS];
static unsigned int present_cpus = 1;

/* boot/entry.S: the pen lets out the CPU whose number is stored here. */
extern volatile uint32_t pen_release;

void smp_set_present_cpus(unsigned int n)
{
	if (n > NR_CPUS)
		n = NR_CPUS;
	present_cpus = n;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		cpu_info[cpu].state = cpu < n ? CPU_OFFLINE : CPU_ABSENT;
}

unsigned int num_present_cpus(void)
{
	return present_cpus;
}

bool cpu_online(unsigned int cpu)
{
	return cpu < NR_CPUS && READ_ONCE(cpu_info[cpu].state) == CPU_ONLINE;
}

unsigned int num_online_cpus(void)
{
	unsigned int n = 0;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		n += cpu_online(cpu);
	return n;
}

unsigned int online_mask_except(unsigned int cpu)
{
	unsigned int mask = 0;

	for (unsigned int i = 0; i < NR_CPUS; i++)
		if (i != cpu && cpu_online(i))
			mask |= 1u << i;
	return mask;
}

enum cpu_state cpu_get_state(unsigned int cpu)
{
	return cpu < NR_CPUS ? READ_ONCE(cpu_info[cpu].state) : CPU_ABSENT;
}

uint32_t cpu_get_mpidr(unsigned int cpu)
{
	return cpu < NR_CPUS ? cpu_info[cpu].mpidr : 0;
}

const char *cpu_state_name(enum cpu_state state)
{
	switch (state) {
	case CPU_ABSENT:  return "absent";
	case CPU_OFFLINE: return "offline";
	case CPU_ONLINE:  return "online";
	case CPU_STOPPED: return "stopped";
	}
	return "?";
}

void cpu_enable_coherency(void)
{
	uint32_t actlr = read_actlr();
	uint32_t want = a9_actlr_value(actlr);

	/*
	 * Written only if something changes: FW, say, may be clear under a
	 * loader that set SMP, and a write that changes nothing is skipped.
	 */
	if (actlr != want) {
		write_actlr(want);
		isb();
	}
}

static void mark_online(unsigned int cpu)
{
	cpu_info[cpu].mpidr = read_mpidr();
	/* entry.S's TPIDRPRW, which smp_processor_id() trusts, is this CPU's */
	BUG_ON(mpidr_cpu(cpu_info[cpu].mpidr) != cpu);
	smp_wmb();
	WRITE_ONCE(cpu_info[cpu].state, CPU_ONLINE);
	dsb();
	sev();
}

void smp_prepare_boot_cpu(void)
{
	mark_online(smp_processor_id());
}

void smp_mark_online(void)
{
	mark_online(smp_processor_id());
}

void smp_release_from_pen(unsigned int cpu)
{
	/* The pen runs with caches off: the value must reach DRAM. */
	pen_release = cpu;
	cache_clean_range_poc((uintptr_t)&pen_release, sizeof(pen_release));
	outer_clean_range((uintptr_t)&pen_release, (uintptr_t)(&pen_release + 1));
	sev();
}

void cpu_stop_self(void)
{
	unsigned int cpu = smp_processor_id();

	local_irq_disable();
	WRITE_ONCE(cpu_info[cpu].state, CPU_STOPPED);
	dsb();
	/* CPUs waiting on us (in wfe or wfi) re-check and give up. */
	sev();
	smp_send_ipi(online_mask_except(cpu), IPI_WAKEUP);
	cpu_halt();
}
