/*
 * shell.c - the read-run loop on CPU 0 and command dispatch.
 *
 * shell_main() owns the line editor; it runs only on CPU 0, so the
 * editor needs no lock.  Tab completion reads the cache names live, under
 * cache_chain_lock, inside a fault guard: if a stopped CPU holds that
 * lock ("fault N locked"), the wait ends as a fault and Tab offers no
 * cache, instead of the shell hanging.  shell_exec() may run on any CPU ("cpu N ..."
 * calls it there through smp_call_on_cpu()); it touches only its
 * arguments and the read-only command table.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "shell/shell.h"
#include "shell/line_edit.h"
#include "shell/complete.h"
#include "shell/parse.h"
#include "shell/cmd_cache.h"
#include "boot/cpu.h"
#include "boot/fault.h"
#include "drivers/console.h"
#include "jiffies.h"
#include "mm/slab_inspect.h"

#define PROMPT "slab> "

static struct line_editor editor;	/* CPU 0 only */

static void editor_output(void *ctx, const char *s, size_t len)
{
	(void)ctx;
	console_write(s, len);
}

static void complete_commands(void *ctx, le_emit_fn emit, void *arg)
{
	(void)ctx;
	for (unsigned int i = 0; i < shell_ncommands; i++)
		emit(arg, shell_commands[i].name, strlen(shell_commands[i].name));
}

struct emit_to {
	le_emit_fn emit;
	void *arg;
};

static void emit_cache_row(const struct slabinfo_row *row, void *arg)
{
	struct emit_to *to = arg;

	to->emit(to->arg, row->name, strlen(row->name));
}

static int walk_caches(void *arg)
{
	kmem_cache_for_each_row(emit_cache_row, arg);
	return 0;
}

static void complete_caches(void *ctx, le_emit_fn emit, void *arg)
{
	struct emit_to to = { emit, arg };
	struct fault_record rec;

	(void)ctx;
	fault_guard_call(walk_caches, &to, NULL, &rec);	/* faulted: the names so far */
}

static const struct complete_source complete_source = {
	complete_commands, complete_caches, NULL,
};

/* Room for a quoted word of a full line and the text around it. */
#define ERROR_MSG_MAX (LE_LINE_MAX + 160)

static int vprint_error(const char *fmt, va_list ap)
{
	char msg[ERROR_MSG_MAX];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	console_start_line();
	printf("error: %s\n", msg);
	return CMD_FAIL;
}

int cmd_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint_error(fmt, ap);
	va_end(ap);
	return CMD_FAIL;
}

int cmd_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint_error(fmt, ap);
	va_end(ap);
	return CMD_USAGE;
}

int cmd_sub_usage(int ret, const char *usage)
{
	if (ret != CMD_USAGE)
		return ret;
	printf("usage: %s\n", usage);
	return CMD_FAIL;
}

int cmd_on_each_cpu(int (*fn)(void *), void *arg, const char *what)
{
	switch (schedule_on_each_cpu(fn, arg)) {
	case 0:
		return CMD_OK;
	case -EFAULT:
		return cmd_error("a CPU's share of %s faulted (above); what it held is lost", what);
	default:
		return cmd_error("a CPU stopped during %s", what);
	}
}

bool shell_interrupted(void)
{
	return console_break_pending();
}

int cmd_interrupted(void)
{
	return cmd_error("interrupted by Ctrl-C");
}

static bool key_or_deadline(void *arg)
{
	unsigned long deadline = *(unsigned long *)arg;

	return console_has_input() || console_break_pending() || time_after_eq(jiffies, deadline);
}

bool shell_wait_key(unsigned long ticks, const char *consume)
{
	unsigned long deadline = jiffies + ticks;
	int c;

	console_flush();
	cpu_wait_event(key_or_deadline, &deadline);
	if (console_break_pending())
		return true;
	c = console_peekc();
	if (c < 0)			/* the byte was a Ctrl-C, or none came */
		return console_break_pending();
	if (c != '\0' && strchr(consume, c))
		console_trygetc();
	return true;
}

bool cmd_parse_u32(const char *what, const char *arg, uint32_t max, uint32_t *out)
{
	const char *why = parse_u32(arg, out, max);

	if (why)
		cmd_usage_error("bad %s '%s': %s", what, arg, why);
	return why == NULL;
}

bool cmd_parse_count(const char *what, const char *arg, uint32_t max, uint32_t *out)
{
	if (!cmd_parse_u32(what, arg, max, out))
		return false;
	if (*out == 0) {
		cmd_usage_error("bad %s '%s': must be at least 1", what, arg);
		return false;
	}
	return true;
}

const struct shell_cmd *shell_find(const char *name)
{
	const char *dot = strchr(name, '.');

	for (unsigned int i = 0; i < shell_ncommands; i++) {
		const struct shell_cmd *cmd = &shell_commands[i];

		if (strcmp(cmd->name, name) == 0)
			return cmd;
		if (dot && cmd->size_suffix && strlen(cmd->name) == (size_t)(dot - name) &&
		    strncmp(cmd->name, name, (size_t)(dot - name)) == 0)
			return cmd;
	}
	return NULL;
}

struct exec_args {
	const struct shell_cmd *cmd;
	int argc;
	char **argv;
};

static int run_handler(void *arg)
{
	struct exec_args *x = arg;

	return x->cmd->handler(x->argc, x->argv);
}

static int check_arg_count(const struct shell_cmd *cmd, int nargs)
{
	if (nargs < cmd->min_args)
		return cmd_usage_error("%s: missing argument", cmd->name);
	if (cmd->max_args != ARGS_UNLIMITED && nargs > cmd->max_args)
		return cmd_usage_error("%s: too many arguments", cmd->name);
	return CMD_OK;
}

int shell_exec(int argc, char **argv)
{
	struct exec_args x = { shell_find(argv[0]), argc, argv };
	struct fault_record rec;
	int ret;

	if (!x.cmd)
		return cmd_error("unknown command '%s' (try 'help')", argv[0]);
	ret = check_arg_count(x.cmd, argc - 1);
	if (ret == CMD_OK && !fault_guard_call(run_handler, &x, &ret, &rec)) {
		char what[160];

		fault_describe(&rec, what, sizeof(what));
		return cmd_error("%s", what);
	}
	if (ret == CMD_USAGE)
		printf("usage: %s\n", x.cmd->usage);
	return ret;
}

static void run_line(const char *text)
{
	char buf[LE_LINE_MAX + 1];
	char *argv[SHELL_MAX_ARGS];
	int argc;

	strncpy(buf, text, sizeof(buf) - 1);
	buf[sizeof(buf) - 1] = '\0';
	argc = parse_words(buf, argv, SHELL_MAX_ARGS);
	if (argc < 0) {
		cmd_error("%s", parse_words_error(argc));
	} else if (argc > 0) {
		cache_trace_report(true);
		console_watch_break(true);
		shell_exec(argc, argv);
		console_watch_break(false);
		cache_trace_report(false);
	}
}

void shell_main(void)
{
	enum le_result r;

	printf("Type 'help' for the list of commands.\n");
	le_init(&editor, PROMPT, editor_output, shell_complete, (void *)&complete_source);
	for (;;) {
		console_start_line();
		le_start(&editor);
		do
			r = le_feed(&editor, console_getc());
		while (r == LE_CONTINUE);

		if (r == LE_LINE)
			run_line(le_line(&editor));
		else if (r == LE_TOO_LONG)
			cmd_error("line too long (at most %d characters)", LE_LINE_MAX);
	}
}
