/*
 * fault.c - what happens on an undefined instruction, a prefetch abort,
 * a data abort or a BUG_ON: unwind a guarded call, or print an oops and
 * stop the CPU.
 *
 * Guards: each CPU has a chain of active guards (fault_guard_call()
 * frames), innermost first, touched only by that CPU.  A fault taken in
 * SVC mode while a guard is active is a fault of the guarded function:
 * the handler copies the fault into the guard's record, pops the guard,
 * and returns from the exception into fault_unwind_trampoline with the
 * interrupt mask the guard started with.  The trampoline moves to a
 * stack below the guard's frame (the faulting sp may be the problem),
 * releases the spinlocks taken since the guard started, and longjmps.
 * A fault in IRQ, abort or undefined mode is never a guarded function's
 * fault: interrupt handlers run there.
 *
 * The oops and WARN_ON's report are kernel messages (printk: stamped,
 * kept in the log); a guarded fault is the caller's to report.
 *
 * A fault while this CPU is already handling one (a bug in the fault
 * path or a broken stack) prints one line through the emergency output
 * and stops the CPU, so it can never recurse.
 */
#include <setjmp.h>
#include <stdio.h>
#include "boot/arm.h"
#include "boot/cpu.h"
#include "boot/fault.h"
#include "boot/spinlock_held.h"
#include "bug.h"
#include "cache.h"
#include "percpu.h"
#include "printk.h"

BUILD_BUG_ON(offsetof(struct pt_regs, sp) != S_SP);
BUILD_BUG_ON(offsetof(struct pt_regs, lr) != S_LR);
BUILD_BUG_ON(offsetof(struct pt_regs, pc) != S_PC);
BUILD_BUG_ON(offsetof(struct pt_regs, psr) != S_PSR);
BUILD_BUG_ON(sizeof(struct pt_regs) != S_FRAME_SIZE);

/* "udf #0xdef0": the instruction bug_at() executes. */
#define BUG_INSN 0xe7fdeff0u

struct fault_guard {
	jmp_buf env;
	struct fault_record *rec;
	struct fault_guard *prev;
	unsigned int lock_depth;	/* spinlocks held when the guard began */
	uint32_t psr;			/* CPSR when the guard began */
	uintptr_t safe_sp;		/* below the guard's frame */
};

/* Why this CPU executed BUG_INSN: a BUG_ON (file set) or a dead lock (lock set). */
struct bug_site {
	const char *file;
	int line;
	const char *cond;
	const void *lock;
	const char *lock_name;
	unsigned int lock_owner;
};

/* Touched only by the owner CPU. */
static DEFINE_PER_CPU(struct fault_guard *, guards);
static DEFINE_PER_CPU(unsigned int, in_fault);
static DEFINE_PER_CPU(struct bug_site, bug_site);

static const struct fault_console *console;

void fault_unwind_trampoline(void);	/* boot/vectors.S */

void fault_set_console(const struct fault_console *fc)
{
	console = fc;
}

static uintptr_t current_sp(void)
{
	uintptr_t sp;

	__asm__ __volatile__("mov %0, sp" : "=r"(sp));
	return sp;
}

bool fault_guard_call(int (*fn)(void *), void *arg, int *ret,
		      struct fault_record *rec)
{
	unsigned int cpu = smp_processor_id();
	struct fault_guard g = {
		.rec = rec,
		.prev = per_cpu(guards, cpu),
		.lock_depth = spin_held_depth(),
		.psr = read_cpsr(),
	};
	int r;

	g.safe_sp = current_sp() & ~(uintptr_t)7;
	if (setjmp(g.env) != 0)
		return false;		/* the handler already popped g */
	per_cpu(guards, cpu) = &g;
	r = fn(arg);
	per_cpu(guards, cpu) = g.prev;
	if (ret)
		*ret = r;
	return true;
}

/* Runs on the guard's safe stack, entered from the trampoline. */
__noreturn void fault_unwind(struct fault_guard *g);
void fault_unwind(struct fault_guard *g)
{
	g->rec->locks_released = spin_release_held_above(g->lock_depth);
	longjmp(g->env, 1);
}

static bool try_unwind(struct pt_regs *regs, const struct fault_record *rec)
{
	unsigned int cpu = rec->cpu;
	struct fault_guard *g = per_cpu(guards, cpu);

	if (!g || (regs->psr & PSR_MODE_MASK) != PSR_MODE_SVC)
		return false;
	*g->rec = *rec;
	per_cpu(guards, cpu) = g->prev;
	regs->r[0] = (uint32_t)(uintptr_t)g;
	regs->r[1] = g->safe_sp;
	regs->pc = (uint32_t)(uintptr_t)fault_unwind_trampoline;
	regs->psr = PSR_MODE_SVC | (g->psr & (PSR_I_BIT | PSR_F_BIT | PSR_A_BIT));
	return true;
}

