/*
 * slub_debug.c - SLUB's debugging, after Linux 2.6.32's CONFIG_SLUB_DEBUG
 * (mm/slub.c): the flags F (SLAB_DEBUG_FREE, consistency checks), Z
 * (SLAB_RED_ZONE), P (SLAB_POISON), U (SLAB_STORE_USER), per cache or
 * for every cache (slub_debug; CONFIG_SLUB_DEBUG_ON in the slub_debug
 * image), and the reports of what the checks find.
 *
 * A debug object, as mm/slub_geometry.c lays it out:
 *   object            objsize bytes: 0x6b (POISON_FREE), last 0xa5
 *                     (POISON_END) while free (__OBJECT_POISON)
 *   object + objsize  up to inuse: the red zone, 0xbb free (SLUB_RED_INACTIVE),
 *                     0xcc handed out (SLUB_RED_ACTIVE); 0x5a with P only
 *   object + inuse    the free pointer, if it may not overlay the object
 *                     (offset != 0), then U's two struct track (alloc,
 *                     free), then padding up to size: 0x5a (POISON_INUSE)
 * and with P the slab's left-over after its last object is 0x5a too.
 *
 * Where the checks run (mm/slub.c calls in, one call each): new_slab()
 * writes the patterns (slub_debug_new_slab); __slab_alloc() checks the
 * object it hands out (alloc_debug_processing), __slab_free() the one
 * being freed (free_debug_processing); __free_slab() checks every object
 * and the padding of a slab going back to the page allocator.  A debug
 * cache's slabs are PG_slub_debug (Linux's PageSlubDebug) and its CPU
 * slab gets c->node = -1, so all its allocations and frees take those
 * slow paths (Linux's scheme).  find_mergeable() never merges Z, P or U
 * caches (SLUB_NEVER_MERGE) and merges F only with F.
 *
 * What "FIX" does, as Linux: a damaged pattern is written back
 * (restore_bytes); an object that fails the alloc checks is not handed
 * out and its whole slab is marked used (inuse = objects, freelist
 * NULL), so no object of it is handed out again; a free that fails is
 * not done ("Object at 0x... not freed").  Ours: the objects marked used
 * get the active red zone, as objects in use have (mark_chain_active).
 *
 * Reports: Linux's text ("BUG NAME: what" between rules of '=' and '-',
 * INFO: lines, hex dumps "Object 0x...:", "FIX NAME: ...") printed with
 * slub_printf() and counted by slub_report_count() (mm/slub_api.c), the
 * path every SLUB report takes: muted by slab_mute_reports(), counted in
 * the cache's errors and slab_error_count().  One report = one "BUG"
 * banner, counted once.
 *
 * Locking: the checks run under the slab's slab_lock with interrupts
 * off (or on a slab no one else can reach: new, or being freed), so the
 * object, the free chain and page->inuse are stable; reports print
 * there, through printk, which takes no allocator lock.
 *
 * Deviations from 2.6.32: print_track prints the caller as an address
 * (no kallsyms for %pS) and pid 0; no dump_stack(); no SLAB_TRACE (T)
 * and no slub_debug=O; free_debug_processing() does not take the slab
 * off the full list (mm/slub.c keeps the full list for every cache and
 * does that itself); a free of an object of another cache is refused by
 * the API's own check before it gets here (slub_bad_free: "of another
 * cache"), so "page slab pointer corrupt." is reached only if page->slab
 * changed under a slab lock; "Marking all objects used" also turns
 * their red zones active (verify would report each one otherwise).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "mm/poison.h"
#include "mm/slab_inspect.h"
#include "mm/slub_debug.h"

typedef uint8_t u8;

#define MIN_T(type, a, b) ((type)(a) < (type)(b) ? (type)(a) : (type)(b))	/* Linux's min_t */

#ifdef CONFIG_SLUB_DEBUG_ON
unsigned long slub_debug = DEBUG_DEFAULT_FLAGS;
#else
unsigned long slub_debug;
#endif
static char slub_debug_slabs[32];	/* "": every cache */

