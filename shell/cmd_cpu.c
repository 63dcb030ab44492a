/*
 * cmd_cpu.c - cpus (the CPUs' state) and cpu N CMD (run a command there).
 */
#include <errno.h>
#include <stdio.h>
#include "shell/commands.h"
#include "shell/shell.h"
#include "boot/cpu.h"
#include "drivers/gic.h"
#include "drivers/twd.h"

int do_cpus(int argc, char **argv)
{
	unsigned int self = smp_processor_id();

	(void)argc;
	(void)argv;
	for (unsigned int cpu = 0; cpu < num_present_cpus(); cpu++) {
		enum cpu_state state = cpu_get_state(cpu);

		printf("cpu%u %-7s mpidr 0x%08lx  ticks %8lu  irqs %8lu  ipis %6lu%s\n",
		       cpu, cpu_state_name(state), (unsigned long)cpu_get_mpidr(cpu),
		       twd_ticks(cpu), gic_irq_count(cpu), cpu_ipi_count(cpu),
		       cpu == self ? "  (this cpu)" : "");
	}
	return CMD_OK;
}

struct remote_cmd {
	int argc;
	char **argv;
};

static int run_remote(void *arg)
{
	struct remote_cmd *rc = arg;

	return shell_exec(rc->argc, rc->argv);
}

int do_cpu(int argc, char **argv)
{
	struct remote_cmd rc = { argc - 2, argv + 2 };
	unsigned int present = num_present_cpus();
	uint32_t cpu;
	int ret;

	if (!cmd_parse_u32("cpu number", argv[1], UINT32_MAX, &cpu))
		return CMD_USAGE;
	if (cpu >= present)
		return cmd_error("cpu %lu does not exist (this board has cpu0-cpu%u)",
				 (unsigned long)cpu, present - 1);
	if (!cpu_online(cpu))
		return cmd_error("cpu%lu is %s", (unsigned long)cpu,
				 cpu_state_name(cpu_get_state(cpu)));

	ret = smp_call_on_cpu(cpu, run_remote, &rc);
	if (ret == -ENXIO)
		return cmd_error("cpu%lu stopped before the command finished",
				 (unsigned long)cpu);
	/* The command's own usage line, if any, was printed over there. */
	return ret == CMD_OK ? CMD_OK : CMD_FAIL;
}
