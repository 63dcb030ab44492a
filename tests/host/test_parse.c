/*
 * test_parse.c - shell/parse.c: splitting lines into words, reading numbers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "shell/parse.h"

static int split(const char *text, char **argv, char *buf, size_t bufsize)
{
	strncpy(buf, text, bufsize - 1);
	buf[bufsize - 1] = '\0';
	return parse_words(buf, argv, 8);
}

static void words_split_on_blanks(void **state)
{
	char buf[128], *argv[8];

	(void)state;
	assert_int_equal(split("  md\t0x10  256 ", argv, buf, sizeof(buf)), 3);
	assert_string_equal(argv[0], "md");
	assert_string_equal(argv[1], "0x10");
	assert_string_equal(argv[2], "256");
	assert_int_equal(split("", argv, buf, sizeof(buf)), 0);
	assert_int_equal(split(" \t ", argv, buf, sizeof(buf)), 0);
}

static void quotes_group_and_vanish(void **state)
{
	char buf[128], *argv[8];

	(void)state;
	assert_int_equal(split("a \"b c\" 'd \"e\"' f\"g h\"i", argv, buf, sizeof(buf)), 4);
	assert_string_equal(argv[1], "b c");
	assert_string_equal(argv[2], "d \"e\"");
	assert_string_equal(argv[3], "fg hi");
	assert_int_equal(split("x \"\"", argv, buf, sizeof(buf)), 2);
	assert_string_equal(argv[1], "");
}

static void bad_lines_are_refused(void **state)
{
	char buf[128], *argv[8];

	(void)state;
	assert_int_equal(split("help \"md", argv, buf, sizeof(buf)), PARSE_ERR_QUOTE);
	assert_int_equal(split("a b c d e f g h", argv, buf, sizeof(buf)), 8);
	assert_int_equal(split("a b c d e f g h i", argv, buf, sizeof(buf)), PARSE_ERR_TOO_MANY);
	assert_string_equal(parse_words_error(PARSE_ERR_QUOTE), "unterminated quote");
	assert_string_equal(parse_words_error(PARSE_ERR_TOO_MANY), "too many words on the line");
}

static void numbers_in_every_form(void **state)
{
	uint64_t v;

	(void)state;
	assert_null(parse_u64("0", &v));
	assert_int_equal(v, 0);
	assert_null(parse_u64("4096", &v));
	assert_int_equal(v, 4096);
	assert_null(parse_u64("0x1e000100", &v));
	assert_int_equal(v, 0x1e000100);
	assert_null(parse_u64("0XfF", &v));
	assert_int_equal(v, 255);
	assert_null(parse_u64("4K", &v));
	assert_int_equal(v, 4096);
	assert_null(parse_u64("4k", &v));
	assert_int_equal(v, 4096);
	assert_null(parse_u64("2M", &v));
	assert_int_equal(v, 2u << 20);
	assert_null(parse_u64("0x10m", &v));
	assert_int_equal(v, 16u << 20);
	assert_null(parse_u64("3G", &v));
	assert_int_equal(v, 3ull << 30);
	assert_null(parse_u64("18446744073709551615", &v));
	assert_true(v == UINT64_MAX);
}

static void non_numbers_are_refused(void **state)
{
	static const char *const bad[] = {
		"", "x", "-1", "+1", "0x", "0xg", "12abc", "1KB", "1 ", " 1", "1.5", "K", "0b1",
	};
	uint64_t v = 77;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *why = parse_u64(bad[i], &v);

		assert_non_null(why);
		assert_string_equal(why, bad[i][0] ? "not a number" : "empty number");
	}
	assert_int_equal(v, 77);		/* untouched on failure */
	assert_non_null(parse_u64(NULL, &v));
}

static void overflow_is_refused(void **state)
{
	uint64_t v;
	uint32_t w;

	(void)state;
	assert_string_equal(parse_u64("18446744073709551616", &v), "number too large");
	assert_string_equal(parse_u64("0x10000000000000000", &v), "number too large");
	assert_string_equal(parse_u64("17179869184G", &v), "number too large");
	assert_null(parse_u32("0xffffffff", &w, UINT32_MAX));
	assert_int_equal(w, 0xffffffffu);
	assert_string_equal(parse_u32("0x100000000", &w, UINT32_MAX), "number too large");
	assert_string_equal(parse_u32("65537", &w, 65536), "number too large");
	assert_null(parse_u32("64K", &w, 65536));
	assert_int_equal(w, 65536);
}

/* The largest value each suffix can express is a number, not an overflow. */
static void the_largest_suffixed_values_are_accepted(void **state)
{
	static const struct {
		const char *text;
		uint32_t value;		/* 0: refused as too large */
	} u32[] = {
		{ "4194303K", 4194303u << 10 }, { "4194304K", 0 },
		{ "4095M", 4095u << 20 },       { "4096M", 0 },
		{ "3G", 3u << 30 },             { "4G", 0 },
	};
	uint64_t v;
	uint32_t w;

	(void)state;
	assert_null(parse_u64("18014398509481983K", &v));
	assert_true(v == 18014398509481983ull << 10);
	assert_string_equal(parse_u64("18014398509481984K", &v), "number too large");
	assert_null(parse_u64("17592186044415M", &v));
	assert_true(v == 17592186044415ull << 20);
	assert_string_equal(parse_u64("17592186044416M", &v), "number too large");
	assert_null(parse_u64("17179869183G", &v));
	assert_true(v == 17179869183ull << 30);
	assert_null(parse_u64("0x3ffffffffG", &v));
	assert_true(v == 0x3ffffffffull << 30);
	for (size_t i = 0; i < sizeof(u32) / sizeof(u32[0]); i++) {
		w = 7;
		if (u32[i].value) {
			assert_null(parse_u32(u32[i].text, &w, UINT32_MAX));
			assert_int_equal(w, u32[i].value);
		} else {
			assert_string_equal(parse_u32(u32[i].text, &w, UINT32_MAX),
					    "number too large");
			assert_int_equal(w, 7);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(words_split_on_blanks),
		cmocka_unit_test(quotes_group_and_vanish),
		cmocka_unit_test(bad_lines_are_refused),
		cmocka_unit_test(numbers_in_every_form),
		cmocka_unit_test(non_numbers_are_refused),
		cmocka_unit_test(overflow_is_refused),
		cmocka_unit_test(the_largest_suffixed_values_are_accepted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