/* slub_lock held (kmem_cache_create), or boot. */
unsigned long kmem_cache_flags(size_t objsize, unsigned long flags, const char *name)
{
	(void)objsize;
	if (slub_debug && (!slub_debug_slabs[0] ||
			   !strncmp(slub_debug_slabs, name, strlen(slub_debug_slabs))))
		flags |= slub_debug;
	return flags;
}

static const struct { char letter; unsigned long flag; } debug_letters[] = {
	{ 'F', SLAB_DEBUG_FREE }, { 'Z', SLAB_RED_ZONE }, { 'P', SLAB_POISON },
	{ 'U', SLAB_STORE_USER },
};

/* Linux's setup_slub_debug(), without 'O' and 'T', refusing what it would skip. */
int slub_debug_setup(const char *str)
{
	unsigned long flags = DEBUG_DEFAULT_FLAGS;
	const char *slabs = "";
	unsigned int i;

	if (*str == '-') {
		flags = 0;
		str++;
	} else if (*str && *str != ',') {
		for (flags = 0; *str && *str != ','; str++) {
			for (i = 0; i < ARRAY_SIZE(debug_letters); i++)
				if ((*str & ~0x20) == debug_letters[i].letter)
					break;
			if (i == ARRAY_SIZE(debug_letters))
				return -EINVAL;
			flags |= debug_letters[i].flag;
		}
	}
	if (*str == ',')
		slabs = str + 1;
	else if (*str)
		return -EINVAL;
	if (strlen(slabs) >= sizeof(slub_debug_slabs))
		return -EINVAL;
	spin_lock(&slub_lock);
	slub_debug = flags;
	strcpy(slub_debug_slabs, slabs);
	spin_unlock(&slub_lock);
	return 0;
}

int slub_debug_show(char *buf, size_t len)
{
	size_t n = 0;

	spin_lock(&slub_lock);
	for (unsigned int i = 0; i < ARRAY_SIZE(debug_letters) && n + 1 < len; i++)
		if (slub_debug & debug_letters[i].flag)
			buf[n++] = debug_letters[i].letter;
	if (!slub_debug && n + 1 < len)
		buf[n++] = '-';
	snprintf(buf + n, len - n, "%s%s", slub_debug_slabs[0] ? "," : "", slub_debug_slabs);
	spin_unlock(&slub_lock);
	return 0;
}

/* ---- the layout ---- */

static unsigned long addr_of(const void *p)
{
	return (unsigned long)(uintptr_t)p;
}

static size_t slab_bytes(const struct page *page)
{
	return PAGE_SIZE << page->private;
}

/* Is @object an object of @page (or NULL, the end of a chain)? */
static bool check_valid_pointer(const struct kmem_cache *s, const struct page *page,
				const void *object)
{
	const char *base = page_address((struct page *)page);

	if (!object)
		return true;
	if ((const char *)object < base ||
	    (const char *)object >= base + (size_t)page->objects * (size_t)s->size ||
	    ((size_t)((const char *)object - base)) % (size_t)s->size)
		return false;
	return true;
}

struct track *get_track(const struct kmem_cache *s, void *object, enum track_item alloc)
{
	return (struct track *)((char *)object + track_offset(s)) + alloc;
}

static void set_track(struct kmem_cache *s, void *object, enum track_item alloc,
		      unsigned long addr)
{
	struct track *p = get_track(s, object, alloc);

	if (addr) {
		p->addr = addr;
		p->cpu = (int)smp_processor_id();
		p->pid = 0;
		p->when = jiffies;
	} else {
		memset(p, 0, sizeof(*p));
	}
}

static void init_tracking(struct kmem_cache *s, void *object)
{
	if (!(s->flags & SLAB_STORE_USER))
		return;
	set_track(s, object, TRACK_FREE, 0UL);
	set_track(s, object, TRACK_ALLOC, 0UL);
}

/* Where the metadata after the free pointer and the tracks ends: padding from here. */
static size_t pad_start(const struct kmem_cache *s)
{
	size_t off = track_offset(s);

	if (s->flags & SLAB_STORE_USER)
		off += 2 * sizeof(struct track);
	return off;
}

/* ---- reports ---- */

