/*
 * selftest_xcpu.c - the selftest's "xcpu" suite: objects allocated on
 * one CPU and freed on another.
 *
 * A free on another CPU puts the object in that CPU's array; from there
 * it flushes to the shared array or its slab, where the allocating CPU
 * may find it again.  The cases go through every ordered pair of online
 * CPUs, one pair at a time, with plain and debug caches, and through all
 * CPUs at once, each freeing its neighbour's objects; afterwards the
 * counts must add up and a shrink must leave the cache without a slab.
 * A double free across CPUs must be caught like one on a single CPU.
 * Each case needs two CPUs; on one it is skipped, not passed.
 */
#include "shell/selftest_slab.h"

#define PAIR_OBJS       150	/* more than a 128-byte cache's limit: flushes */
#define CONCURRENT_OBJS 200

static struct slab_event journal[SLAB_JOURNAL_SIZE];

static unsigned int next_online(unsigned int cpu)
{
	do
		cpu = (cpu + 1) % NR_CPUS;
	while (!cpu_online(cpu));
	return cpu;
}

/* After every object came back: the counts add up and a shrink empties the cache. */
static void check_all_back(struct selftest *t, struct kmem_cache *c, long objects)
{
	struct kmem_cache_info info = st_info(c);
	struct node_info ni;

	ST_CHECK_EQ(t, info.allochit + info.allocmiss, objects);
	ST_CHECK_EQ(t, info.freehit + info.freemiss, objects);
	ST_CHECK_EQ(t, info.errors, 0);
	kmem_cache_shrink(c);
	ni = st_node(c);
	ST_CHECK_EQ(t, st_info(c).num_active, 0);
	ST_CHECK_EQ(t, st_slabs(c), 0);
	ST_CHECK_EQ(t, ni.free_objects, 0);
	ST_CHECK_EQ(t, ni.shared_avail, 0);
	ST_CHECK_EQ(t, st_arrays_avail(c), 0);
}

/* For every ordered pair (a, b) of online CPUs: a allocates, b frees. */
static long every_pair(struct selftest *t, struct kmem_cache *c)
{
	struct st_share sh = st_share(t, c, PAIR_OBJS);
	long objects = 0;

	st_rows_clear();
	for (unsigned int a = 0; a < NR_CPUS; a++) {
		for (unsigned int b = 0; b < NR_CPUS; b++) {
			if (a == b || !cpu_online(a) || !cpu_online(b))
				continue;
			sh.row[b] = a;
			if (!ST_ON_CPU(t, a, st_alloc_share, &sh) ||
			    !ST_ON_CPU(t, b, st_free_share, &sh))
				return objects;
			objects += PAIR_OBJS;
		}
	}
	return objects;
}

static void xcpu_pairs(struct selftest *t)
{
	struct kmem_cache *c = st_cache_create(t, "st_pairs", 128, 0, 0, NULL);

	if (!c)
		return;
	check_all_back(t, c, every_pair(t, c));
	st_cache_destroy(t, c);
}

struct one_obj {
	struct kmem_cache *cachep;
	void *objp;
};

static int alloc_one(void *arg)
{
	struct one_obj *o = arg;

	o->objp = kmem_cache_alloc(o->cachep, GFP_KERNEL);
	return o->objp ? 0 : -1;
}

static int free_one(void *arg)
{
	struct one_obj *o = arg;

	kmem_cache_free(o->cachep, o->objp);
	return 0;
}

/* The journal's newest alloc or free of @objp before event @before, or -1. */
static int last_use(const void *objp, int before)
{
	for (int i = before - 1; i >= 0; i--)
		if (journal[i].obj == objp &&
		    (journal[i].type == SLAB_EV_ALLOC || journal[i].type == SLAB_EV_FREE))
			return i;
	return -1;
}

/* One object allocated on @a and freed on @b: the journal names both CPUs. */
static void check_journal(struct selftest *t, struct kmem_cache *c, unsigned int a,
			  unsigned int b)
{
	struct one_obj o = { c, NULL };
	int n, freed, alloced;

	if (!ST_ON_CPU(t, a, alloc_one, &o) || !ST_ON_CPU(t, b, free_one, &o))
		return;
	n = (int)kmem_cache_journal(c, journal, SLAB_JOURNAL_SIZE);
	freed = last_use(o.objp, n);
	alloced = freed > 0 ? last_use(o.objp, freed) : -1;
	ST_CHECK(t, freed >= 0 && journal[freed].type == SLAB_EV_FREE &&
		 journal[freed].cpu == b && alloced >= 0 &&
		 journal[alloced].type == SLAB_EV_ALLOC && journal[alloced].cpu == a,
		 "the journal does not show 0x%08lx allocated on cpu%u and freed on cpu%u",
		 (unsigned long)o.objp, a, b);
}

/*
 * The same with red zones, poison and the last user: moving between CPUs
 * must not trip a detector, and the journal tells the two CPUs apart.
 */
static void xcpu_debug_pairs(struct selftest *t)
{
	struct kmem_cache *c = st_cache_create(t, "st_pairs_debug", 128, 0,
					       SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER,
					       NULL);
	unsigned int first = next_online(NR_CPUS - 1);

	if (!c)
		return;
	check_all_back(t, c, every_pair(t, c));
	check_journal(t, c, first, next_online(first));
	check_journal(t, c, next_online(first), first);
	ST_CHECK_EQ(t, st_info(c).errors, 0);
	st_cache_destroy(t, c);
}

/*
 * All CPUs at once allocate; then all at once free the next CPU's
 * objects.  The cache's flags are the case's parameter: plain, and with
 * every debug flag (the checks and the journal on every CPU at once).
 */
