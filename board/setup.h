/*
 * setup.h - board/ internals shared by its files; nothing outside
 * board/ includes this.
 */
#ifndef BOARD_SETUP_H
#define BOARD_SETUP_H

#include <stddef.h>
#include <stdint.h>
#include "board/board.h"

/* The board's description, filled in by CPU 0 while it boots. */
extern struct board_info board;

/* Entry points called from boot/entry.S. */
__noreturn void board_start(uint32_t machine_id, uint32_t boot_params);
/* @entered_via: SECONDARY_ENTERED_* (boot/arm.h). */
__noreturn void board_secondary_start(unsigned int cpu, unsigned int entered_via);

/* MMU off: the identity map, with the whole 1 GiB DRAM window. */
void board_map_memory(void);
/* Unmap the part of the DRAM window beyond @size. */
void board_trim_dram(size_t size);

#endif /* BOARD_SETUP_H */
