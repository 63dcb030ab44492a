/*
 * clock.c - the global timer counts PERIPHCLK, whose rate depends on how
 * the CoreTile's clocks are configured (and QEMU models its own), so it is
 * measured at boot against the motherboard's SYS_24MHZ counter, which
 * always runs at 24 MHz.
 *
 * Each sample reads SYS_24MHZ, the global timer, SYS_24MHZ again, and is
 * kept only if the two reference reads are within 2 us, so a CPU stalled
 * between the reads (a host scheduling an emulated CPU away) cannot skew
 * the result.  A sample's midpoint is within ((spread + 1) / 2 + 1)
 * reference ticks of the moment the global timer was read, so two
 * samples T ticks apart give the rate to within the sum of those two in
 * T.  Samples are taken until that bound is at most 1/4000 of T (25 kHz at
 * 100 MHz, half the distance to the nearest 100 kHz rounding boundary):
 * the window is as short as the reads allow.  Under QEMU, where the three
 * reads fit in one tick, that is about 0.5 ms; a slow motherboard bus
 * (2 us spreads) stretches it to about 8 ms.  The rate is then rounded to
 * 100 kHz.  (Until issue 11 the window was a fixed 50 ms, 50 million
 * instructions of a QEMU boot.)
 *
 * A bus slower than 2 us a read would make every sample fail, so the
 * sample window (the reference reads' greatest distance) doubles, up to
 * 64 us, when one width yields nothing.  If there is still no
 * measurement the rate is assumed to be QEMU's 100 MHz, and the caller
 * is told why so that it warns: every delay and timestamp depends on it.
 */
#include <stdbool.h>
#include <stddef.h>
#include "board/clock.h"
#include "board/vexpress.h"
#include "drivers/gtimer.h"
#include "drivers/v2m_sysreg.h"

#define SAMPLE_WINDOW_TICKS  48			/* 2 us of 24 MHz, at first */
#define SAMPLE_WINDOW_MAX    (48u << 5)		/* 64 us: the widest we try */
#define PRECISION            4000		/* error at most 1/4000 of the window */
#define GIVE_UP_GT_TICKS     ASSUMED_RATE_HZ	/* 1 s at the assumed rate */
#define SAMPLE_TRIES         1000		/* per window width */
#define RUN_CHECK_READS      100000
#define ROUND_HZ             100000ul
#define ASSUMED_RATE_HZ      100000000ul	/* QEMU's PERIPHCLK */

struct clock_sample {
	uint32_t ref;		/* midpoint of the two reference reads */
	uint32_t spread;	/* ticks between them */
	uint64_t gt;
};

static bool reference_runs(void)
{
	uint32_t first = v2m_sys_24mhz();

	for (unsigned int i = 0; i < RUN_CHECK_READS; i++)
		if (v2m_sys_24mhz() != first)
			return true;
	return false;
}

/*
 * One sample whose reference reads are at most *@window ticks apart.  If
 * SAMPLE_TRIES fail, the window doubles (up to SAMPLE_WINDOW_MAX) and
 * stays doubled for the samples after: a slow bus makes every pair
 * slow.  The precision loop below uses each sample's own spread, so a
 * wider window costs a longer measurement, not a worse one.
 */
static bool take_sample(struct clock_sample *s, uint32_t *window)
{
	for (;;) {
		for (unsigned int i = 0; i < SAMPLE_TRIES; i++) {
			uint32_t a = v2m_sys_24mhz();
			uint64_t gt = gtimer_read();
			uint32_t b = v2m_sys_24mhz();

			if (b - a <= *window) {
				s->ref = a + (b - a) / 2;
				s->spread = b - a;
				s->gt = gt;
				return true;
			}
		}
		if (*window >= SAMPLE_WINDOW_MAX)
			return false;
		*window *= 2;
	}
}

/*
 * Reference ticks one sample's midpoint may be off by: the global timer
 * was read somewhere in [a, b + 1), and the midpoint rounds down.
 */
static uint32_t sample_error(const struct clock_sample *s)
{
	return (s->spread + 1) / 2 + 1;
}

const char *clock_measure_gtimer(unsigned long *hz)
{
	struct clock_sample s0, s1;
	uint32_t window = SAMPLE_WINDOW_TICKS;
	uint32_t elapsed;

	*hz = ASSUMED_RATE_HZ;
	if (!reference_runs())
		return "SYS_24MHZ does not count";
	if (!take_sample(&s0, &window))
		return "no two SYS_24MHZ reads within 64 us of each other";
	do {
		if (!take_sample(&s1, &window))
			return "no two SYS_24MHZ reads within 64 us of each other";
		elapsed = s1.ref - s0.ref;
		if (s1.gt - s0.gt > GIVE_UP_GT_TICKS)
			return "SYS_24MHZ stopped during the measurement";
	} while (elapsed < PRECISION * (sample_error(&s0) + sample_error(&s1)));

	*hz = (unsigned long)((s1.gt - s0.gt) * V2M_SYS_24MHZ_HZ / elapsed);
	*hz = (*hz + ROUND_HZ / 2) / ROUND_HZ * ROUND_HZ;
	return NULL;
}
