/*
 * cmd_bench.c - bench [WORKLOAD|all] [OPS]: what an allocation costs on
 * this board, slablab beside newlib-nano's malloc, measured in one run.
 *
 * Workloads, each a few rows, one per allocator and call:
 *  - hot:   allocate 64 B and free it at once: kmem_cache (a cache of
 *           the command's own, bench-64), kmalloc, malloc.  bench-64 is
 *           created with SLAB_NOLEAKTRACE, which SLUB never merges
 *           (SLUB_NEVER_MERGE) and SLAB ignores: without it SLUB would
 *           alias it to kmalloc-64, and the kmem_cache and kmalloc rows
 *           would measure the same cache.  A constructor would stop the
 *           merge too, but moves SLUB's free pointer out of the object
 *           (72-byte objects, not 64) and runs on SLAB's slab growth;
 *  - batch: allocate OPS objects of 64 B, then free them all;
 *  - churn: CHURN_LIVE live objects of random sizes 8..2048 B (fixed
 *           seed, printed); a step frees a random live one and
 *           allocates a new one of a random size in its place;
 *  - xcpu:  allocate OPS objects of 64 B on this CPU, free them on the
 *           next online CPU (smp_call_on_cpu()): the frees fill that
 *           CPU's array, which spills into the node's shared array, from
 *           which this CPU's array refills.  Only the two loops are timed;
 *  - buddy: alloc_pages() and __free_pages() at once, order 0 and 3.
 * An op is an allocation and its free (churn: one step, a free and an
 * allocation).  Each row runs BENCH_BATCHES batches of OPS ops (10,000
 * by default) and shows the median, min and max of the cost per op.
 *
 * The clock is the global timer (drivers/gtimer.c), read before and
 * after each batch's loop (shell/bench_loops.c), in nanoseconds.  Under
 * QEMU with -icount shift=0,sleep=off (make bench) virtual time is the
 * instruction count, one ns per instruction, so the figures are
 * instructions per op, exact to the timer's tick (10 ns); on hardware
 * they are ns.  The other CPUs must be idle (in wfi) meanwhile: under
 * icount every instruction any CPU runs moves the clock.
 *
 * Per row also: allocs, the allocations the caches counted during the
 * batches (allochit + allocmiss of the caches the row uses, after minus
 * before): exactly BENCH_BATCHES * OPS, plus the slab descriptors that
 * slabs grown off-slab (kmalloc's larger classes, in churn) took from
 * the general caches; hit%, the share of those served from the per-CPU
 * array; requested and held, the bytes live and the bytes of pages the
 * allocator held at the sample (after each fill, at each batch's end)
 * where it held most.  For slablab, held is the pages the buddy
 * allocator lost since the row began (every cache shrunk first; 0 when
 * slabs already partly used served the row); newlib-nano's malloc gets
 * a heap of its own for its row: the smallest buddy block that holds
 * what slablab held in the same workload, lent with libc_heap_borrow()
 * and given back after the row; its held is the heap's high-water mark,
 * in whole pages.
 *
 * The reaper is held off for the run (slab_reap_hold()), so no pass
 * moves objects or pages between the samples.  Ctrl-C stops the run
 * between batches; everything allocated is freed either way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "shell/bench.h"
#include "shell/commands.h"
#include "shell/format.h"
#include "shell/shell.h"
#include "board/libc_heap.h"
#include "drivers/gtimer.h"
#include "mm/gfp.h"
#include "mm/mm_types.h"
#include "mm/mmzone.h"
#include "mm/slab.h"
#include "mm/slab_inspect.h"
#include "platform.h"

#define BENCH_BATCHES     11
#define BENCH_DEFAULT_OPS 10000
#define BENCH_MAX_OPS     100000
#define BENCH_OBJ_SIZE    64
#define BENCH_MAX_ROWS    3
#define BENCH_MAX_CACHES  16
#define CHURN_LIVE        1000
#define CHURN_MIN_SIZE    8
#define CHURN_MAX_SIZE    2048
#define CHURN_SEED        0x2545f491u
#define BUDDY_MAX_ORDER   10
#define CALIBRATE_TURNS   100000		/* the buddy allocator's largest block */

