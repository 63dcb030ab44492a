/*
 * fuzz_line_edit.c - libFuzzer target: the shell's line editor
 * (shell/line_edit.c) with the shell's Tab completion (shell/complete.c)
 * over the real command table's names and a few cache names.
 *
 * The input is the bytes a terminal sends, fed one at a time as
 * console_getc() hands them to shell_main().  After every byte the
 * editor's state must be sound: the line NUL-terminated at len, len at
 * most LE_LINE_MAX, the cursor inside it, the history within its
 * bounds; a finished line is what le_line() returns, at most
 * LE_LINE_MAX characters, all printable.  The echo goes to a callback
 * that only counts it (a redraw must stay bounded too).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "shell/complete.h"
#include "shell/line_edit.h"
#include "shell/shell.h"

static size_t echoed;

static void fail(const char *why)
{
	(void)why;
	abort();
}

static void count_output(void *ctx, const char *s, size_t len)
{
	(void)ctx;
	for (size_t i = 0; i < len; i++)	/* read every byte: ASan checks the range */
		echoed += (unsigned char)s[i] != 0xff;
}

static void emit_commands(void *ctx, le_emit_fn emit, void *arg)
{
	(void)ctx;
	for (unsigned int i = 0; i < shell_ncommands; i++)
		emit(arg, shell_commands[i].name, strlen(shell_commands[i].name));
}

static void emit_caches(void *ctx, le_emit_fn emit, void *arg)
{
	static const char *const names[] = {
		"size-32", "size-32(DMA)", "size-4096", "size-4096(DMA)", "kmem_cache", "figo",
	};

	(void)ctx;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		emit(arg, names[i], strlen(names[i]));
}

static const struct complete_source source = { emit_commands, emit_caches, NULL };

static void check_state(const struct line_editor *le)
{
	if (le->len > LE_LINE_MAX || le->pos > le->len || le->line[le->len] != '\0')
		fail("line bounds");
	if (le->hist_count > LE_HISTORY || le->hist_newest >= LE_HISTORY ||
	    le->hist_pos > le->hist_count)
		fail("history bounds");
	if (le->esc_nparam > LE_ESC_PARAM_MAX + 1)	/* one past: too long */
		fail("escape parameter bounds");
}

static void check_line(const char *line)
{
	size_t len = strlen(line);

	if (len > LE_LINE_MAX)
		fail("a line longer than LE_LINE_MAX");
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)line[i] < 0x20 || (unsigned char)line[i] >= 0x7f)
			fail("a control or 8-bit byte in a finished line");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct line_editor le;

	le_init(&le, "slab> ", count_output, shell_complete, (void *)&source);
	le_start(&le);
	echoed = 0;
	for (size_t i = 0; i < size; i++) {
		enum le_result r = le_feed(&le, data[i]);

		check_state(&le);
		if (r == LE_LINE)
			check_line(le_line(&le));
		if (r != LE_CONTINUE)
			le_start(&le);
		for (unsigned int n = 1; n <= LE_HISTORY + 1; n++) {
			const char *h = le_history(&le, n);

			if (h)
				check_line(h);
		}
	}
	/* a redraw is at most a few lines' worth of bytes per key */
	if (echoed > (size + 1) * 8 * (LE_LINE_MAX + 16))
		fail("echo out of proportion");
	return 0;
}
