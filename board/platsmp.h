/*
 * platsmp.h - bringing up the secondary CPUs on this board (board/platsmp.c).
 */
#ifndef BOARD_PLATSMP_H
#define BOARD_PLATSMP_H

/* CPU 0, interrupts on, GIC and timers up: start every present secondary. */
void board_smp_boot_secondaries(void);

#endif /* BOARD_PLATSMP_H */
