/*
 * v2m_sysreg.c - Versatile Express motherboard system registers
 * (V2M-P1 TRM, DUI0447, section 4.3).
 *
 * SYS_CFGCTRL starts a transfer on the board's configuration bus: the
 * function (8 = shutdown, 9 = reboot), the site (0 = motherboard) and the
 * device number; SYS_CFGSTAT says when it completed.  QEMU exits on
 * shutdown and resets the machine on reboot.
 *
 * The board passes the base address in (board/vexpress.h).
 */
#include "drivers/v2m_sysreg.h"
#include "io.h"

#define V2M_SYS_ID               0x000
#define V2M_SYS_SW               0x004
#define V2M_SYS_LED              0x008
#define V2M_SYS_100HZ            0x024
#define V2M_SYS_FLAGSSET         0x030   /* read: SYS_FLAGS */
#define V2M_SYS_FLAGSCLR         0x034
#define V2M_SYS_NVFLAGSSET       0x038
#define V2M_SYS_NVFLAGSCLR       0x03c
#define V2M_SYS_24MHZ            0x05c
#define V2M_SYS_MISC             0x060
#define V2M_SYS_PROCID0          0x084
#define V2M_SYS_PROCID1          0x088
#define V2M_SYS_CFGDATA          0x0a0
#define V2M_SYS_CFGCTRL          0x0a4
#define V2M_SYS_CFGSTAT          0x0a8

/* SYS_CFGCTRL: start | write | DCC | function | site | position | device */
#define V2M_SYS_CFG_START        (1u << 31)
#define V2M_SYS_CFG_WRITE        (1u << 30)
#define V2M_SYS_CFG_FUNC_SHIFT   20
#define V2M_SYS_CFG_SITE_SHIFT   16
#define V2M_SYS_CFG_SITE_MB      0u
#define V2M_SYS_CFG_SHUTDOWN     8u
#define V2M_SYS_CFG_REBOOT       9u
#define V2M_SYS_CFGSTAT_COMPLETE (1u << 0)
#define V2M_SYS_CFGSTAT_ERROR    (1u << 1)

#define CFG_WAIT_LOOPS           10000000

static uintptr_t sysregs;

void v2m_sysreg_init(uintptr_t base)
{
	sysregs = base;
}

void v2m_set_leds(uint32_t value)
{
	writel(value, sysregs + V2M_SYS_LED);
}

uint32_t v2m_sys_id(void)
{
	return readl(sysregs + V2M_SYS_ID);
}

uint32_t v2m_sys_procid0(void)
{
	return readl(sysregs + V2M_SYS_PROCID0);
}

uint32_t v2m_sys_24mhz(void)
{
	return readl(sysregs + V2M_SYS_24MHZ);
}

void v2m_set_flags(uint32_t value)
{
	writel(~0u, sysregs + V2M_SYS_FLAGSCLR);
	writel(value, sysregs + V2M_SYS_FLAGSSET);
}

static void cfg_write(uint32_t function, uint32_t site, uint32_t device)
{
	writel(0, sysregs + V2M_SYS_CFGSTAT);
	writel(0, sysregs + V2M_SYS_CFGDATA);
	writel(V2M_SYS_CFG_START | V2M_SYS_CFG_WRITE |
	       (function << V2M_SYS_CFG_FUNC_SHIFT) |
	       (site << V2M_SYS_CFG_SITE_SHIFT) | device,
	       sysregs + V2M_SYS_CFGCTRL);
	for (unsigned int i = 0; i < CFG_WAIT_LOOPS; i++)
		if (readl(sysregs + V2M_SYS_CFGSTAT) &
		    (V2M_SYS_CFGSTAT_COMPLETE | V2M_SYS_CFGSTAT_ERROR))
			return;
}

void v2m_poweroff(void)
{
	cfg_write(V2M_SYS_CFG_SHUTDOWN, V2M_SYS_CFG_SITE_MB, 0);
}

void v2m_reboot(void)
{
	cfg_write(V2M_SYS_CFG_REBOOT, V2M_SYS_CFG_SITE_MB, 0);
}
