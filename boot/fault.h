/*
 * fault.h - synchronous exceptions: reports, and unwinding a guarded
 * call (boot/fault.c).
 *
 * An undefined instruction, prefetch abort or data abort (or a BUG_ON)
 * raised while the CPU runs a function under fault_guard_call(), in
 * thread (SVC) context, unwinds to that call, which returns false with
 * a description of the fault.  The shell runs every command this way.
 * Locks the function took are released; its other side effects stay.
 *
 * Any other fault prints an oops (CPU, mode, fault address and status,
 * all registers) and stops only the faulting CPU.
 */
#ifndef BOOT_FAULT_H
#define BOOT_FAULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "boot/ptregs.h"
#include "compiler.h"

enum fault_kind {
	FAULT_UNDEF,
	FAULT_PREFETCH_ABORT,
	FAULT_DATA_ABORT,
	FAULT_BUG,
	FAULT_UNEXPECTED,
	FAULT_DEAD_LOCK,	/* waited for a spinlock whose holder has stopped */
};

struct fault_record {
	enum fault_kind kind;
	unsigned int cpu;
	uint32_t addr;		/* DFAR/IFAR, or the faulting pc */
	uint32_t status;	/* DFSR/IFSR, or the instruction */
	const char *bug_file;	/* FAULT_BUG */
	int bug_line;
	const char *bug_cond;
	const char *lock_name;	/* FAULT_DEAD_LOCK */
	uint32_t lock_addr;
	unsigned int lock_owner;
	unsigned int locks_released;
	struct pt_regs regs;
};

/*
 * Run @fn(@arg).  True if it returned (its result in *@ret when @ret is
 * not NULL); false if it faulted, with the fault in *@rec.  Nests.
 */
bool fault_guard_call(int (*fn)(void *), void *arg, int *ret,
		      struct fault_record *rec);

/*
 * Called by a CPU waiting for @lock (named @name) that @owner, stopped,
 * will never release: ends the wait as a fault, so a shell command
 * unwinds with an error instead of hanging, and anything else stops
 * this CPU with an oops that says why.
 */
__noreturn void fault_dead_lock(const void *lock, const char *name, unsigned int owner);

/* One line, no newline: "data abort at pc 0x...: ..." */
void fault_describe(const struct fault_record *rec, char *buf, size_t len);

/*
 * How the fault path prints.  begin/end bracket an oops (take the
 * console for this CPU, breaking a lock a dead CPU holds); emergency
 * writes one string with no locks and no C library, for a fault inside
 * the fault path.  Installed by the board once the console works.
 */
struct fault_console {
	void (*begin)(void);
	void (*end)(void);
	void (*emergency)(const char *s);
};
void fault_set_console(const struct fault_console *fc);

/* Exception entry points, called by boot/vectors.S. */
void do_undefined(struct pt_regs *regs);
void do_prefetch_abort(struct pt_regs *regs);
void do_data_abort(struct pt_regs *regs);
void do_unexpected(struct pt_regs *regs, uint32_t vector);

#endif /* BOOT_FAULT_H */
