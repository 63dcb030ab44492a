/*
 * l2cache.c - the CoreTile A9x4's PL310 L2 as this board sets it up
 * (the controller itself is drivers/l2x0.c).
 *
 * CPU 0 only, during boot: board_outer_cache_init() right after the MMU
 * is on and before any other CPU leaves the pen, so the outer_cache
 * operations are in place before anything needs them.  Whatever the
 * build, a controller a loader left on was already cleaned and turned
 * off at entry (board/early.S).
 *
 * CONFIG_L2X0 (make L2X0=0|1, default 1, in build/l2x0_config.h) says
 * whether to turn it on.  On by default everywhere, QEMU included: the
 * image users flash is the image the tests boot, and QEMU models the
 * PL310's registers only (no cache behind them), so turning it on there
 * changes nothing but runs and checks the register sequence on every
 * boot.
 */
#include <stdio.h>
#include "board/setup.h"
#include "board/vexpress.h"
#include "drivers/l2x0.h"
#include "l2x0_config.h"

/*
 * Linux's ct-ca9x4.c: tag and data RAM latencies of one cycle (0) for
 * this tile, and the auxiliary control's bits 20-24 cleared but for
 * bit 22, "shared attribute override": shareable normal memory is then
 * cached as normal memory instead of being treated as non-cacheable.
 */
#define CT_CA9X4_L2X0_TAG_LATENCY	0
#define CT_CA9X4_L2X0_DATA_LATENCY	0
#define CT_CA9X4_L2X0_AUX_VAL		0x00400000u
#define CT_CA9X4_L2X0_AUX_MASK		0xfe0fffffu

void board_outer_cache_init(void)
{
	if (!CONFIG_L2X0)
		return;
	l2x0_set_latencies(CT_CA9X4_L2CC, CT_CA9X4_L2X0_TAG_LATENCY, CT_CA9X4_L2X0_DATA_LATENCY);
	l2x0_init(CT_CA9X4_L2CC, CT_CA9X4_L2X0_AUX_VAL, CT_CA9X4_L2X0_AUX_MASK);
}

/* The banner's L2 line: what is there, and whether it is on. */
void board_print_l2(void)
{
	struct l2x0_info l2;

	l2x0_describe(CT_CA9X4_L2CC, &l2);
	if (!l2.is_pl310) {
		printf("L2: no PL310 at 0x%08lx (CACHE_ID 0x%08lx)\n",
		       (unsigned long)CT_CA9X4_L2CC, (unsigned long)l2.cache_id);
		return;
	}
	printf("L2: PL310 at 0x%08lx, CACHE_ID 0x%08lx, AUX_CTRL 0x%08lx, %u ways, %u KiB, %s%s\n",
	       (unsigned long)CT_CA9X4_L2CC, (unsigned long)l2.cache_id,
	       (unsigned long)l2.aux_ctrl, l2.ways, l2.size_kib,
	       l2.enabled ? "on" : CONFIG_L2X0 ? "off" : "off (built with L2X0=0)",
	       l2.found_on ? "; a loader had left it on: cleaned and turned off at entry" : "");
}
