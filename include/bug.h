/*
 * bug.h - assertions for broken invariants.
 *
 * BUG_ON(cond) is for conditions that cannot happen unless memory is
 * already corrupt or the code is wrong: it reports file and line and
 * stops.  Caller mistakes that can be refused (a bad address handed to
 * a free, a bad shell argument) are reported and refused instead, never
 * asserted.  WARN_ON(cond) reports (a kernel message: printk) and
 * carries on; it returns cond.
 *
 * DEBUG_BUG_ON(cond) states a precondition that is checked only when
 * CONFIG_DEBUG_CHECKS is 1; with 0 it compiles away.  The Makefile sets
 * it: 0 for the image users run (fast paths pay nothing for it), 1 for
 * `make DEBUG=1` and the slab_debug image.  Unset (the host tests), it is 1.
 *
 * On the board, bug_at() raises an undefined-instruction trap so the
 * fault path (boot/fault.c) prints the oops; inside a shell command that
 * returns to the prompt, anywhere else it stops the CPU.  The host test
 * platform makes it a test failure.
 */
#ifndef SLABLAB_BUG_H
#define SLABLAB_BUG_H

#include <stdbool.h>
#include "compiler.h"

#ifndef CONFIG_DEBUG_CHECKS
#define CONFIG_DEBUG_CHECKS 1
#endif

__noreturn void bug_at(const char *file, int line, const char *cond);
void warn_at(const char *file, int line, const char *cond);

#define BUG() bug_at(__FILE__, __LINE__, "BUG()")

#define BUG_ON(cond)                                            \
	do {                                                    \
		if (unlikely(cond))                             \
			bug_at(__FILE__, __LINE__, #cond);      \
	} while (0)

#define WARN_ON(cond)                                           \
	({                                                      \
		bool __warn = !!(cond);                         \
		if (unlikely(__warn))                           \
			warn_at(__FILE__, __LINE__, #cond);     \
		__warn;                                         \
	})

#if CONFIG_DEBUG_CHECKS
#define DEBUG_BUG_ON(cond) BUG_ON(cond)
#else
#define DEBUG_BUG_ON(cond) do { (void)sizeof(cond); } while (0)
#endif

#endif /* SLABLAB_BUG_H */
