/*
 * clock.h - measuring the global timer's rate (board/clock.c).
 */
#ifndef BOARD_CLOCK_H
#define BOARD_CLOCK_H

/*
 * The global timer's rate in *@hz.  NULL if measured; otherwise why not,
 * and *@hz is the assumed 100 MHz.  Host-tested (tests/host/test_clock.c).
 */
const char *clock_measure_gtimer(unsigned long *hz);

#endif /* BOARD_CLOCK_H */
