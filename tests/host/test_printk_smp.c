/*
 * test_printk_smp.c - the kernel log with four threads playing four CPUs
 * printing at once; built with ThreadSanitizer.
 *
 * Each CPU prints numbered lines, each built by three printk calls, with
 * a clock that moves 1 us at each reading.  Every line on the console and
 * in the log must be one CPU's whole line (stamp, CPU, number, payload), each CPU's
 * numbers in order with none lost on the console, stamps never going
 * back, and the log exactly the console's newest lines: the two agree on
 * the order.  The console is this file's, written (as on the board)
 * under logbuf_lock only, which ThreadSanitizer checks.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "drivers/console.h"
#include "drivers/log_buf.h"
#include "host_platform.h"
#include "printk.h"
#include "smp.h"

#define LINES_PER_CPU 3000
#define CONSOLE_MAX (4 * 1024 * 1024)
#define PAYLOAD "0123456789abcdefghijklmnopqrstuvwxyz"

static char *console;
static size_t console_len;

void console_write_log(const char *s, size_t len)
{
	assert_true(console_len + len < CONSOLE_MAX);
	memcpy(console + console_len, s, len);
	console_len += len;
}

unsigned int console_context(void)
{
	return 0;
}

bool console_oops_active(void)
{
	return false;
}

static void *writer(void *arg)
{
	unsigned int cpu = (unsigned int)(uintptr_t)arg;

	host_set_cpu(cpu);
	for (unsigned int i = 0; i < LINES_PER_CPU; i++) {
		printk("cpu%u ", cpu);
		printk("line %05u ", i);
		printk("%s\n", PAYLOAD + cpu);
	}
	return NULL;
}

/*
 * Check the lines of @text (@len bytes, whole lines): each one CPU's,
 * numbers rising per CPU (by exactly 1 if @all), stamps never back.
 * Returns the number of lines.
 */
static unsigned int check_lines(const char *text, size_t len, bool all)
{
	int next[NR_CPUS];
	unsigned long last_sec = 0, last_usec = 0;
	unsigned int n = 0;
	const char *p = text, *end = text + len;

	for (unsigned int c = 0; c < NR_CPUS; c++)
		next[c] = -1;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		unsigned long sec, usec;
		unsigned int cpu, i;
		int used = 0;
		char want[64];

		assert_non_null(nl);
		assert_int_equal(sscanf(p, "[%5lu.%6lu] cpu%u line %5u %n", &sec, &usec, &cpu,
					&i, &used), 4);
		assert_true(used > 0 && cpu < NR_CPUS);
		snprintf(want, sizeof(want), "%s\n", PAYLOAD + cpu);
		assert_int_equal(nl + 1 - (p + used), strlen(want));
		assert_memory_equal(p + used, want, strlen(want));
		assert_true(p[0] == '[' && p[13] == ']' && p[14] == ' ');
		assert_true(sec > last_sec || (sec == last_sec && usec >= last_usec));
		last_sec = sec;
		last_usec = usec;
		if (all || next[cpu] >= 0)
			assert_int_equal((int)i, next[cpu] + 1);
		else
			assert_true((int)i > next[cpu]);
		next[cpu] = (int)i;
		n++;
		p = nl + 1;
	}
	if (all)
		for (unsigned int c = 0; c < NR_CPUS; c++)
			assert_int_equal(next[c], LINES_PER_CPU - 1);
	return n;
}

static void test_concurrent_writers_never_interleave(void **state)
{
	static char log[LOG_BUF_LEN + 1];
	char line[LOG_READ_MAX];
	pthread_t threads[NR_CPUS];
	unsigned long pos;
	size_t n = 0;

	(void)state;
	console = malloc(CONSOLE_MAX);
	assert_non_null(console);
	host_fake_clock(1000000000ULL, 1000);	/* read under logbuf_lock: rising */
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		assert_int_equal(pthread_create(&threads[cpu], NULL, writer,
						(void *)(uintptr_t)cpu), 0);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		pthread_join(threads[cpu], NULL);

	assert_int_equal(check_lines(console, console_len, true), NR_CPUS * LINES_PER_CPU);
	pos = log_buf_first();
	while (log_buf_next(&pos, line, sizeof(line))) {
		size_t l = strlen(line);

		memcpy(log + n, line, l);
		n += l;
	}
	assert_true(n > LOG_BUF_LEN - LOG_READ_MAX && n <= LOG_BUF_LEN);
	check_lines(log, n, false);
	/* the log is the console's tail, in the same order */
	assert_memory_equal(log, console + console_len - n, n);
	free(console);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_concurrent_writers_never_interleave),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
