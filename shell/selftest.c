/*
 * selftest.c - "selftest [SUITE]": the allocator's self-test, run inside
 * the firmware on every online CPU, and the small framework it runs on
 * (shell/selftest.h), after Linux's KUnit and its slub_kunit suite.
 *
 * Output: one line per case, "ok SUITE.CASE", "FAIL SUITE.CASE: FILE:LINE:
 * what" (the first failed check; "(and N more)" counts the others) or
 * "skip SUITE.CASE: needs N CPUs" (or the case's own reason, where a back
 * end has no counterpart); then "N passed, N failed", with
 * ", N skipped" when cases were skipped (as tests/run_all.py counts).
 * Failed cases are results, not command errors: the command fails only
 * for an unknown suite or a Ctrl-C (which stops it between cases).
 *
 * Around every case, on the CPU that runs the command:
 *  - the slab reaper is held off (slab_reap_hold()), so no page or array
 *    changes behind the case's back and counts are exact;
 *  - every cache is shrunk before and after, and the buddy allocator's
 *    free pages and the objects in use in all caches must come out as
 *    they went in: what a case creates it must give back;
 *  - afterwards verify walks every cache (kmem_cache_verify()) and any
 *    problem fails the case;
 *  - the case runs under a fault guard: a fault or BUG inside it is that
 *    case's failure, and the next case runs;
 *  - reports it muted (selftest_mute_reports()) are unmuted.  A report
 *    a case did not expect is not muted: it prints above the case's
 *    line, where it shows what went wrong.
 * The framework's own bookkeeping is static, so it allocates nothing the
 * census could see.
 *
 * Locking: struct selftest's failure record takes its lock (a leaf, IRQs
 * off), since checks run in work on every CPU; everything else here runs
 * on the command's CPU only.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "shell/commands.h"
#include "shell/selftest.h"
#include "shell/shell.h"
#include "boot/fault.h"
#include "mm/fault_inject.h"
#include "mm/mmzone.h"
#include "mm/slab.h"
#include "mm/slab_inspect.h"
#include "smp.h"

/* In the order "selftest" runs them. */
static const struct selftest_suite *const suites[] = {
	&selftest_alloc, &selftest_xcpu, &selftest_shrink, &selftest_tune, &selftest_debug,
};

#define NR_SUITES (sizeof(suites) / sizeof(suites[0]))

struct selftest_totals {
	unsigned int passed, failed, skipped;
};

/* ---- checks ---- */

/*
 * The first failure's "file:line: what"; a message too long for msg[]
 * ends in "..." so the reader knows it was cut, not that it ended there.
 */
static void record_failure(struct selftest *t, const char *file, int line, const char *what)
{
	unsigned long flags;
	int len;

	spin_lock_irqsave(&t->lock, flags);
	if (!t->failures++) {
		len = snprintf(t->msg, sizeof(t->msg), "%s:%d: %s", file, line, what);
		if (len >= (int)sizeof(t->msg))
			strcpy(&t->msg[sizeof(t->msg) - 4], "...");
	}
	spin_unlock_irqrestore(&t->lock, flags);
}

bool selftest_check(struct selftest *t, bool ok, const char *file, int line,
		    const char *fmt, ...)
{
	char what[SELFTEST_MSG_MAX];
	va_list ap;

	if (ok)
		return true;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	record_failure(t, file, line, what);
	return false;
}

bool selftest_check_eq(struct selftest *t, long got, long want, const char *expr,
		       const char *file, int line)
{
	return selftest_check(t, got == want, file, line, "%s is %ld, expected %ld", expr, got,
			      want);
}

void selftest_mute_reports(struct selftest *t)
{
	slab_mute_reports();
	t->mutes++;
}

static const char *work_failure(int err)
{
	return err == -EFAULT ? "faulted" : err == -ENXIO ? "stopped" : "failed";
}

bool selftest_on_each_cpu(struct selftest *t, int (*fn)(void *), void *arg,
			  const char *file, int line)
{
	int err = schedule_on_each_cpu(fn, arg);

	return selftest_check(t, err == 0, file, line, "work on every CPU %s (%d)",
			      work_failure(err), err);
}

bool selftest_on_cpu(struct selftest *t, unsigned int cpu, int (*fn)(void *), void *arg,
		     const char *file, int line)
{
	int err = smp_call_on_cpu(cpu, fn, arg);

	return selftest_check(t, err == 0, file, line, "work on cpu%u %s (%d)", cpu,
			      work_failure(err), err);
}

/* ---- what every case must leave as it found it ---- */

struct mm_census {
	unsigned long free_pages;	/* the buddy allocator's */
	unsigned long objects;		/* in use, in all caches */
};

static void count_objects(const struct slabinfo_row *row, void *arg)
{
	*(unsigned long *)arg += row->active_objs;
}

/*
 * Shrink every cache, then count.  The chain runs newest first and a
 * cache's off-slab management lives in an older general cache, so
 * whatever the shrink frees there is drained later in the same pass:
 * afterwards every array is empty and "active" means handed out.
 */
