/*
 * cpu.h - the CPU layer's services beyond include/smp.h: bring-up,
 * per-CPU state, inter-processor interrupts and the idle loop.
 *
 * Used by board/ (which wires the interrupt controller in) and by the
 * shell (which shows the state).  mm/ sees only include/smp.h.
 */
#ifndef BOOT_CPU_H
#define BOOT_CPU_H

#include <stdbool.h>
#include <stdint.h>
#include "compiler.h"
#include "smp.h"

enum cpu_state {
	CPU_ABSENT,		/* not in this system (SCU count) */
	CPU_OFFLINE,		/* present, not (yet) up */
	CPU_ONLINE,		/* up: serves interrupts and calls */
	CPU_STOPPED,		/* faulted outside a shell command */
};

/* Inter-processor interrupts: GIC SGI numbers. */
enum ipi {
	IPI_WAKEUP = 0,		/* leave wfi: boot wake-up, queued work */
	IPI_CALL_FUNC = 1,	/* run queued smp_call_function_single() calls */
	NR_IPI
};

/* ---- bring-up (boot/smp.c) ---- */
void smp_set_present_cpus(unsigned int n);
void smp_prepare_boot_cpu(void);
/* Let @cpu out of the holding pen (boot/entry.S). */
void smp_release_from_pen(unsigned int cpu);
/* Called by each CPU once it serves interrupts. */
void smp_mark_online(void);
/*
 * ACTLR.SMP and .FW: join the SCU's coherency domain and broadcast cache
 * and TLB maintenance.  Each bit is set if clear, independently of the
 * other; the prefetch bits 2:1 are cleared (erratum 719332).
 */
void cpu_enable_coherency(void);
/*
 * The Cortex-A9 errata this CPU's revision needs (boot/a9_errata.c):
 * Secure state, MMU and caches off.  Returns the diagnostic register as
 * read back afterwards (0 on a CPU that is not a Cortex-A9).
 */
uint32_t cpu_apply_errata(void);

/* ---- state, for display ---- */
enum cpu_state cpu_get_state(unsigned int cpu);
uint32_t cpu_get_mpidr(unsigned int cpu);
unsigned long cpu_ipi_count(unsigned int cpu);
const char *cpu_state_name(enum cpu_state state);
/* Bit i set for every online CPU i other than @cpu. */
unsigned int online_mask_except(unsigned int cpu);

/* Take the calling CPU offline for good (after an unrecoverable fault). */
__noreturn void cpu_stop_self(void);
/* Interrupts off, wfi forever (boot/entry.S). */
__noreturn void cpu_halt(void);

/* ---- IPIs (boot/smp_call.c) ---- */
void smp_set_cross_call(void (*raise)(unsigned int cpumask, unsigned int ipi));
void smp_send_ipi(unsigned int cpumask, enum ipi ipi);
/* Interrupt handler for every IPI; @ipi is the SGI number. */
void smp_handle_ipi(unsigned int ipi);

/* ---- thread context (boot/cpu_work.c) ---- */
/*
 * Sleep in wfi until @done(@arg) is true, running any work other CPUs
 * queue for this CPU meanwhile.  Call with interrupts enabled.
 */
void cpu_wait_event(bool (*done)(void *), void *arg);
/* The secondaries' life after bring-up: wait for work forever. */
__noreturn void cpu_idle_loop(void);

#endif /* BOOT_CPU_H */
