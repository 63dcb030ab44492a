/*
 * cmd_slab.c - slabinfo: the slab caches as Linux's /proc/slabinfo, and
 * tuning one the way writing to /proc/slabinfo does; slabstress: every
 * CPU at once allocates and frees objects of every kmalloc size class.
 *
 * slabstress runs in thread context on each CPU (schedule_on_each_cpu),
 * stamps each object at both ends, hands some objects to other CPUs to
 * free through a mailbox of atomically exchanged slots, and at the end
 * shrinks every cache: the buddy allocator must then have exactly the
 * free pages it had before (both shrinks with the fault injectors held:
 * slabstress_shrink_all()).  With 'noshrink' it stops before that last
 * shrink and leaves the free objects and slabs to cache_reap.  With
 * 'verify' the CPU running the command also walks every cache
 * (kmem_cache_verify) every STRESS_VERIFY_EVERY rounds of its share,
 * each time once every other CPU has started its share; the others go
 * on past ROUNDS until its last walk is done, so every walk happens
 * while all of them allocate and free.  The walks must find nothing.
 * reap: one cache_reap() pass on each CPU in turn, reported per CPU and,
 * under it, per cache that released something.  On SLUB (make SLAB=slub)
 * tuning and reap are refused: SLUB has no per-CPU arrays to size or
 * drain, and no reaper.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "shell/commands.h"
#include "shell/shell.h"
#include "cache.h"
#include "mm/fault_inject.h"
#include "mm/mmzone.h"
#include "mm/slab.h"
#include "mm/slab_inspect.h"

static bool parse_tunable(const char *what, const char *arg, int *out)
{
	uint32_t v;

	if (!cmd_parse_u32(what, arg, 0x7fffffff, &v))
		return false;
	*out = (int)v;
	return true;
}

/* Confirm a tuning with what the cache now holds, read back, not the arguments. */
static int print_tunables(const char *name)
{
	struct kmem_cache *cachep = kmem_cache_find(name);
	struct kmem_cache_info ci;

	if (!cachep)
		return cmd_error("cache '%s' vanished after tuning", name);
	kmem_cache_get_info(cachep, &ci);
	printf("%s: limit=%u batchcount=%u shared=%u\n", ci.name, ci.limit, ci.batchcount,
	       ci.shared);
	return CMD_OK;
}

int do_slabinfo(int argc, char **argv)
{
	int limit, batchcount, shared, err;

	if (argc == 1) {
		show_slabinfo();
		return CMD_OK;
	}
#if defined(CONFIG_SLUB) && CONFIG_SLUB
	return cmd_error("SLUB keeps no per-CPU arrays: nothing to tune (its rows show "
			 "tunables 0 0 0)");
#endif
	if (argc != 5)
		return cmd_usage_error("slabinfo: expected NAME LIMIT BATCHCOUNT SHARED");
	if (!parse_tunable("limit", argv[2], &limit) ||
	    !parse_tunable("batchcount", argv[3], &batchcount) ||
	    !parse_tunable("shared", argv[4], &shared))
		return CMD_USAGE;
	err = slabinfo_write(argv[1], limit, batchcount, shared);
	switch (err) {
	case 0:
		return print_tunables(argv[1]);
	case -ENOENT:
		return cmd_error("no cache named '%s'", argv[1]);
	case -EINVAL:
		return cmd_error("bad tunables: need limit >= 1, 1 <= batchcount <= limit, shared >= 0");
	case -E2BIG:
		return cmd_error("cannot tune '%s': LIMIT and SHARED x BATCHCOUNT may be at most %u "
				 "entries (an array must fit kmalloc's largest cache)", argv[1],
				 slab_max_array_entries());
	default:
		return cmd_error("cannot tune '%s': out of memory", argv[1]);
	}
}

/* ---- slabstress ---- */

#define STRESS_DEFAULT   2000
#define STRESS_MAX       1000000
#define STRESS_HELD      16
#define STRESS_MAILBOX   32
#define NR_CLASSES       20		/* size-32 .. size-4194304 */
#define DMA_MAX_CLASS    13		/* DMA objects up to 64 KiB: ZONE_DMA is 16 MiB */
#define STRESS_VERIFY_EVERY 50		/* rounds between two walks, with 'verify' */

struct stress_obj {
	void *objp;
	size_t size;
};

struct stress_cpu {
	uint32_t rounds;
	unsigned long allocs, cross_frees, failures, corruptions;
	uint32_t classes;		/* bit i: class i allocated and freed */
	uint32_t dma_classes;
} ____cacheline_aligned;

