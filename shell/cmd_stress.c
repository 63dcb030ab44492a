/*
 * cmd_stress.c - stress [OPS] [CACHES] [SEED] [corrupt]: every path of
 * the slab allocator at once, on every online CPU, then proof that
 * nothing was lost or corrupted.
 *
 * The run.  Every cache is shrunk and the buddy allocator's free pages
 * and the detectors' report count (slab_error_count()) are noted.  Then
 * CACHES stress caches are created (stress_specs[]: sizes 8 to 4096,
 * with and without SLAB_HWCACHE_ALIGN, one with a constructor, one with
 * red zones and poisoning so the detectors run in every image) and each
 * online CPU runs OPS operations at once (schedule_on_each_cpu, thread
 * context, interrupts on), each picked by the CPU's op stream
 * (shell/stress_core.h): allocate from a stress cache, kmalloc a random
 * size, free a held object, hand one to another CPU to free, shrink a
 * stress cache, retune one (slabinfo_write(), as the slabinfo command
 * does), or create a private cache, use it and destroy it.  Every 32
 * operations the CPU serves its deferred work, so each CPU's periodic
 * reaper runs meanwhile (it is never held off).
 *
 * The pattern.  Every object is filled with stress_fill() at allocation
 * (its address and its cache's tag) and checked with stress_check()
 * just before it is freed, by whichever CPU frees it; a constructor
 * cache's objects must also hold the constructor's pattern when handed
 * out, and get it back before they are freed (as Linux asks of callers).
 * A mismatch is counted, and the first STRESS_BAD_MAX are recorded and
 * printed at the end: the object, its cache, the offset, the byte
 * expected and the byte found.  'corrupt' flips one byte of the first
 * object the command's CPU allocates from a stress cache, and the first
 * byte after the first object it allocates from the red-zoned cache
 * (its red zone 2), to show that the pattern check and the detectors
 * catch them: the run must then count exactly one mismatch and one
 * detector report (the object SLAB's detector quarantines goes with its
 * cache at the end; SLUB keeps it allocated, as Linux does, and it is
 * freed once more: refree_damaged()).
 *
 * Cross-CPU frees.  ring[dst][src] is a single-producer single-consumer
 * ring: only CPU src writes its head and slots, only CPU dst its tail
 * (release/acquire on both).  A CPU drains its incoming rings before each
 * operation; a full ring means the object is freed where it is.  What is
 * left in the rings when the CPUs are done is freed by the command's CPU.
 *
 * The end.  Every held and queued object is freed, the stress caches are
 * destroyed, every cache is shrunk (both shrinks with the fault injectors
 * held: stress_shrink_all()), the whole allocator is verified
 * (kmem_cache_verify(), as the verify command) and the free pages must
 * be exactly what they were.  Ctrl-C stops every CPU early; the end is
 * the same.  Bad arguments are refused before anything is touched.
 *
 * Per-CPU rules, no locks: stress_cpus[cpu] is written only by its CPU
 * during the run and read by the command's CPU once schedule_on_each_cpu
 * has returned; run is set up by the command's CPU before the run and
 * only read during it, except the mismatch count (atomic) and the record
 * slot that count hands out, and corrupt_cpu/redzone_cpu, which only
 * their own CPU clears; redzone_obj is written by the command's CPU
 * before the object can reach another CPU (the ring's release orders
 * it), refreed by the one CPU that frees that object.  The rings are as
 * above.  The allocator takes its
 * own locks; nothing here is held across an allocator call.
 */
#include <stdio.h>
#include <string.h>
#include "boot/cpu.h"
#include "shell/commands.h"
#include "shell/shell.h"
#include "shell/stress_core.h"
#include "cache.h"
#include "mm/fault_inject.h"
#include "mm/mmzone.h"
#include "mm/slab.h"
#include "mm/slab_inspect.h"
#include "smp.h"

