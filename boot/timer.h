/*
 * timer.h - the tick's work in the CPU layer (boot/timer.c).
 */
#ifndef BOOT_TIMER_H
#define BOOT_TIMER_H

/* From every CPU's periodic tick, interrupts off. */
void timer_tick(void);

#endif /* BOOT_TIMER_H */
