/*
 * cmd_slub_help.c - on SLUB (make SLAB=slub), what "help" says differs
 * there: slub_help_note() below help's list, slub_help_for() after
 * "help CMD" for each command whose answer is SLUB's own.  The commands
 * that cannot apply on SLUB, reap and slabinfo's tuning (SLUB keeps no
 * per-CPU arrays of objects), are refused in cmd_slab.c, one line
 * "error: ..." each, changing nothing.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "compiler.h"
#include "shell/cmd_cache.h"
#include "shell/commands.h"
#include "shell/shell.h"

void slub_help_note(void)
{
	printf("On SLUB (this image): reap and slabinfo's tuning do not apply (SLUB keeps no\n"
	       "per-CPU arrays: nothing to drain or size).  cache show, map, chain and dump and\n"
	       "whatis show SLUB's view; verify checks SLUB's slabs, freelists and lists;\n"
	       "cache trace and journal record SLUB's events (new_slab, get_partial, deact_*,\n"
	       "free_frozen...); cache corrupt and badfree show slub_debug's checks (caches\n"
	       "created with sanity_checks red_zone poison store_user, or every cache in the\n"
	       "slub_debug image).\n");
}

/* What "help CMD" adds on SLUB for a command that differs there; NULL if none. */
const char *slub_help_for(const char *cmd)
{
	static const struct { const char *cmd, *note; } notes[] = {
		{ "reap", "On SLUB: refused.  SLUB has no reaper and no per-CPU arrays to drain." },
		{ "slabinfo", "On SLUB: SLUB's rows (tunables 0 0 0; a CPU slab's free objects count "
			      "as active);\ntuning is refused: SLUB keeps no per-CPU arrays." },
		{ "whatis", "On SLUB: the object and its part (the caller's bytes, red zone, "
			    "free pointer,\nalloc/free track, padding) or the slab's left-over; its state: allocated, "
			    "on its CPU slab's lockless\nfreelist or on its slab's page->freelist, "
			    "at position P; with a journal (cache\ntrace), its last alloc or "
			    "free." },
		{ "cache", "On SLUB: show, map, chain and dump show SLUB's view "
			   "(kmem_cache_cpu, the partial\nlist, the free pointer at offset, SLUB's "
			   "stats); trace and journal record SLUB's\nevents; corrupt and badfree act "
			   "on slub_debug's checks; a cache SLUB merged\ninto another is an alias: "
			   "destroy drops the name typed, in any order." },
		{ "verify", "On SLUB: each object handed out, on its CPU slab's lockless "
			    "freelist or on its\nslab's page->freelist, once; the freelists, inuse, "
			    "the lists and node0's\ncounters must agree; in a debug cache (slub_debug) "
			    "every object\npasses SLUB's check_object()." },
		{ "selftest", "On SLUB: SLUB's own alloc, xcpu, shrink and debug (slub_debug's "
			      "detectors) suites;\ntune is skipped, saying why." },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(notes); i++)
		if (strcmp(notes[i].cmd, cmd) == 0)
			return notes[i].note;
	return NULL;
}
