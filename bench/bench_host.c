/*
 * bench_host.c - the workloads of `make bench-host` (bench/bench_host.mk).
 *
 * One source, one binary per allocator, chosen at compile time:
 *   BENCH_SLABLAB  the real mm/ sources at -O2 (kmalloc, kmem_cache,
 *                  the buddy allocator) on tests/host/platform_host.c;
 *                  SLAB's, or SLUB's with CONFIG_SLUB (binary bench_slub)
 *   BENCH_NULL     no allocator at all: the harness's own cost, which
 *                  scripts/bench-host.py subtracts from the ns figures
 *   otherwise      malloc/free of whichever library the binary links
 *                  first (glibc, jemalloc, tcmalloc, mimalloc)
 * Every workload calls the allocator only through the op_* wrappers
 * below, so the loops are the same for every allocator.  Under callgrind
 * each workload is one dump (CALLGRIND_ZERO_STATS before it,
 * CALLGRIND_DUMP_STATS_AT("name/ops") after it), and the runner counts
 * only what the op_* wrappers call (their callees' inclusive cost): the
 * harness's loop, random numbers and the wrappers themselves are left
 * out, exactly.  Natively each workload runs --reps times; the median,
 * min and max ns per op are printed ("ns name ops median min max"); then
 * --rounds rounds of two threads against one on one cache, each beside a
 * control loop ("scale round ratio control_ratio", see scaling()).
 *
 * Usage: bench_host_NAME [--ops N] [--reps R] [--rounds R] [--scale-ops N]
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <valgrind/callgrind.h>
#include "bug.h"
#ifdef BENCH_SLABLAB
#include "mm/gfp.h"
#include "mm/mm.h"
#include "bench/buddy_pin.h"
#include "mm/mmzone.h"
#include "mm/slab.h"
#include "host_platform.h"
#endif

#define CHURN_LIVE   1000
#define CHURN_MIN    8
#define CHURN_MAX    2048
#define CHURN_SEED   0x5eed2b11u
#define BATCH_OBJS   10000
#define HOT_SIZE     64
#define MAX_REPS     15

/*
 * The wrappers.  noinline + noipa: a real call the callgrind profile can
 * name; the empty asm after the call keeps it from becoming a tail jump,
 * so the allocator's cost is a callee of the wrapper.
 */
#define OP __attribute__((noinline, noipa))
#define NO_TAIL_CALL() __asm__ volatile("" ::: "memory")

#if defined(BENCH_SLABLAB)
#ifdef CONFIG_SLUB
#define ALLOC_NAME "slub"
#else
#define ALLOC_NAME "slablab"
#endif
#define HAVE_SLABLAB_ONLY 1
static struct kmem_cache *bench_cachep;

OP static void *op_alloc(size_t size)
{
	void *p = kmalloc(size, GFP_KERNEL);

	NO_TAIL_CALL();
	return p;
}

OP static void op_free(void *p)
{
	kfree(p);
	NO_TAIL_CALL();
}

OP static void *op_cache_alloc(void)
{
	void *p = kmem_cache_alloc(bench_cachep, GFP_KERNEL);

	NO_TAIL_CALL();
	return p;
}

OP static void op_cache_free(void *p)
{
	kmem_cache_free(bench_cachep, p);
	NO_TAIL_CALL();
}

OP static void *op_pages_alloc(unsigned int order)
{
	void *p = alloc_pages(GFP_KERNEL, order);

	NO_TAIL_CALL();
	return p;
}

OP static void op_pages_free(void *page, unsigned int order)
{
	__free_pages(page, order);
	NO_TAIL_CALL();
}

static void *arena;

