/*
 * selftest.h - the on-target self-test's small framework (shell/selftest.c),
 * after KUnit: suites of test cases, checks that record where they failed,
 * one output line per case.
 *
 * A case is a function that takes a struct selftest and calls the checks
 * below; it creates what it tests (its caches, with names of its own) and
 * destroys it again.  The framework runs each case with the slab reaper
 * held off, and around it shrinks every cache and compares the buddy
 * allocator's free pages and the objects in use in all caches: a case
 * that leaks an object or a page fails even if its own checks passed.
 *
 * Checks may run on any CPU (in work a case hands to other CPUs); the
 * first failure's file, line and message are kept, later ones counted.
 * A check returns whether it held, so a case can stop where going on
 * makes no sense: if (!ST_CHECK(t, p != NULL, "...")) return;
 */
#ifndef SHELL_SELFTEST_H
#define SHELL_SELFTEST_H

#include <stdbool.h>
#include "compiler.h"
#include "spinlock.h"

#define SELFTEST_MSG_MAX 160

struct selftest {
	spinlock_t lock;		/* the fields below: checks on any CPU */
	unsigned int failures;
	char msg[SELFTEST_MSG_MAX];	/* the first failure: "file:line: what" */
	unsigned int mutes;		/* selftest_mute_reports() calls; the case's CPU */
	const void *param;		/* the case's, for cases that share a function */
};

struct selftest_case {
	const char *name;
	void (*run)(struct selftest *t);
	unsigned int min_cpus;		/* skipped with fewer online CPUs */
	const void *param;		/* handed to run() as t->param */
	const char *skip;		/* if set, not run: why ("skip SUITE.CASE: why") */
};

struct selftest_suite {
	const char *name;
	const struct selftest_case *cases;
	unsigned int ncases;
};

#define SELFTEST_SUITE(sname, table) \
	{ .name = (sname), .cases = (table), .ncases = sizeof(table) / sizeof((table)[0]) }

/*
 * The suites: shell/selftest_alloc.c, _xcpu.c, _cache.c (shrink, tune),
 * _debug.c; on SLUB (make SLAB=slub) all five are in selftest_slub.c.
 */
extern const struct selftest_suite selftest_alloc, selftest_xcpu, selftest_shrink,
	selftest_tune, selftest_debug;

/* Record a failure at @file:@line unless @ok; returns @ok.  Any CPU. */
__printf(5, 6) bool selftest_check(struct selftest *t, bool ok, const char *file, int line,
				   const char *fmt, ...);
/* "@expr is @got, expected @want" unless they are equal; returns whether they are. */
bool selftest_check_eq(struct selftest *t, long got, long want, const char *expr,
		       const char *file, int line);

#define ST_CHECK(t, cond, ...) selftest_check((t), (cond), __FILE__, __LINE__, __VA_ARGS__)
#define ST_CHECK_EQ(t, got, want) \
	selftest_check_eq((t), (long)(got), (long)(want), #got, __FILE__, __LINE__)

/*
 * Mute the allocator's reports until the case ends (slab_mute_reports()):
 * for cases that misuse a cache on purpose and count the reports.
 */
void selftest_mute_reports(struct selftest *t);

/*
 * Run @fn(@arg) in thread context on every online CPU at once, or on
 * @cpu; false (recorded as a failure at the caller's line) if a CPU
 * stopped, its share faulted or @fn returned non-zero.
 */
bool selftest_on_each_cpu(struct selftest *t, int (*fn)(void *), void *arg,
			  const char *file, int line);
bool selftest_on_cpu(struct selftest *t, unsigned int cpu, int (*fn)(void *), void *arg,
		     const char *file, int line);

#define ST_ON_EACH_CPU(t, fn, arg) selftest_on_each_cpu((t), (fn), (arg), __FILE__, __LINE__)
#define ST_ON_CPU(t, cpu, fn, arg) selftest_on_cpu((t), (cpu), (fn), (arg), __FILE__, __LINE__)

#endif /* SHELL_SELFTEST_H */
