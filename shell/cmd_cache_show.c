/*
 * cmd_cache_show.c - "cache show" (every field of one cache, each CPU's
 * array, the node, every slab, the statistics), "cache map" (per slab its
 * layout and a mark per object: allocated, free in the slab, in which
 * array, quarantined; or each free object's place on the chain) and
 * "cache chain" (each slab's bufctl free chain in order).
 *
 * Everything comes from the live structures through mm/slab_inspect.h:
 * a CPU's array is copied on that CPU, the node and the slabs are read
 * under the node's list_lock.  The pieces are read one after another, so
 * while other CPUs allocate an object can show up in two of them; on a
 * quiet board (and with "reap auto off") they agree exactly.
 *
 * The free chain comes from mm/'s bounded walk: a corrupted chain is
 * printed up to where it breaks, with a line saying how.
 *
 * The scratch buffers are static: commands run one at a time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "shell/cmd_cache.h"
#include "shell/commands.h"
#include "shell/shell.h"
#include "platform.h"

#define ENTRIES_MAX   4096	/* array entries copied per CPU or shared array */
#define HELD_MAX      8192	/* objects in all arrays, for the map */
#define PER_LINE      8

static void *entries[ENTRIES_MAX];

static const char *const list_names[] = { "partial", "full", "free" };

void cache_print_geometry(const struct kmem_cache_info *ci)
{
	printf("geometry: size=%lu objsize=%u align=%lu num=%u gfporder=%u colour=%lu "
	       "colour_off=%u slab_size=%u off_slab=%d obj_offset=%u left_over=%u",
	       (unsigned long)ci->size, ci->buffer_size, (unsigned long)ci->align, ci->num,
	       ci->gfporder, (unsigned long)ci->colour, ci->colour_off, ci->slab_size,
	       ci->off_slab, ci->obj_offset, ci->left_over);
	if (ci->off_slab)
		printf(" slabp_cache=%s", ci->slabp_cache);
	printf("\n");
}

int cache_check_layout(const char *name, size_t size, size_t align, unsigned long flags,
		       bool ctor)
{
	struct slab_geometry g;

	(void)name;	/* SLAB's layout depends on neither */
	(void)ctor;
	if (!kmem_cache_layout(size, align, flags, &g))
		return cmd_error("no slab of up to %lu KiB holds one %lu-byte object aligned to %lu "
				 "with its management (padded to the alignment too)",
				 KMALLOC_MAX_SIZE / 1024, (unsigned long)size,
				 (unsigned long)align);
	return CMD_OK;
}

int cache_may_destroy(struct kmem_cache *cachep, const char *name)
{
	if (kmem_cache_is_general(cachep))
		return cmd_error("'%s' is a general cache; it cannot be destroyed", name);
	return CMD_OK;
}

void cache_print_created(struct kmem_cache *cachep, const char *name)
{
	struct kmem_cache_info ci;

	kmem_cache_get_info(cachep, &ci);
	printf("created cache %s\n", name);
	cache_print_geometry(&ci);
}

/* "1.30 s" from now for @j jiffies. */
static void print_in(unsigned long j)
{
	printf("%lu.%02lu s", j / HZ, j % HZ * 100 / HZ);
}

/*
 * "reaper: on, next passes in cpu0 0.80 s, cpu1 1.30 s, ...; node0's
 * shared array and free slabs: due in 2.10 s": whether the periodic
 * reaper may move objects between two commands, and when; the second
 * half says when a pass (the timer's, or "reap") next drains @cachep's
 * shared array and frees free slabs (REAPTIMEOUT_LIST3).
 */
static void print_reaper_line(struct kmem_cache *cachep)
{
	bool held = slab_reap_held();
	unsigned int shown = 0;
	unsigned long now = jiffies;
	struct node_info ni;

	if (!slab_reap_auto()) {
		printf("reaper: off ('reap auto on' restarts it)");
	} else {
		printf("reaper: on%s, next passes in", held ? " but held off by a command" : "");
		for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
			unsigned long j;
			enum slab_reap_state st = slab_reap_next(cpu, &j);

			if (!cpu_online(cpu))
				continue;
			printf("%s cpu%u ", shown++ ? "," : "", cpu);
			if (st == SLAB_REAP_WAITING)
				print_in(j);
			else
				printf("%s", st == SLAB_REAP_DUE ? "due" : st == SLAB_REAP_RUNNING ?
				       "running" : "not started");
		}
	}
	kmem_cache_get_node(cachep, &ni, NULL, 0);
	printf("; node0's shared array and free slabs: due ");
	if (time_after(ni.next_reap, now)) {
		printf("in ");
		print_in(ni.next_reap - now);
	} else {
		printf("now");
	}
	printf("\n");
}