/* 128 MiB of "DRAM", 4 MiB aligned as mem_init() wants, then the slab boot. */
static void backend_init(void)
{
	size_t size = 128UL << 20, align = PAGE_SIZE * MAX_ORDER_NR_PAGES;

	arena = aligned_alloc(align, size);
	if (!arena) {
		perror("bench: arena");
		exit(1);
	}
	mem_init((uintptr_t)arena, size, (uintptr_t)arena, (uintptr_t)arena + 64 * 1024);
	kmem_cache_init();
	/* SLAB_NOLEAKTRACE: SLUB would merge bench_64 into kmalloc-64 (cmd_bench.c) */
	bench_cachep = kmem_cache_create("bench_64", HOT_SIZE, 0, SLAB_NOLEAKTRACE, NULL);
	if (!bench_cachep) {
		fprintf(stderr, "bench: kmem_cache_create failed\n");
		exit(1);
	}
}

/* Each thread plays one host CPU (tests/host/host_platform.h). */
static void backend_thread_start(unsigned int cpu)
{
	host_set_cpu(cpu);
}

#elif defined(BENCH_NULL)
#define ALLOC_NAME "null"
#define HAVE_SLABLAB_ONLY 1
static char null_obj[CHURN_MAX];

OP static void *op_alloc(size_t size) { (void)size; NO_TAIL_CALL(); return null_obj; }
OP static void op_free(void *p) { (void)p; NO_TAIL_CALL(); }
OP static void *op_cache_alloc(void) { NO_TAIL_CALL(); return null_obj; }
OP static void op_cache_free(void *p) { (void)p; NO_TAIL_CALL(); }
OP static void *op_pages_alloc(unsigned int order) { (void)order; NO_TAIL_CALL(); return null_obj; }
OP static void op_pages_free(void *p, unsigned int order) { (void)p; (void)order; NO_TAIL_CALL(); }
static void backend_init(void) { }
static void backend_thread_start(unsigned int cpu) { (void)cpu; }

#else
#ifndef ALLOC_NAME
#error "define ALLOC_NAME (the malloc library this binary links)"
#endif
#define HAVE_SLABLAB_ONLY 0

OP static void *op_alloc(size_t size)
{
	void *p = malloc(size);

	NO_TAIL_CALL();
	return p;
}

OP static void op_free(void *p)
{
	free(p);
	NO_TAIL_CALL();
}

/* malloc(64)/free stand in for a cache of 64-byte objects. */
OP static void *op_cache_alloc(void)
{
	void *p = malloc(HOT_SIZE);

	NO_TAIL_CALL();
	return p;
}

OP static void op_cache_free(void *p)
{
	free(p);
	NO_TAIL_CALL();
}

static void backend_init(void) { }
static void backend_thread_start(unsigned int cpu) { (void)cpu; }
#endif

/* ---- measuring ---- */

static unsigned long ops = 100000;	/* --ops: per rep (per thread for xthread) */
static unsigned int reps = 5;		/* --reps */
static unsigned int rounds = 21;	/* --rounds: of scaling() */
static unsigned long scale_ops = 4000000;	/* --scale-ops: pairs per scaling() run */
static int on_valgrind;

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ULL + (unsigned long long)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * Run @fn (@nops operations) --reps times; under callgrind once, as one
 * dump named "@name/@nops".  A warm-up run first puts the allocator in
 * its steady state (arrays filled, lazy binding done).
 */
static void measure(const char *name, void (*fn)(unsigned long), unsigned long nops)
{
	double ns[MAX_REPS];
	char dump[64];

	fn(nops < 1000 ? nops : 1000);
	if (on_valgrind) {
		snprintf(dump, sizeof(dump), "%s/%lu", name, nops);
		CALLGRIND_ZERO_STATS;
		fn(nops);
		CALLGRIND_DUMP_STATS_AT(dump);
		printf("cg %s %lu\n", name, nops);
		return;
	}
	for (unsigned int r = 0; r < reps; r++) {
		unsigned long long t0 = now_ns();

		fn(nops);
		ns[r] = (double)(now_ns() - t0) / (double)nops;
	}
	qsort(ns, reps, sizeof(ns[0]), cmp_double);
	printf("ns %s %lu %.2f %.2f %.2f\n", name, nops, ns[reps / 2], ns[0], ns[reps - 1]);
}

/* ---- the workloads ---- */

static void hot_cache(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		op_cache_free(op_cache_alloc());
}