/* ---- describing a fault ---- */

static const char *fsr_text(uint32_t fsr)
{
	switch (((fsr >> 6) & 0x10) | (fsr & 0xf)) {	/* FS[4] is bit 10 */
	case 0x01: return "alignment fault";
	case 0x02: return "debug event";
	case 0x03: return "access flag fault (section)";
	case 0x04: return "instruction cache maintenance fault";
	case 0x05: return "translation fault (section)";
	case 0x06: return "access flag fault (page)";
	case 0x07: return "translation fault (page)";
	case 0x08: return "synchronous external abort";
	case 0x09: return "domain fault (section)";
	case 0x0b: return "domain fault (page)";
	case 0x0c: return "external abort on table walk (level 1)";
	case 0x0d: return "permission fault (section)";
	case 0x0e: return "external abort on table walk (level 2)";
	case 0x0f: return "permission fault (page)";
	case 0x16: return "asynchronous external abort";
	case 0x18: return "asynchronous parity error";
	case 0x19: return "synchronous parity error";
	default:   return "unknown fault";
	}
}

void fault_describe(const struct fault_record *rec, char *buf, size_t len)
{
	switch (rec->kind) {
	case FAULT_DATA_ABORT:
		snprintf(buf, len, "data abort at pc 0x%08lx: %s %s 0x%08lx (DFSR 0x%03lx)",
			 (unsigned long)rec->regs.pc, fsr_text(rec->status),
			 (rec->status & (1u << 11)) ? "writing" : "reading",
			 (unsigned long)rec->addr, (unsigned long)rec->status);
		break;
	case FAULT_PREFETCH_ABORT:
		snprintf(buf, len, "prefetch abort at pc 0x%08lx: %s (IFSR 0x%03lx)",
			 (unsigned long)rec->addr, fsr_text(rec->status),
			 (unsigned long)rec->status);
		break;
	case FAULT_UNDEF:
		snprintf(buf, len, "undefined instruction 0x%08lx at pc 0x%08lx",
			 (unsigned long)rec->status, (unsigned long)rec->regs.pc);
		break;
	case FAULT_BUG:
		snprintf(buf, len, "BUG at %s:%d: %s", rec->bug_file, rec->bug_line,
			 rec->bug_cond);
		break;
	case FAULT_UNEXPECTED:
		snprintf(buf, len, "unexpected exception (vector 0x%02lx) at pc 0x%08lx",
			 (unsigned long)rec->status, (unsigned long)rec->regs.pc);
		break;
	case FAULT_DEAD_LOCK:
		snprintf(buf, len, "spinlock %s (0x%08lx) is held by cpu%u, which has stopped",
			 rec->lock_name ? rec->lock_name : "?", (unsigned long)rec->lock_addr,
			 rec->lock_owner);
		break;
	}
}

/* ---- the oops ---- */

static const char *mode_name(uint32_t psr)
{
	switch (psr & PSR_MODE_MASK) {
	case PSR_MODE_USR: return "USR";
	case PSR_MODE_FIQ: return "FIQ";
	case PSR_MODE_IRQ: return "IRQ";
	case PSR_MODE_SVC: return "SVC";
	case PSR_MODE_ABT: return "ABT";
	case PSR_MODE_UND: return "UND";
	case PSR_MODE_SYS: return "SYS";
	default:           return "???";
	}
}

static void show_regs(const struct pt_regs *regs)
{
	const uint32_t *r = regs->r;

	printk("pc : [<%08lx>]    lr : [<%08lx>]    psr: %08lx\n",
	       (unsigned long)regs->pc, (unsigned long)regs->lr, (unsigned long)regs->psr);
	printk("sp : %08lx  ip : %08lx  fp : %08lx\n",
	       (unsigned long)regs->sp, (unsigned long)r[12], (unsigned long)r[11]);
	printk("r10: %08lx  r9 : %08lx  r8 : %08lx\n",
	       (unsigned long)r[10], (unsigned long)r[9], (unsigned long)r[8]);
	printk("r7 : %08lx  r6 : %08lx  r5 : %08lx  r4 : %08lx\n",
	       (unsigned long)r[7], (unsigned long)r[6], (unsigned long)r[5], (unsigned long)r[4]);
	printk("r3 : %08lx  r2 : %08lx  r1 : %08lx  r0 : %08lx\n",
	       (unsigned long)r[3], (unsigned long)r[2], (unsigned long)r[1], (unsigned long)r[0]);
}

#define HELD_SHOWN 8

/* The locks this CPU takes with it: whoever waits for one will say so. */
static void show_held_locks(const spinlock_t *const *locks, unsigned int n)
{
	if (!n)
		return;
	printk("locks held, never to be released:");
	for (unsigned int i = 0; i < n && i < HELD_SHOWN; i++)
		printk(" %s (0x%08lx)", locks[i]->name ? locks[i]->name : "?",
		       (unsigned long)(uintptr_t)locks[i]);
	printk("%s\n", n > HELD_SHOWN ? " ..." : "");
}

