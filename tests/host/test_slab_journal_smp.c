/*
 * test_slab_journal_smp.c - the journal and the trace with four threads
 * playing four CPUs at once; built with ThreadSanitizer.
 *
 * 1. Writers on every CPU record tagged events into one journal while a
 *    reader copies it: every event anyone sees (a copy, the journal at
 *    the end, each printed trace line) must be one writer's whole event,
 *    never fields of two, and every sequence number is used once.
 * 2. CPUs allocate and free (across CPUs too) while another turns the
 *    cache's trace on and off and reaps: the switch of paths under them
 *    loses or corrupts nothing, and every printed line is whole.
 */
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "mm/gfp.h"
#include "mm/mmzone.h"
#include "mm/slab.h"
#include "mm/slab_internal.h"
#include "buddy_check.h"
#include "host_platform.h"
#include "slab_check.h"

#define MiB (1024UL * 1024UL)
#define EVENTS_PER_CPU 20000
#define OUT_MAX (32 * MiB)

static char *out;

/* ---- 1: tagged writers and a reader ---- */

/* Writer @cpu's event @i: object and caller both this tag, type from the CPU. */
static uintptr_t tag(unsigned int cpu, unsigned int i)
{
	return ((uintptr_t)(cpu + 1) << 24) | i;
}

static unsigned int tag_cpu(uintptr_t t)
{
	return (unsigned int)(t >> 24) - 1;
}

static enum slab_event_type type_of(unsigned int cpu)
{
	return (enum slab_event_type)(cpu % (SLAB_EV_SHARED_TO_SLAB + 1));
}

/* One writer's whole event: its fields agree with each other. */
static bool whole(const struct slab_event *ev)
{
	uintptr_t t = (uintptr_t)ev->obj;

	return (uintptr_t)ev->caller == t && tag_cpu(t) < NR_CPUS && ev->cpu == tag_cpu(t) &&
	       ev->type == type_of(ev->cpu) && (t & 0xffffff) < EVENTS_PER_CPU;
}

struct tagged {
	struct kmem_cache *c;
	unsigned int writers_done;
	unsigned long copies, events_seen;
	unsigned long torn, disordered;	/* what the reader saw wrong */
};

struct writer {
	pthread_t thread;
	unsigned int cpu;
	struct tagged *t;
};

