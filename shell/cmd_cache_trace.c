/*
 * cmd_cache_trace.c - "cache trace NAME on|off" (print a cache's events
 * as they happen) and "cache journal NAME [ADDR]" (its last 256 events,
 * or those of one object), so a learner can follow an object from a
 * CPU's array to the shared array, to its slab and back.
 *
 * The lines come from mm (slab_event_format()), the same for the live
 * trace and the journal: "#SEQ cpuN SECONDS.MICROS EVENT OBJECT CALLER".
 * Trace lines are printed by whichever CPU has the event, the reaper's
 * every two seconds included, so they may fall between the lines of a
 * command; each line stays whole (the console writes whole lines).
 *
 * Reading the journal records nothing.  The copy buffer is static:
 * commands run one at a time.
 */
#include <stdio.h>
#include <string.h>
#include "shell/cmd_cache.h"
#include "shell/shell.h"
#include "mm/mm_types.h"

static struct slab_event events[SLAB_JOURNAL_SIZE];

int cache_trace(struct kmem_cache *cachep, int argc, char **argv)
{
	const char *name = kmem_cache_name(cachep);
	bool on;

	if (argc != 2 || (strcmp(argv[1], "on") != 0 && strcmp(argv[1], "off") != 0))
		return cmd_usage_error("cache trace: expected NAME on|off");
	on = strcmp(argv[1], "on") == 0;
	if (kmem_cache_trace(cachep, on) != 0)
		return cmd_error("cannot trace cache '%s': no memory for its journal", name);
	printf("trace %s: %s\n", name, on ? "on" : "off");
	return CMD_OK;
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