/* Linux's print_section: 16 bytes a line, then them as text. */
static void print_section(const char *text, const u8 *addr, unsigned int length)
{
	char ascii[17];
	unsigned int i;

	ascii[16] = 0;
	for (i = 0; i < length; i++) {
		if (i % 16 == 0)
			slub_printf("%8s 0x%08lx: ", text, addr_of(addr + i));
		slub_printf(" %02x", addr[i]);
		ascii[i % 16] = (addr[i] > 0x20 && addr[i] < 0x7f) ? (char)addr[i] : '.';
		if (i % 16 == 15)
			slub_printf(" %s\n", ascii);
	}
	if (i % 16) {
		for (unsigned int j = i % 16; j < 16; j++) {
			slub_printf("   ");
			ascii[j] = ' ';
		}
		slub_printf(" %s\n", ascii);
	}
}

static void print_track(const char *what, const struct track *t)
{
	if (!t->addr)
		return;
	slub_printf("INFO: %s in 0x%08lx age=%lu cpu=%u pid=%d\n", what, t->addr,
		    jiffies - t->when, (unsigned int)t->cpu, t->pid);
}

static void print_tracking(struct kmem_cache *s, void *object)
{
	if (!(s->flags & SLAB_STORE_USER))
		return;
	print_track("Allocated", get_track(s, object, TRACK_ALLOC));
	print_track("Freed", get_track(s, object, TRACK_FREE));
}

static void print_page_info(const struct page *page)
{
	slub_printf("INFO: Slab 0x%08lx objects=%u used=%u fp=0x%08lx flags=0x%04lx\n",
		    addr_of(page), page->objects, page->inuse, addr_of(page->freelist),
		    page->flags);
}

/* The banner that opens every report: one report, counted. */
static __printf(2, 3) void slab_bug(struct kmem_cache *s, const char *fmt, ...)
{
	char buf[100];
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	slub_report_count(s);
	slub_printf("========================================"
		    "=====================================\n");
	slub_printf("BUG %s: %s\n", s->name, buf);
	slub_printf("----------------------------------------"
		    "-------------------------------------\n\n");
}

static __printf(2, 3) void slab_fix(struct kmem_cache *s, const char *fmt, ...)
{
	char buf[100];
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	slub_printf("FIX %s: %s\n", s->name, buf);
}

static void print_trailer(struct kmem_cache *s, struct page *page, u8 *p)
{
	u8 *addr = page_address(page);
	size_t off = pad_start(s);

	print_tracking(s, p);
	print_page_info(page);
	slub_printf("INFO: Object 0x%08lx @offset=%lu fp=0x%08lx\n\n", addr_of(p),
		    (unsigned long)(p - addr), addr_of(get_freepointer(s, p)));
	if (p > addr + 16)
		print_section("Bytes b4", p - 16, 16);
	print_section("Object", p, (unsigned int)MIN_T(int, s->objsize, (int)PAGE_SIZE));
	if (s->flags & SLAB_RED_ZONE)
		print_section("Redzone", p + s->objsize, (unsigned int)(s->inuse - s->objsize));
	if (off != (size_t)s->size)
		print_section("Padding", p + off, (unsigned int)((size_t)s->size - off));
}

static void object_err(struct kmem_cache *s, struct page *page, u8 *object, const char *reason)
{
	slab_bug(s, "%s", reason);
	print_trailer(s, page, object);
}

static __printf(3, 4) void slab_err(struct kmem_cache *s, struct page *page,
				    const char *fmt, ...)
{
	char buf[100];
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	slab_bug(s, "%s", buf);
	print_page_info(page);
}

/* ---- the patterns ---- */

static void init_object(struct kmem_cache *s, void *object, int active)
{
	u8 *p = object;

	if (s->flags & __OBJECT_POISON) {
		memset(p, POISON_FREE, (size_t)s->objsize - 1);
		p[s->objsize - 1] = POISON_END;
	}
	if (s->flags & SLAB_RED_ZONE)
		memset(p + s->objsize, active ? SLUB_RED_ACTIVE : SLUB_RED_INACTIVE,
		       (size_t)(s->inuse - s->objsize));
}

