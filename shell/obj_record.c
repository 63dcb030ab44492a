/*
 * obj_record.c - the set of objects the shell handed out, each with its
 * cache (shell/obj_record.h).
 *
 * An open-addressing hash table with linear probing, twice as many slots
 * as it may hold objects, so probes stay short; removal shifts the
 * following entries back instead of leaving tombstones, so the table
 * never degrades.  Entries are kept whole (moved, never rewritten), so
 * an object's CPU, stamp and size survive the shifts.  The hash order
 * is not the allocation order: listings select by stamp, a chunk per
 * scan.  One spinlock, record_lock, taken with interrupts off, protects
 * everything; it is a leaf lock (no allocator call happens under it).
 */
#include <stdint.h>
#include "shell/obj_record.h"
#include "platform.h"

#define SLOTS (2 * OBJ_RECORD_MAX)	/* a power of two */

/* 16 bytes an entry on the board: the table is static, 512 KiB of BSS. */
_Static_assert(sizeof(void *) != 4 || sizeof(struct obj_record_entry) == 16,
	       "an obj_record entry outgrew 16 bytes");


static struct obj_record_entry slots[SLOTS];	/* record_lock; obj NULL: empty */
static unsigned int used;		/* record_lock */
static uint32_t last_stamp;		/* record_lock: the newest stamp given */
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
	slots[i] = (struct obj_record_entry){ 0 };
	used--;
}

/* @now_us, or one past the last stamp if the clock has not passed it.  record_lock held. */
static uint32_t next_stamp(uint32_t now_us)
{
	last_stamp = (int32_t)(now_us - last_stamp) > 0 ? now_us : last_stamp + 1;
	return last_stamp;
}

bool obj_record_add(const void *obj, const void *cache, unsigned int cpu, size_t size,
		    uint32_t now_us)
{
	unsigned long flags;
	bool added = false;
	unsigned int i;

	spin_lock_irqsave(&record_lock, flags);
	if (lookup(obj) < 0 && used < OBJ_RECORD_MAX) {
		for (i = home_slot(obj); slots[i].obj; i = (i + 1) & (SLOTS - 1))
			;
		slots[i] = (struct obj_record_entry){
			.obj = obj,
			.cache = cache,
			.stamp = next_stamp(now_us),
			.cpu = cpu,
			.size = size > OBJ_RECORD_SIZE_MAX ? OBJ_RECORD_SIZE_MAX : size,
		};
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

void obj_record_iter_start(struct obj_record_iter *it)
{
	unsigned long flags;

	spin_lock_irqsave(&record_lock, flags);
	it->newest = last_stamp;
	spin_unlock_irqrestore(&record_lock, flags);
	it->below = (uint64_t)UINT32_MAX + 1;
}

/*
 * Put @e among @out's @n entries, kept by age, oldest first, at most
 * @max of them: the oldest @max seen so far.  @age(e) is its distance
 * back from the listing's newest stamp.
 */
static unsigned int keep_oldest(struct obj_record_entry *out, unsigned int n, unsigned int max,
				const struct obj_record_entry *e, uint32_t newest)
{
	uint32_t age = newest - e->stamp;
	unsigned int k = n < max ? n : max - 1;

	if (n == max && newest - out[k].stamp >= age)
		return n;			/* younger than all it keeps */
	for (; k > 0 && newest - out[k - 1].stamp < age; k--)
		out[k] = out[k - 1];
	out[k] = *e;
	return n < max ? n + 1 : n;
}

unsigned int obj_record_next(struct obj_record_iter *it, obj_record_match_fn match, void *arg,
			     struct obj_record_entry *out, unsigned int max)
{
	unsigned int n = 0;
	unsigned long flags;

	if (!max)
		return 0;
	spin_lock_irqsave(&record_lock, flags);
	for (unsigned int i = 0; i < SLOTS; i++) {
		const struct obj_record_entry *e = &slots[i];

		if (e->obj && (uint32_t)(it->newest - e->stamp) < it->below && match(e, arg))
			n = keep_oldest(out, n, max, e, it->newest);
	}
	spin_unlock_irqrestore(&record_lock, flags);
	if (n)
		it->below = (uint32_t)(it->newest - out[n - 1].stamp);
	return n;
}
