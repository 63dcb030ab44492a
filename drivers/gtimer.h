/*
 * gtimer.h - the Cortex-A9 MPCore global timer: one 64-bit counter
 * shared by all CPUs, the firmware's clock (drivers/gtimer.c).
 */
#ifndef DRIVERS_GTIMER_H
#define DRIVERS_GTIMER_H

#include <stdint.h>

/* Start the counter (prescaler 1) if a loader has not already. */
void gtimer_init(uintptr_t base);
uint64_t gtimer_read(void);
/* The counter's value when gtimer_init() ran: "boot" for uptime. */
uint64_t gtimer_start(void);
/* The counter's rate, once the board has measured it. */
void gtimer_set_rate(unsigned long hz);
unsigned long gtimer_rate(void);
/* Counter ticks to nanoseconds / microseconds. */
uint64_t gtimer_to_ns(uint64_t ticks);
uint64_t gtimer_to_us(uint64_t ticks);
/* Busy-wait @us microseconds. */
void gtimer_udelay(unsigned long us);

#endif /* DRIVERS_GTIMER_H */
