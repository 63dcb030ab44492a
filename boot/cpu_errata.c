/*
 * cpu_errata.c - applying the Cortex-A9 errata plan (boot/a9_errata.c)
 * on the calling CPU.
 *
 * Runs on every CPU, in Secure state (the diagnostic register is
 * Secure-only: board/early_init.c stops a Non-secure boot before this), with
 * the MMU and caches still off, as Linux's __v7_setup does: several of
 * the bits change how the caches behave and must be set before any line
 * is allocated.
 */
#include "boot/a9_errata.h"
#include "boot/arm.h"
#include "boot/cpu.h"

uint32_t cpu_apply_errata(void)
{
	struct a9_errata_plan plan;

	if (!a9_errata_plan(read_midr(), &plan))
		return 0;			/* not a Cortex-A9: nothing known */
	if ((read_a9_diag() & plan.diag_set) != plan.diag_set) {
		write_a9_diag(read_a9_diag() | plan.diag_set);
		isb();
	}
	return read_a9_diag();
}
