/*
 * percpu.h - per-CPU variables, with Linux's names.
 *
 * DEFINE_PER_CPU(type, name) makes one copy of @name per CPU, each on
 * its own cache lines so CPUs updating their copy never share a line.
 * per_cpu(name, cpu) is @cpu's copy; __get_cpu_var(name) the calling
 * CPU's.  A CPU's copy is normally written only by that CPU; the
 * definition of each variable says what protects it.
 */
#ifndef SLABLAB_PERCPU_H
#define SLABLAB_PERCPU_H

#include "cache.h"
#include "smp.h"

#define DEFINE_PER_CPU(type, name) \
	struct { type v ____cacheline_aligned; } name##__per_cpu[NR_CPUS]

#define per_cpu(name, cpu)   (name##__per_cpu[(cpu)].v)
#define __get_cpu_var(name)  per_cpu(name, smp_processor_id())

#endif /* SLABLAB_PERCPU_H */
