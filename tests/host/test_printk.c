/*
 * test_printk.c - the kernel log (drivers/printk.c) on one thread: the
 * timestamp's exact format for given sched_clock() values, lines built
 * by several printk calls and per CPU and context, multi-line messages
 * stamped line by line, long lines cut, the ring dropping its oldest
 * lines whole, and reading and clearing it as dmesg does.
 *
 * The console is this file's: console_write_log() appends to a buffer,
 * so each test sees exactly what the board's UART would.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "drivers/console.h"
#include "drivers/log_buf.h"
#include "host_platform.h"
#include "printk.h"

#define CONSOLE_MAX (256 * 1024)

static char console[CONSOLE_MAX];
static size_t console_len;
static unsigned int ctx;		/* console_context() */
static bool oops;			/* console_oops_active() */

void console_write_log(const char *s, size_t len)
{
	assert_true(console_len + len < CONSOLE_MAX);
	memcpy(console + console_len, s, len);
	console_len += len;
	console[console_len] = '\0';
}

unsigned int console_context(void)
{
	return ctx;
}

bool console_oops_active(void)
{
	return oops;
}

/* Everything dmesg would print, into @buf. */
static void dmesg(char *buf, size_t len)
{
	char line[LOG_READ_MAX];
	unsigned long pos = log_buf_first();
	size_t n = 0;

	buf[0] = '\0';
	while (log_buf_next(&pos, line, sizeof(line))) {
		size_t l = strlen(line);

		assert_true(n + l < len);
		memcpy(buf + n, line, l + 1);
		n += l;
	}
}

static int reset(void **state)
{
	(void)state;
	log_buf_clear();
	console_len = 0;
	console[0] = '\0';
	ctx = 0;
	oops = false;
	host_set_cpu(0);
	host_fake_clock(0, 1000);		/* 1 us more at every line */
	return 0;
}

/* The console and the log both hold exactly @want. */
static void check_both(const char *want)
{
	static char log[LOG_BUF_LEN + 1];

	assert_string_equal(console, want);
	dmesg(log, sizeof(log));
	assert_string_equal(log, want);
}

/* One line stamped at @ns. */
static void stamp_at(unsigned long long ns, const char *want)
{
	reset(NULL);
	host_fake_clock(ns, 1);
	printk("x\n");
	check_both(want);
}

static void test_stamp_format(void **state)
{
	(void)state;
	stamp_at(0, "[    0.000000] x\n");
	stamp_at(999, "[    0.000000] x\n");			/* micros are cut, not rounded */
	stamp_at(1000, "[    0.000001] x\n");
	stamp_at(12345678901ULL, "[   12.345678] x\n");
	stamp_at(1999999999ULL, "[    1.999999] x\n");
	stamp_at(99999999999999ULL, "[99999.999999] x\n");	/* 5 columns, full */
	stamp_at(123456000000000ULL, "[123456.000000] x\n");	/* wider, as Linux's %5lu */
	/* 2^32 seconds would not fit an unsigned long on the board: 136 years */
	stamp_at(4294967295ULL * 1000000000ULL, "[4294967295.000000] x\n");
}

static void test_multi_line_message_stamps_every_line(void **state)
{
	(void)state;
	host_fake_clock(5000000000ULL, 250000);
	printk("slab error in f(): cache 'n': what\n  object 0x%08x\n  last user\n", 0x6fc1c4d0u);
	check_both("[    5.000000] slab error in f(): cache 'n': what\n"
		   "[    5.000250]   object 0x6fc1c4d0\n"
		   "[    5.000500]   last user\n");
}

static void test_line_built_by_several_calls(void **state)
{
	(void)state;
	printk("  +0:");
	for (unsigned int i = 0; i < 4; i++)
		printk(" %02x", 0x6b);
	assert_int_equal(console_len, 0);		/* nothing until the '\n' */
	printk("\n");
	check_both("[    0.000000]   +0: 6b 6b 6b 6b\n");
}

static void test_an_empty_line_is_a_line(void **state)
{
	(void)state;
	printk("\n");
	check_both("[    0.000000] \n");
}

static void test_partial_lines_are_per_cpu_and_context(void **state)
{
	(void)state;
	printk("thread ");			/* cpu0, thread: waits for its end */
	ctx = 1;
	printk("irq line\n");			/* an interrupt on cpu0 */
	ctx = 0;
	host_set_cpu(2);
	printk("cpu2 ");
	host_set_cpu(0);
	printk("end\n");
	host_set_cpu(2);
	printk("end\n");
	check_both("[    0.000000] irq line\n"
		   "[    0.000001] thread end\n"
		   "[    0.000002] cpu2 end\n");
}

static void test_long_line_is_cut_into_stamped_pieces(void **state)
{
	char text[LOG_LINE_MAX + 11];
	char want[2 * LOG_PREFIX_MAX + LOG_LINE_MAX + 16];

	(void)state;
	memset(text, 'a', LOG_LINE_MAX);
	strcpy(text + LOG_LINE_MAX, "bcdefghij\n");
	printk("%s", text);
	snprintf(want, sizeof(want), "[    0.000000] %.*s\n[    0.000001] bcdefghij\n",
		 LOG_LINE_MAX, text);
	check_both(want);
}

