/*
 * early_init.h - CPU 0's first steps, before the MMU, the console and DRAM
 * (board/early_init.c): progress on the LEDs, a last word on the UART, the
 * Secure-state check, the watchdogs.
 */
#ifndef BOARD_EARLY_INIT_H
#define BOARD_EARLY_INIT_H

#include <stdint.h>
#include "compiler.h"

/*
 * Boot steps, shown on the motherboard's eight user LEDs (SYS_LED) as
 * each begins: a board that hangs shows where.  A stop adds EARLY_STOPPED.
 */
enum boot_step {
	BOOT_ENTERED = 0x01,		/* board_start: caches and MMU off */
	BOOT_SECURE = 0x02,		/* checking we run in Secure state */
	BOOT_WATCHDOGS = 0x03,		/* disabling the watchdogs */
	BOOT_ERRATA = 0x04,		/* SCU and CPU errata */
	BOOT_MMU = 0x05,		/* page table, MMU and caches on */
	BOOT_DRAM = 0x06,		/* sizing DRAM */
	BOOT_CONSOLE = 0x07,		/* console: printf works from here */
	BOOT_INTERRUPTS = 0x08,		/* GIC and timers */
	BOOT_MEMORY = 0x09,		/* buddy allocator and slab caches */
	BOOT_SECONDARIES = 0x0a,	/* bringing up the other CPUs */
	BOOT_SHELL = 0x0b,		/* the prompt */
};
#define EARLY_STOPPED 0x80

/* Sysregs and the UART as the early path needs them; LEDs show BOOT_ENTERED. */
void early_init(void);
void early_progress(enum boot_step step);
/* One line on UART0 with no console, no MMU, no DRAM; then stop this CPU. */
__noreturn void early_panic(const char *why);
/* Stop with a clear message unless this CPU runs in Secure state. */
void early_check_secure(uintptr_t gic_dist);
/* Disable the A9 watchdog and the board's SP805s (drivers/watchdog.c). */
void early_disable_watchdogs(uintptr_t periphbase);

#endif /* BOARD_EARLY_INIT_H */
