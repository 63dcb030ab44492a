/*
 * cmd_cache_show_slub.c - SLUB's "cache show" (the cache's geometry and
 * aliases, each CPU's kmem_cache_cpu with its lockless freelist, the
 * node, every slab, the statistics) and "cache chain" (each slab's free
 * chain in order), and what "cache create" prints and checks on SLUB.
 * Linked instead of cmd_cache_show.c in the SLUB image (make SLAB=slub).
 *
 * Everything comes from the live structures through mm/slub_inspect.h,
 * never from struct kmem_cache itself: a CPU's kmem_cache_cpu and its
 * freelist are copied on that CPU (an IPI), the node and the slabs on
 * its lists are read under list_lock.  The pieces are read one after
 * another, so while other CPUs allocate an object can show up in two of
 * them; on a quiet board they agree exactly.
 *
 * A CPU slab has two free chains: the CPU's own (c->freelist, lockless,
 * handed out first) and page->freelist, where other CPUs' frees go
 * (__slab_free() on a frozen slab) until the CPU's runs dry.  Both are
 * printed as object indices, in the order they would be handed out.
 *
 * The scratch buffers are static: commands run one at a time.
 */
#include <stdio.h>
#include <string.h>
#include "shell/cmd_cache.h"
#include "shell/cmd_cache_slub.h"
#include "shell/commands.h"
#include "shell/shell.h"

#define CHAIN_COLUMNS 96	/* wrap a chain before this many characters */
#define ALIASES_MAX   16

struct slub_cpu_chain slub_cpu_chains[NR_CPUS];

const char *const slub_list_names[] = { "cpu", "partial", "full" };

void slub_read_cpu_chains(struct kmem_cache *s)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct slub_cpu_chain *cc = &slub_cpu_chains[cpu];

		cc->valid = cpu_online(cpu) &&
			    slub_get_cpu_slab(s, cpu, &cc->ci, cc->chain, SLUB_INSPECT_MAX_OBJS,
					      &cc->len, &cc->brk) == 0;
	}
}

const struct slub_cpu_chain *slub_cpu_chain_of(unsigned int cpu, const void *page)
{
	const struct slub_cpu_chain *cc = &slub_cpu_chains[cpu];

	return cpu < NR_CPUS && cc->valid && cc->ci.page == page ? cc : NULL;
}

/* "KEY=0x6fc1b000", or "KEY=none" for NULL. */
void slub_print_ptr(const char *key, const void *p)
{
	if (p)
		printf("%s=0x%08lx", key, (unsigned long)(uintptr_t)p);
	else
		printf("%s=none", key);
}

static void print_geometry(const struct slub_cache_info *si)
{
	printf("geometry: size=%u objsize=%u inuse=%u offset=%u order=%u objects=%u "
	       "min_order=%u min_objects=%u min_partial=%lu align=%u ", si->size, si->objsize,
	       si->inuse, si->offset, si->order, si->objects, si->min_order, si->min_objects,
	       si->min_partial, si->align);
	cache_print_flags(si->flags, si->has_ctor);
	printf("\n");
}

/* "aliases: b c" (the kmem_cache_create() names merged into it), or "aliases: none". */
static void print_aliases(struct kmem_cache *s)
{
	const char *names[ALIASES_MAX];
	unsigned int n = slub_cache_aliases(s, names, ALIASES_MAX);

	printf("aliases:");
	for (unsigned int i = 0; i < n && i < ALIASES_MAX; i++)
		printf(" %s", names[i]);
	if (n > ALIASES_MAX)
		printf(" ... %u more", n - ALIASES_MAX);
	printf("%s\n", n ? "" : " none");
}

int cache_check_layout(const char *name, size_t size, size_t align, unsigned long flags,
		       bool ctor)
{
	size_t stride;

	/* SLUB's only limit: some slab order below MAX_ORDER holds one object */
	if (!slub_layout_fits(name, size, align, flags, ctor, &stride))
		return cmd_error("no slab of up to %lu KiB holds one %lu-byte object aligned to %lu "
				 "with SLUB's metadata", KMALLOC_MAX_SIZE / 1024, (unsigned long)size,
				 (unsigned long)align);
	return CMD_OK;
}