static struct stress_cpu kstress[NR_CPUS];
static struct stress_obj *mailbox[STRESS_MAILBOX];

/* 'verify': the CPU that walks, and what its walks found. */
static struct {
	bool on;
	unsigned int cpu;
	uint32_t started;	/* a bit per CPU whose share has begun */
	bool done;		/* the walking CPU's share is over */
	unsigned long walks, errors;
} stress_verify;

static size_t class_size(unsigned int i)
{
	return i < 6 ? (size_t[]){ 32, 64, 96, 128, 192, 256 }[i] : (size_t)512 << (i - 6);
}

/*
 * Make every DMA size class the run may use before the pages are
 * counted: SLUB creates its kmalloc_dma-N caches on first use (2.6.32's
 * dma_kmalloc_cache()), and a cache made during the run would keep its
 * struct kmem_cache, and the slab holding it, after the final shrink.
 * SLAB's DMA caches exist from boot, so it has nothing to do there.
 * Returns the allocations that failed (under "fault", one injected
 * failure each): the run counts them as the calling CPU's, so that each
 * NULL the command saw is in its report.
 */
static unsigned long warm_dma_classes(void)
{
	unsigned long failures = 0;

#if defined(CONFIG_SLUB) && CONFIG_SLUB
	for (unsigned int i = 0; i <= DMA_MAX_CLASS; i++) {
		void *p = kmalloc(class_size(i), GFP_KERNEL | __GFP_NOWARN | GFP_DMA);

		failures += !p;
		kfree(p);
	}
#endif
	return failures;
}

static uint32_t xorshift32(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Owner and serial at both ends of the object. */
static void obj_stamp(struct stress_obj *o, uint32_t word)
{
	uint32_t *first = o->objp, *last = (uint32_t *)((char *)o->objp + o->size) - 1;

	*first = *last = word;
}

static bool obj_intact(const struct stress_obj *o)
{
	const uint32_t *first = o->objp, *last = (const uint32_t *)((char *)o->objp + o->size) - 1;

	return *first == *last;
}

static void obj_free(struct stress_cpu *sc, struct stress_obj *o)
{
	if (!obj_intact(o))
		sc->corruptions++;
	kfree(o->objp);
	kfree(o);
}

static struct stress_obj *obj_alloc(struct stress_cpu *sc, uint32_t *rng, uint32_t word)
{
	unsigned int i = xorshift32(rng) % NR_CLASSES;
	bool dma = i <= DMA_MAX_CLASS && (xorshift32(rng) & 7) == 0;
	size_t low = i ? class_size(i - 1) + 1 : 1;
	size_t size = low + xorshift32(rng) % (class_size(i) - low + 1);
	struct stress_obj *o = kmalloc(sizeof(*o), GFP_KERNEL);
	gfp_t gfp = GFP_KERNEL | __GFP_NOWARN | (dma ? GFP_DMA : 0);

	if (o)
		o->objp = kmalloc(size, gfp);
	if (!o || !o->objp) {
		kfree(o);
		sc->failures++;
		return NULL;
	}
	o->size = ksize(o->objp);
	if (o->size != class_size(i))
		sc->corruptions++;		/* the wrong size class */
	if (dma)
		sc->dma_classes |= 1u << i;
	else
		sc->classes |= 1u << i;
	obj_stamp(o, word);
	sc->allocs++;
	return o;
}

/* Have all the other online CPUs begun their shares? */
static bool others_started(void)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu != stress_verify.cpu && cpu_online(cpu) &&
		    !(READ_ONCE(stress_verify.started) & (1u << cpu)))
			return false;
	return true;
}

/* One verify walk, once every other CPU is in its share. */
static void stress_walk(void)
{
	struct slab_verify_result res;

	while (!others_started() && !shell_interrupted())
		barrier();
	stress_verify.errors += kmem_cache_verify(NULL, &res);
	stress_verify.walks++;
}

/* With 'verify', the others' shares last until the walking CPU's is over. */
static bool stress_round_left(unsigned int cpu, uint32_t r, uint32_t rounds)
{
	if (r < rounds)
		return true;
	return stress_verify.on && cpu != stress_verify.cpu && !READ_ONCE(stress_verify.done);
}