static void print_entries(void *const *objs, unsigned int avail)
{
	unsigned int n = avail < ENTRIES_MAX ? avail : ENTRIES_MAX;

	for (unsigned int i = 0; i < n; i++)
		printf("%s0x%08lx%s", i % PER_LINE ? " " : "  ", (unsigned long)(uintptr_t)objs[i],
		       i % PER_LINE == PER_LINE - 1 || i == n - 1 ? "\n" : "");
	if (avail > n)
		printf("  ... %u more\n", avail - n);
}

/* Every online CPU's array; returns the objects they hold. */
static unsigned long show_cpu_arrays(struct kmem_cache *cachep)
{
	struct array_info ai;
	unsigned long total = 0;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!cpu_online(cpu) ||
		    kmem_cache_get_cpu_array(cachep, cpu, &ai, entries, ENTRIES_MAX) != 0)
			continue;
		printf("cpu%u: avail=%u limit=%u batchcount=%u touched=%u\n", cpu, ai.avail,
		       ai.limit, ai.batchcount, ai.touched);
		print_entries(entries, ai.avail);
		total += ai.avail;
	}
	return total;
}

/* The node and its shared array; returns the objects that array holds. */
static unsigned int show_node(struct kmem_cache *cachep)
{
	struct node_info ni;

	kmem_cache_get_node(cachep, &ni, entries, ENTRIES_MAX);
	/* named for readers of later kernels too (docs/versions.md) */
	printf("node0 (kmem_list3, later kmem_cache_node): partial=%lu full=%lu free=%lu free_objects=%lu free_limit=%u "
	       "colour_next=%u shared_avail=%u shared_limit=%u free_touched=%d\n", ni.partial,
	       ni.full, ni.free, ni.free_objects, ni.free_limit, ni.colour_next,
	       ni.shared_avail, ni.shared_limit, ni.free_touched);
	print_entries(entries, ni.shared_avail);
	return ni.shared_avail;
}

static void print_slab_line(const struct slab_info *si, void *arg)
{
	(void)arg;
	printf("slab 0x%08lx list=%s s_mem=0x%08lx colouroff=%lu inuse=%u ",
	       (unsigned long)(uintptr_t)si->slab, list_names[si->list],
	       (unsigned long)(uintptr_t)si->s_mem, si->colouroff, si->inuse);
	if (si->free == SLAB_INFO_FREE_END)
		printf("free=end");
	else
		printf("free=%u", si->free);
	printf(" page=0x%08lx\n", (unsigned long)(uintptr_t)si->mem);
}

static unsigned long quarantined_outside_arrays(struct kmem_cache *cachep);

/*
 * Linux counts an object in an array as active: split active into the
 * objects callers hold, those waiting in the arrays and (slab_debug's
 * detectors) those quarantined outside the arrays.  The parts add up to
 * active on a quiet board; while other CPUs work they are read apart.
 */
static void print_objects_line(struct kmem_cache *cachep, const struct kmem_cache_info *ci,
			       unsigned long in_cpus, unsigned long in_shared)
{
	unsigned long q = ci->quarantined ? quarantined_outside_arrays(cachep) : 0;
	long callers = (long)ci->num_active - (long)(in_cpus + in_shared + q);

	printf("objects: active=%lu (held by callers %ld, in CPU arrays %lu, "
	       "in the shared array %lu", ci->num_active, callers, in_cpus, in_shared);
	if (ci->quarantined)
		printf(", quarantined outside the arrays %lu", q);
	printf(")\n");
}

