/*
 * test_stress_core.c - the stress command's pure parts (shell/stress_core.c):
 * the streams give the same numbers for the same seed and CPU (the board
 * prints the op counts these give: tests/qemu/test_stress.py checks them
 * against a Python model), the op weights are exact, kmalloc sizes stay in
 * their class, and the pattern check finds every changed byte, an object
 * at another address and one of another cache.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "shell/stress_core.h"

static void xorshift_from_one(void **state)
{
	static const uint32_t want[] = { 270369u, 67634689u, 2647435461u, 307599695u,
					 2398689233u };
	uint32_t s = 1;

	(void)state;
	for (unsigned int i = 0; i < 5; i++)
		assert_int_equal(stress_rand(&s), want[i]);
}

static void streams_per_seed_cpu_and_kind(void **state)
{
	static const uint32_t want[4][2] = { { 0x50653bed, 0xcc56a2eb }, { 0x9d03e637, 0x1362ff13 },
					     { 0xe78eeaeb, 0xc596fd7d }, { 0x1a7c4390, 0x57bb90ea } };

	(void)state;
	for (unsigned int cpu = 0; cpu < 4; cpu++)
		for (unsigned int which = 0; which < 2; which++)
			assert_int_equal(stress_stream(1, cpu, which), want[cpu][which]);
	assert_int_not_equal(stress_stream(2, 0, 0), stress_stream(1, 0, 0));
	for (uint32_t seed = 0; seed < 10000; seed++)
		assert_int_not_equal(stress_stream(seed, seed % 4, seed % 2), 0);
}

static void weights_are_exact(void **state)
{
	unsigned int got[NR_STRESS_OPS] = { 0 }, sum = 0;

	(void)state;
	for (uint32_t r = 0; r < STRESS_OP_WEIGHTS; r++) {
		got[stress_pick_op(r)]++;
		assert_int_equal(stress_pick_op(r), stress_pick_op(r + STRESS_OP_WEIGHTS * 1000));
	}
	for (unsigned int op = 0; op < NR_STRESS_OPS; op++) {
		assert_int_equal(got[op], stress_op_weight[op]);
		sum += stress_op_weight[op];
	}
	assert_int_equal(sum, STRESS_OP_WEIGHTS);
}

/* The counts the board printed for "stress 1000" (seed 1), cpu0. */
static void seed_one_cpu0_thousand_ops(void **state)
{
	static const unsigned int want[NR_STRESS_OPS] = { 341, 184, 340, 93, 13, 14, 15 };
	unsigned int got[NR_STRESS_OPS] = { 0 };
	uint32_t s = stress_stream(1, 0, 0);

	(void)state;
	for (unsigned int i = 0; i < 1000; i++)
		got[stress_pick_op(stress_rand(&s))]++;
	for (unsigned int op = 0; op < NR_STRESS_OPS; op++)
		assert_int_equal(got[op], want[op]);
}

static void kmalloc_sizes_stay_in_their_class(void **state)
{
	static const size_t class[] = { 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096,
					8192, 16384, 32768 };

	(void)state;
	for (uint32_t i = 0; i < 13; i++) {
		size_t low = i ? class[i - 1] + 1 : 1;

		assert_int_equal(stress_kmalloc_size(i, 0), low);
		assert_int_equal(stress_kmalloc_size(i + 13, (uint32_t)(class[i] - low)), class[i]);
		for (uint32_t r = 0; r < 5000; r += 7) {
			size_t n = stress_kmalloc_size(i, r * 2654435761u);

			assert_true(n >= low && n <= class[i]);
		}
	}
}

/* Every alignment, every small size, every byte changed in turn. */
static void check_finds_every_changed_byte(void **state)
{
	static uint8_t buf[64] __attribute__((aligned(8)));
	struct stress_mismatch m;

	(void)state;
	for (unsigned int off = 0; off < 4; off++)
		for (size_t size = 1; size <= 40; size++) {
			stress_fill(buf + off, size, 7);
			assert_true(stress_check(buf + off, size, 7, &m));
			for (size_t i = 0; i < size; i++) {
				uint8_t was = buf[off + i];

				buf[off + i] ^= 0x10;
				assert_false(stress_check(buf + off, size, 7, &m));
				assert_int_equal(m.offset, i);
				assert_int_equal(m.expected, was);
				assert_int_equal(m.got, was ^ 0x10);
				buf[off + i] = was;
			}
		}
}

/* The same address holds the same byte, whatever the object's bounds. */
static void partial_words_match_whole_ones(void **state)
{
	static uint8_t whole[64] __attribute__((aligned(8))), copy[64];

	(void)state;
	stress_fill(whole, sizeof(whole), 3);
	memcpy(copy, whole, sizeof(copy));
	for (unsigned int from = 0; from < 8; from++)
		for (unsigned int to = from + 1; to <= 20; to++) {
			stress_fill(whole + from, to - from, 3);
			assert_memory_equal(whole, copy, sizeof(copy));
			assert_true(stress_check(whole + from, to - from, 3,
						 &(struct stress_mismatch){ 0 }));
		}
	/* whole's pattern, copied elsewhere, is not the pattern there */
	memset(copy, 0, sizeof(copy));
	memcpy(copy + 1, whole, sizeof(copy) - 1);
	assert_false(stress_check(copy + 1, sizeof(copy) - 1, 3, &(struct stress_mismatch){ 0 }));
}

static void another_cache_or_address_does_not_match(void **state)
{
	static uint32_t buf[64];
	struct stress_mismatch m;

	(void)state;
	stress_fill(buf, sizeof(buf), 0x53540001);
	assert_false(stress_check(buf, sizeof(buf), 0x53540002, &m));
	memmove(buf + 1, buf, sizeof(buf) - 4);		/* the object one word on */
	assert_false(stress_check(buf + 1, sizeof(buf) - 4, 0x53540001, &m));
	assert_int_equal(m.offset, 0);
	/* a zeroed object (a bad kzalloc, a lost write) is no pattern either */
	memset(buf, 0, sizeof(buf));
	assert_false(stress_check(buf, sizeof(buf), 0x53540001, &m));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(xorshift_from_one),
		cmocka_unit_test(streams_per_seed_cpu_and_kind),
		cmocka_unit_test(weights_are_exact),
		cmocka_unit_test(seed_one_cpu0_thousand_ops),
		cmocka_unit_test(kmalloc_sizes_stay_in_their_class),
		cmocka_unit_test(check_finds_every_changed_byte),
		cmocka_unit_test(partial_words_match_whole_ones),
		cmocka_unit_test(another_cache_or_address_does_not_match),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
