/*
 * scu.c - the Snoop Control Unit keeps the four L1 data caches coherent.
 *
 * CPU 0 invalidates the SCU's duplicate tag RAMs and enables it before
 * any CPU turns on its data cache; each CPU then joins coherency by
 * setting ACTLR.SMP (boot/smp.c).  Register offsets from the Cortex-A9
 * MPCore TRM (DDI0407).
 */
#include "boot/arm.h"
#include "boot/scu.h"
#include "io.h"

#define SCU_CTRL          0x00
#define SCU_CONFIG        0x04
#define SCU_INVALIDATE    0x0c

#define SCU_CTRL_ENABLE   (1u << 0)

unsigned int scu_num_cpus(uintptr_t scu_base)
{
	return (readl(scu_base + SCU_CONFIG) & 3) + 1;
}

void scu_enable(uintptr_t scu_base)
{
	uint32_t ctrl = readl(scu_base + SCU_CTRL);

	if (ctrl & SCU_CTRL_ENABLE)
		return;			/* a boot loader did it already */
	writel(0xffff, scu_base + SCU_INVALIDATE);	/* all ways, all CPUs */
	writel(ctrl | SCU_CTRL_ENABLE, scu_base + SCU_CTRL);
	dsb();
}
