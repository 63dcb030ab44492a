/*
 * cmd_fault.c - fault TYPE [CPU [locked]]: raise a fault on purpose.
 *
 * In the command itself the fault is unwound by the shell's guard; in
 * another CPU's IPI handler (interrupt mode) nothing can be unwound and
 * that CPU stops, which shows the other half of the fault policy.
 *
 * A CPU stopped in the middle of what a spinlock protects would leave
 * the lock taken for good (the reaper holds cache_chain_lock for a whole
 * pass, with interrupts on), so the handler raises the fault only when
 * the code it interrupted neither holds nor waits for a spinlock, and
 * is asked again a tick later otherwise.  "locked" is the exception, on
 * purpose: the handler takes cache_chain_lock first, so the CPU dies
 * holding the lock every slab command needs, and the others show what
 * they do about it (boot/spinlock.c: they give up with an error).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "shell/commands.h"
#include "shell/shell.h"
#include "boot/cpu.h"
#include "boot/spinlock_held.h"
#include "bug.h"
#include "jiffies.h"
#include "mm/slab_inspect.h"

enum fault_type { FT_UNDEF, FT_PABT, FT_DABT, FT_BUG, NR_FT };

static const char *const fault_names[NR_FT] = { "undef", "pabt", "dabt", "bug" };

/* Addresses in the unmapped first megabyte; volatile so the compiler
 * cannot see (and "optimise") the bad pointers. */
static volatile uintptr_t unmapped_data = 0x00000010;
static volatile uintptr_t unmapped_code = 0x00000020;

static void raise_fault(enum fault_type type)
{
	switch (type) {
	case FT_UNDEF:
		__asm__ __volatile__(".inst 0xe7f000f0" ::: "memory");	/* udf #0 */
		break;
	case FT_PABT:
		((void (*)(void))unmapped_code)();
		break;
	case FT_DABT:
		(void)*(volatile uint32_t *)unmapped_data;
		break;
	case FT_BUG:
		BUG_ON(type == FT_BUG);		/* raised on purpose */
		break;
	case NR_FT:
		break;
	}
}

/* How long the CPU may keep holding spinlocks before the command gives up. */
#define FAULT_WAIT_TICKS (5 * HZ)

struct fault_request {
	enum fault_type type;
	bool locked;		/* die holding cache_chain_lock */
	bool deferred;		/* the CPU was busy with a spinlock: ask again */
};

static void raise_fault_ipi(void *info)
{
	struct fault_request *req = info;

	if (spin_thread_busy() || (req->locked && !spin_trylock(kmem_cache_chain_lock()))) {
		req->deferred = true;
		return;
	}
	raise_fault(req->type);
}

static bool tick_passed(void *arg)
{
	return time_after(jiffies, *(unsigned long *)arg) || shell_interrupted();
}

/* Ask @cpu to fault until it does (it stops) or stays busy too long. */
static int fault_cpu_when_free(unsigned int cpu, struct fault_request *req)
{
	unsigned long give_up = jiffies + FAULT_WAIT_TICKS;

	for (;;) {
		unsigned long now = jiffies;

		req->deferred = false;
		if (smp_call_function_single(cpu, raise_fault_ipi, req, 1) == -ENXIO) {
			printf("cpu%u is now stopped\n", cpu);
			return CMD_OK;
		}
		if (!req->deferred)
			return cmd_error("cpu%u did not fault", cpu);
		if (time_after(jiffies, give_up))
			return cmd_error("cpu%u held spinlocks every time for %d s; no fault raised",
					 cpu, FAULT_WAIT_TICKS / HZ);
		cpu_wait_event(tick_passed, &now);
		if (shell_interrupted())
			return cmd_interrupted();
	}
}

static int fault_on_cpu(enum fault_type type, const char *arg, const char *how)
{
	struct fault_request req = { .type = type };
	unsigned int self = smp_processor_id();
	uint32_t cpu;

	if (how && strcmp(how, "locked") != 0)
		return cmd_usage_error("unknown option '%s' (known: locked)", how);
	req.locked = how != NULL;
	if (!cmd_parse_u32("cpu number", arg, UINT32_MAX, &cpu))
		return CMD_USAGE;
	if (cpu >= num_present_cpus())
		return cmd_error("cpu %lu does not exist", (unsigned long)cpu);
	if (cpu == 0)
		return cmd_error("cpu0 runs the shell; pick another CPU");
	if (cpu == self)
		return cmd_error("cpu%u runs this command; pick another CPU", self);
	if (!cpu_online(cpu))
		return cmd_error("cpu%lu is %s", (unsigned long)cpu,
				 cpu_state_name(cpu_get_state(cpu)));

	return fault_cpu_when_free(cpu, &req);
}

int do_fault(int argc, char **argv)
{
	enum fault_type type;

	for (type = 0; type < NR_FT; type++)
		if (strcmp(argv[1], fault_names[type]) == 0)
			break;
	if (type == NR_FT)
		return cmd_usage_error("unknown fault type '%s'", argv[1]);
	if (argc >= 3)
		return fault_on_cpu(type, argv[2], argc == 4 ? argv[3] : NULL);
	raise_fault(type);
	return cmd_error("the %s fault did not happen", fault_names[type]);
}