static u8 *check_bytes(u8 *start, unsigned int value, size_t bytes)
{
	for (; bytes; start++, bytes--)
		if (*start != (u8)value)
			return start;
	return NULL;
}

static void restore_bytes(struct kmem_cache *s, u8 data, u8 *from, u8 *to)
{
	slab_fix(s, "Restoring 0x%08lx-0x%08lx=0x%x\n", addr_of(from), addr_of(to - 1), data);
	memset(from, data, (size_t)(to - from));
}

static int check_bytes_and_report(struct kmem_cache *s, struct page *page, u8 *object,
				  const char *what, u8 *start, unsigned int value, size_t bytes)
{
	u8 *fault = check_bytes(start, value, bytes), *end;

	if (!fault)
		return 1;
	end = start + bytes;
	while (end > fault && end[-1] == value)
		end--;
	slab_bug(s, "%s overwritten", what);
	slub_printf("INFO: 0x%08lx-0x%08lx. First byte 0x%x instead of 0x%x\n", addr_of(fault),
		    addr_of(end - 1), fault[0], value);
	print_trailer(s, page, object);
	restore_bytes(s, (u8)value, fault, end);
	return 0;
}

static int check_pad_bytes(struct kmem_cache *s, struct page *page, u8 *p)
{
	size_t off = pad_start(s);

	if ((size_t)s->size == off)
		return 1;
	return check_bytes_and_report(s, page, p, "Object padding", p + off, POISON_INUSE,
				      (size_t)s->size - off);
}

/* The slab's left-over after its last object (P only). */
static int slab_pad_check(struct kmem_cache *s, struct page *page)
{
	u8 *start, *fault, *end;
	size_t length, remainder;

	if (!(s->flags & SLAB_POISON))
		return 1;
	start = page_address(page);
	length = slab_bytes(page);
	end = start + length;
	remainder = length % (size_t)s->size;
	if (!remainder)
		return 1;
	fault = check_bytes(end - remainder, POISON_INUSE, remainder);
	if (!fault)
		return 1;
	while (end > fault && end[-1] == POISON_INUSE)
		end--;
	slab_err(s, page, "Padding overwritten. 0x%08lx-0x%08lx", addr_of(fault),
		 addr_of(end - 1));
	print_section("Padding", start + length - remainder, (unsigned int)remainder);
	restore_bytes(s, POISON_INUSE, start + length - remainder, start + length);
	return 0;
}

static int check_object(struct kmem_cache *s, struct page *page, void *object, int active)
{
	u8 *p = object, *endobject = p + s->objsize;

	if (s->flags & SLAB_RED_ZONE) {
		if (!check_bytes_and_report(s, page, p, "Redzone", endobject,
					    active ? SLUB_RED_ACTIVE : SLUB_RED_INACTIVE,
					    (size_t)(s->inuse - s->objsize)))
			return 0;
	} else if ((s->flags & SLAB_POISON) && s->objsize < s->inuse) {
		check_bytes_and_report(s, page, p, "Alignment padding", endobject, POISON_INUSE,
				       (size_t)(s->inuse - s->objsize));
	}
	if (s->flags & SLAB_POISON) {
		if (!active && (s->flags & __OBJECT_POISON) &&
		    (!check_bytes_and_report(s, page, p, "Poison", p, POISON_FREE,
					     (size_t)s->objsize - 1) ||
		     !check_bytes_and_report(s, page, p, "Poison", p + s->objsize - 1,
					     POISON_END, 1)))
			return 0;
		check_pad_bytes(s, page, p);	/* restores on its own */
	}
	if (!s->offset && active)
		return 1;	/* the free pointer overlays the caller's bytes */
	if (!check_valid_pointer(s, page, get_freepointer(s, p))) {
		object_err(s, page, p, "Freepointer corrupt");
		/* the rest of the chain is lost: the object count will say so */
		set_freepointer(s, p, NULL);
		return 0;
	}
	return 1;
}

