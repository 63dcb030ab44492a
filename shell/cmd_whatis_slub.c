/*
 * cmd_whatis_slub.c - "whatis ADDR" on SLUB (make SLAB=slub): what an
 * address is to SLUB, as cmd_whatis.c says it for SLAB.  One line says
 * where it lies (which object of which slab of which cache, and which
 * part: the caller's bytes, the free pointer, the padding, and in a
 * debug cache the red zone and the alloc and free tracks; or the
 * slab's left-over), a second where the object is now: handed out, on
 * its CPU slab's lockless freelist, or on its slab's page->freelist,
 * with its place there; in a store_user cache, its alloc and free
 * tracks (who last allocated and freed it, on which CPU, how many jiffies
 * ago); last, when the cache keeps a journal (it has been traced), the
 * journal's newest alloc or free of it, in SLAB's words (cmd_whatis.c).
 *
 * Read through the neutral API and mm/slub_inspect.h only: the cache
 * from the page (kmem_cache_of()), each CPU's freelist copied on that
 * CPU, then the slabs on the lists under list_lock.  Every slab is a
 * CPU slab or on the partial or the full list (this SLUB keeps the full
 * list for every cache, Linux 2.6.32 only for debugging): a slab page
 * on none of them is being made or freed.  The pieces are read one after another; on a
 * quiet board they agree.  Any address is safe to ask about.
 */
#include <stdio.h>
#include "shell/cmd_cache_slub.h"
#include "shell/commands.h"
#include "shell/shell.h"
#include "mm/slab_inspect.h"
#include "platform.h"

/* What the walk found of the slab holding the address. */
struct whatis_slab {
	uintptr_t addr;
	unsigned int size;		/* the cache's stride */
	unsigned int oo_objects;	/* a slab of oo's order holds these; min's fewer */
	uintptr_t oo_bytes, min_bytes;	/* PAGE_SIZE << order, for oo and min */
	bool found;
	const void *page;
	enum slub_list list;
	unsigned int cpu, objects, index;
	bool free;
	int page_pos;			/* its place on page->freelist, or -1 */
	unsigned int page_len;
};

static int chain_pos(const unsigned short *chain, unsigned int len, unsigned int i)
{
	for (unsigned int k = 0; k < len; k++)
		if (chain[k] == i)
			return (int)k;
	return -1;
}

static void find_slab(const struct slub_slab_info *si, void *arg)
{
	struct whatis_slab *w = arg;
	uintptr_t page = (uintptr_t)si->page;
	uintptr_t bytes = si->objects == w->oo_objects ? w->oo_bytes : w->min_bytes;

	if (w->found || w->addr < page || w->addr - page >= bytes)
		return;
	w->found = true;
	w->page = si->page;
	w->list = si->list;
	w->cpu = si->cpu;
	w->objects = si->objects;
	w->index = (unsigned int)((w->addr - page) / w->size);
	w->free = w->index < si->objects && slub_info_obj_free(si, w->index);
	w->page_pos = w->index < si->objects ? chain_pos(si->chain, si->chain_len, w->index) : -1;
	w->page_len = si->chain_len;
}

static void print_where(const struct slub_cache_info *ci, const struct whatis_slab *w)
{
	printf("of cache %s, slab 0x%08lx (", ci->name, (unsigned long)(uintptr_t)w->page);
	if (w->list == SLUB_LIST_CPU)
		printf("cpu%u's slab)\n", w->cpu);
	else
		printf("%s)\n", slub_list_names[w->list]);
}

/* [from, from + len) of an object, if it holds @at: *@part set. */
static bool in_part(struct slub_part *part, const char *name, unsigned long at,
		    unsigned long from, unsigned long len)
{
	if (at < from || at >= from + len)
		return false;
	*part = (struct slub_part){ name, at - from, len };
	return true;
}

/*
 * The metadata SLUB lays after the caller's bytes (mm/slub_debug.c's
 * layout): red zone (objsize .. inuse), free pointer (when not in the
 * object), alloc and free tracks; padding is what lies between them.
 */
struct slub_part slub_obj_part(const struct slub_cache_info *ci, unsigned long at)
{
	unsigned long fp = ci->offset >= ci->inuse ? ci->offset : 0;
	unsigned long lo = ci->objsize, hi = ci->size;
	struct slub_part part;

	if (in_part(&part, "object", at, 0, ci->objsize))
		return part;
	if ((ci->flags & SLAB_RED_ZONE) &&
	    in_part(&part, "red zone", at, ci->objsize, ci->inuse - ci->objsize))
		return part;
	if (fp && in_part(&part, "free pointer", at, fp, sizeof(void *)))
		return part;
	if (ci->track_size && (in_part(&part, "alloc track", at, ci->track, ci->track_size) ||
			       in_part(&part, "free track", at, ci->track + ci->track_size,
				       ci->track_size)))
		return part;
	/* padding: from the end of the part before @at to the start of the one after */
	if (ci->flags & SLAB_RED_ZONE)
		lo = ci->inuse;
	if (fp && fp + sizeof(void *) <= at)
		lo = fp + sizeof(void *);
	else if (fp > at)
		hi = fp;
	if (ci->track_size && ci->track + 2 * ci->track_size <= at)
		lo = ci->track + 2 * ci->track_size;
	else if (ci->track_size && ci->track > at && ci->track < hi)
		hi = ci->track;
	return (struct slub_part){ "padding", at - lo, hi - lo };
}

