/*
 * libc_heap.h - lending newlib-nano's malloc another heap for a while
 * (board/syscalls.c), so a benchmark can run malloc/free in an area of
 * the size it chooses, taken from the buddy allocator, and give it back.
 *
 * Between libc_heap_borrow() and libc_heap_restore() every malloc, on
 * any CPU, is served from the lent area and the usual heap's free list
 * is out of reach: nothing allocated before may be freed meanwhile, and
 * nothing allocated meanwhile may be used after.  The shell runs one
 * command at a time and the other CPUs only run what it sends them, so
 * a command that lends the heap, prints only short lines (they need no
 * heap) and frees everything before the restore keeps both rules.
 */
#ifndef BOARD_LIBC_HEAP_H
#define BOARD_LIBC_HEAP_H

#include <stddef.h>

/* Serve malloc from the @size bytes at @base (8-byte aligned), empty. */
void libc_heap_borrow(void *base, size_t size);
/* Bytes the current heap has handed to malloc so far: its high-water mark. */
size_t libc_heap_used(void);
/* Back to the heap and free list as they were before the borrow. */
void libc_heap_restore(void);

#endif /* BOARD_LIBC_HEAP_H */
