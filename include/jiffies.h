/*
 * jiffies.h - the system tick count, with Linux's names.
 *
 * jiffies counts timer ticks (HZ a second) since boot; the boot CPU's
 * tick increments it, everyone reads it.  Compare with time_after(),
 * which stays right when the counter wraps.
 */
#ifndef SLABLAB_JIFFIES_H
#define SLABLAB_JIFFIES_H

#include <stdbool.h>

#define HZ 100

extern volatile unsigned long jiffies;

static inline bool time_after(unsigned long a, unsigned long b)
{
	return (long)(b - a) < 0;
}

static inline bool time_after_eq(unsigned long a, unsigned long b)
{
	return (long)(a - b) >= 0;
}

/*
 * Nanoseconds since boot, from a clock that never goes backwards; any
 * context, any CPU (Linux's sched_clock()).  On the board, the global
 * timer (board/clock.c), so the CPUs agree.
 */
unsigned long long sched_clock(void);

#endif /* SLABLAB_JIFFIES_H */
