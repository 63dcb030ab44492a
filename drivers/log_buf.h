/*
 * log_buf.h - reading and clearing the kernel log (drivers/printk.c), for
 * the shell's dmesg.  printk() itself is declared in include/printk.h.
 *
 * A reader walks the log by position: log_buf_first() is the oldest line
 * kept, log_buf_next() copies the line at a position and moves past it.
 * A position whose line has since been dropped (the ring is full and
 * drops its oldest lines whole) moves on to the oldest line kept, so a
 * reader never sees half a line.
 */
#ifndef DRIVERS_LOG_BUF_H
#define DRIVERS_LOG_BUF_H

#include <stdbool.h>
#include <stddef.h>

#define LOG_BUF_LEN	(16 * 1024)	/* bytes of log kept; a power of two */
#define LOG_LINE_MAX	256		/* text of one line; longer ones are cut */
#define LOG_PREFIX_MAX	24		/* "[%5lu.%06lu] " with room to spare */
/* What log_buf_next() needs to copy any line: prefix, text, '\n', NUL. */
#define LOG_READ_MAX	(LOG_PREFIX_MAX + LOG_LINE_MAX + 2)

unsigned long log_buf_first(void);
/*
 * Copy the line at *@pos (its timestamp and '\n' included, NUL-terminated)
 * into @buf of @len bytes (LOG_READ_MAX fits any), and set *@pos past it.
 * False, with nothing copied, if there is no line at or after *@pos.
 */
bool log_buf_next(unsigned long *pos, char *buf, size_t len);
/* Drop the lines before @pos (from a reader that has printed them). */
void log_buf_clear_to(unsigned long pos);
/* Drop every line. */
void log_buf_clear(void);

#endif /* DRIVERS_LOG_BUF_H */
