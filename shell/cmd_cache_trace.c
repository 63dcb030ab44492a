/*
 * cmd_cache_trace.c - "cache trace NAME on|events|off" and "cache
 * journal NAME [ADDR]" (a cache's last 256 events, or those of one
 * object), so a learner can follow an object from a CPU's array to the
 * shared array, to its slab and back; and the report a traced cache
 * gets after each command: per CPU, what the command made the allocator
 * do (allocs, frees, refills and where from, slabs grown with their
 * colour, flushes and where to, slabs destroyed), and per CPU what work
 * without a caller (cache_reap, kmem_cache_shrink, ...) moved.
 *
 * Event lines come from mm (slab_event_format()), the same for the live
 * trace ("events") and the journal: "#SEQ cpuN SECONDS.MICROS EVENT
 * OBJECT CALLER".  They are printed by whichever CPU has the event, the
 * reaper's every two seconds included, so they may fall between the
 * lines of a command; each line stays whole (the console writes whole
 * lines).  The report comes from mm's tally (kmem_cache_trace_take()),
 * not the journal, so it counts every event however many the journal
 * keeps.
 *
 * The shell's loop runs cache_trace_report() on CPU 0 around every
 * command: before it (what moved between commands: the reaper) and
 * after.  Commands run one at a time, so the traced caches it lists
 * stay until it is done, and the static buffers need no lock.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "shell/cmd_cache.h"
#include "shell/shell.h"
#include "mm/mm_types.h"

static struct slab_event events[SLAB_JOURNAL_SIZE];

int cache_trace(struct kmem_cache *cachep, int argc, char **argv)
{
	static const char *const modes[] = {
		[SLAB_TRACE_OFF] = "off", [SLAB_TRACE_ON] = "on", [SLAB_TRACE_EVENTS] = "events",
	};
	const char *name = kmem_cache_name(cachep);
	unsigned int mode = 0;

	if (argc == 2)
		while (mode < ARRAY_SIZE(modes) && strcmp(argv[1], modes[mode]) != 0)
			mode++;
	if (argc != 2 || mode == ARRAY_SIZE(modes))
		return cmd_usage_error("cache trace: expected NAME on|events|off");
	if (kmem_cache_trace(cachep, (enum slab_trace_mode)mode) != 0)
		return cmd_error("cannot trace cache '%s': no memory for its journal", name);
	printf("trace %s: %s\n", name, modes[mode]);
	return CMD_OK;
}

/* The line being built: appended to, never past its end. */
struct line {
	char buf[320];
	size_t len;
};