static struct mm_census mm_census(void)
{
	struct mm_census c = { 0, 0 };

	kmem_cache_shrink_all();
	c.free_pages = global_page_state(NR_FREE_PAGES);
	kmem_cache_for_each_row(count_objects, &c.objects);
	return c;
}

/*
 * Every cache walked with the other CPUs held still (kmem_cache_verify):
 * a problem prints its own "verify:" line above the case's, and fails it.
 */
static void verify_all(struct selftest *t)
{
	struct slab_verify_result res;

	ST_CHECK(t, kmem_cache_verify(NULL, &res) == 0, "verify: %lu errors in %lu caches",
		 res.errors, res.caches);
}

/* After a case: nothing leaked, and the allocator's structures hold together. */
static void check_allocator(struct selftest *t, const struct mm_census *before)
{
	struct mm_census after = mm_census();

	ST_CHECK(t, after.free_pages == before->free_pages,
		 "%lu free pages after the test, %lu before (every cache shrunk)",
		 after.free_pages, before->free_pages);
	ST_CHECK(t, after.objects == before->objects,
		 "%lu objects in use in all caches after the test, %lu before",
		 after.objects, before->objects);
	verify_all(t);
}

/* ---- running cases ---- */

struct case_run {
	const struct selftest_case *c;
	struct selftest *t;
};

static int run_guarded(void *arg)
{
	struct case_run *r = arg;

	r->c->run(r->t);
	return 0;
}

/* Run one case with its invariants around it; true if it passed. */
static bool run_case(const struct selftest_case *c, struct selftest *t)
{
	struct case_run r = { c, t };
	struct mm_census before;
	struct fault_record rec;

	slab_reap_hold();
	before = mm_census();
	if (!fault_guard_call(run_guarded, &r, NULL, &rec)) {
		char what[SELFTEST_MSG_MAX - 32];

		fault_describe(&rec, what, sizeof(what));
		ST_CHECK(t, false, "the test faulted: %s", what);
	}
	for (; t->mutes; t->mutes--)
		slab_unmute_reports();
	check_allocator(t, &before);
	slab_reap_release();
	return t->failures == 0;
}

static void run_one(const struct selftest_suite *s, const struct selftest_case *c,
		    struct selftest_totals *tot)
{
	static struct selftest t;	/* the command's CPU, one case at a time */

	if (c->skip) {
		printf("skip %s.%s: %s\n", s->name, c->name, c->skip);
		tot->skipped++;
		return;
	}
	if (num_online_cpus() < c->min_cpus) {
		printf("skip %s.%s: needs %u CPUs\n", s->name, c->name, c->min_cpus);
		tot->skipped++;
		return;
	}
	t = (struct selftest){ .lock = __SPIN_LOCK_UNLOCKED(selftest.lock), .param = c->param };
	if (run_case(c, &t)) {
		printf("ok %s.%s\n", s->name, c->name);
		tot->passed++;
		return;
	}
	if (t.failures > 1)
		printf("FAIL %s.%s: %s (and %u more)\n", s->name, c->name, t.msg, t.failures - 1);
	else
		printf("FAIL %s.%s: %s\n", s->name, c->name, t.msg);
	tot->failed++;
}

/* False if interrupted by Ctrl-C (checked between cases). */
static bool run_suite(const struct selftest_suite *s, struct selftest_totals *tot)
{
	for (unsigned int i = 0; i < s->ncases; i++) {
		if (shell_interrupted())
			return false;
		run_one(s, &s->cases[i], tot);
	}
	return true;
}

static const struct selftest_suite *find_suite(const char *name)
{
	for (unsigned int i = 0; i < NR_SUITES; i++)
		if (strcmp(suites[i]->name, name) == 0)
			return suites[i];
	return NULL;
}

static int unknown_suite(const char *name)
{
	char names[64] = "";

	for (unsigned int i = 0; i < NR_SUITES; i++) {
		size_t len = strlen(names);

		snprintf(names + len, sizeof(names) - len, "%s%s", suites[i]->name,
			 i + 2 < NR_SUITES ? ", " : i + 1 < NR_SUITES ? " or " : "");
	}
	return cmd_error("selftest: unknown suite '%s' (%s)", name, names);
}

int do_selftest(int argc, char **argv)
{
	struct selftest_totals tot = { 0, 0, 0 };
	const struct selftest_suite *only = NULL;
	char skipped[24] = "";

	if (argc == 2 && !(only = find_suite(argv[1])))
		return unknown_suite(argv[1]);
	/* its tests expect every allocation to succeed, and stop (keeping what they made) if not */
	if (fault_injection_on())
		return cmd_error("fault injection is on; 'fault pages off' and 'fault slab off' first");
	for (unsigned int i = 0; i < NR_SUITES; i++) {
		if (only && suites[i] != only)
			continue;
		if (!run_suite(suites[i], &tot))
			return cmd_interrupted();
	}
	if (tot.skipped)
		snprintf(skipped, sizeof(skipped), ", %u skipped", tot.skipped);
	printf("%u passed, %u failed%s\n", tot.passed, tot.failed, skipped);
	return CMD_OK;
}