#define STRESS_OPS_DEFAULT	10000
#define STRESS_OPS_MAX		100000000
#define STRESS_SEED_DEFAULT	1
#define STRESS_HELD		32	/* objects a CPU holds at most */
#define STRESS_RING		16	/* slots of each CPU pair's ring */
#define STRESS_YIELD_EVERY	32	/* ops between two services of deferred work */
#define STRESS_BAD_MAX		8	/* mismatches recorded for the report */
#define STRESS_PRIVATE_OBJS	8	/* a private cache's objects at most */
#define STRESS_CREATE_TRIES	16	/* kmem_cache_create calls per stress cache */
#define STRESS_KMALLOC_TAG	0x4b4du
#define STRESS_PRIVATE_TAG	0x5052u
#define STRESS_CTOR_TAG		0x43544fu

struct stress_spec {
	const char *name;
	size_t size;
	unsigned long flags;
	bool ctor;
};

static void stress_ctor(struct kmem_cache *cachep, void *objp);

/* The stress caches, the first CACHES of them. */
static const struct stress_spec stress_specs[] = {
	{ "stress-8", 8, 0, false },
	{ "stress-24-hw", 24, SLAB_HWCACHE_ALIGN, false },
	{ "stress-100", 100, 0, false },
	{ "stress-192-ctor", 192, 0, true },
	{ "stress-500-hw", 500, SLAB_HWCACHE_ALIGN, false },
	{ "stress-1000-debug", 1000, SLAB_RED_ZONE | SLAB_POISON, false },
	{ "stress-2048", 2048, 0, false },
	{ "stress-4096-hw", 4096, SLAB_HWCACHE_ALIGN, false },
};
#define STRESS_CACHES_MAX (sizeof(stress_specs) / sizeof(stress_specs[0]))
/* The red-zoned one: 1000 is a multiple of 8, so red zone 2 follows the caller's bytes. */
#define STRESS_REDZONE_CACHE 5

/* Each CPU's private cache, created and destroyed by STRESS_PRIVATE. */
static const char *const private_names[NR_CPUS] = { "stress-cpu0", "stress-cpu1",
						    "stress-cpu2", "stress-cpu3" };

/* The tunables a retune picks from: Linux's checks hold for each. */
static const struct { int limit, batchcount, shared; } stress_tunes[] = {
	{ 1, 1, 0 }, { 8, 4, 0 }, { 16, 8, 1 }, { 32, 16, 2 }, { 60, 30, 8 }, { 120, 60, 8 },
};

/* A held object; cache is an index in stress_specs, or -1 for kmalloc. */
struct stress_obj {
	void *objp;
	uint32_t size;
	int cache;
};

/* Written by its own CPU only, read by the command's CPU once all are done. */
struct stress_cpu {
	uint32_t op_rng, arg_rng;
	unsigned long ops[NR_STRESS_OPS];
	unsigned long freed_for_others, failed, reaps;
	struct stress_obj held[STRESS_HELD];
	unsigned int nheld;
} ____cacheline_aligned;

/* ring[dst][src]: head written by src only, tail by dst only. */
struct stress_ring {
	uint32_t head;
	uint32_t tail;
	struct stress_obj slot[STRESS_RING];
} ____cacheline_aligned;

struct stress_bad {
	const void *objp;
	const char *cache;
	unsigned int cpu;
	struct stress_mismatch m;
	bool ctor;		/* found at allocation: not the constructor's state */
};

/* One run at a time: the shell runs one command at a time. */
static struct {
	uint32_t ops, seed;
	unsigned int ncaches;
	unsigned int corrupt_cpu;	/* NR_CPUS: no corruption asked for */
	unsigned int redzone_cpu;	/* the same, for the red zone */
	void *redzone_obj;		/* the object whose red zone it damaged */
	void *refreed;			/* SLUB: that object, freed twice (refree_damaged) */
	struct kmem_cache *caches[STRESS_CACHES_MAX];
	unsigned long mismatches;	/* atomic */
	struct stress_bad bad[STRESS_BAD_MAX];
} run;

