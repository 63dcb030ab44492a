/*
 * slab_debug.c - the slab allocator's debugging, after Linux 2.6.24's
 * CONFIG_DEBUG_SLAB (mm/slab.c) with Solaris kmem's quarantine: red
 * zones, poisoning, the last user, the checks every free gets, and the
 * one-paragraph reports of what the checks find.
 *
 * A debug cache's buffer (slab_geometry.c) is
 *     [red zone 1][object_size bytes: the caller's][red zone 2][user]
 * and the caller's pointer is obj_offset bytes into it.  Everything below
 * the API (the arrays, free_block, the bufctl chains) works on buffer
 * pointers, as in Linux; cache_alloc_debugcheck_after() and
 * cache_free_debugcheck() convert.
 *
 * Which cache takes this path: cachep->dbg != 0 (flags SLAB_RED_ZONE,
 * SLAB_POISON or SLAB_STORE_USER, a journal, or tracing).  A cache
 * without them never calls in here on its fast paths; every free still
 * gets slab_free_check() (is this the start of an object of this cache?).
 * A cache without them in which free_block() found a double free takes
 * this path from then on (DBG_WITHHELD): only here do an allocation skip
 * a quarantined object and a free refuse one, and its fast paths would
 * hand the withheld object out again after one more free of it.
 *
 * What a detector finds is reported in one paragraph, first line
 * "slab error in FUNCTION(): cache 'NAME': WHAT", counted in
 * cachep->errors, and the object is quarantined: marked BUFCTL_QUARANTINE
 * in its slab (taken off the slab's free chain if it was on it), so no
 * path hands it out or chains it again.  It stays counted as in use.
 * Only destroying the cache gives it back (slab_release_quarantine()).
 * A pointer slab_free_check() refuses (no object of that cache) gets the
 * same first line, where it points and the bytes around it; nothing is
 * freed, so nothing is quarantined.
 *
 * Locking: the checks run on the calling CPU with interrupts off, on an
 * object that CPU owns at that moment (just popped from its array, or
 * being freed by its caller).  Quarantining takes the node's list_lock
 * (or is called with it held: _locked).  Reports print with whatever
 * locks the caller holds, through printk (kernel messages, timestamped
 * and kept in the log dmesg prints); printk never takes an allocator lock.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "mm/poison.h"
#include "mm/slab_internal.h"

#define DUMP_LINE   16		/* bytes per line of a report's hex dump */
#define DUMP_LINES  8		/* lines a report shows at most */

/*
 * The caller of the allocator call this CPU is in, or a slab_mover()
 * token, for the journal; this CPU only (see slab_set_caller()).
 */
static DEFINE_PER_CPU(const void *, slab_caller);

/*
 * Muted reports (slab_mute_reports()): a count, so that mutes nest.
 * While it is not zero a report is counted (cachep->errors) as ever but
 * prints nothing, on every CPU, so it stays out of the kernel log (dmesg)
 * too: it was provoked on purpose and is no news of the kernel's.  For
 * the shell's selftest, which misuses caches on purpose and asserts the
 * exact count of reports.
 */
static atomic_t reports_muted;

void slab_mute_reports(void)
{
	atomic_inc(&reports_muted);
}

void slab_unmute_reports(void)
{
	/* an unmute without its mute would silence another's reports early */
	BUG_ON(atomic_sub_return(1, &reports_muted) < 0);
}

