/*
 * smp.h - CPU identity and cross-CPU calls.
 *
 * CPUs are numbered 0..NR_CPUS-1 by their MPIDR affinity level 0;
 * smp_processor_id() is inline (the host tests supply their own).
 * "Present" CPUs are those the SCU reports; "online" ones came up and
 * serve interrupts.  A CPU that faults outside a shell command stops
 * and goes offline; calls to it fail instead of waiting forever.
 *
 * smp_call_function_single() and on_each_cpu() run @func in interrupt
 * context, interrupts off, on the target CPU, as in Linux: @func must
 * be short and must not wait for other CPUs.  They must not be called
 * with interrupts disabled or from an interrupt handler when @wait is
 * set (two CPUs waiting on each other with interrupts off deadlock).
 *
 * smp_call_on_cpu() runs @func in thread context on the target CPU
 * (its idle loop, or the wait loop of whatever it is waiting on),
 * interrupts on, and returns @func's result: shell commands run on
 * other CPUs this way.  schedule_on_each_cpu() does the same on every
 * online CPU at once, the caller included, and waits for them all: the
 * way to run long work on all CPUs without holding interrupts off.
 *
 * stop_machine() runs @fn on the calling CPU while every other online
 * CPU spins in an interrupt handler with interrupts off (Linux's
 * stop_machine, for one function on the calling CPU): nothing another
 * CPU does with interrupts off is half done meanwhile, and nothing
 * starts.  The others were interrupted with interrupts on, so they hold
 * no lock that is only taken with interrupts off; @fn may take those,
 * but must not wait for another CPU or take a lock another CPU may hold
 * with interrupts on (take such a lock before the call).  Thread
 * context, interrupts on.  Callers are served one at a time.
 */
#ifndef SLABLAB_SMP_H
#define SLABLAB_SMP_H

#define NR_CPUS 4

#ifndef __ASSEMBLER__
#include <stdbool.h>

typedef void (*smp_call_func_t)(void *info);

#if defined(__arm__)
/*
 * The calling CPU's number, one instruction inline (the allocator's fast
 * paths read it on every call): boot/entry.S puts it in TPIDRPRW, the
 * PL1-only thread ID register, before any C runs on the CPU (Linux
 * 2.6.24 reads it from thread_info; later ARM kernels keep their per-CPU
 * offset in TPIDRPRW).  Not volatile: thread context never moves to
 * another CPU, so the compiler may reuse one reading within a function.
 */
static inline unsigned int smp_processor_id(void)
{
	unsigned int cpu;

	__asm__("mrc p15, 0, %0, c13, c0, 4" : "=r"(cpu));
	return cpu;
}
#else
#include "host_cpu.h"	/* the host unit tests' (tests/host/) */
#endif
unsigned int num_present_cpus(void);
unsigned int num_online_cpus(void);
bool cpu_online(unsigned int cpu);

/* 0 on success, -ENXIO if @cpu is not online. */
int smp_call_function_single(unsigned int cpu, smp_call_func_t func,
			     void *info, int wait);
/* Runs @func on every online CPU, the caller included. */
int on_each_cpu(smp_call_func_t func, void *info, int wait);
/* @func's result, or -ENXIO if @cpu is not online. */
int smp_call_on_cpu(unsigned int cpu, int (*func)(void *), void *arg);
/* 0 if @func returned 0 everywhere, else the first non-zero result or -ENXIO. */
int schedule_on_each_cpu(int (*func)(void *), void *arg);
/* @fn's result; -EFAULT if it faulted (reported; the other CPUs go on). */
int stop_machine(int (*fn)(void *), void *arg);

#endif /* __ASSEMBLER__ */

#endif /* SLABLAB_SMP_H */
