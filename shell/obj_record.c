/*
 * obj_record.c - the set of objects the shell handed out, each with its
 * cache (shell/obj_record.h).
 *
 * An open-addressing hash table with linear probing, twice as many slots
 * as it may hold objects, so probes stay short; removal shifts the
 * following entries back instead of leaving tombstones, so the table
 * never degrades.  One spinlock, record_lock, taken with interrupts off,
 * protects everything; it is a leaf lock (no allocator call happens
 * under it).
 */
#include <stdint.h>
#include "shell/obj_record.h"
#include "platform.h"

#define SLOTS (2 * OBJ_RECORD_MAX)	/* a power of two */

struct slot {
	const void *obj;		/* NULL: empty */
	const void *cache;
};

static struct slot slots[SLOTS];	/* record_lock */
static unsigned int used;		/* record_lock */
static DEFINE_SPINLOCK(record_lock);

/* Fibonacci hashing of the address; objects are at least 8-byte aligned. */
static unsigned int home_slot(const void *obj)
{
	uint32_t key = (uint32_t)((uintptr_t)obj >> 3);

	return (key * 2654435761u) & (SLOTS - 1);
}

/* The slot holding @obj, or -1.  record_lock held. */
static int lookup(const void *obj)
{
	for (unsigned int i = home_slot(obj);; i = (i + 1) & (SLOTS - 1)) {
		if (slots[i].obj == obj)
			return (int)i;
		if (!slots[i].obj)
			return -1;
	}
}

/* Empty slot @i, moving later entries of its probe run back.  record_lock held. */
static void remove_slot(unsigned int i)
{
	for (unsigned int j = (i + 1) & (SLOTS - 1); slots[j].obj; j = (j + 1) & (SLOTS - 1)) {
		unsigned int k = home_slot(slots[j].obj);

		/* j's entry may fill the hole if the hole lies on its probe path */
		if (((j - k) & (SLOTS - 1)) >= ((j - i) & (SLOTS - 1))) {
			slots[i] = slots[j];
			i = j;
		}
	}
	slots[i] = (struct slot){ 0 };
	used--;
}

bool obj_record_add(const void *obj, const void *cache)
{
	unsigned long flags;
	bool added = false;
	unsigned int i;

	spin_lock_irqsave(&record_lock, flags);
	if (lookup(obj) < 0 && used < OBJ_RECORD_MAX) {
		for (i = home_slot(obj); slots[i].obj; i = (i + 1) & (SLOTS - 1))
			;
		slots[i] = (struct slot){ obj, cache };
		used++;
		added = true;
	}
	spin_unlock_irqrestore(&record_lock, flags);
	return added;
}

const void *obj_record_find(const void *obj)
{
	const void *cache = NULL;
	unsigned long flags;
	int i;

	if (!obj)
		return NULL;
	spin_lock_irqsave(&record_lock, flags);
	i = lookup(obj);
	if (i >= 0)
		cache = slots[i].cache;
	spin_unlock_irqrestore(&record_lock, flags);
	return cache;
}

bool obj_record_remove(const void *obj)
{
	unsigned long flags;
	int i;

	if (!obj)
		return false;
	spin_lock_irqsave(&record_lock, flags);
	i = lookup(obj);
	if (i >= 0)
		remove_slot((unsigned int)i);
	spin_unlock_irqrestore(&record_lock, flags);
	return i >= 0;
}

unsigned int obj_record_count(const void *cache)
{
	unsigned int n = 0;
	unsigned long flags;

	spin_lock_irqsave(&record_lock, flags);
	if (!cache) {
		n = used;
	} else {
		for (unsigned int i = 0; i < SLOTS; i++)
			if (slots[i].obj && slots[i].cache == cache)
				n++;
	}
	spin_unlock_irqrestore(&record_lock, flags);
	return n;
}

unsigned int obj_record_room(void)
{
	return OBJ_RECORD_MAX - READ_ONCE(used);
}

unsigned int obj_record_take(const void *cache, const void **objs, unsigned int max)
{
	unsigned int n = 0;
	unsigned long flags;

	spin_lock_irqsave(&record_lock, flags);
	for (unsigned int i = 0; i < SLOTS && n < max; i++)
		if (slots[i].obj && slots[i].cache == cache)
			objs[n++] = slots[i].obj;
	/* collected first: removing shifts entries the scan has not reached */
	for (unsigned int k = 0; k < n; k++)
		remove_slot((unsigned int)lookup(objs[k]));
	spin_unlock_irqrestore(&record_lock, flags);
	return n;
}