static int check_slab(struct kmem_cache *s, struct page *page)
{
	unsigned int maxobj;

	DEBUG_BUG_ON(!irqs_disabled());
	if (!PageSlab(page)) {
		slab_err(s, page, "Not a valid slab page");
		return 0;
	}
	maxobj = (unsigned int)(slab_bytes(page) / (size_t)s->size);
	if (page->objects > maxobj) {
		slab_err(s, page, "objects %u > max %u", page->objects, maxobj);
		return 0;
	}
	if (page->inuse > page->objects) {
		slab_err(s, page, "inuse %u > max %u", page->inuse, page->objects);
		return 0;
	}
	slab_pad_check(s, page);	/* restores on its own */
	return 1;
}

/* The chain from page->freelist ended by a pointer outside the slab: cut it. */
static void freechain_corrupt(struct kmem_cache *s, struct page *page, void *object)
{
	if (object) {
		object_err(s, page, object, "Freechain corrupt");
		set_freepointer(s, object, NULL);
		return;
	}
	slab_err(s, page, "Freepointer corrupt");
	page->freelist = NULL;
	page->inuse = page->objects;
	slab_fix(s, "Freelist cleared");
}

/*
 * Is @search on @page's free chain?  On the way, the chain, objects and
 * inuse are checked against each other and fixed.  Slab lock held.
 */
static int on_freelist(struct kmem_cache *s, struct page *page, void *search)
{
	unsigned int nr = 0, max_objects;
	void *fp = page->freelist, *object = NULL;

	while (fp && nr <= page->objects) {
		if (fp == search)
			return 1;
		if (!check_valid_pointer(s, page, fp)) {
			freechain_corrupt(s, page, object);
			if (!object)
				return 0;
			break;
		}
		object = fp;
		fp = get_freepointer(s, object);
		nr++;
	}
	max_objects = (unsigned int)(slab_bytes(page) / (size_t)s->size);
	if (max_objects > MAX_OBJS_PER_PAGE)
		max_objects = MAX_OBJS_PER_PAGE;
	if (page->objects != max_objects) {
		slab_err(s, page, "Wrong number of objects. Found %d but should be %d",
			 page->objects, max_objects);
		page->objects = (uint16_t)max_objects;
		slab_fix(s, "Number of objects adjusted.");
	}
	if (page->inuse != page->objects - nr) {
		slab_err(s, page, "Wrong object count. Counter is %d but counted were %d",
			 page->inuse, page->objects - nr);
		page->inuse = (uint16_t)(page->objects - nr);
		slab_fix(s, "Object count adjusted.");
	}
	return search == NULL;
}

/* ---- the hooks ---- */

void slub_debug_new_slab(struct kmem_cache *s, struct page *page)
{
	u8 *start = page_address(page);

	page_set_flag_atomic(page, PG_slub_debug);
	if (s->flags & SLAB_POISON)
		memset(start, POISON_INUSE, slab_bytes(page));
	if (!(s->flags & (SLAB_STORE_USER | SLAB_RED_ZONE | __OBJECT_POISON)))
		return;
	for (unsigned int i = 0; i < page->objects; i++) {
		void *p = start + (size_t)i * (size_t)s->size;

		init_object(s, p, 0);
		init_tracking(s, p);
	}
}

void slub_debug_free_slab(struct kmem_cache *s, struct page *page)
{
	u8 *start = page_address(page);

	slab_pad_check(s, page);
	for (unsigned int i = 0; i < page->objects; i++)
		check_object(s, page, start + (size_t)i * (size_t)s->size, 0);
	page_clear_flag_atomic(page, PG_slub_debug);
}

/*
 * "Marking all objects used" (ours, beside Linux's): the free objects it
 * takes off the chain are in use from now on, so their red zones say so
 * (SLUB_RED_ACTIVE), or verify and a later free's checks would report
 * each one again.  The walk stops where the chain leaves the slab.
 */
static void mark_chain_active(struct kmem_cache *s, struct page *page)
{
	void *p = page->freelist;

	if (!(s->flags & SLAB_RED_ZONE))
		return;
	for (unsigned int n = 0; p && n < page->objects && check_valid_pointer(s, page, p); n++) {
		memset((u8 *)p + s->objsize, SLUB_RED_ACTIVE, (size_t)(s->inuse - s->objsize));
		p = get_freepointer(s, p);
	}
}

