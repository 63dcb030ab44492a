/*
 * barrier.h - SMP memory barriers.
 *
 * Portable: the compiler's fences are exactly the barriers each target
 * needs (on ARMv7 every one of them becomes "dmb ish"; on the host they
 * are what ThreadSanitizer understands).  Use them in pairs, as Linux
 * does: a writer's smp_wmb() pairs with a reader's smp_rmb().
 */
#ifndef SLABLAB_BARRIER_H
#define SLABLAB_BARRIER_H

static inline void smp_mb(void)  { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
static inline void smp_rmb(void) { __atomic_thread_fence(__ATOMIC_ACQUIRE); }
static inline void smp_wmb(void) { __atomic_thread_fence(__ATOMIC_RELEASE); }

#endif /* SLABLAB_BARRIER_H */
