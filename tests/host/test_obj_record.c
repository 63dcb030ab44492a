/*
 * test_obj_record.c - the shell's record of handed-out objects
 * (shell/obj_record.c), against a plain array as the model, under
 * ASan/UBSan.  Random adds and removals run long enough to fill the
 * table, wrap probe runs around its end and shift entries back on
 * removal; after every step every recorded object must still be found,
 * and listings give every entry's CPU, stamp and size, oldest first.
 * The clock is the tests' own (clock_us), so stamps are exact.
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

/* The tests' caches: object i is CACHE_B's when i % 3 == 0, else CACHE_A's. */
static const void *cache_at(uintptr_t i)
{
	return i % 3 ? CACHE_A : CACHE_B;
}

/* The record asks its user for an object's cache (shell/objects.c reads the slab). */
const void *obj_record_cache_of(const void *obj)
{
	return cache_at(((uintptr_t)obj - 0x60000000u) / 8);
}

static uint32_t clock_us = 1000;	/* the time the next add() passes */

/* Record @obj at the next tick of the tests' clock, as CPU 0, no size. */
static bool add(const void *obj)
{
	return obj_record_add(obj, 0, 0, clock_us += 10);
}

static bool match_all(const struct obj_record_entry *e, void *arg)
{
	(void)e;
	(void)arg;
	return true;
}

static bool match_cache(const struct obj_record_entry *e, void *cache)
{
	return obj_record_cache_of(e->obj) == cache;
}

/* The whole listing, @chunk entries per call, into @out; how many. */
static unsigned int list_all(obj_record_match_fn match, void *arg, unsigned int chunk,
			     struct obj_record_entry *out)
{
	struct obj_record_iter it;
	unsigned int n = 0, got;

	obj_record_iter_start(&it);
	while ((got = obj_record_next(&it, match, arg, out + n, chunk)) > 0) {
		assert_true(got <= chunk);
		n += got;
	}
	assert_int_equal(obj_record_next(&it, match, arg, out, chunk), 0);	/* stays done */
	return n;
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
	assert_true(add(obj_at(1)));
	assert_true(add(obj_at(3)));
	assert_false(add(obj_at(1)));		/* already there */
	assert_ptr_equal(obj_record_find(obj_at(1)), CACHE_A);
	assert_ptr_equal(obj_record_find(obj_at(3)), CACHE_B);
	assert_null(obj_record_find(obj_at(2)));	/* CACHE_A's, not recorded */
	assert_null(obj_record_find(NULL));
	assert_int_equal(obj_record_count(CACHE_A), 1);
	assert_int_equal(obj_record_count(NULL), 2);
	assert_int_equal(obj_record_room(), OBJ_RECORD_MAX - 2);
	assert_true(obj_record_remove(obj_at(1)));
	assert_false(obj_record_remove(obj_at(1)));
	assert_null(obj_record_find(obj_at(1)));
	assert_ptr_equal(obj_record_find(obj_at(3)), CACHE_B);
	empty_record();
}

static void full_record_refuses_more(void **state)
{
	(void)state;
	empty_record();
	for (uintptr_t i = 0; i < OBJ_RECORD_MAX; i++)
		assert_true(add(obj_at(i)));
	assert_int_equal(obj_record_room(), 0);
	assert_false(add(obj_at(OBJ_RECORD_MAX)));
	for (uintptr_t i = 0; i < OBJ_RECORD_MAX; i++)
		assert_ptr_equal(obj_record_find(obj_at(i)), cache_at(i));
	empty_record();
}

/* The model's entries, oldest first, as a listing gives them. */
static int by_stamp(const void *a, const void *b)
{
	const struct obj_record_entry *x = a, *y = b;

	return x->stamp < y->stamp ? -1 : x->stamp > y->stamp;
}