static struct stress_cpu stress_cpus[NR_CPUS];
static struct stress_ring ring[NR_CPUS][NR_CPUS];

static void stress_ctor(struct kmem_cache *cachep, void *objp)
{
	stress_fill(objp, kmem_cache_size(cachep), STRESS_CTOR_TAG);
}

static uint32_t obj_tag(int cache)
{
	return cache < 0 ? STRESS_KMALLOC_TAG : 0x53540000u | (uint32_t)cache;
}

static const char *obj_cache_name(const struct stress_obj *o)
{
	struct kmem_cache *cachep;

	if (o->cache >= 0)
		return stress_specs[o->cache].name;
	cachep = kmem_cache_of(o->objp);
	return cachep ? kmem_cache_name(cachep) : "?";
}

static void note_mismatch(const struct stress_obj *o, const struct stress_mismatch *m,
			  bool ctor)
{
	unsigned long n = __atomic_fetch_add(&run.mismatches, 1, __ATOMIC_RELAXED);

	if (n < STRESS_BAD_MAX)
		run.bad[n] = (struct stress_bad){ o->objp, obj_cache_name(o), smp_processor_id(),
						  *m, ctor };
}

static void obj_check(const struct stress_obj *o, uint32_t tag, bool ctor)
{
	struct stress_mismatch m;

	if (!stress_check(o->objp, o->size, tag, &m))
		note_mismatch(o, &m, ctor);
}

/*
 * The free of the object whose red zone 'corrupt' damaged has just been
 * reported.  SLAB quarantines such an object (it goes with its cache);
 * SLUB's free_debug_processing() (2.6.32) restores the red zone ("FIX
 * ...: Restoring") and does not free it: the object stays allocated, and
 * would stay in the stress cache, whose destroy then refuses ("Objects
 * remaining on kmem_cache_close()") and loses its slab.  Its red zone is
 * whole now, so the second free is a clean one; were the first not
 * refused, this one would be a double free, reported, and the run would
 * fail.  Any CPU may free it; only that one writes run.refreed.  The mark
 * goes first: once freed, the address may be handed out again, and its
 * next holder's free is an ordinary one.
 */
static void refree_damaged(struct stress_obj *o)
{
	__atomic_store_n(&run.redzone_obj, NULL, __ATOMIC_RELAXED);
#if defined(CONFIG_SLUB) && CONFIG_SLUB
	kmem_cache_free(run.caches[o->cache], o->objp);
	run.refreed = o->objp;
#else
	(void)o;
#endif
}

/* Check, give a constructor cache's object its constructed state back, free. */
static void obj_free(struct stress_obj *o)
{
	obj_check(o, obj_tag(o->cache), false);
	if (o->cache < 0) {
		kfree(o->objp);
		return;
	}
	if (stress_specs[o->cache].ctor)
		stress_fill(o->objp, o->size, STRESS_CTOR_TAG);
	kmem_cache_free(run.caches[o->cache], o->objp);
	if (o->objp == __atomic_load_n(&run.redzone_obj, __ATOMIC_RELAXED))
		refree_damaged(o);
}

/* A new object: the constructor's state checked, then the pattern. */
static void obj_start(struct stress_cpu *sc, struct stress_obj *o)
{
	unsigned int self = smp_processor_id();

	if (o->cache >= 0 && stress_specs[o->cache].ctor)
		obj_check(o, STRESS_CTOR_TAG, true);
	stress_fill(o->objp, o->size, obj_tag(o->cache));
	if (o->cache >= 0 && run.corrupt_cpu == self) {
		((uint8_t *)o->objp)[o->size / 2] ^= 0xff;	/* 'corrupt': once */
		run.corrupt_cpu = NR_CPUS;
	} else if (o->cache == STRESS_REDZONE_CACHE && run.redzone_cpu == self) {
		((uint8_t *)o->objp)[o->size] ^= 0xff;		/* red zone 2's first byte */
		run.redzone_cpu = NR_CPUS;
		/* before another CPU can have it: the ring's release orders it */
		__atomic_store_n(&run.redzone_obj, o->objp, __ATOMIC_RELAXED);
	}
	sc->held[sc->nheld++] = *o;
}