static void *write_tags(void *arg)
{
	struct writer *w = arg;

	host_set_cpu(w->cpu);
	for (unsigned int i = 0; i < EVENTS_PER_CPU; i++) {
		const void *outer = slab_set_caller((const void *)tag(w->cpu, i));

		slab_journal_record(w->t->c, type_of(w->cpu), (const void *)tag(w->cpu, i));
		slab_set_caller(outer);
	}
	__atomic_add_fetch(&w->t->writers_done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void *read_tags(void *arg)
{
	struct tagged *t = arg;
	struct slab_event *evs = calloc(SLAB_JOURNAL_SIZE, sizeof(*evs));

	do {
		unsigned int n = kmem_cache_journal(t->c, evs, SLAB_JOURNAL_SIZE);

		/* counted, not asserted: cmocka fails a test from its own thread only */
		for (unsigned int i = 0; i < n; i++) {
			t->torn += !whole(&evs[i]);
			t->disordered += i && evs[i].seq <= evs[i - 1].seq;
		}
		t->copies++;
		t->events_seen += n;
	} while (__atomic_load_n(&t->writers_done, __ATOMIC_ACQUIRE) < NR_CPUS);
	free(evs);
	return NULL;
}

static void run_tagged(void *arg)
{
	struct tagged *t = arg;
	struct writer w[NR_CPUS];
	pthread_t reader;

	assert_int_equal(pthread_create(&reader, NULL, read_tags, t), 0);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		w[cpu] = (struct writer){ .cpu = cpu, .t = t };
		assert_int_equal(pthread_create(&w[cpu].thread, NULL, write_tags, &w[cpu]), 0);
	}
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		assert_int_equal(pthread_join(w[cpu].thread, NULL), 0);
	assert_int_equal(pthread_join(reader, NULL), 0);
}

static struct slab_trace_counts delta[NR_CPUS][SLAB_TRACE_ROWS];

/* Each printed line: one whole event; each number once; each CPU's in order. */
static void check_trace_lines(const char *name)
{
	unsigned char *seen = calloc(NR_CPUS * EVENTS_PER_CPU, 1);
	long last_i[NR_CPUS] = { -1, -1, -1, -1 };
	unsigned int lines = 0;
	char prefix[64];

	snprintf(prefix, sizeof(prefix), "trace %s: #", name);
	for (char *line = out, *end; *line; line = end + 1) {
		unsigned int seq, cpu;
		unsigned long secs, us, obj, caller;
		char type[16];

		end = strchr(line, '\n');
		assert_non_null(end);
		*end = '\0';
		assert_memory_equal(line, prefix, strlen(prefix));
		assert_int_equal(sscanf(line + strlen(prefix), "%u cpu%u %lu.%lu %15s 0x%lx 0x%lx",
					&seq, &cpu, &secs, &us, type, &obj, &caller), 7);
		assert_true(seq < NR_CPUS * EVENTS_PER_CPU);
		assert_false(seen[seq]);
		seen[seq] = 1;
		assert_int_equal(obj, caller);
		assert_int_equal(tag_cpu(obj), cpu);
		assert_string_equal(type, slab_event_name(type_of(cpu)));
		assert_true((long)(obj & 0xffffff) > last_i[cpu]);
		last_i[cpu] = (long)(obj & 0xffffff);
		lines++;
	}
	assert_int_equal(lines, NR_CPUS * EVENTS_PER_CPU);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		assert_int_equal(last_i[cpu], EVENTS_PER_CPU - 1);
	free(seen);
}

static void concurrent_writers_never_tear_an_entry(void **state)
{
	struct kmem_cache *c = kmem_cache_create("jsmp-tags", 64, 0, 0, NULL);
	struct tagged t = { .c = c };
	struct slab_event *evs = calloc(SLAB_JOURNAL_SIZE, sizeof(*evs));
	unsigned int n, total = NR_CPUS * EVENTS_PER_CPU;

	(void)state;
	assert_non_null(c);
	assert_int_equal(kmem_cache_trace(c, SLAB_TRACE_EVENTS), 0);
	host_capture_stdout(run_tagged, &t, out, OUT_MAX);
	assert_int_equal(kmem_cache_trace_take(c, delta), true);
	assert_int_equal(kmem_cache_trace(c, SLAB_TRACE_OFF), 0);
	assert_true(t.copies > 0);
	assert_int_equal(t.torn, 0);
	assert_int_equal(t.disordered, 0);

	assert_int_equal(kmem_cache_journal_recorded(c), total);
	check_trace_lines("jsmp-tags");
	/* the tally lost no increment: each CPU's own type, all of them */
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		for (unsigned int type = 0; type < SLAB_EV_TYPES; type++)
			assert_int_equal(delta[cpu][0].events[type],
					 type == type_of(cpu) ? EVENTS_PER_CPU : 0);
	/*
	 * The newest events, whole and in order.  A writer that found its
	 * slot busy with an older event dropped its own (slab_journal.c), so
	 * each other CPU may have left one hole.
	 */
	n = kmem_cache_journal(c, evs, SLAB_JOURNAL_SIZE);
	assert_true(n >= SLAB_JOURNAL_SIZE - (NR_CPUS - 1) && n <= SLAB_JOURNAL_SIZE);
	for (unsigned int i = 0; i < n; i++) {
		assert_true(whole(&evs[i]));
		assert_true(evs[i].seq >= total - SLAB_JOURNAL_SIZE && evs[i].seq < total);
		if (i)
			assert_true(evs[i].seq > evs[i - 1].seq);
	}
	free(evs);
	kmem_cache_destroy(c);
}

/* ---- 2: tracing switched under running CPUs ---- */

#define WORKERS 3		/* cpu0..2 allocate; cpu3 switches and reaps */
#define OPS_PER_WORKER 20000
#define MAX_HELD 64
#define MAILBOX 32
#define SWITCHES 200
#define OPS_PER_SWITCH 100

struct stamp {
	uint32_t cpu, serial;
};

struct toggled {
	struct kmem_cache *c;
	bool switcher_done;
	unsigned long ops;		/* done by all workers */
	void *mailbox[MAILBOX];
	unsigned long corruptions, switches;
};

struct worker {
	pthread_t thread;
	unsigned int cpu;
	uint32_t rng;
	struct toggled *t;
};

static uint32_t next_random(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void release(struct worker *w, void *objp)
{
	struct stamp a, b;
	size_t size = kmem_cache_size(w->t->c);

	memcpy(&a, objp, sizeof(a));
	memcpy(&b, (char *)objp + size - sizeof(b), sizeof(b));
	if (a.cpu != b.cpu || a.serial != b.serial)
		__atomic_add_fetch(&w->t->corruptions, 1, __ATOMIC_RELAXED);
	kmem_cache_free(w->t->c, objp);
}

static void *work(void *arg)
{
	struct worker *w = arg;
	size_t size = kmem_cache_size(w->t->c);
	void *held[MAX_HELD];
	unsigned int n = 0;

	host_set_cpu(w->cpu);
	/* at least OPS_PER_WORKER, and on until every switch is done */
	for (uint32_t op = 0; op < OPS_PER_WORKER ||
	     !__atomic_load_n(&w->t->switcher_done, __ATOMIC_ACQUIRE); op++) {
		uint32_t r = next_random(&w->rng) % 8;

		__atomic_add_fetch(&w->t->ops, 1, __ATOMIC_RELAXED);
		if (n && (n == MAX_HELD || r < 3)) {
			unsigned int i = next_random(&w->rng) % n;
			void *theirs = NULL;

			if (r == 0)	/* trade: another CPU frees it */
				theirs = __atomic_exchange_n(&w->t->mailbox[op % MAILBOX], held[i],
							     __ATOMIC_ACQ_REL);
			else
				release(w, held[i]);
			if (theirs)
				release(w, theirs);
			held[i] = held[--n];
		} else {
			struct stamp st = { w->cpu, op };
			void *objp = kmem_cache_alloc(w->t->c, GFP_KERNEL);

			assert_non_null(objp);
			memcpy(objp, &st, sizeof(st));
			memcpy((char *)objp + size - sizeof(st), &st, sizeof(st));
			held[n++] = objp;
		}
	}
	while (n)
		release(w, held[--n]);
	return NULL;
}

/*
 * cpu3: trace on, off, on ... SWITCHES times, with a reaper pass now and
 * then; the workers do OPS_PER_SWITCH operations between two switches.
 */
static void *switcher(void *arg)
{
	struct toggled *t = arg;
	struct reap_stats rs;

	host_set_cpu(WORKERS);
	for (t->switches = 0; t->switches < SWITCHES; t->switches++) {
		bool on = t->switches % 2 == 0;		/* ends off: SWITCHES is even */

		assert_int_equal(kmem_cache_trace(t->c, on ? SLAB_TRACE_EVENTS : SLAB_TRACE_OFF), 0);
		/* (kmem_cache_get_info() would read the statistics racily) */
		assert_int_equal(cache_dbg(t->c),
				 DBG_JOURNAL | (on ? DBG_TRACE | DBG_TRACE_EVENTS : 0));
		if (t->switches % 16 == 0)
			cache_reap_now(&rs);
		for (unsigned long until = __atomic_load_n(&t->ops, __ATOMIC_RELAXED) +
		     OPS_PER_SWITCH; __atomic_load_n(&t->ops, __ATOMIC_RELAXED) < until;)
			sched_yield();
	}
	__atomic_store_n(&t->switcher_done, true, __ATOMIC_RELEASE);
	return NULL;
}

static void run_toggled(void *arg)
{
	struct toggled *t = arg;
	struct worker w[WORKERS];
	pthread_t sw;

	assert_int_equal(pthread_create(&sw, NULL, switcher, t), 0);
	for (unsigned int cpu = 0; cpu < WORKERS; cpu++) {
		w[cpu] = (struct worker){ .cpu = cpu, .rng = 0x9e3779b9u * (cpu + 1), .t = t };
		assert_int_equal(pthread_create(&w[cpu].thread, NULL, work, &w[cpu]), 0);
	}
	for (unsigned int cpu = 0; cpu < WORKERS; cpu++)
		assert_int_equal(pthread_join(w[cpu].thread, NULL), 0);
	assert_int_equal(pthread_join(sw, NULL), 0);
	for (unsigned int i = 0; i < MAILBOX; i++)	/* traded, never taken */
		if (t->mailbox[i])
			release(&w[0], t->mailbox[i]);
}

/* Every line printed is one whole trace line of the cache, each number once. */
static unsigned int check_object_trace(const char *name, unsigned int recorded)
{
	unsigned char *seen = calloc(recorded, 1);
	unsigned int lines = 0;
	char prefix[64];

	snprintf(prefix, sizeof(prefix), "trace %s: #", name);
	for (char *line = out, *end; *line; line = end + 1) {
		unsigned int seq, cpu, i;
		unsigned long secs, us, obj;
		char type[16], caller[32];

		end = strchr(line, '\n');
		assert_non_null(end);
		*end = '\0';
		assert_memory_equal(line, prefix, strlen(prefix));
		assert_int_equal(sscanf(line + strlen(prefix), "%u cpu%u %lu.%lu %15s 0x%lx %31s",
					&seq, &cpu, &secs, &us, type, &obj, caller), 7);
		assert_true(seq < recorded);
		assert_false(seen[seq]);
		seen[seq] = 1;
		assert_true(cpu < NR_CPUS);
		for (i = 0; i <= SLAB_EV_SHARED_TO_SLAB; i++)
			if (strcmp(type, slab_event_name(i)) == 0)
				break;
		assert_true(i <= SLAB_EV_SHARED_TO_SLAB);
		lines++;
	}
	free(seen);
	return lines;
}

static void tracing_switches_under_running_cpus(void **state)
{
	unsigned long pages_before = (kmem_cache_shrink_all(), global_page_state(NR_FREE_PAGES));
	struct kmem_cache *c = kmem_cache_create("jsmp-obj", 96, 0, 0, NULL);
	struct toggled t = { .c = c };
	unsigned int lines;

	(void)state;
	assert_non_null(c);
	host_capture_stdout(run_toggled, &t, out, OUT_MAX);
	assert_int_equal(t.corruptions, 0);
	assert_int_equal(t.switches, SWITCHES);
	lines = check_object_trace("jsmp-obj", kmem_cache_journal_recorded(c));
	/* each of the 100 periods on saw OPS_PER_SWITCH operations begin */
	assert_true(lines >= SWITCHES / 2);
	assert_true(lines <= kmem_cache_journal_recorded(c));
	check_cache(c);
	assert_int_equal(c->errors, 0);
	assert_int_equal(c->dbg, DBG_JOURNAL);
	kmem_cache_destroy(c);
	kmem_cache_shrink_all();
	assert_int_equal(global_page_state(NR_FREE_PAGES), pages_before);
}

static int setup(void **state)
{
	out = malloc(OUT_MAX);
	return out ? slab_group_setup(state) : -1;
}

static int teardown(void **state)
{
	free(out);
	return slab_group_teardown(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(concurrent_writers_never_tear_an_entry),
		cmocka_unit_test(tracing_switches_under_running_cpus),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