static __noreturn void oops_and_stop(const struct fault_record *rec)
{
	const spinlock_t *locks[HELD_SHOWN];
	unsigned int nlocks;
	char what[160];

	fault_describe(rec, what, sizeof(what));
	/* before the console's lock joins them */
	nlocks = spin_held_locks(locks, HELD_SHOWN);
	if (console)
		console->begin();
	printk("Oops: %s\n", what);
	printk("CPU: %u  mode: %s  (cpu%u stopped; other CPUs go on)\n",
	       rec->cpu, mode_name(rec->regs.psr), rec->cpu);
	if (rec->kind == FAULT_DATA_ABORT)
		printk("DFAR %08lx  DFSR %08lx\n", (unsigned long)rec->addr,
		       (unsigned long)rec->status);
	else if (rec->kind == FAULT_PREFETCH_ABORT)
		printk("IFAR %08lx  IFSR %08lx\n", (unsigned long)rec->addr,
		       (unsigned long)rec->status);
	show_regs(&rec->regs);
	show_held_locks(locks, nlocks);
	if (rec->cpu == 0)
		printk("cpu0 ran the shell: reset the board (QEMU: Ctrl-A X)\n");
	if (console)
		console->end();
	cpu_stop_self();
}

static void handle_fault(struct pt_regs *regs, struct fault_record *rec)
{
	unsigned int cpu = smp_processor_id();

	rec->cpu = cpu;
	rec->regs = *regs;
	if (per_cpu(in_fault, cpu)++) {
		if (console && console->emergency)
			console->emergency("\nOops: fault inside the fault handler; CPU stopped\n");
		cpu_stop_self();
	}
	if (rec->kind != FAULT_UNEXPECTED && try_unwind(regs, rec)) {
		per_cpu(in_fault, cpu)--;
		return;
	}
	oops_and_stop(rec);
}

void do_data_abort(struct pt_regs *regs)
{
	struct fault_record rec = {
		.kind = FAULT_DATA_ABORT,
		.addr = read_dfar(),
		.status = read_dfsr(),
	};

	handle_fault(regs, &rec);
}

void do_prefetch_abort(struct pt_regs *regs)
{
	struct fault_record rec = {
		.kind = FAULT_PREFETCH_ABORT,
		.addr = read_ifar(),
		.status = read_ifsr(),
	};

	handle_fault(regs, &rec);
}

void do_undefined(struct pt_regs *regs)
{
	unsigned int cpu = smp_processor_id();
	struct fault_record rec = { .kind = FAULT_UNDEF };

	if (!(regs->psr & PSR_T_BIT))
		rec.status = *(const uint32_t *)(uintptr_t)regs->pc;
	else
		rec.status = *(const uint16_t *)(uintptr_t)regs->pc;
	if (rec.status == BUG_INSN) {
		struct bug_site *site = &per_cpu(bug_site, cpu);

		if (site->file) {
			rec.kind = FAULT_BUG;
			rec.bug_file = site->file;
			rec.bug_line = site->line;
			rec.bug_cond = site->cond;
		} else if (site->lock) {
			rec.kind = FAULT_DEAD_LOCK;
			rec.lock_name = site->lock_name;
			rec.lock_addr = (uint32_t)(uintptr_t)site->lock;
			rec.lock_owner = site->lock_owner;
		}
		*site = (struct bug_site){ 0 };
	}
	handle_fault(regs, &rec);
}

void do_unexpected(struct pt_regs *regs, uint32_t vector)
{
	struct fault_record rec = { .kind = FAULT_UNEXPECTED, .status = vector };

	handle_fault(regs, &rec);
}

/* ---- BUG and WARN (include/bug.h) ---- */

void bug_at(const char *file, int line, const char *cond)
{
	unsigned int cpu = smp_processor_id();

	per_cpu(bug_site, cpu) = (struct bug_site){ .file = file, .line = line, .cond = cond };
	__asm__ __volatile__(".inst 0xe7fdeff0" ::: "memory");	/* BUG_INSN */
	cpu_halt();		/* not reached: the fault path unwinds or stops */
}

void fault_dead_lock(const void *lock, const char *name, unsigned int owner)
{
	unsigned int cpu = smp_processor_id();

	per_cpu(bug_site, cpu) = (struct bug_site){ .lock = lock, .lock_name = name,
						     .lock_owner = owner };
	__asm__ __volatile__(".inst 0xe7fdeff0" ::: "memory");	/* BUG_INSN */
	cpu_halt();		/* not reached */
}

void warn_at(const char *file, int line, const char *cond)
{
	printk("WARNING: cpu%u at %s:%d: %s\n", smp_processor_id(), file, line, cond);
}
