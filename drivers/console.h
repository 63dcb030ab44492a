/*
 * console.h - the system console on the UART (drivers/console.c).
 *
 * Output is collected per CPU and per context (thread, interrupt,
 * exception) and written a whole line at a time under the console lock,
 * so lines from different CPUs never interleave.  printf() and friends
 * (board/syscalls.c) end up in console_write().
 */
#ifndef DRIVERS_CONSOLE_H
#define DRIVERS_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

/* Once the UART is up: hook Ctrl-C detection into its receive path. */
void console_init(void);
void console_write(const char *s, size_t len);
/* Write out the calling context's partial line (a prompt, an echo). */
void console_flush(void);
/* Flush, and end the terminal's current line if something is on it. */
void console_start_line(void);
/* Next input byte; waits (serving cross-CPU work) until one arrives. */
int console_getc(void);
/* Next input byte if one has arrived, else -1; never waits. */
int console_trygetc(void);
/* The byte console_trygetc() would return, left for the next reader; -1 if none. */
int console_peekc(void);
bool console_has_input(void);
/* Wait until everything written has left the UART (before poweroff). */
void console_sync(void);

/*
 * For the kernel log (drivers/printk.c): write whole stamped lines,
 * starting on a fresh terminal line, past any context's partial line;
 * called under logbuf_lock.  The context (thread, interrupt, exception)
 * the caller runs in, 0 .. CONSOLE_NR_CTX-1, and whether this CPU is
 * printing an oops.
 */
#define CONSOLE_NR_CTX 3
void console_write_log(const char *s, size_t len);
unsigned int console_context(void);
bool console_oops_active(void);

/*
 * Ctrl-C while a command runs: with the watch on, a received Ctrl-C is
 * not queued as input but sets a flag that long-running commands poll.
 * Turning the watch on or off clears the flag; turning it on also takes
 * a Ctrl-C received but not yet read (sent with the command's Enter).
 */
void console_watch_break(bool on);
bool console_break_pending(void);

/* Fault-path hooks (boot/fault.h: struct fault_console). */
void console_oops_begin(void);
void console_oops_end(void);
void console_emergency_write(const char *s);

#endif /* DRIVERS_CONSOLE_H */