static struct stress_obj take_held(struct stress_cpu *sc)
{
	unsigned int k = stress_rand(&sc->arg_rng) % sc->nheld;
	struct stress_obj o = sc->held[k];

	sc->held[k] = sc->held[--sc->nheld];
	return o;
}

/* Room for one more held object: a full hand frees one first. */
static void make_room(struct stress_cpu *sc)
{
	if (sc->nheld == STRESS_HELD) {
		struct stress_obj o = take_held(sc);

		obj_free(&o);
	}
}

static void op_alloc(struct stress_cpu *sc)
{
	int cache = (int)(stress_rand(&sc->arg_rng) % run.ncaches);
	struct stress_obj o = { NULL, (uint32_t)stress_specs[cache].size, cache };

	make_room(sc);
	o.objp = kmem_cache_alloc(run.caches[cache], GFP_KERNEL | __GFP_NOWARN);
	if (!o.objp) {
		sc->failed++;
		return;
	}
	obj_start(sc, &o);
}

static void op_kmalloc(struct stress_cpu *sc)
{
	uint32_t r1 = stress_rand(&sc->arg_rng), r2 = stress_rand(&sc->arg_rng);
	struct stress_obj o = { NULL, (uint32_t)stress_kmalloc_size(r1, r2), -1 };

	make_room(sc);
	o.objp = kmalloc(o.size, GFP_KERNEL | __GFP_NOWARN);
	if (!o.objp) {
		sc->failed++;
		return;
	}
	obj_start(sc, &o);
}

static void op_free(struct stress_cpu *sc)
{
	struct stress_obj o;

	if (!sc->nheld)
		return;
	o = take_held(sc);
	obj_free(&o);
}

/* Another online CPU than this one, or this one if it is alone. */
static unsigned int pick_other_cpu(struct stress_cpu *sc, unsigned int self)
{
	unsigned int n = stress_rand(&sc->arg_rng) % NR_CPUS;

	for (unsigned int i = 1; i <= NR_CPUS; i++) {
		unsigned int cpu = (self + n + i) % NR_CPUS;

		if (cpu != self && cpu_online(cpu))
			return cpu;
	}
	return self;
}

static bool ring_push(struct stress_ring *r, const struct stress_obj *o)
{
	uint32_t head = r->head;

	if (head - __atomic_load_n(&r->tail, __ATOMIC_ACQUIRE) == STRESS_RING)
		return false;
	r->slot[head % STRESS_RING] = *o;
	__atomic_store_n(&r->head, head + 1, __ATOMIC_RELEASE);
	return true;
}

static bool ring_pop(struct stress_ring *r, struct stress_obj *o)
{
	uint32_t tail = r->tail;

	if (tail == __atomic_load_n(&r->head, __ATOMIC_ACQUIRE))
		return false;
	*o = r->slot[tail % STRESS_RING];
	__atomic_store_n(&r->tail, tail + 1, __ATOMIC_RELEASE);
	return true;
}

static void op_pass(struct stress_cpu *sc, unsigned int self)
{
	unsigned int dst = pick_other_cpu(sc, self);
	struct stress_obj o;

	if (!sc->nheld)
		return;
	o = take_held(sc);
	if (dst == self || !ring_push(&ring[dst][self], &o))
		obj_free(&o);
}

/* Free what the other CPUs handed to @cpu; returns how many. */
static unsigned long drain_rings(unsigned int cpu)
{
	unsigned long n = 0;
	struct stress_obj o;

	for (unsigned int src = 0; src < NR_CPUS; src++)
		while (ring_pop(&ring[cpu][src], &o)) {
			obj_free(&o);
			n++;
		}
	return n;
}

