/*
 * fault_inject.c - the two fault injectors and their decision, after
 * Linux's should_fail() (lib/fault-inject.c), fail_page_alloc
 * (mm/page_alloc.c) and failslab (mm/failslab.c).
 *
 * Design.  Every call an injector sees while it is on takes the next
 * number n = 1, 2, ... from an atomic counter.  "every N" fails the
 * calls whose n is a multiple of N (Linux's interval); "prob P" fails
 * call n when a hash of (seed, n) modulo 100 is below P (Linux's
 * probability, in percent).  The generator is a counter hash, not a
 * stream: it needs no lock and no state beyond the call counter, and a
 * run that makes the same calls in the same order fails the same ones.
 * "times" caps the failures (Linux's "times"): the host tests fail the
 * Nth call only, with every N and times 1.
 *
 * Where the hooks sit.  fail_page_alloc is asked first thing in
 * alloc_pages(), as Linux's __alloc_pages() asks should_fail_alloc_page().
 * failslab is asked first thing in cache_grow(): Linux's later failslab
 * fails kmem_cache_alloc() itself, even when the object would have come
 * from a per-CPU array; here only a slab that would grow fails, which is
 * the out-of-memory case the allocator really has (docs/slab.md, 7).
 * Neither models Linux's filters (ignore-gfp-wait, min-order, a cache
 * filter, a task filter, space, verbose): every request but __GFP_NOFAIL
 * may fail.
 *
 * fault_injection_hold() makes every call neither fail nor count until
 * released (a counter, so holds nest).
 *
 * Locking: none.  The counters are atomics; the mode is written last by
 * fault_attr_set() (a release store) and read once, untorn, by the
 * hooks, so a call that races a change is decided by either the old or
 * the new setting, never by half of each (a value of 0 never fails).
 */
#include "hash.h"
#include "mm/fault_inject.h"

struct fault_attr fail_page_alloc = { .name = "pages" };
struct fault_attr failslab = { .name = "slab" };

/* Call n's draw for @seed. */
static uint32_t fault_hash(uint32_t seed, uint32_t n)
{
	return mix32(seed ^ (n * 0x9e3779b9u));
}

/* Take one of @attr's remaining failures; false when "times" are used up. */
static bool take_failure(struct fault_attr *attr, unsigned int times)
{
	if (times && (unsigned int)atomic_add_return(1, &attr->failures) > times) {
		atomic_dec(&attr->failures);
		return false;
	}
	if (!times)
		atomic_inc(&attr->failures);
	return true;
}

/* The settings fault_attr_set() publishes: relaxed loads after the mode's acquire. */
static unsigned int load(const unsigned int *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static unsigned int fault_held;	/* fault_injection_hold()s not yet released */

void fault_injection_hold(void)
{
	__atomic_add_fetch(&fault_held, 1, __ATOMIC_SEQ_CST);
}

void fault_injection_release(void)
{
	__atomic_sub_fetch(&fault_held, 1, __ATOMIC_SEQ_CST);
}

bool should_fail(struct fault_attr *attr)
{
	int mode = __atomic_load_n(&attr->mode, __ATOMIC_ACQUIRE);
	unsigned int value = load(&attr->value);
	uint32_t n;
	bool fail;

	if (__atomic_load_n(&fault_held, __ATOMIC_SEQ_CST))
		return false;		/* held: not a call of the run */
	n = (uint32_t)atomic_inc_return(&attr->calls);
	if (value == 0)
		return false;		/* raced fault_attr_set(): not a failure */
	if (mode == FAULT_EVERY)
		fail = n % value == 0;
	else if (mode == FAULT_PROB)
		fail = fault_hash(__atomic_load_n(&attr->seed, __ATOMIC_RELAXED), n) % 100 < value;
	else
		return false;
	return fail && take_failure(attr, load(&attr->times));
}

/*
 * The mode goes off first and on last (a release store), so a hook that
 * sees it on also sees the new value, seed, times and zeroed counters.
 */
bool fault_attr_set(struct fault_attr *attr, enum fault_mode mode, unsigned int value,
		    uint32_t seed, unsigned int times)
{
	if (mode != FAULT_OFF && (value == 0 || (mode == FAULT_PROB && value > 100)))
		return false;
	__atomic_store_n(&attr->mode, FAULT_OFF, __ATOMIC_SEQ_CST);
	if (mode == FAULT_OFF)
		return true;		/* the counters stay for the status */
	__atomic_store_n(&attr->value, value, __ATOMIC_RELAXED);
	__atomic_store_n(&attr->seed, seed, __ATOMIC_RELAXED);
	__atomic_store_n(&attr->times, times, __ATOMIC_RELAXED);
	atomic_set(&attr->calls, 0);
	atomic_set(&attr->failures, 0);
	__atomic_store_n(&attr->mode, (int)mode, __ATOMIC_RELEASE);
	return true;
}

void fault_attr_status(const struct fault_attr *attr, struct fault_status *st)
{
	st->mode = (enum fault_mode)__atomic_load_n(&attr->mode, __ATOMIC_ACQUIRE);
	st->value = load(&attr->value);
	st->seed = __atomic_load_n(&attr->seed, __ATOMIC_RELAXED);
	st->calls = (unsigned long)(unsigned int)atomic_read(&attr->calls);
	st->failures = (unsigned long)(unsigned int)atomic_read(&attr->failures);
}
