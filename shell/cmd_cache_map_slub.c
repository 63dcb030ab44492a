/*
 * cmd_cache_map_slub.c - SLUB's "cache map NAME [chain]": one block per
 * slab (the CPU slabs, then the partial list, then the full list), a
 * mark per object, 64 to a row led by the first index.  Linked instead
 * of SLAB's map (cmd_cache_show.c) in the SLUB image (make SLAB=slub).
 *
 * A SLUB slab is only objects: no colour, no management in the slab
 * (its state is in struct page), the free pointer inside each free
 * object at the cache's offset, and what is left over at the end.  So
 * the map's header states the object's parts (objsize, the metadata
 * from inuse, the stride size) and where the free pointer lies, and the
 * marks say whose each object is:
 *   '#' handed out;
 *   '.' free on page->freelist (a listed slab's free objects, or those
 *       other CPUs freed into a CPU slab);
 *   'N' free on CPU N's lockless freelist (c->freelist of its CPU slab).
 * With "chain", a free object shows its place on its chain instead,
 * mod 10 (0 is handed out first): digits for page->freelist, letters
 * a-j for the CPU's freelist (handed out before page->freelist).
 *
 * Read through mm/slub_inspect.h: each CPU's freelist is copied on that
 * CPU before the walk (the walk's callback may not send IPIs), the
 * slabs under list_lock; on a quiet board the two agree.
 */
#include <stdio.h>
#include <string.h>
#include "shell/cmd_cache.h"
#include "shell/cmd_cache_slub.h"
#include "shell/commands.h"
#include "shell/shell.h"
#include "platform.h"

#define MAP_ROW 64		/* object marks per row */

struct map_ctx {
	bool chain;
};

/* Object @i's place on @chain of @len, or -1. */
static int chain_pos(const unsigned short *chain, unsigned int len, unsigned int i)
{
	for (unsigned int k = 0; k < len; k++)
		if (chain[k] == i)
			return (int)k;
	return -1;
}

char slub_obj_mark(const struct slub_slab_info *si, const struct slub_cpu_chain *cc,
		   unsigned int i, bool chain)
{
	int pos;

	if (i >= SLUB_INSPECT_MAX_OBJS)
		return '?';
	if (!slub_info_obj_free(si, i))
		return '#';
	pos = chain_pos(si->chain, si->chain_len, i);
	if (pos >= 0)
		return chain ? (char)('0' + pos % 10) : '.';
	/* free, not on page->freelist: on its CPU's lockless freelist */
	pos = cc ? chain_pos(cc->chain, cc->len, i) : -1;
	if (chain)
		return pos >= 0 ? (char)('a' + pos % 10) : '?';
	return si->list == SLUB_LIST_CPU ? (char)('0' + si->cpu) : '?';
}

static void print_map_slab(const struct slub_slab_info *si, void *arg)
{
	const struct map_ctx *m = arg;
	const struct slub_cpu_chain *cc = NULL;
	char list[12];

	if (si->list == SLUB_LIST_CPU) {
		snprintf(list, sizeof(list), "cpu%u", si->cpu);
		cc = slub_cpu_chain_of(si->cpu, si->page);
	} else {
		snprintf(list, sizeof(list), "%s", slub_list_names[si->list]);
	}
	printf("0x%08lx %-7s inuse=%u objects=%u ", (unsigned long)(uintptr_t)si->page, list,
	       si->inuse, si->objects);
	slub_print_ptr("freelist", si->freelist);
	if (cc) {
		printf(" ");
		slub_print_ptr("cpu_freelist", cc->ci.freelist);
	}
	putchar('\n');
	for (unsigned int i = 0; i < si->objects; i++) {
		if (i % MAP_ROW == 0)
			printf("%6u  ", i);
		putchar(slub_obj_mark(si, cc, i, m->chain));
		if (i % MAP_ROW == MAP_ROW - 1 || i == si->objects - 1)
			putchar('\n');
	}
}

/* Labels every ten objects, each starting over its column of marks. */
static void print_ruler(unsigned int num)
{
	unsigned int width = num < MAP_ROW ? num : MAP_ROW;
	int len = 0;

	printf("index   ");
	for (unsigned int col = 0; col < width; col += 10)
		len = printf("%*s%u", col ? 10 - len : 0, "", col) - (col ? 10 - len : 0);
	putchar('\n');
}

static void print_header(const struct slub_cache_info *ci)
{
	unsigned long slab_bytes = PAGE_SIZE << ci->order;

	printf("%s: %u objects of %u bytes in %u page%s per slab (order %u); %lu bytes left "
	       "over\n", ci->name, ci->objects, ci->size, 1u << ci->order, ci->order ? "s" : "",
	       ci->order, slab_bytes - (unsigned long)ci->objects * ci->size);
	printf("object: %u bytes the caller's, metadata from %u, stride %u; the free pointer "
	       "at offset %u (%s)\n", ci->objsize, ci->inuse, ci->size, ci->offset,
	       ci->offset >= ci->inuse ? "after the object: it keeps its contents while free" :
	       "in the object's first bytes, while it is free");
}

static void print_legend(const struct map_ctx *m)
{
	unsigned int last = num_present_cpus() - 1;

	if (m->chain) {
		printf("legend: # allocated  0-9 free on page->freelist: its place, mod 10 (0 "
		       "first)\n        a-j free on the CPU's lockless freelist: its place, mod 10 "
		       "(a first; handed out before page->freelist)\n");
		return;
	}
	printf("legend: # allocated  . free on page->freelist  0");
	if (last)
		printf("-%u", last);
	printf(" free on that CPU's lockless freelist (its CPU slab)\n");
}

int cache_map(struct kmem_cache *cachep, int argc, char **argv)
{
	struct map_ctx m = { false };
	struct slub_cache_info ci;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "chain") != 0))
		return cmd_usage_error("cache map: expected NAME [chain]");
	m.chain = argc == 2;
	slub_get_cache_info(cachep, &ci);
	print_header(&ci);
	print_ruler(ci.objects);
	slub_read_cpu_chains(cachep);
	if (!slub_for_each_slab(cachep, print_map_slab, &m))
		printf("(no slabs)\n");
	print_legend(&m);
	return CMD_OK;
}
