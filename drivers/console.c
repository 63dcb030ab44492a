/*
 * console.c - whole-line, SMP-safe console output on the PL011, and
 * console input.
 *
 * Every CPU has one line buffer per context it can print from: thread
 * (SVC), interrupt (IRQ) and exception (ABT/UND).  A context owns its
 * buffer outright (it runs on its CPU, and a context cannot interrupt
 * itself), so filling a buffer needs no lock.  A full line, or an
 * explicit flush, is written to the UART under console_lock with
 * interrupts off; "\n" becomes "\r\n" there.  A line longer than the
 * buffer is written in buffer-sized pieces.
 *
 * Kernel log lines (printk, drivers/printk.c) arrive whole and stamped:
 * console_write_log() writes them at once, after ending the terminal's
 * line if a partial one (a prompt, an echo) is on it, and ahead of the
 * calling context's own partial line, which follows when it is done.
 *
 * The fault path takes the console for its CPU with console_oops_begin():
 * it waits a bounded time for console_lock (a stopped CPU may hold it
 * forever) and then writes straight through until console_oops_end().
 *
 * Lock order: console_lock -> the UART's receive lock.
 */
#include "drivers/console.h"
#include "drivers/pl011.h"
#include "boot/arm.h"
#include "boot/cpu.h"
#include "irqflags.h"
#include "smp.h"
#include "spinlock.h"

#define LINE_MAX_BYTES  256
#define OOPS_LOCK_TRIES 2000000

enum console_ctx { CTX_THREAD, CTX_IRQ, CTX_EXCEPTION, NR_CTX };
_Static_assert(NR_CTX == CONSOLE_NR_CTX, "printk keeps a line per console context");

struct line_buf {
	unsigned int len;
	char buf[LINE_MAX_BYTES];
};

#define CTRL_C 0x03

static DEFINE_SPINLOCK(console_lock);
static char last_char_out = '\n';				/* console_lock */
static struct line_buf line_bufs[NR_CPUS][NR_CTX];	/* owner CPU and context */
static bool oops_active[NR_CPUS];			/* owner CPU */
/* Set by the CPU running a command; break_pending also by catch_break(). */
static bool break_watch, break_pending;

/* The UART's receive filter; runs with its receive lock held. */
static bool catch_break(char c)
{
	if (c != CTRL_C || !READ_ONCE(break_watch))
		return false;
	WRITE_ONCE(break_pending, true);
	return true;
}

void console_init(void)
{
	pl011_set_rx_filter(catch_break);
}

void console_watch_break(bool on)
{
	WRITE_ONCE(break_pending, false);
	WRITE_ONCE(break_watch, on);
	/*
	 * A Ctrl-C sent in one write with the command's Enter (a paste, a
	 * fast terminal) arrived before the watch began: it is waiting in
	 * the ring and would cancel the next line instead.  Take it now.
	 * Bytes arriving from here on meet the filter with the watch on.
	 */
	if (on)
		pl011_refilter_rx();
}

bool console_break_pending(void)
{
	return READ_ONCE(break_pending);
}

static enum console_ctx current_ctx(void)
{
	switch (read_cpsr() & PSR_MODE_MASK) {
	case PSR_MODE_SVC:
	case PSR_MODE_SYS:
		return CTX_THREAD;
	case PSR_MODE_IRQ:
		return CTX_IRQ;
	default:
		return CTX_EXCEPTION;
	}
}

static void uart_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			pl011_putc('\r');
		pl011_putc(s[i]);
	}
	if (len)
		last_char_out = s[len - 1];
}

static void emit(const char *s, size_t len)
{
	unsigned long flags;

	if (len == 0)
		return;
	if (oops_active[smp_processor_id()]) {
		uart_write(s, len);
		return;
	}
	spin_lock_irqsave(&console_lock, flags);
	uart_write(s, len);
	spin_unlock_irqrestore(&console_lock, flags);
}

unsigned int console_context(void)
{
	return current_ctx();
}

bool console_oops_active(void)
{
	return oops_active[smp_processor_id()];
}

static void uart_write_fresh_line(const char *s, size_t len)
{
	if (last_char_out != '\n')
		uart_write("\n", 1);
	uart_write(s, len);
}

void console_write_log(const char *s, size_t len)
{
	unsigned long flags;

	if (oops_active[smp_processor_id()]) {
		uart_write_fresh_line(s, len);
		return;
	}
	spin_lock_irqsave(&console_lock, flags);
	uart_write_fresh_line(s, len);
	spin_unlock_irqrestore(&console_lock, flags);
}

static struct line_buf *my_line(void)
{
	return &line_bufs[smp_processor_id()][current_ctx()];
}

void console_write(const char *s, size_t len)
{
	struct line_buf *lb = my_line();

	for (size_t i = 0; i < len; i++) {
		lb->buf[lb->len++] = s[i];
		if (s[i] == '\n' || lb->len == LINE_MAX_BYTES) {
			emit(lb->buf, lb->len);
			lb->len = 0;
		}
	}
}

void console_flush(void)
{
	struct line_buf *lb = my_line();

	emit(lb->buf, lb->len);
	lb->len = 0;
}

void console_start_line(void)
{
	unsigned long flags;

	console_flush();
	spin_lock_irqsave(&console_lock, flags);
	uart_write_fresh_line("", 0);
	spin_unlock_irqrestore(&console_lock, flags);
}

static bool input_ready(void *arg)
{
	(void)arg;
	return pl011_has_input();
}

int console_trygetc(void)
{
	return pl011_getc();
}

int console_peekc(void)
{
	return pl011_peekc();
}

bool console_has_input(void)
{
	return pl011_has_input();
}

int console_getc(void)
{
	int c;

	console_flush();
	while ((c = pl011_getc()) < 0)
		cpu_wait_event(input_ready, NULL);
	return c;
}

void console_sync(void)
{
	console_flush();
	pl011_drain_tx();
}

void console_oops_begin(void)
{
	unsigned int cpu = smp_processor_id();

	/* The interrupted contexts' partial lines will never be finished. */
	line_bufs[cpu][CTX_THREAD].len = 0;
	line_bufs[cpu][CTX_IRQ].len = 0;
	/* The lock may be ours already (we faulted inside the console). */
	for (unsigned int tries = 0; tries < OOPS_LOCK_TRIES; tries++)
		if (spin_is_held_by_me(&console_lock) || spin_trylock(&console_lock))
			break;
	oops_active[cpu] = true;
}

void console_oops_end(void)
{
	unsigned int cpu = smp_processor_id();

	console_flush();
	oops_active[cpu] = false;
	/* Whoever took it, the code that held it will not run on. */
	if (spin_is_held_by_me(&console_lock))
		spin_unlock(&console_lock);
}

void console_emergency_write(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			pl011_emergency_putc('\r');
		pl011_emergency_putc(*s);
	}
}
