/*
 * obj_record.h - the objects the shell has handed out (shell/obj_record.c).
 *
 * Every object that "cache alloc" or "kmalloc" returns is recorded, and
 * "cache free", "kfree" and "ksize" accept only recorded objects, from
 * the cache they came from: a mistyped address is refused before it can
 * reach the allocator.  The record keeps no cache pointer: an object
 * the shell holds is handed out, so its slab names its cache for as
 * long as it is recorded (obj_record_cache_of()), and the entries stay
 * small.  The record lives in static memory, not in the allocator it
 * watches, so keeping it never changes what "slabinfo" or "buddyinfo"
 * show.  Each object also keeps the CPU that allocated it,
 * when, and for kmalloc the size asked, for "cache objects" and "kmalloc
 * list".  All calls are safe from any CPU (a spinlock, taken with
 * interrupts off); portable C, unit-tested on the host.
 */
#ifndef SHELL_OBJ_RECORD_H
#define SHELL_OBJ_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OBJ_RECORD_MAX 16384		/* objects the shell can hold at once */
#define OBJ_RECORD_SIZE_MAX 0xffffffu	/* the largest size an entry keeps */

/*
 * One recorded object: 12 bytes on the board (the record is static:
 * OBJ_RECORD_MAX entries and a hash table of 2-byte slots, 256 KiB).
 *
 * stamp is when it was handed out, in microseconds since boot, cut to
 * 32 bits: ages are right for 71 minutes.  The record makes each stamp
 * later than the one before (one more microsecond if the clock has not
 * moved on), so stamps give the order of allocation, even within one
 * batch; a batch of N objects may thus run up to N microseconds ahead.
 */
struct obj_record_entry {
	const void *obj;
	uint32_t stamp;
	uint32_t cpu : 8;		/* the CPU that allocated it */
	uint32_t size : 24;		/* the bytes asked of kmalloc; 0 for cache alloc */
};

/*
 * The cache @obj lies in, read from its slab: defined by the record's
 * user (shell/objects.c, with kmem_cache_of(); the host tests, with
 * their own), called with the record's lock held for recorded objects
 * only.  It must not take a lock.
 */
const void *obj_record_cache_of(const void *obj);

/*
 * Record @obj as allocated on @cpu, asked for @size bytes (0 if not a
 * kmalloc), at @now_us (microseconds since boot, low 32 bits); false if
 * it is already recorded or the record is full.
 */
bool obj_record_add(const void *obj, unsigned int cpu, size_t size, uint32_t now_us);
/* The cache of @obj if it is recorded, or NULL. */
const void *obj_record_find(const void *obj);
/* Forget @obj; false if it was not recorded. */
bool obj_record_remove(const void *obj);
/* Objects recorded from @cache (every object if @cache is NULL). */
unsigned int obj_record_count(const void *cache);
/* How many more objects fit. */
unsigned int obj_record_room(void);
/*
 * Remove up to @max objects recorded from @cache from the record and
 * store them in @objs; returns how many.  The caller frees them.
 */
unsigned int obj_record_take(const void *cache, const void **objs, unsigned int max);

/*
 * Listing in allocation order, oldest first, a chunk at a time (a copy
 * of the whole table would not fit a stack): start @it, then call
 * obj_record_next() until it returns 0.  Each call copies to @out, oldest
 * first, up to @max of the entries for which @match(entry, @arg) is true
 * that were allocated after those the calls before returned; @match runs
 * under the record's lock and must take no lock (obj_record_cache_of()
 * may give it the entry's cache).  An object
 * removed meanwhile is not listed; one added meanwhile may come out of
 * order (only shell commands add, one at a time, so none is).  Each call
 * reads every entry, so a list of N costs N / @max passes over them.
 */
struct obj_record_iter {
	uint32_t newest;	/* the newest stamp when the listing began */
	uint64_t below;		/* entries left: (newest - stamp) below this */
};
typedef bool (*obj_record_match_fn)(const struct obj_record_entry *e, void *arg);
void obj_record_iter_start(struct obj_record_iter *it);
unsigned int obj_record_next(struct obj_record_iter *it, obj_record_match_fn match, void *arg,
			     struct obj_record_entry *out, unsigned int max);

#endif /* SHELL_OBJ_RECORD_H */
