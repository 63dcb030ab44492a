/*
 * stack.h - the per-CPU exception-mode stacks laid out by boot/entry.S
 * and their overflow canaries (boot/stack.c).
 */
#ifndef BOOT_STACK_H
#define BOOT_STACK_H

/* CPU 0, once: write the canary at the bottom of every stack. */
void stack_init_canaries(void);
/* "SVC stack overflowed" (or another mode's) for the calling CPU, or NULL. */
const char *stack_overflowed(void);

#endif /* BOOT_STACK_H */