static void op_shrink(struct stress_cpu *sc)
{
	kmem_cache_shrink(run.caches[stress_rand(&sc->arg_rng) % run.ncaches]);
}

static void op_tune(struct stress_cpu *sc)
{
	unsigned int cache = stress_rand(&sc->arg_rng) % run.ncaches;
	unsigned int t = stress_rand(&sc->arg_rng) % (sizeof(stress_tunes) /
						      sizeof(stress_tunes[0]));

#if defined(CONFIG_SLUB) && CONFIG_SLUB
	/* SLUB has no arrays to tune: the op draws its numbers (the same sequence) and does nothing */
	(void)cache;
	(void)t;
	return;
#endif
	if (slabinfo_write(stress_specs[cache].name, stress_tunes[t].limit,
			   stress_tunes[t].batchcount, stress_tunes[t].shared) != 0)
		sc->failed++;
}

/* Create a cache of this CPU's own, fill and check a few objects, destroy it. */
static void op_private(struct stress_cpu *sc, unsigned int self)
{
	size_t size = 16 + stress_rand(&sc->arg_rng) % 2033;
	unsigned long flags = stress_rand(&sc->arg_rng) & 1 ? SLAB_HWCACHE_ALIGN : 0;
	unsigned int n = 1 + stress_rand(&sc->arg_rng) % STRESS_PRIVATE_OBJS;
	struct kmem_cache *cachep = kmem_cache_create(private_names[self], size, 0, flags, NULL);
	void *objs[STRESS_PRIVATE_OBJS];
	struct stress_mismatch m;

	if (!cachep) {
		sc->failed++;
		return;
	}
	for (unsigned int i = 0; i < n; i++)
		if ((objs[i] = kmem_cache_alloc(cachep, GFP_KERNEL | __GFP_NOWARN)) != NULL)
			stress_fill(objs[i], size, STRESS_PRIVATE_TAG);
		else
			sc->failed++;
	for (unsigned int i = 0; i < n; i++) {
		if (!objs[i])
			continue;
		if (!stress_check(objs[i], size, STRESS_PRIVATE_TAG, &m))
			note_mismatch(&(struct stress_obj){ objs[i], (uint32_t)size, -1 }, &m,
				      false);
		kmem_cache_free(cachep, objs[i]);
	}
	kmem_cache_destroy_name(cachep, private_names[self]);	/* merged: ours only */
}

static void run_op(struct stress_cpu *sc, unsigned int self, enum stress_op op)
{
	switch (op) {
	case STRESS_ALLOC:
		op_alloc(sc);
		break;
	case STRESS_KMALLOC:
		op_kmalloc(sc);
		break;
	case STRESS_FREE:
		op_free(sc);
		break;
	case STRESS_PASS:
		op_pass(sc, self);
		break;
	case STRESS_SHRINK:
		op_shrink(sc);
		break;
	case STRESS_TUNE:
		op_tune(sc);
		break;
	default:
		op_private(sc, self);
		break;
	}
	sc->ops[op]++;
}

static bool always(void *arg)
{
	(void)arg;
	return true;
}

/* Run this CPU's deferred work: the reaper's pass, if its timer fired. */
static void serve_reaper(struct stress_cpu *sc, unsigned int self)
{
	unsigned long in;

	if (slab_reap_next(self, &in) == SLAB_REAP_DUE)
		sc->reaps++;
	cpu_wait_event(always, NULL);
}

static int stress_cpu(void *arg)
{
	unsigned int self = smp_processor_id();
	struct stress_cpu *sc = &stress_cpus[self];

	(void)arg;
	for (uint32_t i = 0; i < run.ops && !shell_interrupted(); i++) {
		sc->freed_for_others += drain_rings(self);
		run_op(sc, self, stress_pick_op(stress_rand(&sc->op_rng)));
		if (i % STRESS_YIELD_EVERY == STRESS_YIELD_EVERY - 1)
			serve_reaper(sc, self);
	}
	while (sc->nheld)
		op_free(sc);
	return 0;
}

