/*
 * test_obj_record.c - the shell's record of handed-out objects
 * (shell/obj_record.c), against a plain array as the model, under
 * ASan/UBSan.  Random adds and removals run long enough to fill the
 * table, wrap probe runs around its end and shift entries back on
 * removal; after every step every recorded object must still be found.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "shell/obj_record.h"

#define CACHE_A ((const void *)0x1000)
#define CACHE_B ((const void *)0x2000)

static const void *obj_at(uintptr_t i)
{
	return (const void *)(0x60000000u + i * 8);
}

static void empty_record(void)
{
	const void *objs[256];

	while (obj_record_take(CACHE_A, objs, 256) || obj_record_take(CACHE_B, objs, 256))
		;
	assert_int_equal(obj_record_count(NULL), 0);
}

static void add_find_remove(void **state)
{
	(void)state;
	empty_record();
	assert_true(obj_record_add(obj_at(1), CACHE_A));
	assert_true(obj_record_add(obj_at(2), CACHE_B));
	assert_false(obj_record_add(obj_at(1), CACHE_B));	/* already there */
	assert_ptr_equal(obj_record_find(obj_at(1)), CACHE_A);
	assert_ptr_equal(obj_record_find(obj_at(2)), CACHE_B);
	assert_null(obj_record_find(obj_at(3)));
	assert_null(obj_record_find(NULL));
	assert_int_equal(obj_record_count(CACHE_A), 1);
	assert_int_equal(obj_record_count(NULL), 2);
	assert_int_equal(obj_record_room(), OBJ_RECORD_MAX - 2);
	assert_true(obj_record_remove(obj_at(1)));
	assert_false(obj_record_remove(obj_at(1)));
	assert_null(obj_record_find(obj_at(1)));
	assert_ptr_equal(obj_record_find(obj_at(2)), CACHE_B);
	empty_record();
}

static void full_record_refuses_more(void **state)
{
	(void)state;
	empty_record();
	for (uintptr_t i = 0; i < OBJ_RECORD_MAX; i++)
		assert_true(obj_record_add(obj_at(i), CACHE_A));
	assert_int_equal(obj_record_room(), 0);
	assert_false(obj_record_add(obj_at(OBJ_RECORD_MAX), CACHE_A));
	for (uintptr_t i = 0; i < OBJ_RECORD_MAX; i++)
		assert_ptr_equal(obj_record_find(obj_at(i)), CACHE_A);
	empty_record();
}

static void random_churn_matches_the_model(void **state)
{
	static const void *model[OBJ_RECORD_MAX];
	static const void *model_cache[OBJ_RECORD_MAX];
	unsigned int n = 0;

	(void)state;
	empty_record();
	srand(7);
	for (int step = 0; step < 200000; step++) {
		bool add = n == 0 || (n < OBJ_RECORD_MAX && rand() % 100 < 55);

		if (add) {
			/* dense addresses collide often in the table's low bits */
			const void *obj = obj_at((uintptr_t)(rand() % (4 * OBJ_RECORD_MAX)));
			const void *cache = rand() % 2 ? CACHE_A : CACHE_B;
			bool known = obj_record_find(obj) != NULL;

			assert_int_equal(obj_record_add(obj, cache), !known);
			if (!known) {
				model[n] = obj;
				model_cache[n++] = cache;
			}
		} else {
			unsigned int k = (unsigned int)rand() % n;

			assert_true(obj_record_remove(model[k]));
			model[k] = model[--n];
			model_cache[k] = model_cache[n];
		}
		if (step % 5000 == 0 || (n == OBJ_RECORD_MAX && step % 500 == 0)) {
			for (unsigned int k = 0; k < n; k++)
				assert_ptr_equal(obj_record_find(model[k]), model_cache[k]);
		}
	}
	assert_int_equal(obj_record_count(NULL), n);
	empty_record();
}

static void take_removes_one_cache_only(void **state)
{
	const void *objs[64];
	unsigned int got = 0, n;

	(void)state;
	empty_record();
	for (uintptr_t i = 0; i < 300; i++)
		assert_true(obj_record_add(obj_at(i), i % 3 ? CACHE_A : CACHE_B));
	while ((n = obj_record_take(CACHE_B, objs, 64)) > 0) {
		for (unsigned int k = 0; k < n; k++) {
			assert_int_equal(((uintptr_t)objs[k] - 0x60000000u) / 8 % 3, 0);
			assert_null(obj_record_find(objs[k]));
		}
		got += n;
	}
	assert_int_equal(got, 100);
	assert_int_equal(obj_record_count(CACHE_A), 200);
	for (uintptr_t i = 0; i < 300; i++)
		if (i % 3)
			assert_ptr_equal(obj_record_find(obj_at(i)), CACHE_A);
	empty_record();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(add_find_remove),
		cmocka_unit_test(full_record_refuses_more),
		cmocka_unit_test(random_churn_matches_the_model),
		cmocka_unit_test(take_removes_one_cache_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
