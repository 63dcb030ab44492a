/*
 * printk.h - the kernel log, with Linux's name.
 *
 * printk() is for what the kernel reports on its own: an allocator's
 * slab errors and page allocation failures, a WARN_ON, an oops, a
 * device's warnings.  Each line is written to the console with the
 * time since boot in front, as Linux prints it with printk.time=1:
 *
 *   [   12.345678] page allocation failure: order:10, mode:0xd0
 *
 * and kept in a ring buffer (log_buf) that the shell's `dmesg` prints.
 * What a shell command prints as its answer, its `error: ` line
 * included, is not a kernel message: it goes through printf().
 *
 * A line may be built by several printk() calls (a hex dump, byte by
 * byte); it is stamped and written when its '\n' arrives, so lines from
 * different CPUs never interleave.  Every line of a multi-line message
 * gets its own timestamp.  Any context, any CPU; never sleeps.
 *
 * On the board: drivers/printk.c.  The host unit tests print the text
 * as it is, without a timestamp (tests/host/platform_host.c), except
 * tests/host/test_printk*.c, which link drivers/printk.c itself.
 */
#ifndef SLABLAB_PRINTK_H
#define SLABLAB_PRINTK_H

#include <stdarg.h>
#include "compiler.h"

__printf(1, 2) int printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list ap);

#endif /* SLABLAB_PRINTK_H */
