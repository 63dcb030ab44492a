/*
 * cmd_verify_slub.c - verify [NAME] on SLUB (make SLAB=slub): every
 * cache, or NAME, walked through mm/slub_inspect.h, and shell_verify()
 * for selftest and stress.  Linked instead of cmd_verify.c.
 *
 * What it checks, per cache (2.6.32's invariants):
 *  - every free chain ends in NULL, within the slab, without a cycle;
 *  - a CPU slab: its CPU's lockless freelist and page->freelist are
 *    both sound and share no object, the free map holds exactly their
 *    objects, and page->inuse is objects minus page->freelist's length
 *    (the CPU's own free objects count as in use until deactivation);
 *  - a partial slab: inuse below objects, and page->freelist holds the
 *    rest; a slab on the full list: every object in use, no freelist;
 *  - every slab holds oo's or min's objects (order fallback);
 *  - the node's nr_partial and full count match its lists, and nr_slabs
 *    and total_objects cover the slabs walked (a full slab of a cache
 *    without store_user is on no list, as in Linux, so they may be more).
 *
 * Unlike SLAB's verify (mm/slab_verify.c) this is not one moment: the
 * CPU slabs are copied on their CPUs, then the lists are read under
 * list_lock, while the other CPUs run.  On a quiet board (between
 * commands, or once a stress run has stopped) that is exact; while
 * other CPUs allocate it could report what only moved, so slabstress's
 * verify-while-busy is refused on SLUB (cmd_slab.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "compiler.h"
#include "shell/cmd_cache_slub.h"
#include "shell/commands.h"
#include "shell/shell.h"
#include "shell/verify.h"
#include "mm/slab_inspect.h"

#define VERIFY_CACHES_MAX 128

static const char *cache_names[VERIFY_CACHES_MAX];
static unsigned char cpu_map[SLUB_INSPECT_MAX_OBJS / 8];

struct verify_ctx {
	struct slub_cache_info ci;
	struct slab_verify_result *res;
	unsigned long partial, full, slabs, objects;
	bool seen_cpu[NR_CPUS];
};

__printf(3, 4) static void report(struct verify_ctx *v, const void *page, const char *fmt, ...)
{
	va_list ap;

	printf("verify: cache '%s': slab 0x%08lx: ", v->ci.name, (unsigned long)(uintptr_t)page);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	v->res->errors++;
}

static bool chain_sound(struct verify_ctx *v, const void *page, const char *which,
			enum slub_chain_break brk)
{
	static const char *const why[] = { "", "a pointer outside the slab", "a cycle",
					   "longer than the slab" };

	if (brk == SLUB_CHAIN_OK)
		return true;
	printf("verify: cache '%s': slab 0x%08lx: %s breaks: %s\n", v->ci.name,
	       (unsigned long)(uintptr_t)page, which, why[brk]);
	v->res->errors++;
	return false;
}

static unsigned int count_free(const struct slub_slab_info *si)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < si->objects && i < SLUB_INSPECT_MAX_OBJS; i++)
		n += slub_info_obj_free(si, i);
	return n;
}

/* Both chains of a CPU slab: sound, disjoint, and exactly the free map. */
static void check_cpu_slab(struct verify_ctx *v, const struct slub_slab_info *si)
{
	const struct slub_cpu_chain *cc = slub_cpu_chain_of(si->cpu, si->page);
	unsigned int both = 0;

	v->seen_cpu[si->cpu] = true;
	if (!cc) {
		report(v, si->page, "cpu%u's slab changed while read", si->cpu);
		return;
	}
	if (!chain_sound(v, si->page, "the CPU's freelist", cc->brk) ||
	    !chain_sound(v, si->page, "page->freelist", si->chain_break))
		return;
	memset(cpu_map, 0, sizeof(cpu_map));
	for (unsigned int k = 0; k < cc->len; k++)
		cpu_map[cc->chain[k] / 8] |= (unsigned char)(1u << (cc->chain[k] % 8));
	for (unsigned int k = 0; k < si->chain_len; k++)
		both += (cpu_map[si->chain[k] / 8] >> (si->chain[k] % 8)) & 1;
	if (both)
		report(v, si->page, "%u objects on both the CPU's freelist and page->freelist",
		       both);
	if (count_free(si) != cc->len + si->chain_len - both)
		report(v, si->page, "%u objects marked free, the chains hold %u", count_free(si),
		       cc->len + si->chain_len - both);
	if (si->inuse != si->objects - si->chain_len)
		report(v, si->page, "inuse=%u, but objects - page->freelist's length is %u",
		       si->inuse, si->objects - si->chain_len);
}