static void test_printk_returns_the_length(void **state)
{
	(void)state;
	assert_int_equal(printk("%d items\n", 12), 9);
}

/* A line of exactly @len bytes with its stamp and '\n', numbered @i. */
static void log_line(unsigned int i, size_t len)
{
	size_t pad = len - strlen("[    0.000000] line 00000 \n");

	printk("line %05u %.*s\n", i, (int)pad,
	       "----------------------------------------------------------------"
	       "----------------------------------------------------------------");
}

static void test_full_ring_drops_oldest_lines_whole(void **state)
{
	static char log[LOG_BUF_LEN + 1];
	const size_t len = 100;
	const unsigned int lines = LOG_BUF_LEN / 100 + 10;	/* 173 lines, 17300 bytes */
	unsigned long pos;
	char line[LOG_READ_MAX];
	unsigned int first;

	(void)state;
	host_fake_clock(1000000000ULL, 1);
	for (unsigned int i = 0; i < lines; i++)
		log_line(i, len);
	assert_int_equal(console_len, lines * len);	/* the console saw them all */
	dmesg(log, sizeof(log));
	/* 163 whole lines fit in 16384 bytes; the oldest 10 went */
	assert_int_equal(strlen(log), (LOG_BUF_LEN / len) * len);
	first = lines - LOG_BUF_LEN / len;
	assert_int_equal(first, 10);
	assert_string_equal(log, console + first * len);
	/* a reader that was at the first line moves on to the oldest kept */
	pos = 0;
	assert_true(log_buf_next(&pos, line, sizeof(line)));
	assert_memory_equal(line, console + first * len, len);
	assert_int_equal(strlen(line), len);
}

static void test_wraps_many_times(void **state)
{
	static char log[LOG_BUF_LEN + 1];
	char want[64];

	(void)state;
	/* lines of varied lengths, ten times around the ring */
	for (unsigned int i = 0; i < 2000; i++)
		log_line(i, 40 + i % 61);
	dmesg(log, sizeof(log));
	assert_true(strlen(log) > LOG_BUF_LEN - 101 && strlen(log) <= LOG_BUF_LEN);
	/* it is the console's tail, and starts at a line's start */
	assert_string_equal(log, console + console_len - strlen(log));
	assert_true(console[console_len - strlen(log) - 1] == '\n');
	snprintf(want, sizeof(want), "] line 01999 ");
	assert_non_null(strstr(log + strlen(log) - 101, want));
}

static void test_clear_to_keeps_what_came_after(void **state)
{
	char line[LOG_READ_MAX];
	unsigned long pos;

	(void)state;
	printk("one\n");
	printk("two\n");
	pos = log_buf_first();
	assert_true(log_buf_next(&pos, line, sizeof(line)));
	assert_string_equal(line, "[    0.000000] one\n");
	assert_true(log_buf_next(&pos, line, sizeof(line)));
	assert_false(log_buf_next(&pos, line, sizeof(line)));	/* the end */
	printk("three\n");				/* logged while "dmesg -c" printed */
	log_buf_clear_to(pos);
	console_len = 0;
	console[0] = '\0';
	printk("four\n");
	{
		static char log[LOG_BUF_LEN + 1];

		dmesg(log, sizeof(log));
		assert_string_equal(log, "[    0.000002] three\n[    0.000003] four\n");
	}
	log_buf_clear();
	pos = log_buf_first();
	assert_false(log_buf_next(&pos, line, sizeof(line)));
	/* a stale position (before the clear) finds nothing either */
	log_buf_clear_to(0);
	assert_false(log_buf_next(&pos, line, sizeof(line)));
}

static void test_a_short_read_buffer_gets_the_line_cut(void **state)
{
	char line[8];
	unsigned long pos;

	(void)state;
	printk("long enough\n");
	printk("next\n");
	pos = log_buf_first();
	assert_true(log_buf_next(&pos, line, sizeof(line)));
	assert_string_equal(line, "[    0.");
	assert_true(log_buf_next(&pos, line, sizeof(line)));	/* still moves line by line */
	assert_string_equal(line, "[    0.");
	assert_false(log_buf_next(&pos, line, sizeof(line)));
}

static void test_oops_still_logs(void **state)
{
	(void)state;
	oops = true;
	ctx = 2;
	printk("Oops: data abort\n");
	check_both("[    0.000000] Oops: data abort\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_stamp_format, reset),
		cmocka_unit_test_setup(test_multi_line_message_stamps_every_line, reset),
		cmocka_unit_test_setup(test_line_built_by_several_calls, reset),
		cmocka_unit_test_setup(test_an_empty_line_is_a_line, reset),
		cmocka_unit_test_setup(test_partial_lines_are_per_cpu_and_context, reset),
		cmocka_unit_test_setup(test_long_line_is_cut_into_stamped_pieces, reset),
		cmocka_unit_test_setup(test_printk_returns_the_length, reset),
		cmocka_unit_test_setup(test_full_ring_drops_oldest_lines_whole, reset),
		cmocka_unit_test_setup(test_wraps_many_times, reset),
		cmocka_unit_test_setup(test_clear_to_keeps_what_came_after, reset),
		cmocka_unit_test_setup(test_a_short_read_buffer_gets_the_line_cut, reset),
		cmocka_unit_test_setup(test_oops_still_logs, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
