/*
 * test_line_edit.c - shell/line_edit.c: echo, editing keys, history,
 * completion and the line-length limit.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "shell/line_edit.h"

struct screen {
	char text[1 << 16];
	size_t len;
};

static struct line_editor le;
static struct screen screen;

static const char *const names[] = { "help", "cpus", "cpu", "md", "uptime", NULL };

static void capture(void *ctx, const char *s, size_t len)
{
	struct screen *sc = ctx;

	assert_true(sc->len + len < sizeof(sc->text));
	memcpy(sc->text + sc->len, s, len);
	sc->len += len;
	sc->text[sc->len] = '\0';
}

static const char *candidate(void *ctx, unsigned int i)
{
	(void)ctx;
	return names[i];
}

static int setup(void **state)
{
	(void)state;
	memset(&screen, 0, sizeof(screen));
	le_init(&le, "> ", capture, candidate, &screen);
	le_start(&le);
	return 0;
}

/* Feed @keys; return the result of the last byte. */
static enum le_result type(const char *keys)
{
	enum le_result r = LE_CONTINUE;

	for (; *keys; keys++)
		r = le_feed(&le, (unsigned char)*keys);
	return r;
}

static void clear_screen(void)
{
	screen.len = 0;
	screen.text[0] = '\0';
}

static void typing_echoes_and_enter_ends(void **state)
{
	(void)state;
	assert_string_equal(screen.text, "> ");
	assert_int_equal(type("cpus"), LE_CONTINUE);
	assert_int_equal(type("\r"), LE_LINE);
	assert_string_equal(le_line(&le), "cpus");
	assert_string_equal(screen.text, "> cpus\r\n");
}

static void cr_lf_is_one_enter(void **state)
{
	(void)state;
	assert_int_equal(type("a\r"), LE_LINE);
	le_start(&le);
	assert_int_equal(le_feed(&le, '\n'), LE_CONTINUE);	/* the LF of CR LF */
	assert_int_equal(type("b\n"), LE_LINE);
	assert_string_equal(le_line(&le), "b");
	le_start(&le);
	assert_int_equal(type("\n"), LE_LINE);		/* a lone LF is Enter */
	assert_string_equal(le_line(&le), "");
}

static void backspace_and_del_erase(void **state)
{
	(void)state;
	clear_screen();
	type("mdx\x7f\b\bup\x7f\x7f\x7f\x7f\x7f");	/* more erases than characters */
	assert_int_equal(type("md\r"), LE_LINE);
	assert_string_equal(le_line(&le), "md");
	assert_non_null(strstr(screen.text, "x\b \b"));
}

static void ctrl_u_erases_ctrl_c_cancels(void **state)
{
	(void)state;
	type("help me");
	type("\x15");
	assert_int_equal(le.len, 0);
	assert_int_equal(type("md\r"), LE_LINE);
	assert_string_equal(le_line(&le), "md");
	le_start(&le);
	assert_int_equal(type("cpus\x03"), LE_CANCEL);
	assert_non_null(strstr(screen.text, "^C\r\n"));
	assert_null(le_history(&le, 2));		/* a cancelled line is not kept */
}

static void control_bytes_and_unknown_escapes_ignored(void **state)
{
	(void)state;
	type("\x01\x02\x04\x07\x0e" "a\x1b[3~b\x1b[1;5Cc\x1bOD" "d");
	assert_int_equal(type("\r"), LE_LINE);
	assert_string_equal(le_line(&le), "abcd");
}

static void escape_then_enter_gives_a_line(void **state)
{
	(void)state;
	assert_int_equal(type("ab\x1b\r"), LE_LINE);	/* a lone ESC */
	assert_string_equal(le_line(&le), "ab");
	le_start(&le);
	assert_int_equal(type("cd\x1b[1\r"), LE_LINE);	/* a cut-off CSI sequence */
	assert_string_equal(le_line(&le), "cd");
	le_start(&le);
	assert_int_equal(type("ef\x1bO\r"), LE_LINE);	/* a cut-off SS3 sequence */
	assert_string_equal(le_line(&le), "ef");
	le_start(&le);
	type("\x1b[1");
	assert_int_equal(type("\x03"), LE_CANCEL);	/* Ctrl-C still cancels */
}

static void escape_ends_at_a_byte_that_cannot_continue_it(void **state)
{
	(void)state;
	/* ESC x: not a sequence, the x is typed; ESC ESC [ A: the second starts one */
	type("\x1bx" "\x1b\x1b[A" "y");
	assert_int_equal(type("\r"), LE_LINE);
	assert_string_equal(le_line(&le), "xy");
}