static int stress_cpu(void *arg)
{
	unsigned int cpu = smp_processor_id();
	struct stress_cpu *sc = &kstress[cpu];
	struct stress_obj *held[STRESS_HELD];
	uint32_t rng = 0x9e3779b9u * (cpu + 1);
	unsigned int n = 0;

	(void)arg;
	__atomic_fetch_or(&stress_verify.started, 1u << cpu, __ATOMIC_SEQ_CST);
	for (uint32_t r = 0; stress_round_left(cpu, r, sc->rounds); r++) {
		uint32_t dice = xorshift32(&rng) % 8;

		if (shell_interrupted())
			break;
		if (stress_verify.on && cpu == stress_verify.cpu && r % STRESS_VERIFY_EVERY == 0)
			stress_walk();	/* r < rounds: the walking CPU stops at rounds */
		if (n && (n == STRESS_HELD || dice < 3)) {
			unsigned int k = xorshift32(&rng) % n;
			struct stress_obj *theirs = NULL;

			if (dice == 0) {	/* swap with the mailbox: another CPU frees ours */
				unsigned int slot = xorshift32(&rng) % STRESS_MAILBOX;

				theirs = __atomic_exchange_n(&mailbox[slot], held[k], __ATOMIC_ACQ_REL);
				if (theirs)
					sc->cross_frees++;
			} else {
				theirs = held[k];
			}
			if (theirs)
				obj_free(sc, theirs);
			held[k] = held[--n];
		} else {
			struct stress_obj *o = obj_alloc(sc, &rng, (cpu << 24) | (r & 0xffffff));

			if (o)
				held[n++] = o;
		}
	}
	if (cpu == stress_verify.cpu)
		WRITE_ONCE(stress_verify.done, true);
	while (n)
		obj_free(sc, held[--n]);
	return 0;
}

static unsigned int popcount(uint32_t v)
{
	return (unsigned int)__builtin_popcount(v);
}

static unsigned long slab_pages(void)
{
	return global_page_state(NR_SLAB_RECLAIMABLE) + global_page_state(NR_SLAB_UNRECLAIMABLE);
}

/* One line per CPU; returns the objects found corrupted or misclassed. */
static unsigned long print_cpu_results(void)
{
	unsigned long corruptions = 0;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct stress_cpu *sc = &kstress[cpu];

		if (!cpu_online(cpu))
			continue;
		printf("cpu%u: %lu objects, %lu freed by another cpu, classes %u/%u, "
		       "DMA classes %u/%u, %lu failed, %lu corrupted\n", cpu, sc->allocs,
		       sc->cross_frees, popcount(sc->classes), NR_CLASSES,
		       popcount(sc->dma_classes), DMA_MAX_CLASS + 1, sc->failures,
		       sc->corruptions);
		corruptions += sc->corruptions;
	}
	return corruptions;
}

struct stress_pages {
	unsigned long free, slab;
};

static struct stress_pages stress_pages_now(void)
{
	return (struct stress_pages){ global_page_state(NR_FREE_PAGES), slab_pages() };
}

/*
 * The measuring shrinks, never failed on purpose: SLUB's
 * kmem_cache_shrink() kmallocs its sort lists and, as 2.6.32, shrinks
 * nothing when that fails, which would count its slabs as pages lost.
 */
static void slabstress_shrink_all(void)
{
	fault_injection_hold();
	kmem_cache_shrink_all();
	fault_injection_release();
}

static int stress_report(struct stress_pages before, bool shrink)
{
	unsigned long corruptions = print_cpu_results();
	struct stress_pages after;

	if (shrink)
		slabstress_shrink_all();
	after = stress_pages_now();
	if (shrink)
		printf("after shrinking every cache: %lu free pages (%lu before)\n", after.free,
		       before.free);
	else
		printf("left to cache_reap: %lu slab pages (%lu before), %lu free pages (%lu before)\n",
		       after.slab, before.slab, after.free, before.free);
	if (stress_verify.on)
		printf("verify: %lu walks while the others ran, %lu errors\n", stress_verify.walks,
		       stress_verify.errors);
	if (shell_interrupted())
		return cmd_interrupted();
	if (stress_verify.errors)
		return cmd_error("verify found %lu errors during the run", stress_verify.errors);
	if (corruptions)
		return cmd_error("%lu objects were corrupted or of the wrong class", corruptions);
	if (shrink && after.free != before.free)
		return cmd_error("%ld pages did not come back to the buddy allocator",
				 (long)(before.free - after.free));
	return CMD_OK;
}

