/*
 * compiler.h - attributes and tiny helpers every layer uses.
 *
 * Portable C: compiled for the ARM firmware and for the host unit tests.
 * Nothing here hides control flow; these are spellings, not mechanisms.
 */
#ifndef SLABLAB_COMPILER_H
#define SLABLAB_COMPILER_H

#include <stddef.h>

/* The C library's <sys/cdefs.h> may define some of these the same way. */
#ifndef __aligned
#define __aligned(n)     __attribute__((aligned(n)))
#endif
#ifndef __noreturn
#define __noreturn       __attribute__((noreturn))
#endif
#ifndef __unused
#define __unused         __attribute__((unused))
#endif
#ifndef __used
#define __used           __attribute__((used))
#endif
#ifndef __section
#define __section(s)     __attribute__((section(s)))
#endif
#ifndef __printf
#define __printf(a, b)   __attribute__((format(printf, a, b)))
#endif
#ifndef __always_inline
#define __always_inline  inline __attribute__((always_inline))
#endif
#ifndef __noinline
#define __noinline       __attribute__((noinline))
#endif

#define likely(x)        __builtin_expect(!!(x), 1)
#define unlikely(x)      __builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a)    (sizeof(a) / sizeof((a)[0]))

/* Compile-time check that also works at file scope. */
#define BUILD_BUG_ON(cond) _Static_assert(!(cond), #cond)

/*
 * READ_ONCE/WRITE_ONCE: one access the compiler may neither tear, merge
 * nor hoist out of a loop.  Used for flags polled by another CPU.
 */
#define READ_ONCE(x)     (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define ALIGN_UP(x, a)   (((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)

/* Optimisation barrier: the compiler may not move memory accesses across. */
#define barrier()        __asm__ __volatile__("" ::: "memory")

#endif /* SLABLAB_COMPILER_H */
