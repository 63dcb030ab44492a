/*
 * dram.h - how much DRAM the board has (board/dram.c).
 */
#ifndef BOARD_DRAM_H
#define BOARD_DRAM_H

#include <stddef.h>
#include <stdint.h>

/*
 * Size of the DRAM at V2P_CA9_DRAM_BASE: from the ATAG_MEM a boot loader
 * passed at @boot_params, else by probing.  MMU off; *@source names the
 * method.  Runs before the console exists.
 */
size_t dram_detect(uint32_t boot_params, const char **source);

#endif /* BOARD_DRAM_H */