int do_slabstress(int argc, char **argv)
{
	uint32_t rounds = STRESS_DEFAULT;
	struct stress_pages before;
	bool shrink = true;
	unsigned long warm_failures;
	int ret;

	stress_verify = (typeof(stress_verify)){ .cpu = smp_processor_id() };
	for (; argc > 1; argc--) {
		if (!strcmp(argv[argc - 1], "noshrink") && shrink)
			shrink = false;
		else if (!strcmp(argv[argc - 1], "verify") && !stress_verify.on)
			stress_verify.on = true;
		else
			break;
	}
	if (argc > 2)
		return cmd_usage_error("slabstress: expected [ROUNDS] [noshrink] [verify]");
	if (argc == 2 && !cmd_parse_count("rounds", argv[1], STRESS_MAX, &rounds))
		return CMD_USAGE;
	warm_failures = warm_dma_classes();
	slabstress_shrink_all();
	before = stress_pages_now();
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		kstress[cpu] = (struct stress_cpu){ .rounds = rounds };
	kstress[smp_processor_id()].failures = warm_failures;
	ret = cmd_on_each_cpu(stress_cpu, NULL, "the run");
	/* objects handed over but not taken: freed here, even after a failed run */
	for (unsigned int slot = 0; slot < STRESS_MAILBOX; slot++) {
		struct stress_obj *o = __atomic_exchange_n(&mailbox[slot], NULL, __ATOMIC_ACQ_REL);

		if (o)
			obj_free(&kstress[smp_processor_id()], o);
	}
	return ret == CMD_OK ? stress_report(before, shrink) : ret;
}

/* ---- reap ---- */

#define REAP_SHARES_MAX 64	/* caches listed per CPU's pass */

/* One cache's share of a CPU's pass, for the lines under that CPU's. */
struct reap_share {
	const char *name;
	struct reap_stats rs;
};

struct reap_report {
	struct reap_stats total;
	struct reap_share shares[REAP_SHARES_MAX];
	unsigned int nshares, more;
};

static struct reap_report reaped[NR_CPUS];

/* Under cache_chain_lock on the reaping CPU: only record. */
static void note_share(struct kmem_cache *cachep, const struct reap_stats *share, void *arg)
{
	struct reap_report *r = arg;

	if (r->nshares == REAP_SHARES_MAX) {
		r->more++;
		return;
	}
	r->shares[r->nshares++] = (struct reap_share){ kmem_cache_name(cachep), *share };
}

static int reap_this_cpu(void *arg)
{
	struct reap_report *r = &reaped[smp_processor_id()];

	(void)arg;
	r->nshares = r->more = 0;
	cache_reap_now_each(&r->total, note_share, r);
	return 0;
}

static void print_reap_report(unsigned int cpu, const struct reap_report *r)
{
	const struct reap_stats *rs = &r->total;

	printf("cpu%u: %lu object%s back to their slabs, %lu slab%s (%lu page%s) to the "
	       "buddy allocator\n", cpu, rs->objects, rs->objects == 1 ? "" : "s",
	       rs->slabs, rs->slabs == 1 ? "" : "s", rs->pages, rs->pages == 1 ? "" : "s");
	for (unsigned int i = 0; i < r->nshares; i++) {
		rs = &r->shares[i].rs;
		printf("  %s: %lu object%s, %lu slab%s (%lu page%s)\n", r->shares[i].name,
		       rs->objects, rs->objects == 1 ? "" : "s", rs->slabs,
		       rs->slabs == 1 ? "" : "s", rs->pages, rs->pages == 1 ? "" : "s");
	}
	if (r->more)
		printf("  and %u more cache%s\n", r->more, r->more == 1 ? "" : "s");
}

static int reap_auto(int argc, char **argv)
{
	if (argc != 3 || (strcmp(argv[2], "on") != 0 && strcmp(argv[2], "off") != 0))
		return cmd_usage_error("reap auto: expected on or off");
	slab_set_reap_auto(argv[2][1] == 'n');
	printf("automatic reaping is %s\n", slab_reap_auto() ? "on" : "off");
	return CMD_OK;
}

/*
 * One cache_reap() pass on each online CPU, one CPU after the other (so
 * each line is that CPU's doing), exactly as its timer would run it.
 */
int do_reap(int argc, char **argv)
{
#if defined(CONFIG_SLUB) && CONFIG_SLUB
	return cmd_error("SLUB has no cache reaper: no per-CPU arrays to drain, and a slab "
			 "goes back to the page allocator when its last object is freed ('cache "
			 "shrink' flushes the CPU slabs)");
#endif
	if (argc > 1)
		return strcmp(argv[1], "auto") == 0 ? reap_auto(argc, argv) :
		       cmd_usage_error("reap: unknown argument '%s'", argv[1]);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!cpu_online(cpu))
			continue;
		if (smp_call_on_cpu(cpu, reap_this_cpu, NULL) != 0)
			return cmd_error("cpu%u stopped during the reap", cpu);
		print_reap_report(cpu, &reaped[cpu]);
	}
	printf("automatic reaping is %s\n", slab_reap_auto() ? "on" : "off");
	return CMD_OK;
}
