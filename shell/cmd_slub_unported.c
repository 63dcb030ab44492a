/*
 * cmd_slub_unported.c - on SLUB (make SLAB=slub), the commands and
 * "cache" subcommands whose SLAB versions read what SLUB does not have,
 * or what the SLUB back end does not offer yet: each answers one line
 * "error: ..." saying which, and changes nothing.  Linked instead of
 * SLAB's cmd_cache_lab.c;
 * "help" prints slub_help_note() below its list.
 *
 * Not available on SLUB yet (interim): cache corrupt, cache badfree.  Cannot apply on SLUB
 * (cmd_slab.c refuses them): reap and slabinfo's tuning, as SLUB keeps
 * no per-CPU arrays of objects.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "compiler.h"
#include "shell/cmd_cache.h"
#include "shell/commands.h"
#include "shell/shell.h"

int cache_corrupt(struct kmem_cache *cachep, int argc, char **argv)
{
	(void)cachep;
	(void)argc;
	(void)argv;
	return cmd_error("cache corrupt is not available on SLUB yet (SLUB's debugging, "
			 "slub_debug, is not in this build)");
}

int cache_badfree(struct kmem_cache *cachep, int argc, char **argv)
{
	(void)cachep;
	(void)argc;
	(void)argv;
	return cmd_error("cache badfree is not available on SLUB yet (SLUB's debugging, "
			 "slub_debug, is not in this build)");
}

void slub_help_note(void)
{
	printf("On SLUB (this image): reap and slabinfo's tuning do not apply (SLUB keeps no\n"
	       "per-CPU arrays: nothing to drain or size); cache corrupt and badfree are not\n"
	       "available on SLUB yet.  cache show, map, chain and dump and whatis show\n"
	       "SLUB's view; verify checks SLUB's slabs, freelists and lists; cache trace and\n"
	       "journal record SLUB's events (new_slab, get_partial, deact_*, free_frozen...).\n");
}

/* What "help CMD" adds on SLUB for a command that differs there; NULL if none. */
const char *slub_help_for(const char *cmd)
{
	static const struct { const char *cmd, *note; } notes[] = {
		{ "reap", "On SLUB: refused.  SLUB has no reaper and no per-CPU arrays to drain." },
		{ "slabinfo", "On SLUB: SLUB's rows (tunables 0 0 0; a CPU slab's free objects count "
			      "as active);\ntuning is refused: SLUB keeps no per-CPU arrays." },
		{ "whatis", "On SLUB: the object and its part (the caller's bytes, the free "
			    "pointer, padding)\nor the slab's left-over; its state: allocated, "
			    "on its CPU slab's lockless\nfreelist or on its slab's page->freelist, "
			    "at position P." },
		{ "cache", "On SLUB: show, map, chain and dump show SLUB's view "
			   "(kmem_cache_cpu, the partial\nlist, the free pointer at offset, SLUB's "
			   "stats); trace and journal record SLUB's\nevents; corrupt and badfree are "
			   "not available yet; a cache SLUB merged into\nanother is an alias: destroy "
			   "drops the name typed, in any order." },
		{ "verify", "On SLUB: each object handed out, on its CPU slab's lockless "
			    "freelist or on its\nslab's page->freelist, once; the freelists, inuse, "
			    "the lists and node0's\ncounters must agree (no red zone or poison "
			    "checks yet)." },
		{ "selftest", "On SLUB: SLUB's own alloc, xcpu and shrink suites; tune and debug "
			      "are skipped, saying why." },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(notes); i++)
		if (strcmp(notes[i].cmd, cmd) == 0)
			return notes[i].note;
	return NULL;
}
