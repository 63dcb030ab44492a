/*
 * cmd_cache_dump.c - "cache dump NAME": one cache's geometry, arrays and
 * every slab (its layout, each object's state and its bufctl free
 * chain) as one JSON object, for tools: scripts/slabpic draws it as a
 * picture, and compares two dumps.
 *
 * The same live reads as cache map (mm/slab_inspect.h), so each piece
 * is one consistent moment of its own (a CPU's array, a slab under its
 * list_lock), not of the whole cache.  Object states use cache map's
 * marks.  Addresses are strings ("0x6fc19000"), JSON having no hex.
 */
#include <stdio.h>
#include "shell/cmd_cache.h"
#include "shell/shell.h"
#include "mm/mm_types.h"

static const char *const list_names[] = { "partial", "full", "free" };
static const char *const break_names[] = {
	[SLAB_CHAIN_OK] = "ok", [SLAB_CHAIN_RANGE] = "range", [SLAB_CHAIN_CYCLE] = "cycle",
	[SLAB_CHAIN_TOO_LONG] = "too long",
};

struct dump_ctx {
	struct kmem_cache_info ci;
	unsigned int nheld;
	unsigned long slabs;		/* printed so far */
};

static void dump_geometry(const struct kmem_cache_info *ci)
{
	printf("\"geometry\": {\"size\": %lu, \"objsize\": %u, \"align\": %lu, \"num\": %u, "
	       "\"gfporder\": %u, \"colour\": %lu, \"colour_off\": %u, \"slab_size\": %u, "
	       "\"off_slab\": %s, \"obj_offset\": %u, \"left_over\": %u, \"page_size\": %lu},\n",
	       (unsigned long)ci->size, ci->buffer_size, (unsigned long)ci->align, ci->num,
	       ci->gfporder,
	       (unsigned long)ci->colour, ci->colour_off, ci->slab_size,
	       ci->off_slab ? "true" : "false", ci->obj_offset, ci->left_over,
	       (unsigned long)PAGE_SIZE);
}

static void dump_arrays(struct kmem_cache *cachep)
{
	struct array_info ai;
	struct node_info ni;
	const char *sep = "";

	printf("\"arrays\": [");
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		if (kmem_cache_get_cpu_array(cachep, cpu, &ai, NULL, 0) != 0)
			continue;
		printf("%s{\"cpu\": %u, \"avail\": %u, \"limit\": %u, \"batchcount\": %u, "
		       "\"touched\": %u}", sep, cpu, ai.avail, ai.limit, ai.batchcount, ai.touched);
		sep = ", ";
	}
	kmem_cache_get_node(cachep, &ni, NULL, 0);
	printf("],\n\"shared\": {\"avail\": %u, \"limit\": %u},\n", ni.shared_avail,
	       ni.shared_limit);
}

static void dump_slab(const struct slab_info *si, void *arg)
{
	struct dump_ctx *d = arg;

	printf("%s  {\"page\": \"0x%08lx\", \"list\": \"%s\", \"colouroff\": %lu, "
	       "\"s_mem\": \"0x%08lx\", \"inuse\": %u, ", d->slabs++ ? ",\n" : "",
	       (unsigned long)(uintptr_t)si->mem, list_names[si->list], si->colouroff,
	       (unsigned long)(uintptr_t)si->s_mem, si->inuse);
	if (si->free == SLAB_INFO_FREE_END)
		printf("\"free\": null, ");
	else
		printf("\"free\": %u, ", si->free);
	printf("\"objects\": \"");
	for (unsigned int i = 0; i < d->ci.num; i++)
		putchar(cache_obj_mark(&d->ci, d->nheld, si, i, false));
	printf("\", \"chain\": [");
	for (unsigned int k = 0; k < si->chain_len; k++)
		printf("%s%u", k ? ", " : "", si->chain[k]);
	printf("], \"chain_break\": \"%s\"}", break_names[si->chain_break]);
}

int cache_dump(struct kmem_cache *cachep)
{
	struct dump_ctx d = { .slabs = 0 };

	kmem_cache_get_info(cachep, &d.ci);
	d.nheld = cache_collect_held(cachep);
	printf("{\"cache\": ");
	cache_put_json_string(d.ci.name);
	printf(", \"cpus\": %u,\n", num_present_cpus());
	dump_geometry(&d.ci);
	dump_arrays(cachep);
	printf("\"slabs\": [\n");
	kmem_cache_for_each_slab(cachep, dump_slab, &d);
	printf("%s]}\n", d.slabs ? "\n" : "");
	return CMD_OK;
}
