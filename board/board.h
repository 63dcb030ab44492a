/*
 * board.h - what the rest of the firmware may ask the board (board/).
 */
#ifndef BOARD_BOARD_H
#define BOARD_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compiler.h"

const char *board_version(void);
const char *board_build_info(void);
/* Which allocator the image runs: "SLUB", and "SLUB (Linux 2.6.32)". */
const char *board_allocator_name(void);
const char *board_allocator(void);

/* True if reading @size bytes at @addr would change a device's state. */
bool board_read_has_side_effects(uintptr_t addr, unsigned int size);

/* Print the boot banner up to the DRAM line. */
void board_print_banner(void);

__noreturn void board_poweroff(void);
__noreturn void board_reboot(void);

#endif /* BOARD_BOARD_H */
