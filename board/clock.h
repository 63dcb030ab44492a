/*
 * clock.h - measuring the global timer's rate (board/clock.c).
 */
#ifndef BOARD_CLOCK_H
#define BOARD_CLOCK_H

#include <stdbool.h>

/* The global timer's rate in Hz; *@measured false if it had to be assumed. */
unsigned long clock_measure_gtimer(bool *measured);

#endif /* BOARD_CLOCK_H */
