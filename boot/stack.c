/*
 * stack.c - canaries at the bottom of every per-CPU stack.
 *
 * The stacks (boot/entry.S) are not cleared at boot; CPU 0 writes one
 * canary word at the bottom of every stack of every CPU before the
 * secondaries are released.  A changed bottom word means that stack
 * overflowed into the one below it.
 */
#include <stdint.h>
#include "boot/arm.h"
#include "boot/stack.h"
#include "compiler.h"
#include "smp.h"

extern uint32_t __stacks_start[];

struct mode_stack {
	const char *overflow_msg;
	unsigned int offset;	/* of its lowest word, from the CPU's stack base */
};

/* Same order as setup_mode_stacks in boot/entry.S. */
static const struct mode_stack mode_stacks[] = {
	{ "FIQ stack overflowed", 0 },
	{ "UND stack overflowed", STACK_SIZE_FIQ },
	{ "ABT stack overflowed", STACK_SIZE_FIQ + STACK_SIZE_UND },
	{ "IRQ stack overflowed", STACK_SIZE_FIQ + STACK_SIZE_UND + STACK_SIZE_ABT },
	{ "SVC stack overflowed", STACK_SIZE_PER_CPU - STACK_SIZE_SVC },
};

static uint32_t *stack_bottom(unsigned int cpu, const struct mode_stack *ms)
{
	uintptr_t base = (uintptr_t)__stacks_start + cpu * STACK_SIZE_PER_CPU;

	return (uint32_t *)(base + ms->offset);
}

void stack_init_canaries(void)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		for (unsigned int i = 0; i < ARRAY_SIZE(mode_stacks); i++)
			*stack_bottom(cpu, &mode_stacks[i]) = STACK_CANARY;
}

const char *stack_overflowed(void)
{
	unsigned int cpu = smp_processor_id();

	for (unsigned int i = 0; i < ARRAY_SIZE(mode_stacks); i++)
		if (*stack_bottom(cpu, &mode_stacks[i]) != STACK_CANARY)
			return mode_stacks[i].overflow_msg;
	return NULL;
}