int cache_show(struct kmem_cache *cachep)
{
	struct kmem_cache_info ci;
	unsigned long in_cpus, in_shared;

	kmem_cache_get_info(cachep, &ci);
	printf("cache %s: ", ci.name);
	cache_print_flags(ci.flags, ci.has_ctor);
	printf("\n");
	cache_print_geometry(&ci);
	printf("tunables: limit=%u batchcount=%u shared=%u\n", ci.limit, ci.batchcount, ci.shared);
	in_cpus = show_cpu_arrays(cachep);
	in_shared = show_node(cachep);
	kmem_cache_for_each_slab(cachep, print_slab_line, NULL);
	kmem_cache_get_info(cachep, &ci);	/* the statistics as they are now */
	printf("stats: allochit=%lu allocmiss=%lu freehit=%lu freemiss=%lu grown=%lu "
	       "reaped=%lu high=%lu active=%lu allocations=%lu errors=%lu quarantined=%lu\n",
	       ci.allochit, ci.allocmiss, ci.freehit, ci.freemiss, ci.grown, ci.reaped,
	       ci.high_mark, ci.num_active, ci.num_allocations, ci.errors, ci.quarantined);
	print_objects_line(cachep, &ci, in_cpus, in_shared);
	print_reaper_line(cachep);
	return CMD_OK;
}

/* ---- the map ---- */

#define MAP_ROW 64		/* object marks per row */

/* An object in an array, and its mark: the CPU's digit, or 's' (shared). */
struct held_obj {
	const void *obj;
	char mark;
};

struct map_ctx {
	struct kmem_cache_info ci;
	unsigned int nheld;
	unsigned int line;		/* bytes a management or left-over mark stands for */
	bool chain;			/* free objects show their place on the chain */
};

static struct held_obj held[HELD_MAX];

static int cmp_held(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct held_obj *)a)->obj;
	uintptr_t y = (uintptr_t)((const struct held_obj *)b)->obj;

	return x < y ? -1 : x > y;
}

static unsigned int add_held(unsigned int n, void *const *objs, unsigned int avail, char mark)
{
	for (unsigned int i = 0; i < avail && i < ENTRIES_MAX && n < HELD_MAX; i++)
		held[n++] = (struct held_obj){ objs[i], mark };
	return n;
}

/* Every object in a per-CPU or the shared array, sorted for lookups. */
unsigned int cache_collect_held(struct kmem_cache *cachep)
{
	struct array_info ai;
	struct node_info ni;
	unsigned int n = 0;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (kmem_cache_get_cpu_array(cachep, cpu, &ai, entries, ENTRIES_MAX) == 0)
			n = add_held(n, entries, ai.avail, (char)('0' + cpu));
	kmem_cache_get_node(cachep, &ni, entries, ENTRIES_MAX);
	n = add_held(n, entries, ni.shared_avail, 's');
	qsort(held, n, sizeof(held[0]), cmp_held);
	return n;
}

struct quarantine_count {
	const struct kmem_cache_info *ci;
	unsigned int nheld;
	unsigned long n;
};

static void count_quarantined(const struct slab_info *si, void *arg)
{
	struct quarantine_count *qc = arg;

	for (unsigned int i = 0; i < qc->ci->num && i < SLAB_INSPECT_MAX_OBJS; i++) {
		struct held_obj key = {
			.obj = (const char *)si->s_mem + (size_t)i * qc->ci->buffer_size +
			       qc->ci->obj_offset,
		};

		if (slab_info_obj_quarantined(si, i) &&
		    !bsearch(&key, held, qc->nheld, sizeof(held[0]), cmp_held))
			qc->n++;
	}
}

/* Quarantined objects in no array: the rest of them are in the arrays' counts. */
static unsigned long quarantined_outside_arrays(struct kmem_cache *cachep)
{
	struct kmem_cache_info ci;
	struct quarantine_count qc = { .ci = &ci };

	kmem_cache_get_info(cachep, &ci);
	qc.nheld = cache_collect_held(cachep);
	kmem_cache_for_each_slab(cachep, count_quarantined, &qc);
	return qc.n;
}

static void put_marks(char c, unsigned long n)
{
	if (!n)
		return;
	while (n--)
		putchar(c);
	putchar('|');
}

/* Object @i's place on its slab's free chain, mod 10 ('0' is the head). */
static char chain_mark(const struct slab_info *si, unsigned int i)
{
	for (unsigned int k = 0; k < si->chain_len; k++)
		if (si->chain[k] == i)
			return (char)('0' + k % 10);
	return '.';
}