static bool stress_caches_create(void)
{
	for (unsigned int i = 0; i < run.ncaches; i++) {
		const struct stress_spec *s = &stress_specs[i];

		/* tries: injected faults (fault slab ...) may fail a few creations */
		for (unsigned int try = 0; try < STRESS_CREATE_TRIES && !run.caches[i]; try++)
			run.caches[i] = kmem_cache_create(s->name, s->size, 0, s->flags,
							  s->ctor ? stress_ctor : NULL);
		if (!run.caches[i])
			return false;
	}
	return true;
}

static void stress_caches_destroy(void)
{
	for (unsigned int i = 0; i < run.ncaches; i++) {
		if (run.caches[i])
			kmem_cache_destroy_name(run.caches[i], stress_specs[i].name);
		run.caches[i] = NULL;
	}
}

/* One line per CPU: each op's count (fixed by the seed), then what timing made. */
static unsigned long print_cpu(unsigned int cpu, const struct stress_cpu *sc)
{
	unsigned long total = 0;

	printf("cpu%u:", cpu);
	for (unsigned int op = 0; op < NR_STRESS_OPS; op++) {
		printf(" %s %lu", stress_op_name[op], sc->ops[op]);
		total += sc->ops[op];
	}
	printf(" = %lu ops; %lu freed for other cpus, %lu failed, %lu reaper passes\n", total,
	       sc->freed_for_others, sc->failed, sc->reaps);
	return total;
}

static void print_mismatches(void)
{
	unsigned long n = run.mismatches;

	for (unsigned long i = 0; i < n && i < STRESS_BAD_MAX; i++) {
		const struct stress_bad *b = &run.bad[i];

		printf("mismatch: cpu%u cache '%s' object 0x%08lx +%lu: expected 0x%02x, "
		       "got 0x%02x%s\n", b->cpu, b->cache, (unsigned long)(uintptr_t)b->objp,
		       (unsigned long)b->m.offset, b->m.expected, b->m.got,
		       b->ctor ? " (not the constructor's state when allocated)" : "");
	}
	if (n > STRESS_BAD_MAX)
		printf("mismatch: and %lu more\n", n - STRESS_BAD_MAX);
}

struct stress_totals {
	unsigned long pages, reports;
};

static struct stress_totals totals_now(void)
{
	return (struct stress_totals){ global_page_state(NR_FREE_PAGES), slab_error_count() };
}

static int stress_report(struct stress_totals before, bool created)
{
	unsigned long ops = 0, online = 0, verify_errors;
	struct stress_totals after = totals_now();
	struct slab_verify_result res;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu_online(cpu)) {
			ops += print_cpu(cpu, &stress_cpus[cpu]);
			online++;
		}
	printf("total: %lu ops on %lu cpus\n", ops, online);
	print_mismatches();
	if (run.refreed)
		printf("%s: SLUB kept object 0x%08lx, whose free failed its checks; freed again, "
		       "its red zone restored\n", stress_specs[STRESS_REDZONE_CACHE].name,
		       (unsigned long)(uintptr_t)run.refreed);
	printf("pattern mismatches: %lu\n", run.mismatches);
	printf("detector reports: %lu\n", after.reports - before.reports);
	verify_errors = kmem_cache_verify(NULL, &res);
	if (verify_errors == 0)
		printf("verify: OK (%lu caches, %lu slabs, %lu objects)\n", res.caches, res.slabs,
		       res.objects);
	else
		printf("verify: %lu error%s\n", res.errors, res.errors == 1 ? "" : "s");
	printf("pages before=%lu after=%lu\n", before.pages, after.pages);
	if (!created)
		return cmd_error("stress: cannot create the stress caches: out of memory");
	if (shell_interrupted())
		return cmd_interrupted();
	if (run.mismatches || after.reports != before.reports || verify_errors ||
	    after.pages != before.pages)
		return cmd_error("stress: %lu mismatches, %lu detector reports, %lu verify errors, "
				 "%ld pages lost", run.mismatches, after.reports - before.reports,
				 verify_errors, (long)(before.pages - after.pages));
	return CMD_OK;
}