struct bench_row {
	const char *allocator, *call;
	enum bench_alloc a;
	unsigned int order;		/* buddy rows */
	bool newlib, buddy;
	uint32_t tenths[BENCH_BATCHES];	/* per op, in tenths of a ns */
	bool stats;			/* allocs and hits counted */
	unsigned long allocs, hits;
	bool mem;			/* requested and held sampled */
	size_t requested, held;
	unsigned long fails;		/* allocations that returned NULL */
};

struct bench_run;
/* One batch of @row: its ticks in *@ticks; false if it could not run. */
typedef bool (*batch_fn)(struct bench_run *run, struct bench_row *row, uint64_t *ticks);

struct bench_workload {
	const char *name;
	batch_fn batch;
	struct bench_row rows[BENCH_MAX_ROWS];
	unsigned int heap_order;	/* newlib's heap, once lent */
	size_t slablab_held;		/* what it was sized for */
};

struct bench_run {
	uint32_t ops;
	void **objs;			/* ops entries, from the buddy allocator */
	struct churn_step *steps;	/* ops entries, likewise */
	unsigned int objs_order, steps_order;
	struct kmem_cache *cachep;	/* bench-64 */
	unsigned long base_free;	/* free pages when the row began */
	uint32_t rng;
	unsigned int other_cpu;		/* xcpu's freeing CPU */
};

static void *churn_live[CHURN_LIVE];
static uint16_t churn_size[CHURN_LIVE];

/* xorshift32: the same sequence for every allocator, from CHURN_SEED. */
static uint32_t next_random(struct bench_run *run)
{
	uint32_t x = run->rng;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return run->rng = x;
}

static uint16_t random_size(struct bench_run *run)
{
	return (uint16_t)(CHURN_MIN_SIZE +
			  next_random(run) % (CHURN_MAX_SIZE - CHURN_MIN_SIZE + 1));
}

/* The smallest order whose block holds @bytes. */
static unsigned int order_for(size_t bytes)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < bytes)
		order++;
	return order;
}

/* ---- the caches a row uses, and their statistics ---- */

struct cache_set {
	struct kmem_cache *c[BENCH_MAX_CACHES];
	unsigned int n;
};

static void set_add(struct cache_set *s, struct kmem_cache *cachep)
{
	for (unsigned int i = 0; i < s->n; i++)
		if (s->c[i] == cachep)
			return;
	if (cachep && s->n < BENCH_MAX_CACHES)
		s->c[s->n++] = cachep;
}

static void row_caches(const struct bench_run *run, const struct bench_row *row,
		       bool churn, struct cache_set *s)
{
	s->n = 0;
	if (row->a == BENCH_CACHE)
		set_add(s, run->cachep);
	else if (!churn)
		set_add(s, kmem_find_general_cachep(BENCH_OBJ_SIZE, GFP_KERNEL));
	else
		for (size_t size = CHURN_MIN_SIZE; size <= CHURN_MAX_SIZE; size += 8)
			set_add(s, kmem_find_general_cachep(size, GFP_KERNEL));
}

static void set_counts(const struct cache_set *s, unsigned long *allocs, unsigned long *hits)
{
	struct kmem_cache_info ci;

	*allocs = *hits = 0;
	for (unsigned int i = 0; i < s->n; i++) {
		kmem_cache_get_info(s->c[i], &ci);
		*allocs += ci.allochit + ci.allocmiss;
		*hits += ci.allochit;
	}
}

/* ---- memory samples ---- */

static size_t held_now(const struct bench_run *run, const struct bench_row *row)
{
	unsigned long free_now = global_page_state(NR_FREE_PAGES);

	if (row->newlib)
		return ALIGN_UP(libc_heap_used(), PAGE_SIZE);
	return free_now < run->base_free ? (run->base_free - free_now) * PAGE_SIZE : 0;
}

static void sample(const struct bench_run *run, struct bench_row *row, size_t requested)
{
	size_t held = held_now(run, row);

	if (!row->mem || held > row->held ||
	    (held == row->held && requested > row->requested)) {
		row->held = held;
		row->requested = requested;
	}
	row->mem = true;
}

/* ---- one object, outside the timed loops ---- */

static void *alloc_one(const struct bench_run *run, enum bench_alloc a, size_t size)
{
	void *p;

	bench_fill(a, run->cachep, size, &p, 1);
	return p;
}