/* "0x... is object 0x... (index 2)", "... is 4 bytes into object", the other parts. */
static void print_part(const struct slub_cache_info *ci, const struct whatis_slab *w)
{
	uintptr_t obj = (uintptr_t)w->page + (uintptr_t)w->index * w->size;
	unsigned long at = (unsigned long)(w->addr - obj);
	struct slub_part part = slub_obj_part(ci, at);

	if (at == 0)
		printf("0x%08lx is object ", (unsigned long)w->addr);
	else if (at < ci->objsize)
		printf("0x%08lx is %lu byte%s into object ", (unsigned long)w->addr, at,
		       at == 1 ? "" : "s");
	else
		printf("0x%08lx is in the %s (byte %lu of %lu) of object ", (unsigned long)w->addr,
		       part.name, part.into, part.len);
	printf("0x%08lx (index %u) ", (unsigned long)obj, w->index);
}

static void print_state(const struct whatis_slab *w)
{
	const struct slub_cpu_chain *cc;
	int pos;

	printf("state: ");
	if (!w->free) {
		printf("allocated\n");
		return;
	}
	if (w->page_pos >= 0) {
		printf("free, on its slab's page->freelist (position %d of %u)\n", w->page_pos,
		       w->page_len);
		return;
	}
	cc = w->list == SLUB_LIST_CPU ? slub_cpu_chain_of(w->cpu, w->page) : NULL;
	pos = cc ? chain_pos(cc->chain, cc->len, w->index) : -1;
	if (pos >= 0)
		printf("free, on cpu%u's lockless freelist (position %d of %u: handed out "
		       "first)\n", w->cpu, pos, cc->len);
	else
		printf("free, on cpu%u's lockless freelist (it changed while read)\n", w->cpu);
}

/*
 * A SLAB_STORE_USER cache's two tracks: "last alloc: 0x600231ec age=3
 * cpu=0 pid=0", "last free: none yet" -- SLAB's "last user" line with
 * the fields of Linux's print_track ("Allocated in ... age=... cpu=...
 * pid=..."), read with the slab locked (slub_get_object()).
 */
static void print_tracks(struct kmem_cache *s, const struct whatis_slab *w)
{
	static const char *const names[2] = { "last alloc", "last free" };
	uintptr_t obj = (uintptr_t)w->page + (uintptr_t)w->index * w->size;
	struct slub_object_info oi;

	if (slub_get_object(s, (const void *)obj, &oi) || !oi.has_tracks)
		return;
	for (unsigned int i = SLUB_TRACK_ALLOC; i <= SLUB_TRACK_FREE; i++) {
		const struct slub_track_info *t = &oi.track[i];

		if (!t->addr)
			printf("%s: none yet\n", names[i]);
		else
			printf("%s: 0x%08lx age=%lu cpu=%u pid=%d\n", names[i], t->addr, t->age,
			       t->cpu, t->pid);
	}
}

/* "last event: alloc on cpu0 at 1.234567 s, caller 0x...": SLAB's line (a journal kept). */
static void print_last_event(struct kmem_cache *s, const struct whatis_slab *w)
{
	uintptr_t obj = (uintptr_t)w->page + (uintptr_t)w->index * w->size;
	struct slab_event ev;

	if (!slub_journal_last(s, (const void *)obj, &ev))
		return;
	printf("last event: %s on cpu%u at %lu.%06lu s, caller 0x%08lx\n",
	       slab_event_name(ev.type), ev.cpu, (unsigned long)(ev.ns / 1000000000ULL),
	       (unsigned long)(ev.ns / 1000ULL % 1000000ULL),
	       (unsigned long)(uintptr_t)ev.caller);
}

int do_whatis(int argc, char **argv)
{
	struct slub_cache_info ci;
	struct whatis_slab w = { 0 };
	struct kmem_cache *s;
	uint32_t addr;

	(void)argc;
	if (!cmd_parse_u32("address", argv[1], UINT32_MAX, &addr))
		return CMD_USAGE;
	s = kmem_cache_of((const void *)(uintptr_t)addr);
	if (!s) {
		printf("0x%08lx is not in a slab page\n", (unsigned long)addr);
		return CMD_OK;
	}
	slub_get_cache_info(s, &ci);
	w.addr = addr;
	w.size = ci.size;
	w.oo_objects = ci.objects;
	w.oo_bytes = (uintptr_t)PAGE_SIZE << ci.order;
	w.min_bytes = (uintptr_t)PAGE_SIZE << ci.min_order;
	slub_read_cpu_chains(s);
	slub_for_each_slab(s, find_slab, &w);
	if (!w.found) {
		printf("0x%08lx is in a slab page of cache %s whose slab is on none of its lists "
		       "(being made or freed)\n", (unsigned long)addr, ci.name);
		return CMD_OK;
	}
	if (w.index >= w.objects) {
		uintptr_t end = (uintptr_t)w.page + (uintptr_t)w.objects * w.size;

		printf("0x%08lx is in the left-over (byte %lu) ", (unsigned long)addr,
		       (unsigned long)(addr - end));
		print_where(&ci, &w);
		return CMD_OK;
	}
	print_part(&ci, &w);
	print_where(&ci, &w);
	print_state(&w);
	print_tracks(s, &w);
	print_last_event(s, &w);
	return CMD_OK;
}
