/*
 * printk.c - the kernel log: printk() stamps each line with the time
 * since boot, keeps it in log_buf and writes it to the console
 * (Linux's kernel/printk.c, with printk.time=1).
 *
 * Lines are built per CPU and per context (thread, interrupt,
 * exception; the console's), in cont[]: a context owns its buffer
 * outright, so a line may be built by several printk() calls (a hex
 * dump, a byte at a time) with no lock and no other CPU's text in it.
 * When its '\n' arrives (or it fills LOG_LINE_MAX bytes) the line is
 * committed under logbuf_lock: stamped with sched_clock(), appended to
 * log_buf and written to the console, in that order and under that one
 * lock, so the console and log_buf hold the lines in the same order and
 * their timestamps never decrease.
 *
 * log_buf is a ring of LOG_BUF_LEN bytes holding whole lines, each with
 * its timestamp and '\n', between the positions log_start and log_end
 * (free-running byte counts; a byte's index is its position modulo
 * LOG_BUF_LEN).  A line that does not fit drops the oldest lines, whole.
 *
 * Locking: logbuf_lock, with interrupts off (printk runs in interrupt
 * handlers too, as Linux's logbuf_lock), protects log_buf, log_start and
 * log_end; it is taken before console_lock (include/lockorder.h).  An
 * oops (console_oops_active()) may come from a CPU that faulted inside
 * printk, or while a stopped CPU holds logbuf_lock: then it tries the
 * lock a bounded number of times and, failing, writes to the console
 * only.
 *
 * This file is portable C on include/ and the console's interface, so
 * the host tests run it (tests/host/test_printk*.c).
 */
#include <stdio.h>
#include <string.h>
#include "drivers/console.h"
#include "drivers/log_buf.h"
#include "jiffies.h"
#include "printk.h"
#include "smp.h"
#include "spinlock.h"

#define LOG_TEXT_MAX	512		/* one printk() call's text; the rest is cut */
#define OOPS_LOCK_TRIES	2000000

_Static_assert((LOG_BUF_LEN & (LOG_BUF_LEN - 1)) == 0, "LOG_BUF_LEN is a power of two");

struct cont_line {
	unsigned int len;
	char buf[LOG_LINE_MAX];
};

static DEFINE_SPINLOCK(logbuf_lock);
static char log_buf[LOG_BUF_LEN];			/* logbuf_lock */
static unsigned long log_start, log_end;		/* logbuf_lock */
static struct cont_line cont[NR_CPUS][CONSOLE_NR_CTX];	/* owner CPU and context */

#define LOG_BUF(pos) (log_buf[(pos) & (LOG_BUF_LEN - 1)])

/* "[   12.345678] ": seconds and microseconds, as Linux prints them. */
static size_t log_prefix(char *buf, size_t len, unsigned long long ns)
{
	unsigned long sec = (unsigned long)(ns / 1000000000u);
	unsigned long usec = (unsigned long)(ns % 1000000000u / 1000u);

	int n = snprintf(buf, len, "[%5lu.%06lu] ", sec, usec);

	/* at most 20 characters with a 32-bit unsigned long: never cut */
	return n < 0 ? 0 : (size_t)n < len ? (size_t)n : len - 1;
}

/* Drop the oldest line; logbuf_lock held, the log not empty. */
static void log_drop_oldest(void)
{
	while (log_start != log_end && LOG_BUF(log_start) != '\n')
		log_start++;
	if (log_start != log_end)
		log_start++;		/* past its '\n' */
}

/* Append one whole line (@len <= LOG_BUF_LEN); logbuf_lock held. */
static void log_store(const char *s, size_t len)
{
	while (LOG_BUF_LEN - (log_end - log_start) < len)
		log_drop_oldest();
	for (size_t i = 0; i < len; i++)
		LOG_BUF(log_end++) = s[i];
}

static bool log_lock(bool oops, unsigned long *flags)
{
	local_irq_save(*flags);
	if (!oops) {
		spin_lock(&logbuf_lock);
		return true;
	}
	/* Held by us: we faulted inside printk and the ring is half written. */
	if (spin_is_held_by_me(&logbuf_lock))
		return false;
	for (unsigned int tries = 0; tries < OOPS_LOCK_TRIES; tries++)
		if (spin_trylock(&logbuf_lock))
			return true;
	return false;
}

/* Stamp @c's line, keep it and write it out; @c is empty after. */
static void log_commit(struct cont_line *c, bool oops)
{
	char out[LOG_PREFIX_MAX + LOG_LINE_MAX + 1];
	unsigned long flags;
	bool locked = log_lock(oops, &flags);
	size_t n = log_prefix(out, LOG_PREFIX_MAX, sched_clock());

	memcpy(out + n, c->buf, c->len);
	n += c->len;
	out[n++] = '\n';
	if (locked)
		log_store(out, n);
	console_write_log(out, n);
	if (locked)
		spin_unlock(&logbuf_lock);
	local_irq_restore(flags);
	c->len = 0;
}

static void log_write(struct cont_line *c, const char *s, size_t len, bool oops)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n') {
			log_commit(c, oops);
			continue;
		}
		c->buf[c->len++] = s[i];
		if (c->len == LOG_LINE_MAX)
			log_commit(c, oops);
	}
}

int vprintk(const char *fmt, va_list ap)
{
	char text[LOG_TEXT_MAX];
	int n = vsnprintf(text, sizeof(text), fmt, ap);
	size_t len;

	if (n < 0)
		return n;
	len = (size_t)n < sizeof(text) ? (size_t)n : sizeof(text) - 1;
	log_write(&cont[smp_processor_id()][console_context()], text, len,
		  console_oops_active());
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

/* ---- reading (dmesg) ---- */

unsigned long log_buf_first(void)
{
	unsigned long flags, pos;

	spin_lock_irqsave(&logbuf_lock, flags);
	pos = log_start;
	spin_unlock_irqrestore(&logbuf_lock, flags);
	return pos;
}

bool log_buf_next(unsigned long *pos, char *buf, size_t len)
{
	unsigned long flags, p;
	size_t n = 0;

	spin_lock_irqsave(&logbuf_lock, flags);
	p = *pos;
	if ((long)(p - log_start) < 0)
		p = log_start;		/* dropped since: the oldest kept */
	if (p == log_end || (long)(p - log_end) > 0) {
		spin_unlock_irqrestore(&logbuf_lock, flags);
		return false;
	}
	while (p != log_end) {
		char ch = LOG_BUF(p++);

		if (n + 1 < len)
			buf[n++] = ch;
		if (ch == '\n')
			break;
	}
	spin_unlock_irqrestore(&logbuf_lock, flags);
	buf[n] = '\0';
	*pos = p;
	return true;
}

void log_buf_clear_to(unsigned long pos)
{
	unsigned long flags;

	spin_lock_irqsave(&logbuf_lock, flags);
	if ((long)(pos - log_start) > 0 && (long)(pos - log_end) <= 0)
		log_start = pos;
	spin_unlock_irqrestore(&logbuf_lock, flags);
}

void log_buf_clear(void)
{
	unsigned long flags;

	spin_lock_irqsave(&logbuf_lock, flags);
	log_start = log_end;
	spin_unlock_irqrestore(&logbuf_lock, flags);
}
