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
	int ret;

	if (argc == 2)
		while (mode < ARRAY_SIZE(modes) && strcmp(argv[1], modes[mode]) != 0)
			mode++;
	if (argc != 2 || mode == ARRAY_SIZE(modes))
		return cmd_usage_error("cache trace: expected NAME on|events|off");
	ret = kmem_cache_trace(cachep, (enum slab_trace_mode)mode);
	if (ret != 0)
		return cmd_error("cannot trace cache '%s': no memory for its journal", name);
	printf("trace %s: %s\n", name, modes[mode]);
	return CMD_OK;
}

/* Append to @l, never past its end. */
void trace_put(struct trace_line *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(l->buf + l->len, sizeof(l->buf) - l->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		l->len += (size_t)n < sizeof(l->buf) - l->len ? (size_t)n :
								  sizeof(l->buf) - l->len - 1;
}

const char *trace_s(unsigned int n)
{
	return n == 1 ? "" : "s";
}

static void report_row(const char *name, const char *when, unsigned int cpu, unsigned int row,
		       const struct slab_trace_counts *d)
{
	struct trace_line l = { .len = 0 };

	trace_put(&l, "trace %s: %scpu%u%s%s: ", name, when, cpu, row ? " " : "",
		  slab_trace_row_name(row));
	trace_row_body(&l, cpu, row, d);
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

	if (ev->type == SLAB_EV_GROW || ev->type == SLAB_EV_DESTROY || ev->type >= SLUB_EV_NEW_SLAB)
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
		printf("cache %s has no journal: %s\n", ci.name, TRACE_NO_JOURNAL);
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