static void free_one(const struct bench_run *run, enum bench_alloc a, void *p)
{
	if (p)
		bench_drain(a, run->cachep, &p, 1);
}

/* After a fill: false (and everything freed) if an allocation failed. */
static bool fill_complete(const struct bench_run *run, struct bench_row *row)
{
	unsigned long fails = 0;

	for (uint32_t i = 0; i < run->ops; i++)
		fails += !run->objs[i];
	if (!fails)
		return true;
	for (uint32_t i = 0; i < run->ops; i++)
		free_one(run, row->a, run->objs[i]);
	row->fails += fails;
	return false;
}

/* ---- the workloads' batches ---- */

static bool hot_batch(struct bench_run *run, struct bench_row *row, uint64_t *ticks)
{
	*ticks = bench_hot(row->a, run->cachep, BENCH_OBJ_SIZE, run->ops);
	sample(run, row, BENCH_OBJ_SIZE);
	return true;
}

static bool batch_batch(struct bench_run *run, struct bench_row *row, uint64_t *ticks)
{
	*ticks = bench_fill(row->a, run->cachep, BENCH_OBJ_SIZE, run->objs, run->ops);
	if (!fill_complete(run, row))
		return false;
	sample(run, row, (size_t)run->ops * BENCH_OBJ_SIZE);
	*ticks += bench_drain(row->a, run->cachep, run->objs, run->ops);
	return true;
}

struct xcpu_free {
	struct bench_run *run;
	struct bench_row *row;
	uint64_t ticks;
};

static int xcpu_drain(void *arg)
{
	struct xcpu_free *x = arg;

	x->ticks = bench_drain(x->row->a, x->run->cachep, x->run->objs, x->run->ops);
	return 0;
}

static bool xcpu_batch(struct bench_run *run, struct bench_row *row, uint64_t *ticks)
{
	struct xcpu_free x = { run, row, 0 };

	*ticks = bench_fill(row->a, run->cachep, BENCH_OBJ_SIZE, run->objs, run->ops);
	if (!fill_complete(run, row))
		return false;
	sample(run, row, (size_t)run->ops * BENCH_OBJ_SIZE);
	if (smp_call_on_cpu(run->other_cpu, xcpu_drain, &x)) {
		/* the CPU went offline: free here, and say the row failed */
		bench_drain(row->a, run->cachep, run->objs, run->ops);
		return false;
	}
	*ticks += x.ticks;
	return true;
}

static void churn_fill(struct bench_run *run, struct bench_row *row)
{
	run->rng = CHURN_SEED;
	for (unsigned int i = 0; i < CHURN_LIVE; i++) {
		churn_size[i] = random_size(run);
		churn_live[i] = alloc_one(run, row->a, churn_size[i]);
	}
}

static void churn_empty(struct bench_run *run, struct bench_row *row)
{
	for (unsigned int i = 0; i < CHURN_LIVE; i++) {
		free_one(run, row->a, churn_live[i]);
		churn_live[i] = NULL;
	}
}

static bool churn_batch(struct bench_run *run, struct bench_row *row, uint64_t *ticks)
{
	size_t requested = 0;
	unsigned long fails = 0;

	for (uint32_t i = 0; i < run->ops; i++) {
		run->steps[i].victim = (uint16_t)(next_random(run) % CHURN_LIVE);
		run->steps[i].size = random_size(run);
	}
	*ticks = bench_churn(row->a, churn_live, run->steps, run->ops);
	for (uint32_t i = 0; i < run->ops; i++)
		churn_size[run->steps[i].victim] = run->steps[i].size;
	for (unsigned int i = 0; i < CHURN_LIVE; i++) {
		if (churn_live[i])
			requested += churn_size[i];
		else
			fails++;
	}
	sample(run, row, requested);
	row->fails = fails > row->fails ? fails : row->fails;
	return true;
}

static bool buddy_batch(struct bench_run *run, struct bench_row *row, uint64_t *ticks)
{
	*ticks = bench_pages(row->order, run->ops);
	return true;
}

/* ---- running a row ---- */

static void record(const struct bench_run *run, struct bench_row *row, unsigned int b,
		   uint64_t ticks)
{
	uint64_t ns = gtimer_to_ns(ticks);

	row->tenths[b] = (uint32_t)((ns * 10 + run->ops / 2) / run->ops);
}

