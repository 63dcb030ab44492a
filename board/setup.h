/*
 * setup.h - board/ internals shared by its files; nothing outside
 * board/ includes this.
 */
#ifndef BOARD_SETUP_H
#define BOARD_SETUP_H

#include <stddef.h>
#include <stdint.h>
#include "board/board.h"
#include "smp.h"

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
	unsigned long mem_init_us;	/* time mem_init() took */
	unsigned int entered_via[NR_CPUS];	/* secondaries: SECONDARY_ENTERED_* */
	/* Per CPU, written by that CPU before it goes online: */
	uint32_t entry_sctlr[NR_CPUS];	/* SCTLR as the loader left it */
	uint32_t errata_diag[NR_CPUS];	/* diagnostic register after the errata */
};

/* The board's description, filled in by CPU 0 while it boots. */
extern struct board_info board;

/*
 * Entry points called from boot/entry.S.  @entry_sctlr: SCTLR as the
 * loader left it (entry.S has since turned the MMU and caches off).
 */
__noreturn void board_start(uint32_t machine_id, uint32_t boot_params,
			    uint32_t entry_sctlr);
/* @entered_via: SECONDARY_ENTERED_* (boot/arm.h). */
__noreturn void board_secondary_start(unsigned int cpu, unsigned int entered_via,
				      uint32_t entry_sctlr);

/* MMU off: the identity map, the DRAM window past the image uncached. */
void board_map_memory(void);
/* After the probe: DRAM up to @size cacheable, the rest unmapped. */
void board_trim_dram(size_t size);
/* The MiBs of DRAM the image covers: present, never probed. */
size_t board_image_mib(void);

/* boot/entry.S, CPU 0, before any store: a loader's PL310 cleaned and off. */
void board_outer_cache_off(void);
/* MMU on, CPU 0 alone: the PL310 on (CONFIG_L2X0), outer_cache installed. */
void board_outer_cache_init(void);
/* The banner's L2 line. */
void board_print_l2(void);

#endif /* BOARD_SETUP_H */
