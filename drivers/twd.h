/*
 * twd.h - the Cortex-A9 private timer ("timer and watchdog", TWD) of
 * each CPU: the periodic tick (drivers/twd.c).
 */
#ifndef DRIVERS_TWD_H
#define DRIVERS_TWD_H

#include <stdint.h>

/* CPU 0, once: the (banked) register base and the PERIPHCLK rate. */
void twd_init(uintptr_t base, unsigned long rate_hz, unsigned int hz);
/* Every CPU: start its own periodic tick. */
void twd_cpu_init(void);
/* Called on the ticking CPU, from the interrupt handler, after counting. */
void twd_set_tick_hook(void (*hook)(void));
void twd_handle_irq(unsigned int irq, void *arg);
/* Ticks @cpu has taken since its timer started. */
unsigned long twd_ticks(unsigned int cpu);
unsigned int twd_hz(void);

#endif /* DRIVERS_TWD_H */
