/*
 * gtimer.c - timestamps and cycle measurement from the global timer.
 *
 * The counter runs at PERIPHCLK, which depends on how the board's clocks
 * are set; the board measures it at boot against the 24 MHz reference
 * (board/clock.c).  Reading is lock-free: the high word is read on both
 * sides of the low word and the read retried if it moved.
 *
 * It is also sched_clock() (include/jiffies.h), the clock of the kernel
 * log's timestamps, so the drivers layer that keeps the log has it.
 */
#include "drivers/gtimer.h"
#include "io.h"
#include "jiffies.h"

#define GT_COUNTER_LO   0x00
#define GT_COUNTER_HI   0x04
#define GT_CONTROL      0x08
#define GT_CTRL_ENABLE  (1u << 0)

static uintptr_t gt;
static unsigned long gt_rate = 1;
static uint64_t gt_start;

void gtimer_init(uintptr_t base)
{
	gt = base;
	/*
	 * Counting every PERIPHCLK cycle and nothing else: a loader may have
	 * left a prescaler (the counter would run 1/(N+1) as fast, and the
	 * rate measured would be that) or its comparator on.  The count
	 * itself is kept: it only ever goes up.
	 */
	if (readl(gt + GT_CONTROL) != GT_CTRL_ENABLE)
		writel(GT_CTRL_ENABLE, gt + GT_CONTROL);
	gt_start = gtimer_read();
}

uint64_t gtimer_start(void)
{
	return gt_start;
}

uint64_t gtimer_read(void)
{
	uint32_t hi, lo;

	do {
		hi = readl(gt + GT_COUNTER_HI);
		lo = readl(gt + GT_COUNTER_LO);
	} while (readl(gt + GT_COUNTER_HI) != hi);
	return ((uint64_t)hi << 32) | lo;
}

void gtimer_set_rate(unsigned long hz)
{
	gt_rate = hz;
}

unsigned long gtimer_rate(void)
{
	return gt_rate;
}

uint64_t gtimer_to_ns(uint64_t ticks)
{
	/* Split to stay exact without overflowing for ~580 years at 1 GHz. */
	return (ticks / gt_rate) * 1000000000ull +
	       (ticks % gt_rate) * 1000000000ull / gt_rate;
}

uint64_t gtimer_to_us(uint64_t ticks)
{
	return (ticks / gt_rate) * 1000000ull + (ticks % gt_rate) * 1000000ull / gt_rate;
}

void gtimer_udelay(unsigned long us)
{
	uint64_t end = gtimer_read() + (uint64_t)us * gt_rate / 1000000;

	while (gtimer_read() < end)
		;
}

/* Nanoseconds since gtimer_init(); 0 before it (a printk that early). */
unsigned long long sched_clock(void)
{
	if (!gt)
		return 0;
	return gtimer_to_ns(gtimer_read() - gtimer_start());
}