/* The row's batches; CMD_OK, or Ctrl-C's error. */
static int run_row(struct bench_run *run, const struct bench_workload *w,
		   struct bench_row *row)
{
	bool churn = w->batch == churn_batch;
	unsigned long allocs0, hits0;
	struct cache_set set;
	int ret = CMD_OK;

	if (!row->newlib)
		kmem_cache_shrink_all();	/* held counts from empty caches */
	run->base_free = global_page_state(NR_FREE_PAGES);
	if (churn)
		churn_fill(run, row);
	row_caches(run, row, churn, &set);
	set_counts(&set, &allocs0, &hits0);
	for (unsigned int b = 0; b < BENCH_BATCHES; b++) {
		uint64_t ticks;

		if (shell_interrupted()) {
			ret = cmd_interrupted();
			break;
		}
		if (!w->batch(run, row, &ticks)) {
			row->fails += !row->fails;
			break;
		}
		record(run, row, b, ticks);
	}
	if (!row->newlib && !row->buddy) {
		set_counts(&set, &row->allocs, &row->hits);
		row->allocs -= allocs0;
		row->hits -= hits0;
		row->stats = true;
	}
	if (churn)
		churn_empty(run, row);
	return ret;
}

/* The pages slablab's rows of @w held at most. */
static size_t slablab_held(const struct bench_workload *w)
{
	size_t held = PAGE_SIZE;

	for (unsigned int i = 0; i < BENCH_MAX_ROWS && w->rows[i].call; i++)
		if (!w->rows[i].newlib && w->rows[i].held > held)
			held = w->rows[i].held;
	return held;
}

/* newlib-nano's row in a heap of 2^@order pages lent from the buddy allocator. */
static int run_newlib_in(struct bench_run *run, struct bench_workload *w,
			 struct bench_row *row, unsigned int order)
{
	unsigned long heap;
	int ret;

	if (order > BUDDY_MAX_ORDER ||
	    !(heap = __get_free_pages(GFP_KERNEL | __GFP_NOWARN, order))) {
		printf("%-6s newlib: not run, no free block of order %u for its heap\n",
		       w->name, order);
		row->fails = 1;
		return -1;
	}
	libc_heap_borrow((void *)heap, PAGE_SIZE << order);
	ret = run_row(run, w, row);
	libc_heap_restore();
	free_pages(heap, order);
	w->heap_order = order;
	return ret;
}

/*
 * newlib-nano's row, in the smallest buddy block that holds what
 * slablab's rows held; if malloc ran out there (its chunk headers need
 * more than a slab allocator that packs objects back to back, as SLUB
 * does 64-byte ones), again in the next block up, and the heap line
 * says so.
 */
static int run_newlib_row(struct bench_run *run, struct bench_workload *w,
			  struct bench_row *row)
{
	const struct bench_row fresh = *row;
	size_t held = slablab_held(w);
	unsigned int order = order_for(held);
	int ret;

	while ((ret = run_newlib_in(run, w, row, order)) == CMD_OK && row->fails &&
	       order < BUDDY_MAX_ORDER) {
		*row = fresh;
		order++;
	}
	if (ret < 0)
		return CMD_OK;		/* not run; said so */
	w->slablab_held = held;
	return ret;
}

/* ---- the report ---- */

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

static uint32_t row_median(const struct bench_row *row, uint32_t *min, uint32_t *max)
{
	uint32_t v[BENCH_BATCHES];

	memcpy(v, row->tenths, sizeof(v));
	qsort(v, BENCH_BATCHES, sizeof(v[0]), cmp_u32);
	*min = v[0];
	*max = v[BENCH_BATCHES - 1];
	return v[BENCH_BATCHES / 2];
}

static char *tenths(char *buf, size_t len, uint32_t v)
{
	snprintf(buf, len, "%lu.%lu", (unsigned long)(v / 10), (unsigned long)(v % 10));
	return buf;
}

