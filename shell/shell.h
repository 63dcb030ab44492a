/*
 * shell.h - the UART shell (shell/) and its command table.
 *
 * A command is one entry in shell/commands.c: its name, how many
 * arguments it takes, its handler, a usage line and help text.  A
 * handler returns CMD_OK, or prints one "error: ..." line and returns
 * CMD_FAIL, or prints one "error: ..." line and returns CMD_USAGE to
 * have the shell print the usage line after it (a subcommand's own
 * line, through cmd_sub_usage()).  cmd_error() and cmd_usage_error() do
 * the printing.
 *
 * Every command runs under a fault guard (boot/fault.h): a fault inside
 * it ends the command with an error, never the shell.
 */
#ifndef SHELL_SHELL_H
#define SHELL_SHELL_H

#include <stdbool.h>
#include <stdint.h>
#include "compiler.h"

enum cmd_result { CMD_OK = 0, CMD_FAIL = 1, CMD_USAGE = 2 };

#define ARGS_UNLIMITED (-1)

struct shell_cmd {
	const char *name;
	int min_args;		/* not counting the name */
	int max_args;		/* or ARGS_UNLIMITED */
	int (*handler)(int argc, char **argv);	/* argv[0] is the name as typed */
	const char *usage;
	const char *help;	/* first line: the summary "help" lists */
	bool size_suffix;	/* accepts NAME.b/.w/.l (like U-Boot's md) */
};

/* The table, in the order "help" lists it (shell/commands.c). */
extern const struct shell_cmd shell_commands[];
extern const unsigned int shell_ncommands;

/* CPU 0 after boot: read and run commands forever. */
__noreturn void shell_main(void);

/* Run one command already split into words, on the calling CPU. */
int shell_exec(int argc, char **argv);
const struct shell_cmd *shell_find(const char *name);

/*
 * True once the user has typed Ctrl-C during the current command; a
 * command that can run long polls it and stops with cmd_interrupted().
 */
bool shell_interrupted(void);
int cmd_interrupted(void);

/*
 * Wait up to @ticks jiffies for a key or a Ctrl-C (true), serving
 * cross-CPU work meanwhile; false if the time ran out.  A key in
 * @consume is taken; any other stays in the input, so the first
 * character of a line typed ahead is not lost.  For commands that
 * refresh until a key is pressed (slabtop -d).
 */
bool shell_wait_key(unsigned long ticks, const char *consume);

__printf(1, 2) int cmd_error(const char *fmt, ...);
__printf(1, 2) int cmd_usage_error(const char *fmt, ...);
/*
 * For a command with subcommands: turn a subcommand's CMD_USAGE into
 * its own @usage line (printed here) and CMD_FAIL, so that the shell
 * does not follow it with the whole command's usage; other results pass.
 */
int cmd_sub_usage(int ret, const char *usage);
/*
 * schedule_on_each_cpu(@fn, @arg) for the command's @what ("the run"):
 * CMD_OK, or the one error line that says whether a CPU stopped or a
 * CPU's share faulted (that fault's own report is printed above it).
 */
int cmd_on_each_cpu(int (*fn)(void *), void *arg, const char *what);
/* Parse a number argument, printing "error: bad WHAT 'ARG': why" on failure. */
bool cmd_parse_u32(const char *what, const char *arg, uint32_t max, uint32_t *out);
/* As cmd_parse_u32, also refusing 0: "error: bad WHAT 'ARG': must be at least 1". */
bool cmd_parse_count(const char *what, const char *arg, uint32_t max, uint32_t *out);

#endif /* SHELL_SHELL_H */
