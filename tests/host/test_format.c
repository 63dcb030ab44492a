/*
 * test_format.c - format_fixed() (shell/format.c) against the host C
 * library's "%.Nf" of the same quotient, which is what the Linux tools
 * the shell mirrors (slabtop) print; format_u64() against its "%llu".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "shell/format.h"

static void check(uint64_t num, uint64_t den, unsigned int decimals)
{
	char got[64], want[64];

	format_fixed(got, sizeof(got), num, den, decimals);
	snprintf(want, sizeof(want), "%.*f", (int)decimals, (double)num / (double)den);
	if (strcmp(got, want) != 0)
		fail_msg("%llu/%llu at %u decimals: %s, libc %s", (unsigned long long)num,
			 (unsigned long long)den, decimals, got, want);
}

static void matches_libc_for_kilobytes(void **state)
{
	(void)state;
	for (uint64_t bytes = 0; bytes < 200000; bytes += 7)
		check(bytes, 1024, 2);
	check(4194304, 1024, 2);
	check(5 * 1024 + 5 * 1024 / 1000, 1024, 2);
	check(1024ULL * 1024 * 1024 * 3, 1024, 2);
}

static void matches_libc_for_percentages(void **state)
{
	(void)state;
	for (uint64_t a = 0; a <= 300; a++)
		for (uint64_t b = a ? a : 1; b <= 300; b++)
			check(100 * a, b, 1);
}

static void ties_go_to_even(void **state)
{
	char buf[32];

	(void)state;
	assert_string_equal(format_fixed(buf, sizeof(buf), 1, 8, 2), "0.12");	/* 0.125 */
	assert_string_equal(format_fixed(buf, sizeof(buf), 3, 8, 2), "0.38");	/* 0.375 */
	assert_string_equal(format_fixed(buf, sizeof(buf), 100, 16, 1), "6.2");	/* 6.25 */
	assert_string_equal(format_fixed(buf, sizeof(buf), 5, 2, 0), "2");
	assert_string_equal(format_fixed(buf, sizeof(buf), 7, 2, 0), "4");
	assert_string_equal(format_fixed(buf, sizeof(buf), 0, 0, 1), "0.0");
}

static void check_u64(uint64_t v)
{
	char got[FORMAT_U64_LEN], want[32];

	snprintf(want, sizeof(want), "%llu", (unsigned long long)v);
	assert_string_equal(format_u64(got, sizeof(got), v), want);
}

static void u64_matches_libc_across_32_bits(void **state)
{
	(void)state;
	for (uint64_t v = 0; v < 100000; v += 7)
		check_u64(v);
	/* 2^32 - 1 and up: what an unsigned long cut off (smp's phase times) */
	for (uint64_t v = 4294967290ULL; v < 4294967302ULL; v++)
		check_u64(v);
	check_u64(265000000000ULL);		/* a 265 s phase in ns */
	for (unsigned int bit = 0; bit < 64; bit++) {
		check_u64(1ULL << bit);
		check_u64((1ULL << bit) - 1);
	}
	check_u64(UINT64_MAX);
}

static void u64_is_cut_as_snprintf_cuts(void **state)
{
	char buf[FORMAT_U64_LEN] = "untouched";

	(void)state;
	assert_string_equal(format_u64(buf, 5, 1234567), "1234");
	assert_string_equal(format_u64(buf, 1, 99), "");
	format_u64(buf, 0, 99);
	assert_string_equal(buf, "");			/* nothing written */
	assert_string_equal(format_u64(buf, sizeof(buf), UINT64_MAX), "18446744073709551615");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(matches_libc_for_kilobytes),
		cmocka_unit_test(matches_libc_for_percentages),
		cmocka_unit_test(ties_go_to_even),
		cmocka_unit_test(u64_matches_libc_across_32_bits),
		cmocka_unit_test(u64_is_cut_as_snprintf_cuts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
