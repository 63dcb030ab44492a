/*
 * cmd_mm.c - buddyinfo, meminfo and pages: the buddy allocator from the
 * shell.
 *
 * "pages" keeps a record of the blocks it handed out (address and
 * order), so "pages free" can refuse anything else before it reaches the
 * allocator: an address outside DRAM, one not aligned to the order, a
 * block the shell did not allocate, or one allocated with another order.
 * The record is protected by held_lock (commands on other CPUs use it).
 *
 * "pages stress" runs random allocations and frees on every online CPU
 * at once (schedule_on_each_cpu: thread context, interrupts on), stamping
 * every block with its owner to catch two CPUs handed the same memory,
 * and checks that the free lists end exactly as they began.  For that
 * nothing else may take or give pages meanwhile: the slab reaper, which
 * runs whenever a CPU waits (as each does when its share is done), is
 * held off for the run (slab_reap_hold()).  Ctrl-C ends every CPU's share
 * early; the blocks are still all freed and the lists still checked.
 */
#include <stdio.h>
#include <string.h>
#include "shell/commands.h"
#include "shell/shell.h"
#include "drivers/gtimer.h"
#include "mm/gfp.h"
#include "mm/mm.h"
#include "mm/mmzone.h"
#include "mm/slab.h"

#define PAGES_MAX_HELD    1024
#define STRESS_DEFAULT    2000
#define STRESS_MAX        1000000
#define STRESS_MAX_HELD   32
#define STRESS_MAX_ORDER  5

struct held_block {
	uintptr_t addr;
	unsigned int order;
};

static struct held_block held[PAGES_MAX_HELD];	/* held_lock */
static unsigned int nheld;			/* held_lock */
static DEFINE_SPINLOCK(held_lock);

int do_buddyinfo(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	show_buddyinfo();
	return CMD_OK;
}

int do_meminfo(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	show_meminfo();
	return CMD_OK;
}

static bool parse_order(const char *arg, unsigned int *order)
{
	uint32_t v;

	if (!cmd_parse_u32("order", arg, MAX_ORDER - 1, &v))
		return false;
	*order = v;
	return true;
}

static int pages_alloc(int argc, char **argv)
{
	bool dma = argc == 4 && strcmp(argv[3], "dma") == 0;
	unsigned long flags;
	unsigned int order;
	struct page *page;

	if (argc > 4 || (argc == 4 && !dma))
		return cmd_usage_error("pages alloc: expected ORDER [dma]");
	if (argc < 3)
		return cmd_usage_error("pages alloc: missing ORDER");
	if (!parse_order(argv[2], &order))
		return CMD_USAGE;
	if (READ_ONCE(nheld) == PAGES_MAX_HELD)
		return cmd_error("the shell already holds %d blocks; free some first",
				 PAGES_MAX_HELD);
	page = alloc_pages(GFP_KERNEL | (dma ? GFP_DMA : 0), order);
	if (!page)
		return cmd_error("out of memory: no free block of order %u%s", order,
				 dma ? " in ZONE_DMA" : "");
	spin_lock_irqsave(&held_lock, flags);
	held[nheld++] = (struct held_block){ (uintptr_t)page_address(page), order };
	spin_unlock_irqrestore(&held_lock, flags);
	printf("0x%08lx\n", (unsigned long)(uintptr_t)page_address(page));
	return CMD_OK;
}

/* Index of the held block at @addr, or -1. held_lock held. */
static int find_held(uintptr_t addr)
{
	for (unsigned int i = 0; i < nheld; i++)
		if (held[i].addr == addr)
			return (int)i;
	return -1;
}

/*
 * Index in held[] of the block (@addr, @order), or -1 after the one
 * error line saying why the shell will not free it.  Returning the index
 * itself, not CMD_OK plus an out-parameter, leaves no path on which the
 * caller could use an index that was never set.  held_lock held.
 */
static int find_freeable(uintptr_t addr, unsigned int order)
{
	int index;

	if (!virt_addr_valid((void *)addr)) {
		cmd_error("0x%08lx is not in DRAM (0x%08lx-0x%08lx)", (unsigned long)addr,
			  min_low_pfn << PAGE_SHIFT, (max_pfn << PAGE_SHIFT) - 1);
		return -1;
	}
	if (addr & ((PAGE_SIZE << order) - 1)) {
		cmd_error("0x%08lx is not aligned to order %u (%lu KiB)",
			  (unsigned long)addr, order, (PAGE_SIZE << order) / 1024);
		return -1;
	}
	index = find_held(addr);
	if (index < 0) {
		cmd_error("0x%08lx is not a block allocated with 'pages alloc'",
			  (unsigned long)addr);
		return -1;
	}
	if (held[index].order != order) {
		cmd_error("0x%08lx was allocated with order %u, not %u",
			  (unsigned long)addr, held[index].order, order);
		return -1;
	}
	return index;
}

