/*
 * syscalls.c - newlib-nano's retargeting: where the C library's output,
 * input, heap and exit go on this board.
 *
 * printf, vprintf, puts and putchar are defined here, replacing newlib's:
 * they format with newlib's vsnprintf into a buffer on the caller's stack
 * and hand the bytes to the console, which keeps lines whole across CPUs.
 * Output too long for that buffer (a long help text) is formatted again
 * into a buffer from the C library's heap, so nothing printed is cut;
 * only if the heap cannot give one is it cut, and marked " [truncated]".
 * newlib's own FILE-based stdio (fprintf, fputs, ...) shares one FILE per
 * stream between all CPUs without locking, so firmware code uses these
 * four instead; FILE output still works (through _write) for one CPU.
 *
 * The C library's heap (malloc, used by newlib internally and by long
 * printfs) is a fixed NEWLIB_HEAP_SIZE area, serialised by a recursive,
 * interrupt-safe lock.  A benchmark may lend malloc another area for a
 * while (libc_heap_borrow(), board/libc_heap.h): newlib-nano's free list
 * is put aside with the heap and comes back with it, so what was
 * allocated before is untouched and nothing from the lent area survives.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <reent.h>
#include "board/board.h"
#include "board/libc_heap.h"
#include "drivers/console.h"
#include "irqflags.h"
#include "spinlock.h"

/* The C library calls these; no newlib header declares them all. */
int _write(int fd, const char *buf, int len);
int _read(int fd, char *buf, int len);
int _close(int fd);
int _isatty(int fd);
int _lseek(int fd, int off, int whence);
int _getpid(void);
int _fstat(int fd, struct stat *st);
int _kill(int pid, int sig);
__noreturn void _exit(int status);
void *_sbrk(ptrdiff_t incr);
void __malloc_lock(struct _reent *r);
void __malloc_unlock(struct _reent *r);

#define PRINTF_BUF_SIZE   512
#define NEWLIB_HEAP_SIZE  (64 * 1024)

static DEFINE_SPINLOCK(malloc_lock);
static unsigned int malloc_depth;	/* malloc_lock */
static unsigned long malloc_flags;	/* malloc_lock */

/*
 * Write @len bytes of output formatted by @fmt and @ap through a heap
 * buffer; false if there is none to be had.
 */
static bool vprintf_from_heap(const char *fmt, va_list ap, size_t len)
{
	char *big;

	/*
	 * Held by this CPU means we are printing from inside malloc (the
	 * fault path after a fault there): the heap is half updated and
	 * the lock would let us straight back in.
	 */
	if (spin_is_held_by_me(&malloc_lock))
		return false;
	big = malloc(len + 1);
	if (!big)
		return false;
	vsnprintf(big, len + 1, fmt, ap);
	console_write(big, len);
	free(big);
	return true;
}

int vprintf(const char *fmt, va_list ap)
{
	char buf[PRINTF_BUF_SIZE];
	va_list again;
	int n;

	va_copy(again, ap);		/* vsnprintf consumes @ap */
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n >= 0 && (size_t)n < sizeof(buf)) {
		console_write(buf, (size_t)n);
	} else if (n >= 0 && !vprintf_from_heap(fmt, again, (size_t)n)) {
		console_write(buf, sizeof(buf) - 1);
		console_write(" [truncated]\n", 13);
	}
	va_end(again);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int puts(const char *s)
{
	console_write(s, strlen(s));
	console_write("\n", 1);
	return 1;
}

int putchar(int c)
{
	char ch = (char)c;

	console_write(&ch, 1);
	return (unsigned char)c;
}

int _write(int fd, const char *buf, int len)
{
	if (fd != 1 && fd != 2) {
		errno = EBADF;
		return -1;
	}
	console_write(buf, (size_t)len);
	return len;
}

int _read(int fd, char *buf, int len)
{
	if (fd != 0) {
		errno = EBADF;
		return -1;
	}
	if (len <= 0)
		return 0;
	buf[0] = (char)console_getc();
	return 1;
}

int _close(int fd) { (void)fd; return 0; }
int _isatty(int fd) { return fd >= 0 && fd <= 2; }
int _lseek(int fd, int off, int whence) { (void)fd; (void)off; (void)whence; return 0; }
int _getpid(void) { return 1; }

int _fstat(int fd, struct stat *st)
{
	(void)fd;
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFCHR;
	return 0;
}

int _kill(int pid, int sig)
{
	(void)pid;
	(void)sig;
	errno = EINVAL;
	return -1;
}

void _exit(int status)
{
	printf("exit(%d)\n", status);
	board_poweroff();
}

/* ---- the C library's heap ---- */

static char newlib_heap[NEWLIB_HEAP_SIZE] __attribute__((aligned(8)));

/* What _sbrk hands out: newlib_heap, or an area a benchmark lent. */
static struct heap_area {
	char *base;
	size_t size, used;		/* malloc_lock */
} heap = { newlib_heap, NEWLIB_HEAP_SIZE, 0 };

/*
 * newlib-nano's own state (newlib/libc/stdlib/nano-mallocr.c): the free
 * chunks, sorted by address, and the heap's first byte.  Swapped with
 * the area, so a lent area's chunks never mix with the heap's.
 */
extern void *__malloc_free_list;
extern char *__malloc_sbrk_start;

static struct {
	struct heap_area area;
	void *free_list;
	char *sbrk_start;
} lent_over;			/* malloc_lock; the heap while an area is lent */

void *_sbrk(ptrdiff_t incr)
{
	char *prev = heap.base + heap.used;

	if (incr < 0 || (size_t)incr > heap.size - heap.used) {
		errno = ENOMEM;
		return (void *)-1;
	}
	heap.used += (size_t)incr;
	return prev;
}

void libc_heap_borrow(void *base, size_t size)
{
	__malloc_lock(_REENT);
	lent_over.area = heap;
	lent_over.free_list = __malloc_free_list;
	lent_over.sbrk_start = __malloc_sbrk_start;
	heap = (struct heap_area){ base, size, 0 };
	__malloc_free_list = NULL;
	__malloc_sbrk_start = NULL;
	__malloc_unlock(_REENT);
}

size_t libc_heap_used(void)
{
	return heap.used;
}

void libc_heap_restore(void)
{
	__malloc_lock(_REENT);
	heap = lent_over.area;
	__malloc_free_list = lent_over.free_list;
	__malloc_sbrk_start = lent_over.sbrk_start;
	__malloc_unlock(_REENT);
}

void __malloc_lock(struct _reent *r)
{
	unsigned long flags;

	(void)r;
	local_irq_save(flags);
	if (spin_is_held_by_me(&malloc_lock)) {
		malloc_depth++;
		return;
	}
	spin_lock(&malloc_lock);
	malloc_depth = 1;
	malloc_flags = flags;
}

void __malloc_unlock(struct _reent *r)
{
	(void)r;
	if (--malloc_depth)
		return;
	unsigned long flags = malloc_flags;

	spin_unlock(&malloc_lock);
	local_irq_restore(flags);
}
