/*
 * clock.c - the global timer counts PERIPHCLK, whose rate depends on how
 * the CoreTile's clocks are configured (and QEMU models its own), so it is
 * measured at boot against the motherboard's SYS_24MHZ counter, which
 * always runs at 24 MHz.
 *
 * Each sample reads SYS_24MHZ, the global timer, SYS_24MHZ again, and is
 * kept only if the two reference reads are within 2 us, so a CPU stalled
 * between the reads (a host scheduling an emulated CPU away) cannot skew
 * the result.  Two samples 50 ms apart give the rate to about 4e-5; it is
 * rounded to 100 kHz.
 */
#include "board/clock.h"
#include "board/vexpress.h"
#include "drivers/gtimer.h"
#include "drivers/v2m_sysreg.h"

#define SAMPLE_WINDOW_TICKS  48			/* 2 us of 24 MHz */
#define MEASURE_TICKS        (V2M_SYS_24MHZ_HZ / 20)	/* 50 ms */
#define SAMPLE_TRIES         1000
#define RUN_CHECK_READS      100000
#define ROUND_HZ             100000ul
#define ASSUMED_RATE_HZ      100000000ul	/* QEMU's PERIPHCLK */

struct clock_sample {
	uint32_t ref;
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

static bool take_sample(struct clock_sample *s)
{
	for (unsigned int i = 0; i < SAMPLE_TRIES; i++) {
		uint32_t a = v2m_sys_24mhz();
		uint64_t gt = gtimer_read();
		uint32_t b = v2m_sys_24mhz();

		if (b - a <= SAMPLE_WINDOW_TICKS) {
			s->ref = a + (b - a) / 2;
			s->gt = gt;
			return true;
		}
	}
	return false;
}

unsigned long clock_measure_gtimer(bool *measured)
{
	struct clock_sample s0, s1;
	uint64_t hz;

	*measured = false;
	if (!reference_runs() || !take_sample(&s0))
		return ASSUMED_RATE_HZ;
	while (v2m_sys_24mhz() - s0.ref < MEASURE_TICKS)
		;
	if (!take_sample(&s1) || s1.ref == s0.ref)
		return ASSUMED_RATE_HZ;

	hz = (s1.gt - s0.gt) * V2M_SYS_24MHZ_HZ / (s1.ref - s0.ref);
	*measured = true;
	return (unsigned long)((hz + ROUND_HZ / 2) / ROUND_HZ * ROUND_HZ);
}