int alloc_debug_processing(struct kmem_cache *s, struct page *page, void *object,
			   unsigned long addr)
{
	if (!check_slab(s, page))
		goto bad;
	if (!on_freelist(s, page, object)) {
		object_err(s, page, object, "Object already allocated");
		goto bad;
	}
	if (!check_valid_pointer(s, page, object)) {
		object_err(s, page, object, "Freelist Pointer check fails");
		goto bad;
	}
	if (!check_object(s, page, object, 0))
		goto bad;
	if (s->flags & SLAB_STORE_USER)
		set_track(s, object, TRACK_ALLOC, addr);
	init_object(s, object, 1);
	return 1;
bad:
	if (PageSlab(page)) {
		/* hand out nothing more of it: its remaining objects stay untouched */
		slab_fix(s, "Marking all objects used");
		mark_chain_active(s, page);
		page->inuse = page->objects;
		page->freelist = NULL;
	}
	return 0;
}

int free_debug_processing(struct kmem_cache *s, struct page *page, void *object,
			  unsigned long addr)
{
	if (!check_slab(s, page))
		goto fail;
	if (!check_valid_pointer(s, page, object)) {
		slab_err(s, page, "Invalid object pointer 0x%08lx", addr_of(object));
		goto fail;
	}
	if (on_freelist(s, page, object)) {
		object_err(s, page, object, "Object already free");
		goto fail;
	}
	if (!check_object(s, page, object, 1))
		return 0;
	if (unlikely(s != page->slab)) {
		object_err(s, page, object, "page slab pointer corrupt.");
		goto fail;
	}
	if (s->flags & SLAB_STORE_USER)
		set_track(s, object, TRACK_FREE, addr);
	init_object(s, object, 0);
	return 1;
fail:
	slab_fix(s, "Object at 0x%08lx not freed", addr_of(object));
	return 0;
}

bool slub_debug_free_invalid(struct kmem_cache *s, const void *x, unsigned long addr)
{
	struct page *page;
	unsigned long flags;

	if (!kmem_cache_debug(s) || !slub_virt_to_slab(x, &page) || page->slab != s)
		return false;
	local_irq_save(flags);
	slab_lock(page);
	free_debug_processing(s, page, (void *)x, addr);
	slab_unlock(page);
	local_irq_restore(flags);
	return true;
}

unsigned int slub_debug_validate_slab(struct kmem_cache *s, struct page *page,
				      const unsigned char *free_map)
{
	u8 *start = page_address(page);
	unsigned int bad = !slab_pad_check(s, page);

	for (unsigned int i = 0; i < page->objects; i++) {
		bool free = free_map[i / 8] & (1u << (i % 8));

		bad += !check_object(s, page, start + (size_t)i * (size_t)s->size, !free);
	}
	return bad;
}

/* ---- the corruption lab's one write (mm/slab_inspect.h) ---- */

/*
 * SLUB's objects have no offset before them (obj_offset 0): @offset
 * runs over the whole stride, 0 .. size - 1, red zone, free pointer,
 * tracks and padding included.  Written under the slab's slab_lock,
 * interrupts off, after checking again that @obj starts an object of a
 * slab of @cachep: a slab being discarded is no longer PG_slab by the
 * time its pages are handed out again.
 */
int kmem_cache_corrupt(struct kmem_cache *cachep, void *obj, long offset, unsigned char byte,
		       unsigned char *old)
{
	struct page *page;
	unsigned long flags;
	unsigned char *p = (unsigned char *)obj + offset;
	int ret = -EINVAL;

	if (offset < 0 || offset >= cachep->size)
		return -EINVAL;
	local_irq_save(flags);
	if (!slub_bad_object(cachep, obj, &page)) {
		slab_lock(page);
		if (PageSlab(page) && page->slab == cachep) {
			*old = *p;
			*p = byte;
			ret = 0;
		}
		slab_unlock(page);
	}
	local_irq_restore(flags);
	return ret;
}