/*
 * "cache destroy" drops the name typed (kmem_cache_destroy_name()): an
 * alias in any order; a merged cache's own name passes to its oldest
 * alias.  A kmalloc cache's own name is never dropped.
 */
int cache_may_destroy(struct kmem_cache *cachep, const char *name)
{
	if (kmem_cache_is_general(cachep) && strcmp(kmem_cache_name(cachep), name) == 0)
		return cmd_error("'%s' is a general cache; it cannot be destroyed", name);
	return CMD_OK;
}

void cache_print_created(struct kmem_cache *cachep, const char *name)
{
	struct slub_cache_info si;

	slub_get_cache_info(cachep, &si);
	if (strcmp(si.name, name) == 0)
		printf("created cache %s\n", name);
	else	/* find_mergeable(): same layout, flags and no ctor */
		printf("created cache %s: an alias of %s (SLUB merged it)\n", name, si.name);
	print_geometry(&si);
}

/* " 3 -> 4 -> END", wrapped past CHAIN_COLUMNS; @col: characters on the line so far. */
void slub_print_chain(const unsigned short *chain, unsigned int len,
		      enum slub_chain_break brk, unsigned int col)
{
	char buf[24];

	for (unsigned int k = 0; k <= len; k++) {
		int n;

		if (k < len)
			snprintf(buf, sizeof(buf), "%u", chain[k]);
		else
			snprintf(buf, sizeof(buf), "%s", brk == SLUB_CHAIN_OK ? "END" : "?");
		n = snprintf(NULL, 0, "%s%s", k ? " -> " : " ", buf);
		if (k && col + (unsigned int)n > CHAIN_COLUMNS) {
			printf("\n ");
			col = 1;
		}
		col += (unsigned int)printf("%s%s", k ? " -> " : " ", buf);
	}
	putchar('\n');
	switch (brk) {
	case SLUB_CHAIN_RANGE:
		printf("  the chain breaks after %u link%s: a pointer that is no object of the slab\n",
		       len, len == 1 ? "" : "s");
		break;
	case SLUB_CHAIN_CYCLE:
		printf("  the chain breaks after %u link%s: it goes back to an object on it, a cycle\n",
		       len, len == 1 ? "" : "s");
		break;
	case SLUB_CHAIN_TOO_LONG:
		printf("  the chain goes on past the slab's objects\n");
		break;
	case SLUB_CHAIN_OK:
		break;
	}
}

/* "cpu0: page=0x... freelist=0x... inuse=I objects=N", then its freelist's chain. */
static void show_cpus(struct kmem_cache *s)
{
	slub_read_cpu_chains(s);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		const struct slub_cpu_chain *cc = &slub_cpu_chains[cpu];

		if (!cc->valid)
			continue;
		printf("cpu%u: ", cpu);
		slub_print_ptr("page", cc->ci.page);
		printf(" ");
		slub_print_ptr("freelist", cc->ci.freelist);
		printf(" inuse=%u objects=%u\n", cc->ci.inuse, cc->ci.objects);
		if (cc->ci.page)
			slub_print_chain(cc->chain, cc->len, cc->brk,
					 (unsigned int)printf("  freelist:"));
	}
}

static void print_slab_line(const struct slub_slab_info *si, void *arg)
{
	(void)arg;
	printf("slab 0x%08lx list=", (unsigned long)(uintptr_t)si->page);
	if (si->list == SLUB_LIST_CPU)
		printf("cpu%u", si->cpu);
	else
		printf("%s", slub_list_names[si->list]);
	printf(" inuse=%u objects=%u ", si->inuse, si->objects);
	slub_print_ptr("freelist", si->freelist);
	printf("\n");
}

