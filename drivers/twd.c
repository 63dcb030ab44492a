/*
 * twd.c - the periodic tick: each CPU's private timer, auto-reloading
 * at HZ, interrupting through its PPI.
 *
 * The registers sit at the same address on every CPU and are banked, so
 * each CPU programs its own timer.  Tick counts are per CPU and written
 * only by their CPU, in its interrupt handler.
 */
#include "drivers/twd.h"
#include "cache.h"
#include "compiler.h"
#include "io.h"
#include "percpu.h"

#define TWD_LOAD         0x00
#define TWD_COUNTER      0x04
#define TWD_CONTROL      0x08
#define TWD_INTSTAT      0x0c

#define TWD_CTRL_ENABLE  (1u << 0)
#define TWD_CTRL_RELOAD  (1u << 1)
#define TWD_CTRL_IT      (1u << 2)

static uintptr_t twd;
static unsigned long twd_rate;
static unsigned int tick_hz;
static void (*tick_hook)(void);
static DEFINE_PER_CPU(unsigned long, ticks);	/* owner CPU, in its IRQ */

void twd_init(uintptr_t base, unsigned long rate_hz, unsigned int hz)
{
	twd = base;
	twd_rate = rate_hz;
	tick_hz = hz;
}

void twd_cpu_init(void)
{
	writel(0, twd + TWD_CONTROL);
	writel(1, twd + TWD_INTSTAT);
	writel((uint32_t)(twd_rate / tick_hz - 1), twd + TWD_LOAD);
	writel(TWD_CTRL_ENABLE | TWD_CTRL_RELOAD | TWD_CTRL_IT, twd + TWD_CONTROL);
}

void twd_set_tick_hook(void (*hook)(void))
{
	tick_hook = hook;
}

void twd_handle_irq(unsigned int irq, void *arg)
{
	(void)irq;
	(void)arg;
	writel(1, twd + TWD_INTSTAT);
	__get_cpu_var(ticks)++;
	if (tick_hook)
		tick_hook();
}

unsigned long twd_ticks(unsigned int cpu)
{
	return cpu < NR_CPUS ? READ_ONCE(per_cpu(ticks, cpu)) : 0;
}

unsigned int twd_hz(void)
{
	return tick_hz;
}