/*
 * '.' free in the slab (with "chain": its place on the chain), 'q'
 * quarantined (even if still in an array: it will never be handed out
 * again), the digit of the CPU whose array holds it or 's' for the
 * shared array ('o' for either with "chain"), '#' handed out.
 */
char cache_obj_mark(const struct kmem_cache_info *ci, unsigned int nheld,
		    const struct slab_info *si, unsigned int i, bool chain)
{
	struct held_obj key = {
		.obj = (const char *)si->s_mem + (size_t)i * ci->buffer_size + ci->obj_offset,
	};
	const struct held_obj *h;

	if (i >= SLAB_INSPECT_MAX_OBJS)
		return '?';
	if (slab_info_obj_free(si, i))
		return chain ? chain_mark(si, i) : '.';
	if (slab_info_obj_quarantined(si, i))
		return 'q';
	h = bsearch(&key, held, nheld, sizeof(held[0]), cmp_held);
	if (h)
		return chain ? 'o' : h->mark;
	return '#';
}

static char obj_mark(const struct map_ctx *m, const struct slab_info *si, unsigned int i)
{
	return cache_obj_mark(&m->ci, m->nheld, si, i, m->chain);
}

/*
 * A slab: its first page and list, then its layout in marks (colour,
 * management, the objects, left over), then its objects MAP_ROW to a row,
 * each row led by its first object's index.
 */
static void print_map_slab(const struct slab_info *si, void *arg)
{
	const struct map_ctx *m = arg;
	unsigned long slab_bytes = PAGE_SIZE << m->ci.gfporder;
	unsigned long mgmt = m->ci.off_slab ? 0 : m->ci.slab_size;
	unsigned long colour = si->colouroff - mgmt;
	unsigned long left = slab_bytes - si->colouroff - (unsigned long)m->ci.num * m->ci.buffer_size;

	printf("0x%08lx %-7s |", (unsigned long)(uintptr_t)si->mem, list_names[si->list]);
	put_marks('c', colour / m->ci.colour_off);
	put_marks('M', (mgmt + m->line - 1) / m->line);
	printf(" %u object%s, inuse=%u |", m->ci.num, m->ci.num == 1 ? "" : "s", si->inuse);
	put_marks('-', (left + m->line - 1) / m->line);
	putchar('\n');
	for (unsigned int i = 0; i < m->ci.num; i++) {
		if (i % MAP_ROW == 0)
			printf("%6u  ", i);
		putchar(obj_mark(m, si, i));
		if (i % MAP_ROW == MAP_ROW - 1 || i == m->ci.num - 1)
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

/* The array marks' legend line: "0-3", or "0" on a board of one CPU. */
static void print_array_legend(unsigned int last_cpu)
{
	printf("        # allocated  . free in the slab  0");
	if (last_cpu)
		printf("-%u", last_cpu);
	printf(" free, in that CPU's array  s free, in the shared array  q quarantined\n");
}

static void print_legend(const struct map_ctx *m)
{
	printf("legend: c colour (%u bytes each)  M management (%u bytes each)  "
	       "- left over (%u bytes each; a slab leaves %u, colour included)\n",
	       m->ci.colour_off, m->line, m->line, m->ci.left_over);
	if (m->chain)
		printf("        # allocated  0-9 free in the slab: its place on the slab's free "
		       "chain, mod 10 (0 is handed out first)  o free, in a CPU's or the shared "
		       "array  q quarantined\n");
	else
		print_array_legend(num_present_cpus() - 1);
}

int cache_map(struct kmem_cache *cachep, int argc, char **argv)
{
	struct map_ctx m = { .line = cache_line_size() };
	unsigned long slabs;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "chain") != 0))
		return cmd_usage_error("cache map: expected NAME [chain]");
	m.chain = argc == 2;

	kmem_cache_get_info(cachep, &m.ci);
	m.nheld = cache_collect_held(cachep);
	printf("%s: %u objects of %u bytes in %u page%s per slab; management %s%s (%u bytes)",
	       m.ci.name, m.ci.num, m.ci.buffer_size, 1u << m.ci.gfporder,
	       m.ci.gfporder ? "s" : "", m.ci.off_slab ? "off-slab in " : "on-slab",
	       m.ci.off_slab ? m.ci.slabp_cache : "", m.ci.slab_size);
	printf("; %lu colour%s of %u bytes; %u bytes left over\n", (unsigned long)m.ci.colour,
	       m.ci.colour == 1 ? "" : "s", m.ci.colour_off, m.ci.left_over);
	print_ruler(m.ci.num);
	slabs = kmem_cache_for_each_slab(cachep, print_map_slab, &m);
	if (!slabs)
		printf("(no slabs)\n");
	print_legend(&m);
	print_reaper_line(cachep);
	return CMD_OK;
}