/* "stats: alloc_fastpath=N ...": every CPU's counters summed, by Linux's names. */
static void print_stats(const struct slub_cache_info *si)
{
	printf("stats:");
	for (unsigned int i = 0; i < NR_SLUB_STAT_ITEMS; i++)
		printf(" %s=%lu", slub_stat_name((enum stat_item)i), si->stat[i]);
	printf("\n");
}

int cache_show(struct kmem_cache *cachep)
{
	struct slub_cache_info si;
	struct slub_node_info ni;

	slub_get_cache_info(cachep, &si);
	printf("cache %s: refcount=%d\n", si.name, si.refcount);
	print_geometry(&si);
	print_aliases(cachep);
	show_cpus(cachep);
	slub_get_node(cachep, &ni);
	printf("node0: nr_partial=%lu nr_full=%lu nr_slabs=%lu total_objects=%lu\n",
	       ni.nr_partial, ni.nr_full, ni.nr_slabs, ni.total_objects);
	slub_for_each_slab(cachep, print_slab_line, NULL);
	slub_get_cache_info(cachep, &si);	/* the statistics as they are now */
	print_stats(&si);
	return CMD_OK;
}

/* ---- cache chain ---- */

struct chain_ctx {
	uintptr_t want;			/* 0: every slab; else its first page */
	unsigned long shown;
};

/*
 * "slab 0x6fc1b000 (partial, inuse=3): 5 -> 6 -> END": page->freelist;
 * for a CPU slab its CPU's lockless freelist comes first, on a line of
 * its own, as the CPU hands it out first.
 */
static void print_chain(const struct slub_slab_info *si, void *arg)
{
	struct chain_ctx *c = arg;
	const struct slub_cpu_chain *cc;

	if (c->want && c->want != (uintptr_t)si->page)
		return;
	c->shown++;
	if (si->list == SLUB_LIST_CPU) {
		printf("slab 0x%08lx (cpu%u, inuse=%u)\n", (unsigned long)(uintptr_t)si->page,
		       si->cpu, si->inuse);
		cc = slub_cpu_chain_of(si->cpu, si->page);
		if (cc)
			slub_print_chain(cc->chain, cc->len, cc->brk,
					 (unsigned int)printf("  cpu%u's freelist:", si->cpu));
		else	/* it stopped being the CPU slab between the two reads */
			printf("  cpu%u's freelist: changed while read\n", si->cpu);
		slub_print_chain(si->chain, si->chain_len, si->chain_break,
				 (unsigned int)printf("  page->freelist:"));
		return;
	}
	slub_print_chain(si->chain, si->chain_len, si->chain_break,
			 (unsigned int)printf("slab 0x%08lx (%s, inuse=%u):",
					      (unsigned long)(uintptr_t)si->page,
					      slub_list_names[si->list], si->inuse));
	if (si->chain_break == SLUB_CHAIN_OK && si->chain_len != si->objects - si->inuse)
		printf("  the chain holds %u object%s; objects - inuse says %u\n", si->chain_len,
		       si->chain_len == 1 ? "" : "s", si->objects - si->inuse);
}

int cache_show_chain(struct kmem_cache *cachep, int argc, char **argv)
{
	struct chain_ctx c = { 0, 0 };
	uint32_t addr;

	if (argc > 2)
		return cmd_usage_error("cache chain: expected NAME [SLAB]");
	if (argc == 2) {
		if (!cmd_parse_u32("slab address", argv[1], UINT32_MAX, &addr))
			return CMD_USAGE;
		if (!addr)
			return cmd_error("0x00000000 is not a slab of cache %s", argv[0]);
		c.want = addr;
	}
	slub_read_cpu_chains(cachep);
	slub_for_each_slab(cachep, print_chain, &c);
	if (c.want && !c.shown)
		return cmd_error("0x%08lx is not a slab of cache %s (give its first page, as "
				 "cache show's slab lines print it)", (unsigned long)c.want,
				 kmem_cache_name(cachep));
	if (!c.want && !c.shown)
		printf("(no slabs)\n");
	return CMD_OK;
}
