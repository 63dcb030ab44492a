/*
 * watchdog.h - disabling the Cortex-A9 private watchdog and ARM SP805
 * watchdogs at boot (drivers/watchdog.c).  CPU 0 only, before the SMP
 * bring-up; the board passes the addresses in.
 */
#ifndef DRIVERS_WATCHDOG_H
#define DRIVERS_WATCHDOG_H

#include <stdbool.h>
#include <stdint.h>

/* Leave watchdog mode and stop the A9 watchdog at @base (PERIPHBASE + 0x620). */
void a9_wdt_disable(uintptr_t base);
/* The SP805's PeriphID0-3 as one word (0x00141805 for an SP805 r1). */
uint32_t sp805_periph_id(uintptr_t base);
/* True if the PrimeCell IDs at @base say SP805. */
bool sp805_present(uintptr_t base);
/* Unlock, stop and relock the SP805 at @base; false if there is none. */
bool sp805_disable(uintptr_t base);

#endif /* DRIVERS_WATCHDOG_H */
