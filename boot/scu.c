/*
 * scu.c - the Snoop Control Unit keeps the four L1 data caches coherent.
 *
 * CPU 0 invalidates the SCU's duplicate tag RAMs and enables it before
 * any CPU turns on its data cache; each CPU then joins coherency by
 * setting ACTLR.SMP (boot/smp.c).  Register offsets from the Cortex-A9
 * MPCore TRM (DDI0407).
 */
#include "boot/a9_errata.h"
#include "boot/arm.h"
#include "boot/scu.h"
#include "io.h"

#define SCU_CTRL          0x00
#define SCU_CONFIG        0x04
#define SCU_INVALIDATE    0x0c
#define SCU_DIAG_CTRL     0x30	/* undocumented in DDI0407; see below */

#define SCU_CTRL_ENABLE   (1u << 0)

unsigned int scu_num_cpus(uintptr_t scu_base)
{
	return (readl(scu_base + SCU_CONFIG) & 3) + 1;
}

/*
 * Erratum 764369 (every Cortex-A9 MPCore revision): bit 0 of the SCU's
 * diagnostic control register makes a clean by MVA to an Inner
 * Shareable line complete, as Linux's scu_enable() sets it.  Secure only.
 */
void scu_apply_errata(uintptr_t scu_base)
{
	struct a9_errata_plan plan;
	uint32_t diag;

	if (!a9_errata_plan(read_midr(), &plan) || !plan.scu_diag)
		return;
	diag = readl(scu_base + SCU_DIAG_CTRL);
	if (!(diag & 1))
		writel(diag | 1, scu_base + SCU_DIAG_CTRL);
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
