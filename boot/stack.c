/*
 * stack.c - canaries at the bottom of every per-CPU stack.
 *
 * The stacks (boot/entry.S) are not cleared at boot; CPU 0 fills each
 * SVC stack with the canary pattern (so the untouched depth can be
 * measured) and writes one canary word at the bottom of the others.
 * A changed bottom word means that stack overflowed into its neighbour.
 * The fill happens before the secondaries are released, and CPU 0's own
 * SVC stack is filled only below its current stack pointer.
 */
#include <stdint.h>
#include "boot/arm.h"
#include "boot/stack.h"
#include "compiler.h"
#include "smp.h"

extern uint32_t __stacks_start[];

struct mode_stack {
	const char *name;
	unsigned int offset;	/* from the CPU's stack base */
	unsigned int size;
};

/* Same order as setup_mode_stacks in boot/entry.S. */
static const struct mode_stack mode_stacks[] = {
	{ "FIQ", 0, STACK_SIZE_FIQ },
	{ "UND", STACK_SIZE_FIQ, STACK_SIZE_UND },
	{ "ABT", STACK_SIZE_FIQ + STACK_SIZE_UND, STACK_SIZE_ABT },
	{ "IRQ", STACK_SIZE_FIQ + STACK_SIZE_UND + STACK_SIZE_ABT, STACK_SIZE_IRQ },
	{ "SVC", STACK_SIZE_PER_CPU - STACK_SIZE_SVC, STACK_SIZE_SVC },
};
#define SVC_INDEX 4

static uint32_t *stack_bottom(unsigned int cpu, const struct mode_stack *ms)
{
	uintptr_t base = (uintptr_t)__stacks_start + cpu * STACK_SIZE_PER_CPU;

	return (uint32_t *)(base + ms->offset);
}

void stack_init_canaries(void)
{
	uintptr_t sp;

	__asm__ __volatile__("mov %0, sp" : "=r"(sp));
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		for (unsigned int i = 0; i < SVC_INDEX; i++)
			*stack_bottom(cpu, &mode_stacks[i]) = STACK_CANARY;

		uint32_t *p = stack_bottom(cpu, &mode_stacks[SVC_INDEX]);
		uintptr_t end = (uintptr_t)(p + STACK_SIZE_SVC / 4);

		if (sp > (uintptr_t)p && sp <= end)
			end = sp - 64;		/* our own stack: stay below live frames */
		for (; (uintptr_t)p < end; p++)
			*p = STACK_CANARY;
	}
}

const char *stack_overflowed(void)
{
	unsigned int cpu = smp_processor_id();

	for (unsigned int i = 0; i < ARRAY_SIZE(mode_stacks); i++)
		if (*stack_bottom(cpu, &mode_stacks[i]) != STACK_CANARY)
			return mode_stacks[i].name;
	return NULL;
}

unsigned int stack_svc_unused(unsigned int cpu)
{
	const uint32_t *p = stack_bottom(cpu, &mode_stacks[SVC_INDEX]);
	unsigned int n = 0;

	while (n < STACK_SIZE_SVC / 4 && p[n] == STACK_CANARY)
		n++;
	return n * 4;
}
