/*
 * smp.h - CPU identity and cross-CPU calls.
 *
 * CPUs are numbered 0..NR_CPUS-1 by their MPIDR affinity level 0.
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
 */
#ifndef SLABLAB_SMP_H
#define SLABLAB_SMP_H

#define NR_CPUS 4

#ifndef __ASSEMBLER__
#include <stdbool.h>

typedef void (*smp_call_func_t)(void *info);

unsigned int smp_processor_id(void);
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

#endif /* __ASSEMBLER__ */

#endif /* SLABLAB_SMP_H */
