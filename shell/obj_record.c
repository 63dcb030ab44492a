/*
 * obj_record.c - the set of objects the shell handed out, each with its
 * CPU, stamp and size (shell/obj_record.h).
 *
 * The entries sit packed in entries[0 .. used-1]; removing one moves the
 * last into its place.  An open-addressing hash table with linear
 * probing finds them: each slot holds an entry's index + 1 (0: empty),
 * 2 bytes, and there are twice as many slots as entries, so probes stay
 * short; removal shifts the following slots back instead of leaving
 * tombstones, so the table never degrades.  Entries are moved whole,
 * never rewritten, so an object's CPU, stamp and size survive.  Neither
 * order is the allocation order: listings select by stamp, a chunk per
 * pass over the entries.  One spinlock, record_lock, taken with
 * interrupts off, protects everything; it is a leaf lock (no allocator
 * call happens under it).
 *
 * Memory: 12 bytes an entry and 4 bytes of slots per entry on the
 * board, 256 KiB of BSS in all; the image must still fit a 1 MiB board
 * (tests/qemu/test_boot.py boots one).
 */
#include <stdint.h>
#include "shell/obj_record.h"
#include "platform.h"

#define SLOTS (2 * OBJ_RECORD_MAX)	/* a power of two */

_Static_assert(sizeof(void *) != 4 || sizeof(struct obj_record_entry) == 12,
	       "an obj_record entry outgrew 12 bytes");
_Static_assert(OBJ_RECORD_MAX < UINT16_MAX, "a slot holds an entry's index + 1 in 16 bits");

static struct obj_record_entry entries[OBJ_RECORD_MAX];	/* record_lock */
static uint16_t slots[SLOTS];		/* record_lock: entry index + 1; 0 empty */
static unsigned int used;		/* record_lock: entries in use */
static uint32_t last_stamp;		/* record_lock: the newest stamp given */
static DEFINE_SPINLOCK(record_lock);

/* Fibonacci hashing of the address; objects are at least 8-byte aligned. */
static unsigned int home_slot(const void *obj)
{
	uint32_t key = (uint32_t)((uintptr_t)obj >> 3);

	return (key * 2654435761u) & (SLOTS - 1);
}

/* The entry slot @i names (it must not be empty). */
static struct obj_record_entry *slot_entry(unsigned int i)
{
	return &entries[slots[i] - 1];
}

/* The slot naming @obj's entry, or -1.  record_lock held. */
static int lookup(const void *obj)
{
	for (unsigned int i = home_slot(obj); slots[i]; i = (i + 1) & (SLOTS - 1))
		if (slot_entry(i)->obj == obj)
			return (int)i;
	return -1;
}

/* Empty slot @i, moving later slots of its probe run back.  record_lock held. */
static void remove_slot(unsigned int i)
{
	for (unsigned int j = (i + 1) & (SLOTS - 1); slots[j]; j = (j + 1) & (SLOTS - 1)) {
		unsigned int k = home_slot(slot_entry(j)->obj);

		/* j's entry may fill the hole if the hole lies on its probe path */
		if (((j - k) & (SLOTS - 1)) >= ((j - i) & (SLOTS - 1))) {
			slots[i] = slots[j];
			i = j;
		}
	}
	slots[i] = 0;
}

/* Forget the entry slot @i names: the last entry moves into its place.  record_lock held. */
static void remove_entry(unsigned int i)
{
	unsigned int hole = slots[i] - 1u;

	remove_slot(i);
	used--;
	if (hole != used) {
		entries[hole] = entries[used];
		/* the moved entry's slot is the one still naming it at used */
		slots[lookup(entries[hole].obj)] = (uint16_t)(hole + 1);
	}
	entries[used] = (struct obj_record_entry){ 0 };
}

/* @now_us, or one past the last stamp if the clock has not passed it.  record_lock held. */
static uint32_t next_stamp(uint32_t now_us)
{
	last_stamp = (int32_t)(now_us - last_stamp) > 0 ? now_us : last_stamp + 1;
	return last_stamp;
}

bool obj_record_add(const void *obj, unsigned int cpu, size_t size, uint32_t now_us)
{
	unsigned long flags;
	bool added = false;
	unsigned int i;

	spin_lock_irqsave(&record_lock, flags);
	if (lookup(obj) < 0 && used < OBJ_RECORD_MAX) {
		for (i = home_slot(obj); slots[i]; i = (i + 1) & (SLOTS - 1))
			;
		entries[used] = (struct obj_record_entry){
			.obj = obj,
			.stamp = next_stamp(now_us),
			.cpu = cpu,
			.size = size > OBJ_RECORD_SIZE_MAX ? OBJ_RECORD_SIZE_MAX : size,
		};
		slots[i] = (uint16_t)(++used);
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
		cache = obj_record_cache_of(obj);
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
		remove_entry((unsigned int)i);
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
		for (unsigned int i = 0; i < used; i++)
			n += obj_record_cache_of(entries[i].obj) == cache;
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
	for (unsigned int i = 0; i < used && n < max; i++)
		if (obj_record_cache_of(entries[i].obj) == cache)
			objs[n++] = entries[i].obj;
	/* collected first: removing moves entries the scan has not reached */
	for (unsigned int k = 0; k < n; k++)
		remove_entry((unsigned int)lookup(objs[k]));
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
	for (unsigned int i = 0; i < used; i++) {
		const struct obj_record_entry *e = &entries[i];

		if ((uint32_t)(it->newest - e->stamp) < it->below && match(e, arg))
			n = keep_oldest(out, n, max, e, it->newest);
	}
	spin_unlock_irqrestore(&record_lock, flags);
	if (n)
		it->below = (uint32_t)(it->newest - out[n - 1].stamp);
	return n;
}