static void print_header(const struct bench_run *run)
{
	char cal[12];

	printf("bench: clock: global timer at %lu Hz, read before and after each batch\n",
	       gtimer_rate());
	printf("bench: figures are ns per op; under QEMU -icount shift=0,sleep=off"
	       " 1 ns = 1 instruction\n");
	printf("bench: a loop of 2 instructions takes %s ns per turn\n",
	       tenths(cal, sizeof(cal), (uint32_t)((gtimer_to_ns(bench_calibrate(CALIBRATE_TURNS)) *
						     10 + CALIBRATE_TURNS / 2) / CALIBRATE_TURNS)));
	printf("bench: %u batches of %lu ops per row: median, min, max; reaper held off\n",
	       BENCH_BATCHES, (unsigned long)run->ops);
	printf("%-6s %-8s %-16s %6s %8s %8s %8s %6s %7s %6s %9s %9s %6s\n", "work",
	       "alloc", "call", "ops", "median", "min", "max", "ratio", "allocs", "hit%",
	       "requested", "held", "used%");
}

static void print_row(const char *work, const struct bench_run *run,
		      const struct bench_row *row, const struct bench_row *newlib)
{
	char med[12] = "-", lo[12] = "-", hi[12] = "-", ratio[12] = "-", allocs[12] = "-";
	char hit[12] = "-", req[12] = "-", held[12] = "-", used[12] = "-";
	uint32_t vmin, vmax, median = row_median(row, &vmin, &vmax);

	if (!row->fails) {
		tenths(med, sizeof(med), median);
		tenths(lo, sizeof(lo), vmin);
		tenths(hi, sizeof(hi), vmax);
	}
	if (newlib && newlib != row && !row->fails && !newlib->fails) {
		uint32_t nmin, nmax;

		format_fixed(ratio, sizeof(ratio), median, row_median(newlib, &nmin, &nmax), 2);
	}
	if (row->stats) {
		snprintf(allocs, sizeof(allocs), "%lu", row->allocs);
		format_fixed(hit, sizeof(hit), (uint64_t)row->hits * 100, row->allocs, 1);
	}
	if (row->mem) {
		snprintf(req, sizeof(req), "%lu", (unsigned long)row->requested);
		snprintf(held, sizeof(held), "%lu", (unsigned long)row->held);
	}
	if (row->mem && row->held)	/* 0: served from slabs that were there */
		format_fixed(used, sizeof(used), (uint64_t)row->requested * 100, row->held, 1);
	printf("%-6s %-8s %-16s %6lu %8s %8s %8s %6s %7s %6s %9s %9s %6s\n", work,
	       row->allocator, row->call, (unsigned long)run->ops, med, lo, hi, ratio, allocs,
	       hit, req, held, used);
	if (row->fails)
		printf("%-6s %s %s: %lu allocations failed, no figures\n", work, row->allocator,
		       row->call, row->fails);
}

static int run_workload(struct bench_run *run, struct bench_workload *w)
{
	struct bench_row *newlib = NULL;
	unsigned int n = 0;
	int ret = CMD_OK;

	while (n < BENCH_MAX_ROWS && w->rows[n].call)
		n++;
	for (unsigned int i = 0; i < n && ret == CMD_OK; i++) {
		struct bench_row *row = &w->rows[i];

		if (row->newlib) {
			newlib = row;
			ret = run_newlib_row(run, w, row);
		} else {
			ret = run_row(run, w, row);
		}
	}
	if (ret != CMD_OK)
		return ret;
	for (unsigned int i = 0; i < n; i++)
		print_row(w->name, run, &w->rows[i], newlib);
	if (newlib && w->slablab_held)
		printf("%-6s newlib's heap: %lu KiB, a buddy block of order %u (slablab held %lu KiB%s)\n",
		       w->name, (unsigned long)(PAGE_SIZE << w->heap_order) / 1024, w->heap_order,
		       (unsigned long)w->slablab_held / 1024,
		       w->heap_order > order_for(w->slablab_held) ? "; newlib needed more" : "");
	return CMD_OK;
}

/* ---- the command ---- */

#define SLABLAB(call, a)	{ "slablab", call, a, 0, false, false }
#define NEWLIB(call)		{ "newlib", call, BENCH_MALLOC, 0, true, false }
#define BUDDY(call, order)	{ "slablab", call, BENCH_CACHE, order, false, true }

