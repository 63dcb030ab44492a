/*
 * early_init.c - CPU 0's first steps: what runs before the MMU, the console
 * and DRAM are up, and what must be known or stopped before anything
 * else relies on it.
 *
 * Everything here runs with the MMU and caches off (entry.S turned them
 * off whatever the loader left), so every access goes straight to the
 * device or to memory: the LEDs and the early UART show a hang or a stop
 * on the real board even when nothing else works.  No C library (its
 * string routines make unaligned accesses, which fault with the MMU
 * off) and nothing in DRAM beyond .data and bss.
 *
 * Secure state.  Everything else assumes it: the SCU invalidate, ACTLR
 * and diagnostic register writes, a Group 0 GIC.  Entered Non-secure (a
 * loader that dropped to the Normal world) the firmware would reach a
 * prompt with no ticks and no input, so we stop with a line that names
 * the cause.  ARMv7 has no register that says which world a PL1 mode is
 * in, and the Secure-only ones (SCR, NSACR writes, the diagnostic
 * register) UNDEF from Non-secure, which would need exception handling
 * this early.  The GIC answers without a trap: GICD_IGROUPR0 is writable
 * in Secure state and reads as zero from Non-secure.  That only means
 * something if the CPU has the Security Extensions (ID_PFR1.Security;
 * the A9 MPCore's GIC has them whenever its CPUs do): QEMU without
 * secure=on models CPUs without them, where there is one world and
 * everything is accessible.
 */
#include "board/early_init.h"
#include "board/vexpress.h"
#include "boot/arm.h"
#include "boot/cpu.h"
#include "drivers/gic.h"
#include "drivers/pl011.h"
#include "drivers/v2m_sysreg.h"
#include "drivers/watchdog.h"

static unsigned int last_step;		/* CPU 0 only */

void early_init(void)
{
	v2m_sysreg_init(V2M_SYSREGS);
	pl011_early_init(V2M_UART0, V2M_UARTCLK_HZ, V2M_UART_BAUD);
	early_progress(BOOT_ENTERED);
}

void early_progress(enum boot_step step)
{
	last_step = step;
	v2m_set_leds(step);
}

static void early_puts(const char *s)
{
	while (*s) {
		if (*s == '\n')
			pl011_early_putc(V2M_UART0, '\r');
		pl011_early_putc(V2M_UART0, *s++);
	}
}

void early_panic(const char *why)
{
	v2m_set_leds(EARLY_STOPPED | last_step);
	early_puts("\nKernel panic - not syncing: ");
	early_puts(why);
	early_puts("\n");
	cpu_halt();
}

void early_check_secure(uintptr_t gic_dist)
{
	early_progress(BOOT_SECURE);
	if (!(read_id_pfr1() & ID_PFR1_SECURITY_MASK))
		return;			/* no Security Extensions: one world */
	if (!gic_dist_secure_access(gic_dist))
		early_panic("entered in Non-secure state (GICD_IGROUPR0 reads as zero).\n"
			    "slablab sets up the SCU, ACTLR, the A9 errata and a Group 0 GIC,\n"
			    "which only Secure state may: start it from the Secure world\n"
			    "(the Boot Monitor, U-Boot without a Non-secure switch, JTAG).");
}

void early_disable_watchdogs(uintptr_t periphbase)
{
	early_progress(BOOT_WATCHDOGS);
	a9_wdt_disable(periphbase + A9_WDT_OFFSET);
	sp805_disable(V2M_WDT);
	sp805_disable(CT_CA9X4_WDT);
}
