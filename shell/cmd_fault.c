/*
 * cmd_fault.c - fault TYPE [CPU [locked]]: raise a fault on purpose;
 * fault pages|slab off|every N|prob P [SEED]: make allocations fail on
 * purpose (mm/fault_inject.c); fault alone: the injectors' status.
 *
 * Setting an injector checks every argument first, so a refused command
 * leaves the injector as it was.
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
#include "mm/fault_inject.h"
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

/* ---- fault injection ---- */

static struct fault_attr *const injectors[] = { &fail_page_alloc, &failslab };

#define NR_INJECTORS (sizeof(injectors) / sizeof(injectors[0]))

/* "pages: every 7, 1234 calls, 176 failed": the counts since the mode was set. */
static void injector_status(const struct fault_attr *attr)
{
	struct fault_status st;

	fault_attr_status(attr, &st);
	printf("%s: ", attr->name);
	if (st.mode == FAULT_EVERY)
		printf("every %u", st.value);
	else if (st.mode == FAULT_PROB)
		printf("prob %u%% seed %lu", st.value, (unsigned long)st.seed);
	else
		printf("off");
	printf(", %lu calls, %lu failed\n", st.calls, st.failures);
}

static int fault_status_all(void)
{
	for (unsigned int i = 0; i < NR_INJECTORS; i++)
		injector_status(injectors[i]);
	return CMD_OK;
}

/* fault pages|slab off|every N|prob P [SEED]: argv[1] names @attr. */
static int fault_inject_set(struct fault_attr *attr, int argc, char **argv)
{
	uint32_t value = 0, seed = 1;
	enum fault_mode mode;

	if (argc < 3)
		return cmd_usage_error("fault %s: expected off|every N|prob P [SEED]", attr->name);
	if (strcmp(argv[2], "off") == 0 && argc == 3)
		mode = FAULT_OFF;
	else if (strcmp(argv[2], "every") == 0 && argc == 4)
		mode = FAULT_EVERY;
	else if (strcmp(argv[2], "prob") == 0 && (argc == 4 || argc == 5))
		mode = FAULT_PROB;
	else
		return cmd_usage_error("fault %s: expected off|every N|prob P [SEED]", attr->name);
	if (mode == FAULT_EVERY && !cmd_parse_count("interval", argv[3], UINT32_MAX, &value))
		return CMD_USAGE;
	if (mode == FAULT_PROB && !cmd_parse_count("percentage", argv[3], 100, &value))
		return CMD_USAGE;
	if (argc == 5 && !cmd_parse_u32("seed", argv[4], UINT32_MAX, &seed))
		return CMD_USAGE;
	if (!fault_attr_set(attr, mode, value, seed, 0))
		return cmd_error("fault %s: cannot set", attr->name);	/* checked above */
	injector_status(attr);
	return CMD_OK;
}

int do_fault(int argc, char **argv)
{
	enum fault_type type;

	if (argc == 1)
		return fault_status_all();
	for (unsigned int i = 0; i < NR_INJECTORS; i++)
		if (strcmp(argv[1], injectors[i]->name) == 0)
			return fault_inject_set(injectors[i], argc, argv);
	if (argc > 4)
		return cmd_usage_error("fault: too many arguments");
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
