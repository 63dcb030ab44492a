/*
 * test_fault_inject_smp.c - the injectors' decision (mm/fault_inject.c)
 * asked by four CPUs at once, under ThreadSanitizer.
 *
 * Every call takes its own number from the atomic call counter, so the
 * failures of a run depend only on how many calls it made, not on how
 * the CPUs interleaved: the counts below are exact.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "mm/fault_inject.h"
#include "host_platform.h"

#define CALLS_PER_CPU 20000

struct worker {
	pthread_t thread;
	unsigned int cpu;
	struct fault_attr *attr;
	unsigned long failed;
};

static void *worker_main(void *arg)
{
	struct worker *w = arg;

	host_set_cpu(w->cpu);
	for (int i = 0; i < CALLS_PER_CPU; i++)
		w->failed += should_fail(w->attr);
	return NULL;
}

/* Four CPUs ask @attr CALLS_PER_CPU times each; the failures they saw. */
static unsigned long run_cpus(struct fault_attr *attr)
{
	struct worker workers[NR_CPUS];
	unsigned long failed = 0;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		workers[cpu] = (struct worker){ .cpu = cpu, .attr = attr };
		assert_int_equal(pthread_create(&workers[cpu].thread, NULL, worker_main,
						&workers[cpu]), 0);
	}
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		assert_int_equal(pthread_join(workers[cpu].thread, NULL), 0);
		failed += workers[cpu].failed;
	}
	return failed;
}

static void status_is(const struct fault_attr *attr, unsigned long calls, unsigned long failures)
{
	struct fault_status st;

	fault_attr_status(attr, &st);
	assert_int_equal(st.calls, calls);
	assert_int_equal(st.failures, failures);
}

static void every_n_counts_exactly_across_cpus(void **state)
{
	struct fault_attr a = { .name = "t" };
	unsigned long total = (unsigned long)NR_CPUS * CALLS_PER_CPU;

	(void)state;
	assert_true(fault_attr_set(&a, FAULT_EVERY, 7, 0, 0));
	assert_int_equal(run_cpus(&a), total / 7);
	status_is(&a, total, total / 7);
	/* "times" caps the failures exactly, however many CPUs race for the last */
	assert_true(fault_attr_set(&a, FAULT_EVERY, 1, 0, 100));
	assert_int_equal(run_cpus(&a), 100);
	status_is(&a, total, 100);
}

static void prob_fails_the_same_calls_on_one_cpu_or_four(void **state)
{
	struct fault_attr a = { .name = "t" };
	unsigned long total = (unsigned long)NR_CPUS * CALLS_PER_CPU, alone = 0;

	(void)state;
	assert_true(fault_attr_set(&a, FAULT_PROB, 30, 12345, 0));
	for (unsigned long i = 0; i < total; i++)
		alone += should_fail(&a);
	assert_true(fault_attr_set(&a, FAULT_PROB, 30, 12345, 0));
	assert_int_equal(run_cpus(&a), alone);
	status_is(&a, total, alone);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_n_counts_exactly_across_cpus),
		cmocka_unit_test(prob_fails_the_same_calls_on_one_cpu_or_four),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