void slab_printf(const char *fmt, ...)
{
	va_list ap;

	if (atomic_read(&reports_muted))
		return;
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

/* ---- the debug words (Linux's dbg_redzone1/2, dbg_userword) ---- */

static unsigned long long *dbg_redzone1(struct kmem_cache *cachep, void *objp)
{
	return (unsigned long long *)((char *)objp + cachep->obj_offset -
				      sizeof(unsigned long long));
}

static size_t redzone_align(void)
{
	return sizeof(void *) > __alignof__(unsigned long long) ?
	       sizeof(void *) : __alignof__(unsigned long long);
}

size_t slab_redzone2_offset(const struct kmem_cache *cachep)
{
	size_t end = cachep->buffer_size - sizeof(unsigned long long);

	if (cachep->flags & SLAB_STORE_USER)
		end -= redzone_align();
	return end;
}

size_t slab_userword_offset(const struct kmem_cache *cachep)
{
	return cachep->buffer_size - sizeof(void *);
}

static unsigned long long *dbg_redzone2(struct kmem_cache *cachep, void *objp)
{
	return (unsigned long long *)((char *)objp + slab_redzone2_offset(cachep));
}

static const void **dbg_userword(struct kmem_cache *cachep, void *objp)
{
	return (const void **)((char *)objp + slab_userword_offset(cachep));
}

static void poison_obj(struct kmem_cache *cachep, void *objp, unsigned char val)
{
	char *addr = (char *)objp + cachep->obj_offset;

	memset(addr, val, cachep->object_size);
	addr[cachep->object_size - 1] = (char)POISON_END;
}

/* The offset of the first byte that is not free poison, or -1. */
static long check_poison(struct kmem_cache *cachep, void *objp)
{
	const unsigned char *addr = (const unsigned char *)objp + cachep->obj_offset;
	size_t size = cachep->object_size;

	for (size_t i = 0; i < size; i++)
		if (addr[i] != (i == size - 1 ? POISON_END : POISON_FREE))
			return (long)i;
	return -1;
}

static unsigned int obj_index(struct kmem_cache *cachep, void *objp, struct slab **slabpp)
{
	*slabpp = virt_to_slab(objp);
	return obj_to_index(cachep, *slabpp, objp);
}

/* ---- reports ---- */

/*
 * Every report ever, of every cache: a destroyed cache's errors go with
 * it, and a few reports have no cache to count in.
 */
static unsigned long slab_errors_total;

void slab_count_report(void)
{
	__atomic_add_fetch(&slab_errors_total, 1, __ATOMIC_RELAXED);
}

static void count_error(struct kmem_cache *cachep)
{
	__atomic_add_fetch(&cachep->errors, 1, __ATOMIC_RELAXED);
	slab_count_report();
}

unsigned long slab_error_count(void)
{
	return __atomic_load_n(&slab_errors_total, __ATOMIC_RELAXED);
}

/*
 * Hex lines of the buffer at @objp, offsets from the caller's pointer (so
 * red zone 1 is at -8): around byte @bad of the buffer, or its start.
 */
static void dump_buffer(struct kmem_cache *cachep, const void *objp, long bad)
{
	const unsigned char *p = objp;
	size_t size = cachep->buffer_size, from = 0;

	if (bad >= 0 && (size_t)bad >= DUMP_LINE * (DUMP_LINES / 2))
		from = ((size_t)bad / DUMP_LINE - 2) * DUMP_LINE;
	for (unsigned int line = 0; line < DUMP_LINES && from < size; line++) {
		slab_printf("  %+5ld:", (long)from - (long)cachep->obj_offset);
		for (size_t i = from; i < from + DUMP_LINE && i < size; i++)
			slab_printf(" %02x", p[i]);
		slab_printf("\n");
		from += DUMP_LINE;
	}
	if (from < size)
		slab_printf("  ... %lu more bytes\n", (unsigned long)(size - from));
}

static void print_owner(struct kmem_cache *cachep, void *objp)
{
	struct slab_event ev;

	if (!(cachep->flags & SLAB_STORE_USER))
		return;
	slab_printf("  last user: 0x%08lx", (unsigned long)(uintptr_t)*dbg_userword(cachep, objp));
	if (slab_journal_last(cachep, (char *)objp + cachep->obj_offset, &ev))
		slab_printf(" (%s on cpu%u at %lu.%06lu s)", slab_event_name(ev.type), ev.cpu,
			    (unsigned long)(ev.ns / 1000000000ULL),
			    (unsigned long)(ev.ns / 1000ULL % 1000000ULL));
	slab_printf("\n");
}

/* A red zone's 64 bits: newlib-nano's printf (the board's) has no %llx. */
static void print_redzone(unsigned long long rz)
{
	slab_printf("0x%08lx%08lx", (unsigned long)(rz >> 32), (unsigned long)(rz & 0xffffffffUL));
}

/*
 * The paragraph about the object whose buffer is @objp: the error line,
 * where it is, its red zones, its last user, its bytes.  Counts the error.
 */
static void report_object(const char *func, struct kmem_cache *cachep, void *objp,
			  const char *what, long bad)
{
	struct slab *slabp;
	unsigned int idx = obj_index(cachep, objp, &slabp);

	count_error(cachep);
	slab_printf("slab error in %s(): cache '%s': %s\n", func, cachep->name, what);
	slab_printf("  object 0x%08lx: index %u of slab 0x%08lx, %u bytes\n",
	       (unsigned long)(uintptr_t)((char *)objp + cachep->obj_offset), idx,
	       (unsigned long)(uintptr_t)((char *)slabp->s_mem - slabp->colouroff),
	       cachep->object_size);
	if (cachep->flags & SLAB_RED_ZONE) {
		slab_printf("  redzone 1: ");
		print_redzone(*dbg_redzone1(cachep, objp));
		slab_printf(", redzone 2: ");
		print_redzone(*dbg_redzone2(cachep, objp));
		slab_printf("\n");
	}
	print_owner(cachep, objp);
	dump_buffer(cachep, objp, bad);
}

/* ---- quarantine ---- */

/* Take object @idx off @slabp's free chain; false if it is not on it. */
static bool unchain(struct kmem_cache *cachep, struct slab *slabp, unsigned int idx)
{
	kmem_bufctl_t *bufctl = slab_bufctl(slabp), *link = &slabp->free;

	for (unsigned int steps = 0; *link < cachep->num && steps < cachep->num; steps++) {
		if (*link == idx) {
			*link = bufctl[idx];
			return true;
		}
		link = &bufctl[*link];
	}
	return false;
}

/* Withhold the buffer at @objp for good; list_lock held. */
void slab_quarantine_locked(struct kmem_cache *cachep, void *objp)
{
	struct kmem_list3 *l3 = cachep->nodelists[0];
	struct slab *slabp;
	unsigned int idx = obj_index(cachep, objp, &slabp);
	kmem_bufctl_t *b = &slab_bufctl(slabp)[idx];

	assert_spin_locked(&l3->list_lock);
	if (*b == BUFCTL_QUARANTINE)
		return;
	if (*b != BUFCTL_FREE && unchain(cachep, slabp, idx)) {
		/* it was free in its slab: now it is in use, for good */
		slabp->inuse++;
		l3->free_objects--;
		cachep->num_active++;
		list_del(&slabp->list);
		list_add(&slabp->list, slabp->inuse == cachep->num ?
			 &l3->slabs_full : &l3->slabs_partial);
	}
	*b = BUFCTL_QUARANTINE;
	cachep->quarantined++;
	__atomic_fetch_or(&cachep->dbg, DBG_WITHHELD, __ATOMIC_RELAXED);
	slab_event(cachep, SLAB_EV_QUARANTINE, (char *)objp + cachep->obj_offset);
}

static void quarantine(struct kmem_cache *cachep, void *objp)
{
	struct kmem_list3 *l3 = cachep->nodelists[0];
	unsigned long flags;

	spin_lock_irqsave(&l3->list_lock, flags);
	slab_quarantine_locked(cachep, objp);
	spin_unlock_irqrestore(&l3->list_lock, flags);
	slab_printf("  object quarantined: it will not be handed out again\n");
}

/* Back on its slab's chain, poisoned and red-zoned as free; list_lock held. */
static void release_one(struct kmem_cache *cachep, struct kmem_list3 *l3,
			struct slab *slabp, unsigned int idx)
{
	void *objp = index_to_obj(cachep, slabp, idx);

	slab_init_obj_debug(cachep, objp);
	slab_bufctl(slabp)[idx] = slabp->free;
	slabp->free = idx;
	slabp->inuse--;
	l3->free_objects++;
	cachep->num_active--;
	cachep->quarantined--;
	list_del(&slabp->list);
	list_add(&slabp->list, slabp->inuse ? &l3->slabs_partial : &l3->slabs_free);
}

static unsigned long release_list(struct kmem_cache *cachep, struct kmem_list3 *l3,
				  struct list_head *head)
{
	struct slab *slabp, *n;
	unsigned long released = 0;

	list_for_each_entry_safe(slabp, n, head, list)
		for (unsigned int i = 0; i < cachep->num; i++)
			if (slab_bufctl(slabp)[i] == BUFCTL_QUARANTINE) {
				release_one(cachep, l3, slabp, i);
				released++;
			}
	return released;
}

unsigned long slab_release_quarantine(struct kmem_cache *cachep)
{
	struct kmem_list3 *l3 = cachep->nodelists[0];
	unsigned long flags, released;

	spin_lock_irqsave(&l3->list_lock, flags);
	released = release_list(cachep, l3, &l3->slabs_full);
	released += release_list(cachep, l3, &l3->slabs_partial);
	spin_unlock_irqrestore(&l3->list_lock, flags);
	return released;
}

/* ---- the checks ---- */

void slab_init_obj_debug(struct kmem_cache *cachep, void *objp)
{
	if (cachep->flags & SLAB_POISON)
		poison_obj(cachep, objp, POISON_FREE);
	if (cachep->flags & SLAB_STORE_USER)
		*dbg_userword(cachep, objp) = NULL;
	if (cachep->flags & SLAB_RED_ZONE) {
		*dbg_redzone1(cachep, objp) = RED_INACTIVE;
		*dbg_redzone2(cachep, objp) = RED_INACTIVE;
	}
}

/*
 * The constructor wrote over a red zone: report and count it, and mend
 * the red zone.  The bug is the constructor's, in every object it
 * builds; withholding them would only make every allocation grow (and
 * report) new slabs until memory ran out.
 */
static void ctor_overwrote(struct kmem_cache *cachep, unsigned long long *redzone,
			   const char *where)
{
	count_error(cachep);
	slab_printf("slab error in cache_init_objs(): cache '%s': constructor overwrote the %s "
		    "of an object\n", cachep->name, where);
	*redzone = RED_INACTIVE;
}

/*
 * A new slab's object: free patterns, then the constructor (not for a
 * poisoned cache: its objects are constructed when handed out), which
 * must stay inside the object.  The slab is not on any list yet.
 */
void slab_construct_obj_debug(struct kmem_cache *cachep, void *objp)
{
	slab_init_obj_debug(cachep, objp);
	if (!cachep->ctor || (cachep->flags & SLAB_POISON))
		return;
	cachep->ctor(cachep, (char *)objp + cachep->obj_offset);
	if (!(cachep->flags & SLAB_RED_ZONE))
		return;
	if (*dbg_redzone2(cachep, objp) != RED_INACTIVE)
		ctor_overwrote(cachep, dbg_redzone2(cachep, objp), "end");
	if (*dbg_redzone1(cachep, objp) != RED_INACTIVE)
		ctor_overwrote(cachep, dbg_redzone1(cachep, objp), "start");
}

/* What is wrong with a free buffer about to be handed out, or NULL. */
static const char *alloc_fault(struct kmem_cache *cachep, void *objp, long *bad)
{
	bool rz1_bad = false, rz2_bad = false;

	*bad = -1;
	if (cachep->flags & SLAB_RED_ZONE) {
		rz1_bad = *dbg_redzone1(cachep, objp) != RED_INACTIVE;
		rz2_bad = *dbg_redzone2(cachep, objp) != RED_INACTIVE;
	}
	if (cachep->flags & SLAB_POISON) {
		*bad = check_poison(cachep, objp);
		if (*bad >= 0) {
			*bad += cachep->obj_offset;
			return "write after free: poison overwritten";
		}
	}
	if (rz1_bad && rz2_bad)
		return "memory before and after a free object was overwritten";
	if (rz1_bad) {
		*bad = 0;
		return "memory before a free object was overwritten (red zone 1)";
	}
	if (rz2_bad) {
		*bad = (char *)dbg_redzone2(cachep, objp) - (char *)objp;
		return "memory after a free object was overwritten (red zone 2)";
	}
	return NULL;
}

/*
 * The buffer @objp was just popped from this CPU's array: check it, mark
 * it in use, return the caller's pointer; or report it, quarantine it
 * and return NULL (the caller pops another).  Interrupts off.
 */
void *cache_alloc_debugcheck_after(struct kmem_cache *cachep, void *objp, const void *caller)
{
	struct slab *slabp;
	unsigned int idx = obj_index(cachep, objp, &slabp);
	const char *what;
	long bad;

	if (READ_ONCE(slab_bufctl(slabp)[idx]) == BUFCTL_QUARANTINE)
		return NULL;		/* reported when it was quarantined */
	what = alloc_fault(cachep, objp, &bad);
	if (unlikely(what)) {
		report_object(__func__, cachep, objp, what, bad);
		quarantine(cachep, objp);
		return NULL;
	}
	if (cachep->flags & SLAB_POISON)
		poison_obj(cachep, objp, POISON_INUSE);
	if (cachep->flags & SLAB_STORE_USER)
		*dbg_userword(cachep, objp) = caller;
	if (cachep->flags & SLAB_RED_ZONE) {
		*dbg_redzone1(cachep, objp) = RED_ACTIVE;
		*dbg_redzone2(cachep, objp) = RED_ACTIVE;
	}
	objp = (char *)objp + cachep->obj_offset;
	if (cachep->ctor && (cachep->flags & SLAB_POISON))
		cachep->ctor(cachep, objp);
	slab_event(cachep, SLAB_EV_ALLOC, objp);
	return objp;
}

/* What is wrong with freeing the in-use buffer @objp, or NULL. */
static const char *free_fault(struct kmem_cache *cachep, void *objp, long *bad)
{
	unsigned long long rz1, rz2;

	*bad = -1;
	if (!(cachep->flags & SLAB_RED_ZONE))
		return NULL;
	rz1 = *dbg_redzone1(cachep, objp);
	rz2 = *dbg_redzone2(cachep, objp);
	if (rz1 == RED_ACTIVE && rz2 == RED_ACTIVE)
		return NULL;
	if (rz1 == RED_INACTIVE && rz2 == RED_INACTIVE)
		return "double free detected (the red zones say free)";
	if (rz1 != RED_ACTIVE && rz2 != RED_ACTIVE)
		return "memory before and after the object was overwritten";
	if (rz1 != RED_ACTIVE) {
		*bad = 0;
		return "memory before the object was overwritten (red zone 1)";
	}
	*bad = (char *)dbg_redzone2(cachep, objp) - (char *)objp;
	return "memory after the object was overwritten (red zone 2)";
}

/*
 * The caller frees @objp (checked by slab_free_check()): check it, mark
 * it free and return its buffer for the array; or report it, quarantine
 * it and return NULL.  Interrupts off.
 */
void *cache_free_debugcheck(struct kmem_cache *cachep, void *objp, const void *caller)
{
	struct slab *slabp;
	unsigned int idx;
	kmem_bufctl_t state;
	const char *what;
	long bad;

	objp = (char *)objp - cachep->obj_offset;
	idx = obj_index(cachep, objp, &slabp);
	state = READ_ONCE(slab_bufctl(slabp)[idx]);
	if (state == BUFCTL_QUARANTINE) {
		report_object(__func__, cachep, objp,
			      "free of a quarantined object (already reported)", -1);
		return NULL;
	}
	if (state != BUFCTL_FREE) {
		what = "double free detected (the object is free in its slab)";
		bad = -1;
	} else {
		what = free_fault(cachep, objp, &bad);
	}
	if (unlikely(what)) {
		report_object(__func__, cachep, objp, what, bad);
		quarantine(cachep, objp);
		return NULL;
	}
	if (cachep->flags & SLAB_RED_ZONE) {
		*dbg_redzone1(cachep, objp) = RED_INACTIVE;
		*dbg_redzone2(cachep, objp) = RED_INACTIVE;
	}
	if (cachep->flags & SLAB_STORE_USER)
		*dbg_userword(cachep, objp) = caller;
	if (cachep->flags & SLAB_POISON)
		poison_obj(cachep, objp, POISON_FREE);
	slab_event(cachep, SLAB_EV_FREE, (char *)objp + cachep->obj_offset);
	return objp;
}

/*
 * free_block() met @objp, which its slab's chain already holds: a double
 * free that the per-CPU arrays hid (a cache without red zones).  Report
 * it and withhold the object; list_lock held.
 */
void slab_double_free_locked(struct kmem_cache *cachep, void *objp)
{
	report_object("free_block", cachep, objp,
		      "double free detected (the object is free in its slab)", -1);
	slab_quarantine_locked(cachep, objp);
	slab_printf("  object quarantined: it will not be handed out again\n");
}

void slab_gone_locked(struct kmem_cache *cachep, void *objp)
{
	count_error(cachep);
	slab_printf("slab error in free_block(): cache '%s': 0x%08lx is no longer in one of its "
		    "slabs: freed twice, and its slab was destroyed in between; dropped\n",
		    cachep->name, (unsigned long)(uintptr_t)((char *)objp + cachep->obj_offset));
}

/*
 * Destroying a slab: every object in it is free, so a poisoned cache's
 * poison and every red zone must be intact (Linux's slab_destroy_objs).
 */
void slab_destroy_objs(struct kmem_cache *cachep, struct slab *slabp)
{
	for (unsigned int i = 0; i < cachep->num; i++) {
		void *objp = index_to_obj(cachep, slabp, i);
		const char *what;
		long bad;

		what = alloc_fault(cachep, objp, &bad);
		if (what)
			report_object(__func__, cachep, objp, what, bad);
	}
}

/* ---- every free ---- */

/*
 * What @objp is, if not the start of one of @cachep's objects; *@obj and
 * *@offset locate it inside an object's buffer when it is in one.
 */
static const char *bad_pointer(struct kmem_cache *cachep, const void *objp,
			       const char **obj, long *offset)
{
	const struct slab *slabp = virt_to_slab(objp);
	const char *p = objp, *s_mem = slabp->s_mem, *buf;
	uintptr_t into;

	*obj = NULL;
	if (p < s_mem) {
		if (!OFF_SLAB(cachep) && p >= (const char *)slabp &&
		    p < (const char *)slabp + cachep->slab_size)
			return "a pointer into the slab's management, not to an object";
		return "a pointer into the slab's colour area, not to an object";
	}
	into = (uintptr_t)(p - s_mem);
	if (into / cachep->buffer_size >= cachep->num)
		return "a pointer past the slab's last object, not to an object";
	buf = s_mem + into / cachep->buffer_size * cachep->buffer_size;
	*obj = buf + cachep->obj_offset;
	*offset = p - *obj;
	if (*offset < 0)
		return "a pointer into the red zone before an object, not to the object";
	if (*offset >= (long)cachep->object_size)
		return "a pointer past the end of an object, not to an object";
	return "a pointer inside an object, not to its start";
}

/*
 * The bytes around a refused pointer into a slab of @owner: its own
 * 16-byte line, the one before and the one after, inside the slab's
 * pages, each with its address (as md shows memory).
 */
static void dump_around(struct kmem_cache *owner, const void *objp)
{
	const struct slab *slabp = virt_to_slab(objp);
	uintptr_t first = (uintptr_t)slabp->s_mem - slabp->colouroff;
	uintptr_t end = first + ((uintptr_t)PAGE_SIZE << owner->gfporder);
	uintptr_t from = (uintptr_t)objp & ~(uintptr_t)(DUMP_LINE - 1);

	if (from >= first + DUMP_LINE)
		from -= DUMP_LINE;
	for (unsigned int line = 0; line < 3 && from < end; line++, from += DUMP_LINE) {
		slab_printf("  %08lx:", (unsigned long)from);
		for (uintptr_t p = from; p < from + DUMP_LINE; p++)
			slab_printf(" %02x", *(const unsigned char *)p);
		slab_printf("\n");
	}
}

bool slab_bad_free(const char *func, struct kmem_cache *cachep, const void *objp)
{
	struct kmem_cache *owner = virt_to_cache(objp);
	unsigned long addr = (unsigned long)(uintptr_t)objp;
	const char *what, *obj;
	long offset;

	if (!owner) {
		if (!cachep) {
			slab_count_report();
			slab_printf("slab error in %s(): 0x%08lx is not in a slab page; "
				    "not freed\n", func, addr);
			return false;
		}
		count_error(cachep);
		slab_printf("slab error in %s(): cache '%s': 0x%08lx is not in a slab page; "
			    "not freed\n", func, cachep->name, addr);
		return false;
	}
	if (owner != cachep) {
		count_error(cachep);
		slab_printf("slab error in %s(): cache '%s': 0x%08lx is an object of cache '%s'; "
			    "not freed\n", func, cachep->name, addr, owner->name);
		dump_around(owner, objp);
		return false;
	}
	if (slab_free_check(cachep, objp))
		return true;
	what = bad_pointer(cachep, objp, &obj, &offset);
	count_error(cachep);
	slab_printf("slab error in %s(): cache '%s': 0x%08lx is %s; not freed\n", func,
		    cachep->name, addr, what);
	if (obj) {
		slab_printf("  the object at 0x%08lx %+ld\n", (unsigned long)(uintptr_t)obj,
			    offset);
		print_owner(cachep, (char *)obj - cachep->obj_offset);
	}
	dump_around(cachep, objp);
	return false;
}

const void *slab_set_caller(const void *caller)
{
	const void *prev = __get_cpu_var(slab_caller);

	__get_cpu_var(slab_caller) = caller;
	return prev;
}

const void *slab_get_caller(void)
{
	return __get_cpu_var(slab_caller);
}

/* ---- for verify (slab_verify.c) ---- */

/* SLUB's slub_debug= has no SLAB counterpart (mm/slab.h). */
int slub_debug_setup(const char *options)
{
	(void)options;
	return -ENOSYS;
}

int slub_debug_show(char *buf, size_t len)
{
	(void)buf;
	(void)len;
	return -ENOSYS;
}

const char *slab_verify_free_buf(struct kmem_cache *cachep, void *objp, long *bad)
{
	return alloc_fault(cachep, objp, bad);
}

const char *slab_verify_inuse_buf(struct kmem_cache *cachep, void *objp)
{
	bool rz1_bad, rz2_bad;

	if (!(cachep->flags & SLAB_RED_ZONE))
		return NULL;
	rz1_bad = *dbg_redzone1(cachep, objp) != RED_ACTIVE;
	rz2_bad = *dbg_redzone2(cachep, objp) != RED_ACTIVE;
	if (rz1_bad && rz2_bad)
		return "neither red zone is RED_ACTIVE";
	if (rz1_bad)
		return "memory before the object was overwritten (red zone 1)";
	if (rz2_bad)
		return "memory after the object was overwritten (red zone 2)";
	return NULL;
}

void slab_buf_redzones(struct kmem_cache *cachep, void *objp, unsigned long long rz[2])
{
	rz[0] = *dbg_redzone1(cachep, objp);
	rz[1] = *dbg_redzone2(cachep, objp);
}
