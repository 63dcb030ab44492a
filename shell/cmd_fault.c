/*
 * cmd_fault.c - fault TYPE [CPU]: raise a fault on purpose.
 *
 * In the command itself the fault is unwound by the shell's guard; in
 * another CPU's IPI handler (interrupt mode) nothing can be unwound and
 * that CPU stops, which shows the other half of the fault policy.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "shell/commands.h"
#include "shell/shell.h"
#include "boot/cpu.h"
#include "bug.h"

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

static void raise_fault_ipi(void *info)
{
	raise_fault((enum fault_type)(uintptr_t)info);
}

static int fault_on_cpu(enum fault_type type, const char *arg)
{
	unsigned int self = smp_processor_id();
	uint32_t cpu;

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

	if (smp_call_function_single(cpu, raise_fault_ipi,
				     (void *)(uintptr_t)type, 1) == -ENXIO)
		printf("cpu%lu is now stopped\n", (unsigned long)cpu);
	else
		return cmd_error("cpu%lu did not fault", (unsigned long)cpu);
	return CMD_OK;
}

int do_fault(int argc, char **argv)
{
	enum fault_type type;

	for (type = 0; type < NR_FT; type++)
		if (strcmp(argv[1], fault_names[type]) == 0)
			break;
	if (type == NR_FT)
		return cmd_usage_error("unknown fault type '%s'", argv[1]);
	if (argc == 3)
		return fault_on_cpu(type, argv[2]);
	raise_fault(type);
	return cmd_error("the %s fault did not happen", fault_names[type]);
}
