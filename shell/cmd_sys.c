/*
 * cmd_sys.c - help, version, uptime, poweroff, reboot.
 */
#include <stdio.h>
#include <string.h>
#include "shell/commands.h"
#include "shell/shell.h"
#include "board/board.h"
#include "drivers/gtimer.h"

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
	return CMD_OK;
}

int do_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("slablab %s\n%s\n", board_version(), board_build_info());
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
