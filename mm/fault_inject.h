/*
 * fault_inject.h - failures on purpose: allocations that fail although
 * memory is there, so every caller's out-of-memory path gets run (after
 * Linux's lib/fault-inject.c, with its fail_page_alloc and failslab).
 *
 * Two injectors: fail_page_alloc, asked at the top of alloc_pages(), and
 * failslab, asked at the top of cache_grow() (mm/fault_inject.c says why
 * there).  Each is off, fails every Nth call it sees, or fails a call
 * with probability P percent from its own seeded generator.
 *
 * The hooks cost one load and one untaken branch while the injector is
 * off: the mode is read without a lock; should_fail() does the rest.
 * Any CPU may be asked at once; the counters are atomics.
 */
#ifndef MM_FAULT_INJECT_H
#define MM_FAULT_INJECT_H

#include <stdbool.h>
#include <stdint.h>
#include "platform.h"
#include "mm/gfp.h"

enum fault_mode { FAULT_OFF, FAULT_EVERY, FAULT_PROB };

struct fault_attr {
	const char *name;	/* "pages", "slab": the shell's words */
	int mode;		/* enum fault_mode; __atomic, written last by fault_attr_set() */
	unsigned int value;	/* N of "every N", P (1-100) of "prob P" */
	uint32_t seed;		/* prob's generator: call n draws hash(seed, n) */
	unsigned int times;	/* fail at most this many calls; 0: no limit */
	atomic_t calls;		/* calls seen since the mode was set */
	atomic_t failures;	/* of them failed on purpose */
};

extern struct fault_attr fail_page_alloc;
extern struct fault_attr failslab;

/* Count one call; should it fail?  Only when @attr is on (see the hooks). */
bool should_fail(struct fault_attr *attr);

/*
 * Set an injector: counters back to 0, then the mode.  @value must be at
 * least 1 (and at most 100 for FAULT_PROB); false and nothing changed
 * otherwise.  @times as the field; 0 from the shell.
 */
bool fault_attr_set(struct fault_attr *attr, enum fault_mode mode, unsigned int value,
		    uint32_t seed, unsigned int times);

/* A snapshot for the shell's status line. */
struct fault_status {
	enum fault_mode mode;
	unsigned int value;
	uint32_t seed;
	unsigned long calls, failures;
};
void fault_attr_status(const struct fault_attr *attr, struct fault_status *st);

/*
 * Hold both injectors off for a moment without touching their settings or
 * counts: calls made while held are neither failed nor counted.  For a
 * command's own bookkeeping, which must not fail where the allocator
 * under test may: stress's measuring shrinks (SLUB's kmem_cache_shrink()
 * kmallocs its sort lists, and 2.6.32 shrinks nothing when that fails).
 * Nests; thread context.
 */
void fault_injection_hold(void);
void fault_injection_release(void);

/* Is either injector on?  For what must not run with failures made up (selftest). */
static inline bool fault_injection_on(void)
{
	return __atomic_load_n(&fail_page_alloc.mode, __ATOMIC_RELAXED) != FAULT_OFF ||
	       __atomic_load_n(&failslab.mode, __ATOMIC_RELAXED) != FAULT_OFF;
}

/* The hook in alloc_pages(); __GFP_NOFAIL requests are never failed (Linux's rule). */
static inline bool should_fail_alloc_page(gfp_t gfp_mask)
{
	return unlikely(__atomic_load_n(&fail_page_alloc.mode, __ATOMIC_RELAXED) != FAULT_OFF) &&
	       !(gfp_mask & __GFP_NOFAIL) && should_fail(&fail_page_alloc);
}

/* The hook in cache_grow(). */
static inline bool should_failslab(gfp_t flags)
{
	return unlikely(__atomic_load_n(&failslab.mode, __ATOMIC_RELAXED) != FAULT_OFF) &&
	       !(flags & __GFP_NOFAIL) && should_fail(&failslab);
}

#endif /* MM_FAULT_INJECT_H */
