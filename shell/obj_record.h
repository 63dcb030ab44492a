/*
 * obj_record.h - the objects the shell has handed out (shell/obj_record.c).
 *
 * Every object that "cache alloc" or "kmalloc" returns is recorded with
 * the cache it came from, and "cache free", "kfree" and "ksize" accept
 * only recorded objects: a mistyped address is refused before it can
 * reach the allocator.  The record lives in static memory, not in the
 * allocator it watches, so keeping it never changes what "slabinfo" or
 * "buddyinfo" show.  All calls are safe from any CPU (a spinlock, taken
 * with interrupts off); portable C, unit-tested on the host.
 */
#ifndef SHELL_OBJ_RECORD_H
#define SHELL_OBJ_RECORD_H

#include <stdbool.h>

#define OBJ_RECORD_MAX 16384		/* objects the shell can hold at once */

/* Record @obj as allocated from @cache; false if the record is full. */
bool obj_record_add(const void *obj, const void *cache);
/* The cache @obj was recorded with, or NULL if it is not recorded. */
const void *obj_record_find(const void *obj);
/* Forget @obj; false if it was not recorded. */
bool obj_record_remove(const void *obj);
/* Objects recorded with @cache (every object if @cache is NULL). */
unsigned int obj_record_count(const void *cache);
/* How many more objects fit. */
unsigned int obj_record_room(void);
/*
 * Remove up to @max objects recorded with @cache from the record and
 * store them in @objs; returns how many.  The caller frees them.
 */
unsigned int obj_record_take(const void *cache, const void **objs, unsigned int max);

#endif /* SHELL_OBJ_RECORD_H */
