/*
 * platsmp.c - starting the secondaries, the Versatile Express way.
 *
 * Secondaries are either already in our holding pen (all CPUs entered
 * the ELF together) or held by a boot monitor that sleeps in wfi and
 * then jumps to the address in SYS_FLAGS if it is non-zero.  So CPU 0
 * clears SYS_FLAGS, sets it to the pen (boot/entry.S) and wakes everyone
 * with an SGI: monitor-held CPUs jump into the pen, pen-held ones ignore
 * it.  Then each CPU in turn is released from the pen and given up to a
 * second to report itself online; one that does not is reported and
 * left behind, and the others still come up.
 */
#include <stdio.h>
#include "board/platsmp.h"
#include "boot/arm.h"
#include "boot/cpu.h"
#include "drivers/gtimer.h"
#include "drivers/v2m_sysreg.h"
#include "printk.h"

#define ONLINE_TIMEOUT_US 1000000

extern char secondary_pen[];	/* boot/entry.S */

static bool wait_online(unsigned int cpu)
{
	uint64_t deadline = gtimer_read() +
			    (uint64_t)ONLINE_TIMEOUT_US * gtimer_rate() / 1000000;

	while (!cpu_online(cpu)) {
		if (gtimer_read() > deadline)
			return false;
		wfe();			/* the new CPU sends sev when online */
	}
	return true;
}

void board_smp_boot_secondaries(void)
{
	unsigned int n = num_present_cpus();
	unsigned int others = ((1u << n) - 1) & ~1u;

	if (n < 2)
		return;
	v2m_set_flags((uint32_t)(uintptr_t)secondary_pen);
	smp_send_ipi(others, IPI_WAKEUP);
	for (unsigned int cpu = 1; cpu < n; cpu++) {
		smp_release_from_pen(cpu);
		if (!wait_online(cpu))
			printk("cpu%u: did not come online within %u ms\n", cpu,
			       ONLINE_TIMEOUT_US / 1000);
	}
}