/* Every entry, CPU, stamp and size included, listed in the model's order. */
static void check_listing(struct obj_record_entry *model, unsigned int n)
{
	static struct obj_record_entry sorted[OBJ_RECORD_MAX], listed[OBJ_RECORD_MAX];

	memcpy(sorted, model, n * sizeof(*model));
	qsort(sorted, n, sizeof(*sorted), by_stamp);	/* the run's stamps do not wrap */
	assert_int_equal(list_all(match_all, NULL, 64, listed), n);
	for (unsigned int k = 0; k < n; k++) {
		assert_ptr_equal(listed[k].obj, sorted[k].obj);
		assert_int_equal(listed[k].stamp, sorted[k].stamp);
		assert_int_equal(listed[k].cpu, sorted[k].cpu);
		assert_int_equal(listed[k].size, sorted[k].size);
	}
}

static void random_churn_matches_the_model(void **state)
{
	static struct obj_record_entry model[OBJ_RECORD_MAX];
	unsigned int n = 0;

	(void)state;
	empty_record();
	srand(7);
	for (int step = 0; step < 200000; step++) {
		bool add_one = n == 0 || (n < OBJ_RECORD_MAX && rand() % 100 < 55);

		if (add_one) {
			/* dense addresses collide often in the table's low bits */
			struct obj_record_entry e = {
				.obj = obj_at((uintptr_t)(rand() % (4 * OBJ_RECORD_MAX))),
				.stamp = clock_us += 1 + (uint32_t)(rand() % 3),
				.cpu = (uint32_t)(rand() % 4),
				.size = (uint32_t)(rand() % 5000),
			};
			bool known = obj_record_find(e.obj) != NULL;

			assert_int_equal(obj_record_add(e.obj, e.cpu, e.size, e.stamp), !known);
			if (!known)
				model[n++] = e;
		} else {
			unsigned int k = (unsigned int)rand() % n;

			assert_true(obj_record_remove(model[k].obj));
			model[k] = model[--n];
		}
		if (step % 5000 == 0 || (n == OBJ_RECORD_MAX && step % 500 == 0)) {
			for (unsigned int k = 0; k < n; k++)
				assert_ptr_equal(obj_record_find(model[k].obj),
						 obj_record_cache_of(model[k].obj));
		}
		if (step % 20000 == 0 || (n == OBJ_RECORD_MAX && step % 5000 == 0))
			check_listing(model, n);
	}
	assert_int_equal(obj_record_count(NULL), n);
	check_listing(model, n);
	empty_record();
}