static void stress_reset(uint32_t ops, unsigned int ncaches, uint32_t seed, bool corrupt)
{
	memset(&run, 0, sizeof(run));
	memset(stress_cpus, 0, sizeof(stress_cpus));
	memset(ring, 0, sizeof(ring));
	run.ops = ops;
	run.ncaches = ncaches;
	run.seed = seed;
	run.corrupt_cpu = corrupt ? smp_processor_id() : NR_CPUS;
	run.redzone_cpu = run.corrupt_cpu;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		stress_cpus[cpu].op_rng = stress_stream(seed, cpu, 0);
		stress_cpus[cpu].arg_rng = stress_stream(seed, cpu, 1);
	}
}

/* A cache of one of our names (the user's, or one a refused destroy left): its name. */
static const char *name_taken(unsigned int ncaches)
{
		for (unsigned int i = 0; i < ncaches; i++)
		if (kmem_cache_find(stress_specs[i].name))
			return stress_specs[i].name;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (kmem_cache_find(private_names[cpu]))
			return private_names[cpu];
	return NULL;
}

/*
 * The measuring shrinks, before and after: never failed on purpose.
 * SLUB's kmem_cache_shrink() kmallocs its sort lists and, as 2.6.32,
 * shrinks nothing when that fails, so under `fault` a failed baseline
 * shrink would count slabs it left as pages "lost" or found.
 */
static void stress_shrink_all(void)
{
	fault_injection_hold();
	kmem_cache_shrink_all();
	fault_injection_release();
}

static int stress_run(uint32_t ops, unsigned int ncaches, uint32_t seed, bool corrupt)
{
	struct stress_totals before;
	bool created;
	int ret = CMD_OK;

	printf("stress: seed %lu, %u cpus x %lu ops, %u caches%s\n", (unsigned long)seed,
	       num_online_cpus(), (unsigned long)ops, ncaches, corrupt ? ", corrupt" : "");
	stress_shrink_all();
	before = totals_now();
	stress_reset(ops, ncaches, seed, corrupt);
	created = stress_caches_create();
	if (created)
		ret = cmd_on_each_cpu(stress_cpu, NULL, "the run");
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		stress_cpus[cpu].freed_for_others += drain_rings(cpu);
	stress_caches_destroy();
	stress_shrink_all();
	return ret == CMD_OK ? stress_report(before, created) : ret;
}

int do_stress(int argc, char **argv)
{
	uint32_t ops = STRESS_OPS_DEFAULT, ncaches = STRESS_CACHES_MAX, seed = STRESS_SEED_DEFAULT;
	bool corrupt = argc > 1 && strcmp(argv[argc - 1], "corrupt") == 0;

	if (corrupt)
		argc--;
	if (argc > 4)
		return cmd_usage_error("stress: expected [OPS] [CACHES] [SEED] [corrupt]");
	if (argc > 1 && !cmd_parse_count("ops", argv[1], STRESS_OPS_MAX, &ops))
		return CMD_USAGE;
	if (argc > 2 && !cmd_parse_count("caches", argv[2], STRESS_CACHES_MAX, &ncaches))
		return CMD_USAGE;
	if (argc > 3 && !cmd_parse_u32("seed", argv[3], UINT32_MAX, &seed))
		return CMD_USAGE;
	if (name_taken(ncaches))
		return cmd_error("stress: a cache named '%s' exists already", name_taken(ncaches));
	return stress_run(ops, ncaches, seed, corrupt);
}
