/*
 * watchdog.c - turning off watchdogs that an earlier OS left running.
 *
 * The firmware feeds no watchdog, so one left armed by a previous boot
 * (a Linux that had the driver loaded, a loader that arms one) would
 * reset the board minutes into a session.  CPU 0 disables them all once,
 * early in boot; they are never touched again.
 *
 * Cortex-A9 MPCore private watchdog (DDI0407 4.3): once in watchdog mode
 * it can only be taken out by writing 0x12345678 then 0x87654321 to its
 * disable register; then it is an ordinary timer, which we stop.
 *
 * ARM SP805 (DDI0270): control writes are ignored until 0x1ACCE551 is
 * written to WDOGLOCK; any other value there locks it again.  Like
 * Linux's AMBA bus, the PrimeCell ID registers are read first and an
 * SP805 is only written if they say it is one, so an address with
 * nothing there (or something else) is left alone.
 */
#include "drivers/watchdog.h"
#include "io.h"

/* A9 watchdog, offsets from the watchdog's base (PERIPHBASE + 0x620). */
#define A9_WDOG_CONTROL     0x08
#define A9_WDOG_INTSTAT     0x0c
#define A9_WDOG_RESETSTAT   0x10
#define A9_WDOG_DISABLE     0x14
#define A9_WDOG_DISABLE_1   0x12345678u
#define A9_WDOG_DISABLE_2   0x87654321u

/* SP805 */
#define WDOGCONTROL         0x008
#define WDOGINTCLR          0x00c
#define WDOGLOCK            0xc00
#define WDOGPERIPHID0       0xfe0
#define WDOGPCELLID0        0xff0
#define WDOGLOCK_UNLOCK     0x1acce551u
#define SP805_PART          0x805u
#define AMBA_DESIGNER_ARM   0x41u
#define AMBA_CID            0xb105f00du

void a9_wdt_disable(uintptr_t base)
{
	writel(A9_WDOG_DISABLE_1, base + A9_WDOG_DISABLE);
	writel(A9_WDOG_DISABLE_2, base + A9_WDOG_DISABLE);
	writel(0, base + A9_WDOG_CONTROL);	/* stopped, no interrupt */
	writel(1, base + A9_WDOG_INTSTAT);	/* write-one-to-clear */
	writel(1, base + A9_WDOG_RESETSTAT);
}

/* Four ID registers hold one byte each, least significant first. */
static uint32_t amba_id(uintptr_t reg)
{
	uint32_t id = 0;

	for (unsigned int i = 0; i < 4; i++)
		id |= (readl(reg + 4 * i) & 0xff) << (8 * i);
	return id;
}

uint32_t sp805_periph_id(uintptr_t base)
{
	return amba_id(base + WDOGPERIPHID0);
}

bool sp805_present(uintptr_t base)
{
	uint32_t pid = sp805_periph_id(base);

	return (pid & 0xfff) == SP805_PART &&
	       ((pid >> 12) & 0xff) == AMBA_DESIGNER_ARM &&
	       amba_id(base + WDOGPCELLID0) == AMBA_CID;
}

bool sp805_disable(uintptr_t base)
{
	if (!sp805_present(base))
		return false;
	writel(WDOGLOCK_UNLOCK, base + WDOGLOCK);
	writel(0, base + WDOGCONTROL);		/* no interrupt, no reset */
	writel(1, base + WDOGINTCLR);
	writel(0, base + WDOGLOCK);		/* locked again */
	return true;
}