static void whole_sequences_are_ignored_whole(void **state)
{
	(void)state;
	/* Home, Delete, Insert, F5, Ctrl-Right: parameters, intermediates, a final */
	type("g\x1b[1~" "\x1b[3~" "\x1b[2~" "\x1b[15~" "\x1b[1;5C" "\x1b[ @" "\x1bOH" "h");
	assert_int_equal(type("\r"), LE_LINE);
	assert_string_equal(le_line(&le), "gh");
}

static void enter_line(const char *text)
{
	le_start(&le);
	type(text);
	assert_int_equal(type("\r"), LE_LINE);
}

static void history_walks_up_and_down(void **state)
{
	(void)state;
	enter_line("one");
	enter_line("two");
	enter_line("two");			/* a repeat is not stored twice */
	enter_line("   ");			/* nor a blank line */
	enter_line("three");
	assert_string_equal(le_history(&le, 1), "three");
	assert_string_equal(le_history(&le, 2), "two");
	assert_string_equal(le_history(&le, 3), "one");
	assert_null(le_history(&le, 4));

	le_start(&le);
	type("dra");
	type("\x1b[A\x1b[A");
	assert_string_equal(le_line(&le), "two");
	type("\x1b[A\x1b[A\x1b[A");		/* stops at the oldest */
	assert_string_equal(le_line(&le), "one");
	type("\x1bOB\x1bOB\x1bOB");		/* SS3 form, back to the draft */
	assert_string_equal(le_line(&le), "dra");
	type("\x1b[B");				/* nothing below the draft */
	assert_string_equal(le_line(&le), "dra");
}

static void history_keeps_the_newest(void **state)
{
	char line[16];

	(void)state;
	for (int i = 0; i < LE_HISTORY + 5; i++) {
		snprintf(line, sizeof(line), "cmd%d", i);
		enter_line(line);
	}
	assert_string_equal(le_history(&le, 1), "cmd36");
	assert_string_equal(le_history(&le, LE_HISTORY), "cmd5");
	assert_null(le_history(&le, LE_HISTORY + 1));
	le_start(&le);
	for (int i = 0; i < 16; i++)
		type("\x1b[A");
	assert_string_equal(le_line(&le), "cmd21");
}

static void tab_completes(void **state)
{
	(void)state;
	type("he\t");
	assert_string_equal(le_line(&le), "help ");	/* unique: name and a space */
	type("\x15" "c\t");
	assert_string_equal(le_line(&le), "cpu");	/* common prefix of cpus, cpu */
	clear_screen();
	type("\t");					/* ambiguous: list, redraw */
	assert_string_equal(screen.text, "\r\ncpus  cpu  \r\n> cpu");
	type("\x15" "zz\t");
	assert_string_equal(le_line(&le), "zz");	/* no match: bell only */
	type("\x15" "md 0x\t");
	assert_string_equal(le_line(&le), "md 0x");	/* arguments do not complete */
}

static void long_lines_are_refused_not_overflowed(void **state)
{
	char big[1001];

	(void)state;
	memset(big, 'g', 1000);
	big[1000] = '\0';
	clear_screen();
	type(big);
	assert_int_equal(le.len, LE_LINE_MAX);
	assert_int_equal(le.line[LE_LINE_MAX], '\0');
	assert_int_equal(type("\r"), LE_TOO_LONG);
	assert_null(le_history(&le, 1));		/* not stored either */
	/* one bell, and no more than LE_LINE_MAX characters echoed */
	assert_int_equal(strchr(screen.text, '\a') - screen.text, LE_LINE_MAX);
	assert_null(strchr(strchr(screen.text, '\a') + 1, '\a'));

	le_start(&le);
	memset(big, 'x', LE_LINE_MAX);
	big[LE_LINE_MAX] = '\0';
	type(big);
	assert_int_equal(type("\r"), LE_LINE);		/* exactly the limit is fine */
	assert_int_equal(strlen(le_line(&le)), LE_LINE_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(typing_echoes_and_enter_ends, setup),
		cmocka_unit_test_setup(cr_lf_is_one_enter, setup),
		cmocka_unit_test_setup(backspace_and_del_erase, setup),
		cmocka_unit_test_setup(ctrl_u_erases_ctrl_c_cancels, setup),
		cmocka_unit_test_setup(control_bytes_and_unknown_escapes_ignored, setup),
		cmocka_unit_test_setup(escape_then_enter_gives_a_line, setup),
		cmocka_unit_test_setup(escape_ends_at_a_byte_that_cannot_continue_it, setup),
		cmocka_unit_test_setup(whole_sequences_are_ignored_whole, setup),
		cmocka_unit_test_setup(history_walks_up_and_down, setup),
		cmocka_unit_test_setup(history_keeps_the_newest, setup),
		cmocka_unit_test_setup(tab_completes, setup),
		cmocka_unit_test_setup(long_lines_are_refused_not_overflowed, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
