/*
 * fuzz_handlers.c - weak stand-ins for the command handlers a fuzz
 * target does not link for real (tests/fuzz/fuzz.mk says which it does).
 *
 * shell/commands.c's table is linked as it is, so dispatch (shell_find,
 * the argument counts, the usage lines) is the shell's own; a handler
 * that needs the board (timers, CPUs, MMIO, the UART) answers CMD_OK
 * here, after reading each argument as a number the way most commands
 * do, so the parser sees every word.
 */
#include <stdint.h>
#include "shell/commands.h"
#include "shell/parse.h"
#include "shell/shell.h"

static int board_only(int argc, char **argv)
{
	uint64_t v;

	for (int i = 1; i < argc; i++)
		(void)parse_u64(argv[i], &v);
	return CMD_OK;
}

#define STAND_IN(name) \
	__attribute__((weak)) int name(int argc, char **argv) { return board_only(argc, argv); }

STAND_IN(do_help)
STAND_IN(do_version)
STAND_IN(do_uptime)
STAND_IN(do_sleep)
STAND_IN(do_dmesg)
STAND_IN(do_poweroff)
STAND_IN(do_reboot)
STAND_IN(do_cpus)
STAND_IN(do_cpu)
STAND_IN(do_md)
STAND_IN(do_fault)
STAND_IN(do_smp)
STAND_IN(do_buddyinfo)
STAND_IN(do_meminfo)
STAND_IN(do_pages)
STAND_IN(do_slabinfo)
STAND_IN(do_slabstress)
STAND_IN(do_stress)
STAND_IN(do_reap)
STAND_IN(do_slabtop)
STAND_IN(do_cache)
STAND_IN(do_kmalloc)
STAND_IN(do_kfree)
STAND_IN(do_ksize)
STAND_IN(do_whatis)
STAND_IN(do_selftest)
STAND_IN(do_verify)
STAND_IN(do_bench)
STAND_IN(do_slub_debug)