static void check_listed_slab(struct verify_ctx *v, const struct slub_slab_info *si)
{
	if (!chain_sound(v, si->page, "page->freelist", si->chain_break))
		return;
	if (si->chain_len != si->objects - si->inuse)
		report(v, si->page, "page->freelist holds %u objects; objects - inuse is %u",
		       si->chain_len, si->objects - si->inuse);
	if (si->list == SLUB_LIST_PARTIAL && si->inuse >= si->objects)
		report(v, si->page, "on the partial list with inuse=%u of %u objects", si->inuse,
		       si->objects);
	if (si->list == SLUB_LIST_FULL && si->inuse != si->objects)
		report(v, si->page, "on the full list with inuse=%u of %u objects", si->inuse,
		       si->objects);
	v->partial += si->list == SLUB_LIST_PARTIAL;
	v->full += si->list == SLUB_LIST_FULL;
}

static void check_slab(const struct slub_slab_info *si, void *arg)
{
	struct verify_ctx *v = arg;

	v->slabs++;
	v->objects += si->objects;
	if (si->objects != v->ci.objects && si->objects != v->ci.min_objects)
		report(v, si->page, "%u objects; the cache's slabs hold %u", si->objects,
		       v->ci.objects);
	if (si->list == SLUB_LIST_CPU)
		check_cpu_slab(v, si);
	else
		check_listed_slab(v, si);
}

static void verify_cache(struct kmem_cache *s, struct slab_verify_result *res)
{
	static struct verify_ctx v;
	struct slub_node_info ni;

	memset(&v, 0, sizeof(v));
	v.res = res;
	slub_get_cache_info(s, &v.ci);
	slub_read_cpu_chains(s);
	slub_for_each_slab(s, check_slab, &v);
	slub_get_node(s, &ni);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (slub_cpu_chains[cpu].valid && slub_cpu_chains[cpu].ci.page && !v.seen_cpu[cpu])
			report(&v, slub_cpu_chains[cpu].ci.page, "cpu%u's slab was not walked", cpu);
	if (ni.nr_partial != v.partial || ni.nr_full != v.full) {
		printf("verify: cache '%s': node0 counts %lu partial and %lu full slabs; the lists "
		       "hold %lu and %lu\n", v.ci.name, ni.nr_partial, ni.nr_full, v.partial, v.full);
		res->errors++;
	}
	if (ni.nr_slabs < v.slabs || ni.total_objects < v.objects) {
		printf("verify: cache '%s': node0 counts %lu slabs of %lu objects; %lu slabs of %lu "
		       "were walked\n", v.ci.name, ni.nr_slabs, ni.total_objects, v.slabs, v.objects);
		res->errors++;
	}
	res->caches++;
	res->slabs += v.slabs;
	res->objects += v.objects;
}

struct name_list {
	unsigned int n;
};

static void note_name(const struct slabinfo_row *row, void *arg)
{
	struct name_list *nl = arg;

	if (nl->n < VERIFY_CACHES_MAX)
		cache_names[nl->n] = row->name;
	nl->n++;
}

unsigned long shell_verify(struct kmem_cache *cachep, struct slab_verify_result *res)
{
	struct name_list nl = { 0 };

	*res = (struct slab_verify_result){ 0, 0, 0, 0 };
	if (cachep) {
		verify_cache(cachep, res);
		return res->errors;
	}
	/* the names first: the walk sends IPIs, which cache_chain_lock's holder must not */
	kmem_cache_for_each_row(note_name, &nl);
	for (unsigned int i = 0; i < nl.n && i < VERIFY_CACHES_MAX; i++) {
		struct kmem_cache *s = kmem_cache_find(cache_names[i]);

		if (s)
			verify_cache(s, res);
	}
	if (nl.n > VERIFY_CACHES_MAX) {
		printf("verify: %u caches, only the first %u walked\n", nl.n, VERIFY_CACHES_MAX);
		res->errors++;
	}
	return res->errors;
}

int do_verify(int argc, char **argv)
{
	struct kmem_cache *cachep = NULL;
	struct slab_verify_result res;

	if (argc == 2 && !(cachep = kmem_cache_find(argv[1])))
		return cmd_error("no cache named '%s'", argv[1]);
	if (shell_verify(cachep, &res) == 0)
		printf("verify: OK (%lu caches, %lu slabs, %lu objects)\n", res.caches, res.slabs,
		       res.objects);
	else
		printf("verify: %lu error%s\n", res.errors, res.errors == 1 ? "" : "s");
	return CMD_OK;
}