static void hot_kmalloc(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		op_free(op_alloc(HOT_SIZE));
}

/* Churn: the choices are drawn before the run, from a fixed seed. */
static uint32_t rng_state = CHURN_SEED;
static uint32_t *churn_idx, *churn_size;
static void *churn_live[CHURN_LIVE];

static uint32_t xorshift32(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static size_t churn_random_size(void)
{
	return CHURN_MIN + xorshift32() % (CHURN_MAX - CHURN_MIN + 1);
}

static void churn_prepare(unsigned long n)
{
	churn_idx = malloc(n * sizeof(*churn_idx));
	churn_size = malloc(n * sizeof(*churn_size));
	if (!churn_idx || !churn_size) {
		perror("bench: churn");
		exit(1);
	}
	for (unsigned long i = 0; i < n; i++) {
		churn_idx[i] = xorshift32() % CHURN_LIVE;
		churn_size[i] = (uint32_t)churn_random_size();
	}
	for (unsigned int i = 0; i < CHURN_LIVE; i++)
		churn_live[i] = op_alloc(churn_random_size());
}

/* One step: free a random live object, allocate one of a random size. */
static void churn(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		uint32_t j = churn_idx[i];

		op_free(churn_live[j]);
		churn_live[j] = op_alloc(churn_size[i]);
	}
}

static void churn_finish(void)
{
	for (unsigned int i = 0; i < CHURN_LIVE; i++)
		op_free(churn_live[i]);
	free(churn_idx);
	free(churn_size);
}

/* Batch: @n objects in rounds of BATCH_OBJS allocated, then all freed. */
static void *batch_objs[BATCH_OBJS];

static void batch(unsigned long n)
{
	for (unsigned long done = 0; done < n; done += BATCH_OBJS) {
		unsigned long k = n - done < BATCH_OBJS ? n - done : BATCH_OBJS;

		for (unsigned long i = 0; i < k; i++)
			batch_objs[i] = op_alloc(HOT_SIZE);
		for (unsigned long i = 0; i < k; i++)
			op_free(batch_objs[i]);
	}
}

/* Two threads on one cache: each its own CPU, alloc+free pairs. */
struct xthread_arg {
	unsigned int cpu;
	unsigned long n;
	void (*fn)(unsigned long n);
};

static void *xthread_main(void *arg)
{
	struct xthread_arg *a = arg;

	backend_thread_start(a->cpu);
	a->fn(a->n);
	return NULL;
}

/* @fn(@n) split over @nthreads threads, CPUs 0.., started and joined here. */
static void run_threads(unsigned int nthreads, void (*fn)(unsigned long), unsigned long n)
{
	struct xthread_arg args[2];
	pthread_t t[2];

	for (unsigned int i = 0; i < nthreads; i++) {
		args[i] = (struct xthread_arg){ i, n / nthreads + (i < n % nthreads), fn };
		if (pthread_create(&t[i], NULL, xthread_main, &args[i])) {
			perror("bench: pthread_create");
			exit(1);
		}
	}
	for (unsigned int i = 0; i < nthreads; i++)
		pthread_join(t[i], NULL);
}

/* @n pairs in all, half on each of two threads (CPUs 0 and 1). */
static void xthread(unsigned long n)
{
	run_threads(2, hot_cache, n);
}

/* The same pairs on one thread (CPU 0), started the same way. */
static void xthread1(unsigned long n)
{
	run_threads(1, hot_cache, n);
}

/*
 * The control for the two-thread ratio: a dependent chain of register
 * arithmetic, no memory at all, so two threads of it scale by whatever
 * the machine gives two threads at that moment (2.0 on two free cores;
 * less while other jobs hold a core).  About as long per op as a pair.
 */
static void spin(unsigned long n)
{
	unsigned long x = n;

	for (unsigned long i = 0; i < n; i++)
		for (int k = 0; k < 4; k++) {
			x = x * 6364136223846793005UL + 1442695040888963407UL;
			__asm__ volatile("" : "+r"(x));	/* one step at a time */
		}
}

