/*
 * cmd_dmesg.c - dmesg: the kernel log (drivers/printk.c), as util-linux's
 * dmesg prints it: every line kept, oldest first, each with its
 * "[seconds.micros] " timestamp.  -c prints and then clears what it
 * printed (a line logged meanwhile stays for the next dmesg), -C clears
 * without printing.  Lines are copied out one at a time under the log's
 * lock and printed with printf, so printing never holds the lock and a
 * line dropped while we print is skipped, never cut.
 */
#include <stdio.h>
#include <string.h>
#include "drivers/log_buf.h"
#include "shell/commands.h"
#include "shell/shell.h"

int do_dmesg(int argc, char **argv)
{
	char line[LOG_READ_MAX];
	unsigned long pos;
	bool clear = false;

	if (argc == 2 && strcmp(argv[1], "-C") == 0) {
		log_buf_clear();
		return CMD_OK;
	}
	if (argc == 2 && strcmp(argv[1], "-c") != 0)
		return cmd_usage_error("dmesg: expected -c or -C, not '%s'", argv[1]);
	clear = argc == 2;
	pos = log_buf_first();
	while (log_buf_next(&pos, line, sizeof(line)))
		printf("%s", line);
	if (clear)
		log_buf_clear_to(pos);
	return CMD_OK;
}
