/*
 * stack.h - the per-CPU exception-mode stacks laid out by boot/entry.S
 * and their overflow canaries (boot/stack.c).
 */
#ifndef BOOT_STACK_H
#define BOOT_STACK_H

#include <stdbool.h>

/* CPU 0, once: write the canary at the bottom of every stack. */
void stack_init_canaries(void);
/* Name of the calling CPU's first overflowed stack ("SVC", ...), or NULL. */
const char *stack_overflowed(void);
/* Bytes of @cpu's SVC stack never touched since boot (a high-water mark). */
unsigned int stack_svc_unused(unsigned int cpu);

#endif /* BOOT_STACK_H */