static void xcpu_concurrent(struct selftest *t)
{
	const unsigned long *flags = t->param;
	struct kmem_cache *c = st_cache_create(t, *flags ? "st_concurrent_debug" : "st_concurrent",
					       96, 0, *flags, NULL);
	struct st_share sh = st_share(t, c, CONCURRENT_OBJS);

	if (!c)
		return;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu_online(cpu))
			sh.row[cpu] = next_online(cpu);
	st_rows_clear();
	if (ST_ON_EACH_CPU(t, st_alloc_share, &sh))
		st_rows_distinct(t);
	ST_ON_EACH_CPU(t, st_free_share, &sh);
	check_all_back(t, c, (long)num_online_cpus() * CONCURRENT_OBJS);
	st_cache_destroy(t, c);
}

struct empty_arg {
	struct selftest *t;
	struct kmem_cache *cachep;
	const void *bad;
};

static int empty_here(void *arg)
{
	struct empty_arg *e = arg;

	st_empty_cache(e->t, e->cachep, e->bad);
	return 0;
}

/*
 * Freed on one CPU, freed again on another: the red zones say so
 * (1 report), and the object, still in the first CPU's array, is never
 * handed out there again.
 */
static void xcpu_double_free(struct selftest *t)
{
	struct kmem_cache *c = st_cache_create(t, "st_xcpu_double", 32, 0, SLAB_RED_ZONE, NULL);
	unsigned int a = next_online(NR_CPUS - 1), b = next_online(a);
	struct one_obj o = { c, NULL };
	struct empty_arg e = { t, c, NULL };
	struct kmem_cache_info info;

	if (!c)
		return;
	if (ST_ON_CPU(t, a, alloc_one, &o) && ST_ON_CPU(t, a, free_one, &o)) {
		selftest_mute_reports(t);
		ST_ON_CPU(t, b, free_one, &o);
		info = st_info(c);
		ST_CHECK_EQ(t, info.errors, 1);
		ST_CHECK_EQ(t, info.quarantined, 1);
		e.bad = o.objp;
		ST_ON_CPU(t, a, empty_here, &e);
		ST_ON_CPU(t, b, empty_here, &e);
		ST_CHECK_EQ(t, st_info(c).errors, 1);
	}
	st_cache_destroy(t, c);
}

/* ---- retuning and shrinking a busy cache ---- */

#define BUSY_RETUNES 4
#define BUSY_OBJS    100

struct busy {
	struct st_share sh;
	unsigned int tuner;		/* the case's CPU */
	atomic_t started;		/* the other CPUs at work */
	atomic_t retunes;		/* done by the tuner */
	unsigned long rounds[NR_CPUS];	/* each other CPU's */
};

/*
 * The case's CPU: once every other CPU is at work, retune the cache
 * (each retune swaps every CPU's array, through an IPI) and shrink it,
 * BUSY_RETUNES times.
 */
static int busy_tune(struct busy *b)
{
	static const int sets[][3] = { { 8, 4, 2 }, { 120, 60, 8 }, { 1, 1, 0 }, { 32, 7, 1 } };
	const char *name = kmem_cache_name(b->sh.cachep);
	int others = (int)num_online_cpus() - 1;

	while (atomic_read(&b->started) < others)
		;
	for (unsigned int i = 0; i < BUSY_RETUNES; i++) {
		const int *tu = sets[i % 4];

		ST_CHECK_EQ(b->sh.t, slabinfo_write(name, tu[0], tu[1], tu[2]), 0);
		kmem_cache_shrink(b->sh.cachep);
		atomic_inc(&b->retunes);
	}
	return 0;
}

/* The other CPUs: allocate and free rounds until the tuner is done. */
static int busy_share(void *arg)
{
	struct busy *b = arg;
	unsigned int cpu = smp_processor_id();

	if (cpu == b->tuner)
		return busy_tune(b);
	atomic_inc(&b->started);
	do {
		st_alloc_share(&b->sh);
		st_free_share(&b->sh);
		b->rounds[cpu]++;
	} while (atomic_read(&b->retunes) < BUSY_RETUNES);
	return 0;
}

/*
 * The other CPUs allocate and free while this one retunes the cache
 * under them and shrinks it: no object may be lost or handed out twice
 * (the stamps), and the counts must add up.
 */
static void xcpu_tune_while_busy(struct selftest *t)
{
	static struct busy b;
	struct kmem_cache *c = st_cache_create(t, "st_busy", 64, 0, 0, NULL);
	long objects = 0;

	if (!c)
		return;
	b = (struct busy){ .sh = st_share(t, c, BUSY_OBJS),
			   .tuner = smp_processor_id() };
	st_rows_clear();
	ST_ON_EACH_CPU(t, busy_share, &b);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		objects += (long)b.rounds[cpu] * BUSY_OBJS;
	check_all_back(t, c, objects);
	st_cache_destroy(t, c);
}

static const unsigned long plain = 0;
static const unsigned long debug = SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER;

static const struct selftest_case xcpu_cases[] = {
	{ "pairs", xcpu_pairs, 2, NULL },
	{ "debug_pairs", xcpu_debug_pairs, 2, NULL },
	{ "concurrent", xcpu_concurrent, 2, &plain },
	{ "concurrent_debug", xcpu_concurrent, 2, &debug },
	{ "double_free", xcpu_double_free, 2, NULL },
	{ "tune_while_busy", xcpu_tune_while_busy, 2, NULL },
};

const struct selftest_suite selftest_xcpu = SELFTEST_SUITE("xcpu", xcpu_cases);
