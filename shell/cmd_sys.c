/*
 * cmd_sys.c - help, version, uptime, sleep, poweroff, reboot.
 */
#include <stdio.h>
#include <string.h>
#include "shell/commands.h"
#include "shell/shell.h"
#include "shell/parse.h"
#include "board/board.h"
#include "boot/cpu.h"
#include "drivers/gtimer.h"
#include "jiffies.h"

#define SLEEP_MAX_SECONDS 3600

#define HELP_USAGE_WIDTH 34

static int first_line_len(const char *text)
{
	const char *nl = strchr(text, '\n');

	return nl ? (int)(nl - text) : (int)strlen(text);
}

int do_help(int argc, char **argv)
{
	if (argc == 2) {
		const struct shell_cmd *cmd = shell_find(argv[1]);

		if (!cmd)
			return cmd_error("unknown command '%s' (try 'help')", argv[1]);
		printf("usage: %s\n%s\n", cmd->usage, cmd->help);
#if defined(CONFIG_SLUB) && CONFIG_SLUB
		if (slub_help_for(cmd->name))
			printf("%s\n", slub_help_for(cmd->name));
#endif
		return CMD_OK;
	}
	printf("Commands ('help CMD' explains one; numbers take 0x and K/M/G):\n");
	for (unsigned int i = 0; i < shell_ncommands; i++) {
		const struct shell_cmd *cmd = &shell_commands[i];

		/* a usage too long for its column gets the summary on its own line */
		if (strlen(cmd->usage) > HELP_USAGE_WIDTH)
			printf("  %s\n  %-*s %.*s\n", cmd->usage, HELP_USAGE_WIDTH, "",
			       first_line_len(cmd->help), cmd->help);
		else
			printf("  %-*s %.*s\n", HELP_USAGE_WIDTH, cmd->usage,
			       first_line_len(cmd->help), cmd->help);
	}
#if defined(CONFIG_SLUB) && CONFIG_SLUB
	slub_help_note();
#endif
	return CMD_OK;
}

int do_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("slablab %s\n%s\nAllocator: %s\n", board_version(), board_build_info(),
	       board_allocator());
	return CMD_OK;
}

int do_uptime(int argc, char **argv)
{
	uint64_t ms = gtimer_to_us(gtimer_read() - gtimer_start()) / 1000;
	unsigned long sec = (unsigned long)(ms / 1000);

	(void)argc;
	(void)argv;
	printf("up %lu days, %02lu:%02lu:%02lu.%03lu (%lu.%03lu s since boot)\n",
	       sec / 86400, sec / 3600 % 24, sec / 60 % 60, sec % 60,
	       (unsigned long)(ms % 1000), sec, (unsigned long)(ms % 1000));
	return CMD_OK;
}

static bool bad_seconds(const char *arg)
{
	cmd_usage_error("bad seconds '%s': expected N or N.NN", arg);
	return false;
}

/*
 * "N" or "N.F" seconds (F at most two digits: a tick is 10 ms) as
 * ticks; false, after printing the usage error, if it is neither.
 */
static bool parse_seconds(const char *arg, unsigned long *ticks)
{
	char whole[12];
	const char *dot = strchr(arg, '.');
	size_t n = dot ? (size_t)(dot - arg) : strlen(arg);
	unsigned long hundredths = 0, scale = 10;
	uint32_t sec;

	if (n == 0 || n >= sizeof(whole) || (dot && (!dot[1] || strlen(dot + 1) > 2)))
		return bad_seconds(arg);
	memcpy(whole, arg, n);
	whole[n] = '\0';
	if (!cmd_parse_u32("seconds", whole, SLEEP_MAX_SECONDS, &sec))
		return false;
	for (const char *p = dot ? dot + 1 : ""; *p; p++, scale /= 10) {
		if (*p < '0' || *p > '9')
			return bad_seconds(arg);
		hundredths += (unsigned long)(*p - '0') * scale;
	}
	*ticks = sec * HZ + hundredths * HZ / 100;
	return true;
}

static bool deadline_or_break(void *arg)
{
	return time_after_eq(jiffies, *(unsigned long *)arg) || shell_interrupted();
}

/* U-Boot's sleep: wait, doing nothing, while the timers (the reaper's) run. */
int do_sleep(int argc, char **argv)
{
	unsigned long ticks, deadline;

	(void)argc;
	if (!parse_seconds(argv[1], &ticks))
		return CMD_USAGE;
	deadline = jiffies + ticks;
	cpu_wait_event(deadline_or_break, &deadline);
	return shell_interrupted() ? cmd_interrupted() : CMD_OK;
}

int do_poweroff(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	board_poweroff();
}

int do_reboot(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	board_reboot();
}
