/*
 * board.h - what the rest of the firmware may ask the board (board/).
 */
#ifndef BOARD_BOARD_H
#define BOARD_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compiler.h"
#include "smp.h"

#define HZ 100		/* per-CPU tick rate */

struct board_info {
	uintptr_t periphbase;		/* A9 MPCore private region (CBAR) */
	uintptr_t dram_base;
	size_t dram_size;
	const char *dram_source;	/* "ATAG_MEM" or "probe" */
	uint32_t sys_id;		/* V2M SYS_ID */
	uint32_t procid;		/* daughterboard SYS_PROCID0 */
	unsigned long timer_hz;		/* global timer rate */
	bool timer_measured;		/* false: SYS_24MHZ gave no reading */
	uintptr_t image_start, image_end;
	uint32_t boot_params;		/* r2 from the loader */
	unsigned int entered_via[NR_CPUS];	/* secondaries: SECONDARY_ENTERED_* */
};

const struct board_info *board_info(void);
const char *board_version(void);
const char *board_build_info(void);

/* True if reading @size bytes at @addr would change a device's state. */
bool board_read_has_side_effects(uintptr_t addr, unsigned int size);

/* Print the boot banner (also used by the shell's "version"). */
void board_print_banner(void);

__noreturn void board_poweroff(void);
__noreturn void board_reboot(void);

#endif /* BOARD_BOARD_H */