/*
 * 'pages free all': every block the shell holds goes back.  The record
 * is emptied under its lock first, so a command on another CPU sees each
 * block either held or gone; the copy is static, as commands that free
 * run one at a time.
 */
static int pages_free_all(void)
{
	static struct held_block taken[PAGES_MAX_HELD];
	unsigned long flags, pages = 0;
	unsigned int n;

	spin_lock_irqsave(&held_lock, flags);
	n = nheld;
	memcpy(taken, held, n * sizeof(held[0]));
	nheld = 0;
	spin_unlock_irqrestore(&held_lock, flags);
	for (unsigned int i = 0; i < n; i++) {
		free_pages(taken[i].addr, taken[i].order);
		pages += 1UL << taken[i].order;
	}
	printf("freed %u block%s (%lu page%s)\n", n, n == 1 ? "" : "s", pages,
	       pages == 1 ? "" : "s");
	return CMD_OK;
}

static int pages_free(int argc, char **argv)
{
	unsigned long flags;
	unsigned int order;
	uint32_t addr;
	int index;

	if (argc >= 3 && strcmp(argv[2], "all") == 0)
		return argc == 3 ? pages_free_all() :
		       cmd_usage_error("pages free all: expected nothing after 'all'");
	if (argc != 4)
		return cmd_usage_error("pages free: expected ADDR ORDER or all");
	if (!cmd_parse_u32("address", argv[2], UINT32_MAX, &addr) || !parse_order(argv[3], &order))
		return CMD_USAGE;
	spin_lock_irqsave(&held_lock, flags);
	index = find_freeable(addr, order);
	if (index >= 0)
		held[index] = held[--nheld];
	spin_unlock_irqrestore(&held_lock, flags);
	if (index < 0)
		return CMD_FAIL;
	free_pages(addr, order);
	printf("freed 0x%08lx (order %u)\n", (unsigned long)addr, order);
	return CMD_OK;
}

static int pages_list(int argc)
{
	unsigned long flags;

	if (argc > 2)
		return cmd_usage_error("pages list: expected no arguments");
	spin_lock_irqsave(&held_lock, flags);
	for (unsigned int i = 0; i < nheld; i++)
		printf("0x%08lx order %u (%lu KiB) zone %s\n", (unsigned long)held[i].addr,
		       held[i].order, (PAGE_SIZE << held[i].order) / 1024,
		       page_zone(virt_to_page((void *)held[i].addr))->name);
	printf("%u blocks held by the shell\n", nheld);
	spin_unlock_irqrestore(&held_lock, flags);
	return CMD_OK;
}

/* ---- pages stress ---- */

struct stress_cpu {
	uint32_t rounds, done;		/* asked for; run before the end or a Ctrl-C */
	unsigned long allocs, failures, corruptions;
} ____cacheline_aligned;

static struct stress_cpu stress[NR_CPUS];

struct stamp {
	unsigned int cpu;
	uint32_t serial;
};

