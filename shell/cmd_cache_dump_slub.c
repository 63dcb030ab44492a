/*
 * cmd_cache_dump_slub.c - "cache dump NAME" on SLUB (make SLAB=slub):
 * what cache show and cache map read, as one JSON object for tools:
 * the geometry, each CPU's kmem_cache_cpu with its lockless freelist,
 * node0's counters, every slab (its list, inuse, page->freelist as a
 * chain of indices, each object's map mark) and the statistics.  Linked
 * instead of SLAB's cmd_cache_dump.c; "allocator": "slub" tells a tool
 * which layout it reads (SLAB's dump has arrays and colours instead).
 *
 * The same live reads as cache map (mm/slub_inspect.h): each CPU's
 * freelist copied on that CPU, then the slabs under list_lock; each a
 * moment of its own.  Addresses are strings ("0x6fc19000"), JSON
 * having no hex; a NULL pointer is null.
 */
#include <stdio.h>
#include "shell/cmd_cache.h"
#include "shell/cmd_cache_slub.h"
#include "shell/shell.h"
#include "platform.h"

static const char *const break_names[] = {
	[SLUB_CHAIN_OK] = "ok", [SLUB_CHAIN_RANGE] = "range", [SLUB_CHAIN_CYCLE] = "cycle",
	[SLUB_CHAIN_TOO_LONG] = "too long",
};

static void put_ptr(const char *key, const void *p)
{
	if (p)
		printf("\"%s\": \"0x%08lx\"", key, (unsigned long)(uintptr_t)p);
	else
		printf("\"%s\": null", key);
}

static void put_chain(const unsigned short *chain, unsigned int len, enum slub_chain_break brk)
{
	printf("\"chain\": [");
	for (unsigned int k = 0; k < len; k++)
		printf("%s%u", k ? ", " : "", chain[k]);
	printf("], \"chain_break\": \"%s\"", break_names[brk]);
}

static void dump_geometry(const struct slub_cache_info *ci)
{
	printf("\"geometry\": {\"size\": %u, \"objsize\": %u, \"inuse\": %u, \"offset\": %u, "
	       "\"order\": %u, \"objects\": %u, \"min_order\": %u, \"min_objects\": %u, "
	       "\"min_partial\": %lu, \"align\": %u, \"page_size\": %lu},\n", ci->size,
	       ci->objsize, ci->inuse, ci->offset, ci->order, ci->objects, ci->min_order,
	       ci->min_objects, ci->min_partial, ci->align, (unsigned long)PAGE_SIZE);
}

static void dump_cpus(void)
{
	const char *sep = "";

	printf("\"cpu_slabs\": [");
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		const struct slub_cpu_chain *cc = &slub_cpu_chains[cpu];

		if (!cc->valid)
			continue;
		printf("%s{\"cpu\": %u, ", sep, cpu);
		put_ptr("page", cc->ci.page);
		printf(", ");
		put_ptr("freelist", cc->ci.freelist);
		printf(", \"inuse\": %u, \"objects\": %u, ", cc->ci.inuse, cc->ci.objects);
		put_chain(cc->chain, cc->ci.page ? cc->len : 0, cc->brk);
		printf("}");
		sep = ", ";
	}
	printf("],\n");
}

static void dump_slab(const struct slub_slab_info *si, void *arg)
{
	unsigned long *slabs = arg;
	const struct slub_cpu_chain *cc = NULL;

	printf("%s  {\"page\": \"0x%08lx\", \"list\": ", (*slabs)++ ? ",\n" : "",
	       (unsigned long)(uintptr_t)si->page);
	if (si->list == SLUB_LIST_CPU) {
		printf("\"cpu%u\"", si->cpu);
		cc = slub_cpu_chain_of(si->cpu, si->page);
	} else {
		printf("\"%s\"", slub_list_names[si->list]);
	}
	printf(", \"inuse\": %u, \"objects\": %u, ", si->inuse, si->objects);
	put_ptr("freelist", si->freelist);
	printf(", \"marks\": \"");
	for (unsigned int i = 0; i < si->objects; i++)
		putchar(slub_obj_mark(si, cc, i, false));
	printf("\", ");
	put_chain(si->chain, si->chain_len, si->chain_break);
	printf("}");
}

static void dump_node_and_stats(struct kmem_cache *s)
{
	struct slub_cache_info ci;
	struct slub_node_info ni;

	slub_get_node(s, &ni);
	printf("\"node\": {\"nr_partial\": %lu, \"nr_full\": %lu, \"nr_slabs\": %lu, "
	       "\"total_objects\": %lu},\n", ni.nr_partial, ni.nr_full, ni.nr_slabs,
	       ni.total_objects);
	slub_get_cache_info(s, &ci);
	printf("\"stats\": {");
	for (unsigned int i = 0; i < NR_SLUB_STAT_ITEMS; i++)
		printf("%s\"%s\": %lu", i ? ", " : "", slub_stat_name((enum stat_item)i), ci.stat[i]);
	printf("},\n");
}

int cache_dump(struct kmem_cache *cachep)
{
	struct slub_cache_info ci;
	unsigned long slabs = 0;

	slub_get_cache_info(cachep, &ci);
	printf("{\"cache\": ");
	cache_put_json_string(ci.name);
	printf(", \"allocator\": \"slub\", \"cpus\": %u,\n", num_present_cpus());
	dump_geometry(&ci);
	slub_read_cpu_chains(cachep);
	dump_cpus();
	dump_node_and_stats(cachep);
	printf("\"slabs\": [\n");
	slub_for_each_slab(cachep, dump_slab, &slabs);
	printf("%s]}\n", slabs ? "\n" : "");
	return CMD_OK;
}