/* ---- the free chain ---- */

#define CHAIN_COLUMNS 96	/* wrap a chain before this many characters */

struct chain_ctx {
	const struct kmem_cache_info *ci;
	uintptr_t want;			/* 0: every slab; else its page or struct slab */
	unsigned long shown;
	unsigned int col;		/* characters on the current line */
};

/* "-> 93", wrapped onto a new line ("  -> 93") past CHAIN_COLUMNS. */
static void chain_link(struct chain_ctx *c, const char *text, bool first)
{
	char buf[32];
	int len = snprintf(buf, sizeof(buf), "%s%s", first ? " " : " -> ", text);

	if (!first && c->col + (unsigned int)len > CHAIN_COLUMNS) {
		printf("\n ");
		c->col = 1;
	}
	c->col += (unsigned int)printf("%s", buf);
}

static void chain_break_note(const struct chain_ctx *c, const struct slab_info *si)
{
	unsigned int at = 0;

	switch (si->chain_break) {
	case SLAB_CHAIN_RANGE:
		printf("  the chain breaks after %u link%s: the next index is %u, not below num=%u "
		       "nor END\n", si->chain_len, si->chain_len == 1 ? "" : "s", si->break_index,
		       c->ci->num);
		break;
	case SLAB_CHAIN_CYCLE:
		while (at < si->chain_len && si->chain[at] != si->break_index)
			at++;
		printf("  the chain breaks after %u link%s: it goes back to %u (link %u), "
		       "a cycle\n", si->chain_len, si->chain_len == 1 ? "" : "s",
		       si->break_index, at);
		break;
	case SLAB_CHAIN_TOO_LONG:
		printf("  the chain goes on past the %u links shown\n", si->chain_len);
		break;
	case SLAB_CHAIN_OK:
		break;
	}
}

/*
 * "slab 0x6fc19000 (partial, inuse=92): 92 -> 93 -> ... -> END", wrapped,
 * with a line saying where a corrupted chain breaks and one if the chain
 * does not hold the num - inuse objects the slab counts as free.
 */
static void print_chain(const struct slab_info *si, void *arg)
{
	struct chain_ctx *c = arg;
	unsigned int expect = c->ci->num - si->inuse;
	char buf[16];

	if (c->want && c->want != (uintptr_t)si->mem && c->want != (uintptr_t)si->slab)
		return;
	c->shown++;
	c->col = (unsigned int)printf("slab 0x%08lx (%s, inuse=%u):",
				      (unsigned long)(uintptr_t)si->mem, list_names[si->list],
				      si->inuse);
	for (unsigned int k = 0; k < si->chain_len; k++) {
		snprintf(buf, sizeof(buf), "%u", si->chain[k]);
		chain_link(c, buf, k == 0);
	}
	if (si->chain_break == SLAB_CHAIN_OK)
		chain_link(c, "END", si->chain_len == 0);
	else
		chain_link(c, "?", si->chain_len == 0);
	putchar('\n');
	chain_break_note(c, si);
	if (si->chain_break == SLAB_CHAIN_OK && si->chain_len != expect)
		printf("  the chain holds %u object%s; num - inuse says %u\n", si->chain_len,
		       si->chain_len == 1 ? "" : "s", expect);
}

int cache_show_chain(struct kmem_cache *cachep, int argc, char **argv)
{
	struct kmem_cache_info ci;
	struct chain_ctx c = { .ci = &ci };
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
	kmem_cache_get_info(cachep, &ci);
	kmem_cache_for_each_slab(cachep, print_chain, &c);
	if (c.want && !c.shown)
		return cmd_error("0x%08lx is not a slab of cache %s (give its first page, as "
				 "cache show's page= and cache map print it)",
				 (unsigned long)c.want, ci.name);
	if (!c.want && !c.shown)
		printf("(no slabs)\n");
	return CMD_OK;
}