static const struct bench_workload workloads[] = {
	{ "hot", hot_batch, { SLABLAB("kmem_cache 64", BENCH_CACHE),
			      SLABLAB("kmalloc 64", BENCH_KMALLOC), NEWLIB("malloc 64") } },
	{ "batch", batch_batch, { SLABLAB("kmem_cache 64", BENCH_CACHE),
				  SLABLAB("kmalloc 64", BENCH_KMALLOC), NEWLIB("malloc 64") } },
	{ "churn", churn_batch, { SLABLAB("kmalloc 8..2048", BENCH_KMALLOC),
				  NEWLIB("malloc 8..2048") } },
	{ "xcpu", xcpu_batch, { SLABLAB("kmem_cache 64", BENCH_CACHE),
				SLABLAB("kmalloc 64", BENCH_KMALLOC), NEWLIB("malloc 64") } },
	{ "buddy", buddy_batch, { BUDDY("alloc_pages 0", 0), BUDDY("alloc_pages 3", 3) } },
};

static int next_online_cpu(void)
{
	unsigned int self = smp_processor_id();

	for (unsigned int i = 1; i < NR_CPUS; i++)
		if (cpu_online((self + i) % NR_CPUS))
			return (int)((self + i) % NR_CPUS);
	return -1;
}

static int run_one(struct bench_run *run, const struct bench_workload *proto)
{
	struct bench_workload w = *proto;	/* rows fill in as they run */

	if (proto->batch == xcpu_batch) {
		int other = next_online_cpu();

		if (other < 0) {
			printf("xcpu   skipped: one CPU online\n");
			return CMD_OK;
		}
		run->other_cpu = (unsigned int)other;
		printf("xcpu   allocated on cpu%u, freed on cpu%u\n", smp_processor_id(),
		       run->other_cpu);
	}
	if (proto->batch == churn_batch)
		printf("churn  %u live objects, sizes %u..%u B, seed 0x%08lx\n", CHURN_LIVE,
		       CHURN_MIN_SIZE, CHURN_MAX_SIZE, (unsigned long)CHURN_SEED);
	return run_workload(run, &w);
}

static bool run_buffers(struct bench_run *run)
{
	run->objs_order = order_for(run->ops * sizeof(void *));
	run->steps_order = order_for(run->ops * sizeof(struct churn_step));
	run->objs = (void **)__get_free_pages(GFP_KERNEL, run->objs_order);
	run->steps = (struct churn_step *)__get_free_pages(GFP_KERNEL, run->steps_order);
	return run->objs && run->steps;
}

static void free_run_buffers(struct bench_run *run)
{
	if (run->objs)
		free_pages((unsigned long)run->objs, run->objs_order);
	if (run->steps)
		free_pages((unsigned long)run->steps, run->steps_order);
}

static int run_bench(struct bench_run *run, const char *which)
{
	int ret = CMD_OK;

	if (!run_buffers(run)) {
		free_run_buffers(run);
		return cmd_error("no pages for the run's %lu-entry arrays",
				 (unsigned long)run->ops);
	}
	/* SLAB_NOLEAKTRACE: on SLUB bench-64 would merge into kmalloc-64 */
	run->cachep = kmem_cache_create("bench-64", BENCH_OBJ_SIZE, 0, SLAB_NOLEAKTRACE, NULL);
	if (!run->cachep) {
		free_run_buffers(run);
		return cmd_error("cannot create cache bench-64");
	}
	slab_reap_hold();
	print_header(run);
	for (unsigned int i = 0; i < ARRAY_SIZE(workloads) && ret == CMD_OK; i++)
		if (!strcmp(which, "all") || !strcmp(which, workloads[i].name))
			ret = run_one(run, &workloads[i]);
	slab_reap_release();
	kmem_cache_destroy(run->cachep);
	free_run_buffers(run);
	return ret;
}

int do_bench(int argc, char **argv)
{
	struct bench_run run = { .ops = BENCH_DEFAULT_OPS };
	const char *which = argc > 1 ? argv[1] : "all";
	bool known = !strcmp(which, "all");

	for (unsigned int i = 0; i < ARRAY_SIZE(workloads); i++)
		known |= !strcmp(which, workloads[i].name);
	if (!known)
		return cmd_usage_error("unknown workload '%s'", which);
	if (argc > 2 && !cmd_parse_count("OPS", argv[2], BENCH_MAX_OPS, &run.ops))
		return CMD_USAGE;
	if (kmem_cache_find("bench-64"))
		return cmd_error("a cache named bench-64 exists; destroy it first");
	return run_bench(&run, which);
}