static __printf(2, 3) void put(struct line *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(l->buf + l->len, sizeof(l->buf) - l->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		l->len += (size_t)n < sizeof(l->buf) - l->len ? (size_t)n : sizeof(l->buf) - l->len - 1;
}

static const char *s_(unsigned int n)
{
	return n == 1 ? "" : "s";
}

/* "(2 from slabs, 1 grown: slab 0x6fc18000 colour 1)": the parts that are not 0. */
static void put_refills(struct line *l, const struct slab_trace_counts *d)
{
	const unsigned int *r = d->refills;
	const char *sep = " (";

	if (r[SLAB_REFILL_SHARED]) {
		put(l, "%s%u from the shared array", sep, r[SLAB_REFILL_SHARED]);
		sep = ", ";
	}
	if (r[SLAB_REFILL_SLABS]) {
		put(l, "%s%u from slabs", sep, r[SLAB_REFILL_SLABS]);
		sep = ", ";
	}
	if (r[SLAB_REFILL_GROWN]) {
		put(l, "%s%u grown:", sep, r[SLAB_REFILL_GROWN]);
		for (unsigned int i = 0; i < d->grown_next; i++)
			put(l, "%s slab 0x%08lx colour %u", i ? "," : "",
			    (unsigned long)(uintptr_t)d->grown[i].slab, d->grown[i].colour);
		if (d->events[SLAB_EV_GROW] > d->grown_next)
			put(l, ", ...");
		sep = ", ";
	}
	if (*sep == ',')
		put(l, ")");
}

/* The API's calls on one CPU: allocs and frees, and what they set off. */
static void put_calls(struct line *l, const struct slab_trace_counts *d)
{
	const unsigned int *ev = d->events;
	unsigned int refills = 0, flushes = d->flushes_shared + d->flushes_slabs;
	unsigned int in = ev[SLAB_EV_REFILL_SHARED] + ev[SLAB_EV_REFILL_SLAB];
	unsigned int out = ev[SLAB_EV_FLUSH_SHARED] + ev[SLAB_EV_TO_SLAB];

	for (unsigned int k = 0; k < SLAB_REFILL_KINDS; k++)
		refills += d->refills[k];
	put(l, "%u alloc%s, %u free%s; %u refill%s", ev[SLAB_EV_ALLOC], s_(ev[SLAB_EV_ALLOC]),
	    ev[SLAB_EV_FREE], s_(ev[SLAB_EV_FREE]), refills, s_(refills));
	if (in)
		put(l, " of %u object%s", in, s_(in));
	put_refills(l, d);
	put(l, "; %u flush%s", flushes, flushes == 1 ? "" : "es");
	if (out)
		put(l, " of %u object%s", out, s_(out));
	if (d->flushes_shared && d->flushes_slabs)
		put(l, " (%u to the shared array, %u to slabs)", d->flushes_shared,
		    d->flushes_slabs);
	else if (flushes)
		put(l, " (to %s)", d->flushes_shared ? "the shared array" : "slabs");
}

/* Work without a caller on one CPU: what it gave back to the slabs. */
static void put_moves(struct line *l, unsigned int cpu, const struct slab_trace_counts *d)
{
	unsigned int own = d->events[SLAB_EV_TO_SLAB], shared = d->events[SLAB_EV_SHARED_TO_SLAB];

	put(l, "%u object%s to slabs", own + shared, s_(own + shared));
	if (own && shared)
		put(l, " (%u from cpu%u's array, %u from the shared array)", own, cpu, shared);
	else if (own)
		put(l, " (from cpu%u's array)", cpu);
	else if (shared)
		put(l, " (from the shared array)");
}

static void report_row(const char *name, const char *when, unsigned int cpu, unsigned int row,
		       const struct slab_trace_counts *d)
{
	struct line l = { .len = 0 };
	unsigned int destroyed = d->events[SLAB_EV_DESTROY];
	unsigned int quarantined = d->events[SLAB_EV_QUARANTINE];

	put(&l, "trace %s: %scpu%u%s%s: ", name, when, cpu, row ? " " : "",
	    slab_trace_row_name(row));
	if (row)
		put_moves(&l, cpu, d);
	else
		put_calls(&l, d);
	if (destroyed)
		put(&l, "; %u slab%s destroyed", destroyed, s_(destroyed));
	if (quarantined)
		put(&l, "; %u quarantined", quarantined);
	printf("%s\n", l.buf);
}

void cache_trace_report(bool between)
{
	static struct slab_trace_counts delta[NR_CPUS][SLAB_TRACE_ROWS];
	static struct kmem_cache *traced[32];
	/* a stopped CPU holding cache_chain_lock: no report, and no hang */
	int n = kmem_cache_traced(traced, ARRAY_SIZE(traced));

	for (int i = 0; i < n; i++) {
		if (!kmem_cache_trace_take(traced[i], delta))
			continue;
		for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
			for (unsigned int row = 0; row < SLAB_TRACE_ROWS; row++) {
				struct slab_trace_counts zero = { 0 };

				if (memcmp(&delta[cpu][row], &zero, sizeof(zero)) != 0)
					report_row(kmem_cache_name(traced[i]),
						   between ? "between commands, " : "", cpu, row,
						   &delta[cpu][row]);
			}
	}
}

/*
 * Is @ev about the object at @addr?  Its own events, and the growth and
 * destruction of the slab (@slab_bytes from the event's page) it lies in.
 */
static bool concerns(const struct slab_event *ev, uintptr_t addr, unsigned long slab_bytes)
{
	uintptr_t obj = (uintptr_t)ev->obj;

	if (ev->type == SLAB_EV_GROW || ev->type == SLAB_EV_DESTROY)
		return addr >= obj && addr - obj < slab_bytes;
	return addr == obj;
}

/* NAME [ADDR]: argv[0] is NAME. */
int cache_journal(struct kmem_cache *cachep, int argc, char **argv)
{
	char line[SLAB_EVENT_LINE_MAX], of[24] = "";
	struct kmem_cache_info ci;
	unsigned int n, shown = 0, recorded;
	uint32_t addr = 0;

	if (argc > 2)
		return cmd_usage_error("cache journal: expected NAME [ADDR]");
	if (argc == 2) {
		if (!cmd_parse_u32("address", argv[1], UINT32_MAX, &addr))
			return CMD_USAGE;
		snprintf(of, sizeof(of), " of 0x%08lx", (unsigned long)addr);
	}
	kmem_cache_get_info(cachep, &ci);
	if (!ci.journal) {
		printf("cache %s has no journal: create it with store_user or turn trace on\n",
		       ci.name);
		return CMD_OK;
	}
	n = kmem_cache_journal(cachep, events, SLAB_JOURNAL_SIZE);
	recorded = kmem_cache_journal_recorded(cachep);
	for (unsigned int i = 0; i < n; i++) {
		if (argc == 2 && !concerns(&events[i], addr, PAGE_SIZE << ci.gfporder))
			continue;
		slab_event_format(&events[i], line, sizeof(line));
		printf("%s\n", line);
		shown++;
	}
	printf("%u event%s%s (%u kept, %u recorded)\n", shown, shown == 1 ? "" : "s", of, n,
	       recorded);
	return CMD_OK;
}