static unsigned long long time_threads(unsigned int nthreads, void (*fn)(unsigned long),
				       unsigned long n)
{
	unsigned long long t0 = now_ns();

	run_threads(nthreads, fn, n);
	return now_ns() - t0;
}

/*
 * Two threads against one, --rounds rounds of --scale-ops pairs, each
 * round the allocator's and the control's one- and two-thread runs back
 * to back (the two two-thread runs next to each other), so that a ratio
 * and its control see the same machine: "scale ROUND RATIO CONTROL".
 * Runs of tens of ms, longer than the --ops ones, so that one time slice
 * of another job weighs less in a run.
 */
static void scaling(unsigned long n)
{
	for (unsigned int r = 0; r < rounds; r++) {
		unsigned long long c1 = time_threads(1, spin, n);
		unsigned long long a1 = time_threads(1, hot_cache, n);
		unsigned long long a2 = time_threads(2, hot_cache, n);
		unsigned long long c2 = time_threads(2, spin, n);

		printf("scale %u %.3f %.3f\n", r, (double)a1 / (double)a2, (double)c1 / (double)c2);
	}
}

#if HAVE_SLABLAB_ONLY
#ifdef BENCH_SLABLAB
static void buddy_pair(unsigned long n, unsigned int order)
{
	struct page *pin = buddy_pin(order);

	if (!pin) {
		fprintf(stderr, "bench: no two buddies of order %u\n", order);
		exit(1);
	}
	for (unsigned long i = 0; i < n; i++)
		op_pages_free(op_pages_alloc(order), order);
	__free_pages(pin, order);
}
#else
static void buddy_pair(unsigned long n, unsigned int order)
{
	for (unsigned long i = 0; i < n; i++)
		op_pages_free(op_pages_alloc(order), order);
}
#endif

static void buddy0(unsigned long n) { buddy_pair(n, 0); }
static void buddy3(unsigned long n) { buddy_pair(n, 3); }
#endif

static void parse_args(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--ops") && i + 1 < argc) {
			ops = strtoul(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "--reps") && i + 1 < argc) {
			reps = (unsigned int)strtoul(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "--rounds") && i + 1 < argc) {
			rounds = (unsigned int)strtoul(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "--scale-ops") && i + 1 < argc) {
			scale_ops = strtoul(argv[++i], NULL, 0);
		} else {
			fprintf(stderr, "usage: %s [--ops N] [--reps R (1..%d)] [--rounds R] "
				"[--scale-ops N]\n", argv[0], MAX_REPS);
			exit(2);
		}
	}
	if (ops < BATCH_OBJS || reps < 1 || reps > MAX_REPS) {
		fprintf(stderr, "bench: need --ops >= %d and 1 <= --reps <= %d\n", BATCH_OBJS,
			MAX_REPS);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	parse_args(argc, argv);
	on_valgrind = RUNNING_ON_VALGRIND;
	backend_init();
	printf("allocator %s (consistency checks %s)\n", ALLOC_NAME,
	       CONFIG_DEBUG_CHECKS ? "on" : "off");
#ifdef BENCH_SLABLAB
	show_buddyinfo();	/* the lists buddy_pin() starts from */
#endif
	printf("churn seed 0x%08x live %d sizes %d..%d\n", CHURN_SEED,
	       CHURN_LIVE, CHURN_MIN, CHURN_MAX);
#if HAVE_SLABLAB_ONLY
	/* first, while the buddy lists are as the boot left them (buddy_pin()) */
	measure("buddy0", buddy0, ops);
	measure("buddy3", buddy3, ops);
	measure("hot_cache", hot_cache, ops);
#endif
	measure("hot_kmalloc", hot_kmalloc, ops);
	churn_prepare(ops + 1000);
	measure("churn", churn, ops);
	churn_finish();
	measure("batch", batch, ops);
	measure("xthread1", xthread1, ops);
	measure("xthread", xthread, ops);
	if (!on_valgrind)
		scaling(scale_ops);
	return 0;
}