static void take_removes_one_cache_only(void **state)
{
	const void *objs[64];
	unsigned int got = 0, n;

	(void)state;
	empty_record();
	for (uintptr_t i = 0; i < 300; i++)
		assert_true(add(obj_at(i)));
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

/* Each entry keeps its CPU, size and a stamp later than the one before. */
static void entries_keep_cpu_stamp_and_size(void **state)
{
	struct obj_record_entry got[8];
	uint32_t t = clock_us + 1000;

	(void)state;
	empty_record();
	assert_true(obj_record_add(obj_at(10), 2, 72, t));
	assert_true(obj_record_add(obj_at(12), 1, 0, t));		/* same microsecond */
	assert_true(obj_record_add(obj_at(11), 3, 4194304, t - 500));	/* clock behind */
	assert_false(obj_record_add(obj_at(11), 3, 1, t + 1));	/* takes no stamp */
	assert_true(obj_record_add(obj_at(15), 255, 0x2000000, t + 4000));
	clock_us = t + 4000;
	/* chunks of 3: the oldest three, then the rest */
	assert_int_equal(list_all(match_all, NULL, 3, got), 4);
	assert_ptr_equal(got[0].obj, obj_at(10));
	assert_int_equal(got[0].cpu, 2);
	assert_int_equal(got[0].size, 72);
	assert_int_equal(got[0].stamp, t);
	assert_ptr_equal(got[1].obj, obj_at(12));
	assert_int_equal(got[1].cpu, 1);
	assert_int_equal(got[1].size, 0);
	assert_int_equal(got[1].stamp, t + 1);
	assert_ptr_equal(got[2].obj, obj_at(11));
	assert_int_equal(got[2].cpu, 3);
	assert_int_equal(got[2].size, 4194304);
	assert_int_equal(got[2].stamp, t + 2);
	assert_ptr_equal(got[3].obj, obj_at(15));
	assert_int_equal(got[3].cpu, 255);
	assert_int_equal(got[3].size, OBJ_RECORD_SIZE_MAX);	/* clamped */
	assert_int_equal(got[3].stamp, t + 4000);
	/* a filter (12 and 15 are CACHE_B's), one entry per call */
	assert_int_equal(list_all(match_cache, (void *)CACHE_B, 1, got), 2);
	assert_ptr_equal(got[0].obj, obj_at(12));
	assert_ptr_equal(got[1].obj, obj_at(15));
	/* removed: gone from the listing, the others keep their order */
	assert_true(obj_record_remove(obj_at(12)));
	assert_int_equal(list_all(match_all, NULL, 8, got), 3);
	assert_ptr_equal(got[0].obj, obj_at(10));
	assert_ptr_equal(got[1].obj, obj_at(11));
	assert_ptr_equal(got[2].obj, obj_at(15));
	assert_int_equal(got[2].cpu, 255);
	empty_record();
	assert_int_equal(list_all(match_all, NULL, 8, got), 0);
}

/* The clock's 32 bits wrap: order and stamps stay right across it. */
static void listing_order_survives_the_clock_wrapping(void **state)
{
	struct obj_record_entry got[4];

	(void)state;
	empty_record();
	/* the clock goes forward a quarter of its range at a time up to the wrap */
	for (uint32_t t = 0x40000000u; t; t += 0x40000000u) {
		assert_true(obj_record_add(obj_at(1), 0, 0, t));
		assert_true(obj_record_remove(obj_at(1)));
	}
	assert_true(obj_record_add(obj_at(1), 0, 0, 0xfffffff0u));
	assert_true(obj_record_add(obj_at(2), 1, 0, 0xffffffffu));
	assert_true(obj_record_add(obj_at(3), 2, 0, 0x10));
	clock_us = 0x10;
	assert_int_equal(list_all(match_all, NULL, 2, got), 3);
	assert_ptr_equal(got[0].obj, obj_at(1));
	assert_int_equal(got[0].stamp, 0xfffffff0u);
	assert_ptr_equal(got[1].obj, obj_at(2));
	assert_ptr_equal(got[2].obj, obj_at(3));
	assert_int_equal(got[2].stamp, 0x10);
	empty_record();
}

/*
 * Objects colliding in the table: removing one shifts the slots after it
 * back and moves the last entry into its place; each must keep its own
 * CPU, size and stamp.
 */
static void shifted_entries_keep_their_fields(void **state)
{
	struct obj_record_entry got[64];
	uintptr_t base = 0x100000;

	(void)state;
	empty_record();
	/* obj_at(i)s 2 * OBJ_RECORD_MAX (the table's slots) apart share a home slot */
	for (unsigned int k = 0; k < 8; k++)
		assert_true(obj_record_add(obj_at(base + k * 2 * OBJ_RECORD_MAX), k, 100 + k,
					   clock_us += 10));
	for (unsigned int k = 0; k < 8; k += 2)
		assert_true(obj_record_remove(obj_at(base + k * 2 * OBJ_RECORD_MAX)));
	assert_int_equal(list_all(match_all, NULL, 64, got), 4);
	for (unsigned int k = 0; k < 4; k++) {
		unsigned int orig = 2 * k + 1;

		assert_ptr_equal(got[k].obj, obj_at(base + orig * 2 * OBJ_RECORD_MAX));
		assert_int_equal(got[k].cpu, orig);
		assert_int_equal(got[k].size, 100 + orig);
		assert_ptr_equal(obj_record_find(got[k].obj), cache_at(base + orig * 2 * OBJ_RECORD_MAX));
	}
	empty_record();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(add_find_remove),
		cmocka_unit_test(full_record_refuses_more),
		cmocka_unit_test(random_churn_matches_the_model),
		cmocka_unit_test(take_removes_one_cache_only),
		cmocka_unit_test(entries_keep_cpu_stamp_and_size),
		cmocka_unit_test(listing_order_survives_the_clock_wrapping),
		cmocka_unit_test(shifted_entries_keep_their_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