static uint32_t xorshift(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void stress_release(struct stress_cpu *sc, unsigned int cpu,
			   struct held_block *b, uint32_t serial)
{
	const struct stamp *st = (const struct stamp *)b->addr;

	if (st->cpu != cpu || st->serial != serial)
		sc->corruptions++;
	free_pages(b->addr, b->order);
}

static int stress_one_cpu(void *info)
{
	unsigned int cpu = smp_processor_id();
	struct stress_cpu *sc = &stress[cpu];
	struct held_block mine[STRESS_MAX_HELD];
	uint32_t serial[STRESS_MAX_HELD], rng = 0x9e3779b9u * (cpu + 1);
	unsigned int n = 0;
	uint32_t i;

	(void)info;
	for (i = 0; i < sc->rounds && !shell_interrupted(); i++) {
		if (n == STRESS_MAX_HELD || (n && (xorshift(&rng) & 1))) {
			unsigned int k = xorshift(&rng) % n;

			stress_release(sc, cpu, &mine[k], serial[k]);
			mine[k] = mine[--n];
			serial[k] = serial[n];
			continue;
		}
		unsigned int order = xorshift(&rng) % (STRESS_MAX_ORDER + 1);
		gfp_t gfp = GFP_KERNEL | __GFP_NOWARN | ((xorshift(&rng) & 3) ? 0 : GFP_DMA);
		unsigned long addr = __get_free_pages(gfp, order);

		if (!addr) {
			sc->failures++;
			continue;
		}
		*(struct stamp *)addr = (struct stamp){ cpu, i };
		mine[n] = (struct held_block){ addr, order };
		serial[n++] = i;
		sc->allocs++;
	}
	sc->done = i;
	while (n--)
		stress_release(sc, cpu, &mine[n], serial[n]);
	return 0;
}

static void snapshot_nr_free(unsigned long snap[MAX_NR_ZONES][MAX_ORDER])
{
	for (unsigned int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &NODE_DATA(0)->node_zones[z];
		unsigned long flags;

		spin_lock_irqsave(&zone->lock, flags);
		for (unsigned int order = 0; order < MAX_ORDER; order++)
			snap[z][order] = zone->free_area[order].nr_free;
		spin_unlock_irqrestore(&zone->lock, flags);
	}
}

/* One line per CPU; returns the blocks found handed to two CPUs. */
static unsigned long print_stress_results(void)
{
	unsigned long corruptions = 0;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!cpu_online(cpu))
			continue;
		printf("cpu%u: %lu rounds, %lu blocks allocated and freed, %lu failed, %lu corrupted\n",
		       cpu, (unsigned long)stress[cpu].done, stress[cpu].allocs,
		       stress[cpu].failures, stress[cpu].corruptions);
		corruptions += stress[cpu].corruptions;
	}
	return corruptions;
}

static int pages_stress(int argc, char **argv)
{
	static unsigned long before[MAX_NR_ZONES][MAX_ORDER], after[MAX_NR_ZONES][MAX_ORDER];
	uint32_t rounds = STRESS_DEFAULT;
	unsigned long corruptions;
	bool changed;
	uint64_t t0, t1;
	int ret;

	if (argc > 3)
		return cmd_usage_error("pages stress: expected [ROUNDS]");
	if (argc == 3 && !cmd_parse_count("rounds", argv[2], STRESS_MAX, &rounds))
		return CMD_USAGE;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		stress[cpu] = (struct stress_cpu){ .rounds = rounds };
	slab_reap_hold();		/* from the first snapshot to the last */
	snapshot_nr_free(before);
	t0 = gtimer_read();
	ret = cmd_on_each_cpu(stress_one_cpu, NULL, "the run");
	t1 = gtimer_read();
	snapshot_nr_free(after);
	slab_reap_release();
	if (ret != CMD_OK)
		return ret;
	corruptions = print_stress_results();
	changed = memcmp(before, after, sizeof(before)) != 0;
	printf("%u CPUs in %lu us; free lists %s\n", num_online_cpus(),
	       (unsigned long)gtimer_to_us(t1 - t0), changed ? "CHANGED" : "as before");
	if (corruptions)
		return cmd_error("%lu blocks were handed to two CPUs at once", corruptions);
	if (changed)
		return cmd_error("the free lists differ from before the run");
	/* what ran was checked all the same: a fault found outranks the Ctrl-C */
	return shell_interrupted() ? cmd_interrupted() : CMD_OK;
}

static int pages_list_args(int argc, char **argv)
{
	(void)argv;
	return pages_list(argc);
}

/* Each subcommand and the usage line printed after a usage error of it. */
static const struct {
	const char *name;
	const char *usage;
	int (*fn)(int argc, char **argv);
} pages_subs[] = {
	{ "alloc", "pages alloc ORDER [dma]", pages_alloc },
	{ "free", "pages free ADDR ORDER | all", pages_free },
	{ "list", "pages list", pages_list_args },
	{ "stress", "pages stress [ROUNDS]", pages_stress },
};

int do_pages(int argc, char **argv)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(pages_subs); i++)
		if (strcmp(argv[1], pages_subs[i].name) == 0)
			return cmd_sub_usage(pages_subs[i].fn(argc, argv), pages_subs[i].usage);
	return cmd_usage_error("pages: unknown subcommand '%s'", argv[1]);
}
