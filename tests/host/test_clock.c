/*
 * test_clock.c - the global timer's rate measurement (board/clock.c)
 * against a simulated board: a 24 MHz reference and a global timer
 * read over a bus whose every read takes a set time.  Exact rates when
 * the reads are quick or merely slow (the sample window widens), and the
 * reason, with the assumed 100 MHz, when the reference stands still or
 * the reads are slower than the widest window.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "board/clock.h"
#include "drivers/gtimer.h"
#include "drivers/v2m_sysreg.h"

static struct {
	uint64_t now_ps;	/* simulated time */
	uint64_t read_ps;	/* what every register read costs */
	uint64_t gt_hz;
	bool ref_stuck;
	unsigned long ref_reads;
} sim;

uint32_t v2m_sys_24mhz(void)
{
	sim.now_ps += sim.read_ps;
	sim.ref_reads++;
	if (sim.ref_stuck)
		return 12345;
	/* 24 ticks per microsecond; wraps like the 32-bit register */
	return (uint32_t)(sim.now_ps / 1000000 * 24 + sim.now_ps % 1000000 * 24 / 1000000);
}

uint64_t gtimer_read(void)
{
	sim.now_ps += sim.read_ps;
	return sim.now_ps / 1000000 * (sim.gt_hz / 1000000) +
	       sim.now_ps % 1000000 * (sim.gt_hz / 1000000) / 1000000;
}

static void board(uint64_t read_ns, uint64_t gt_hz, bool ref_stuck)
{
	sim.now_ps = 5000000000ull;	/* 5 ms after reset */
	sim.read_ps = read_ns * 1000;
	sim.gt_hz = gt_hz;
	sim.ref_stuck = ref_stuck;
	sim.ref_reads = 0;
}

static void quick_reads_measure_exactly(void **state)
{
	unsigned long hz;

	(void)state;
	board(20, 100000000, false);
	assert_null(clock_measure_gtimer(&hz));
	assert_int_equal(hz, 100000000);
	board(20, 400000000, false);
	assert_null(clock_measure_gtimer(&hz));
	assert_int_equal(hz, 400000000);
}

static void slow_bus_widens_the_window(void **state)
{
	unsigned long hz;

	(void)state;
	/* 3 us a read: two reference reads 6 us (144 ticks) apart, never
	 * within the first 2 us window, which used to fall back to 100 MHz */
	board(3000, 150000000, false);
	assert_null(clock_measure_gtimer(&hz));
	assert_int_equal(hz, 150000000);
}

static void stuck_reference_says_so(void **state)
{
	unsigned long hz;

	(void)state;
	board(20, 150000000, true);
	assert_string_equal(clock_measure_gtimer(&hz), "SYS_24MHZ does not count");
	assert_int_equal(hz, 100000000);
}

static void reads_slower_than_the_widest_window(void **state)
{
	unsigned long hz;

	(void)state;
	/* 40 us a read: 80 us between the reference reads, past 64 us */
	board(40000, 150000000, false);
	assert_string_equal(clock_measure_gtimer(&hz),
			    "no two SYS_24MHZ reads within 64 us of each other");
	assert_int_equal(hz, 100000000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quick_reads_measure_exactly),
		cmocka_unit_test(slow_bus_widens_the_window),
		cmocka_unit_test(stuck_reference_says_so),
		cmocka_unit_test(reads_slower_than_the_widest_window),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
