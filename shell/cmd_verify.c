/*
 * cmd_verify.c - verify [NAME]: check every slab cache, or one, for
 * consistency, as illumos' ::kmem_verify does (kmem_cache_verify(),
 * mm/slab_verify.c, says what is checked and how the other CPUs are
 * held still meanwhile).
 *
 * An unknown NAME is refused before anything is walked.  What the walk
 * finds is not a command error but its result: one "verify: cache
 * 'NAME': ..." line per problem, then "verify: N errors"; a clean walk
 * prints "verify: OK (N caches, M slabs, K objects)", K counting every
 * object of every slab walked.  The walk changes nothing.
 */
#include <stdio.h>
#include "shell/commands.h"
#include "shell/shell.h"
#include "mm/slab_inspect.h"

int do_verify(int argc, char **argv)
{
	struct kmem_cache *cachep = NULL;
	struct slab_verify_result res;

	if (argc == 2 && !(cachep = kmem_cache_find(argv[1])))
		return cmd_error("no cache named '%s'", argv[1]);
	if (kmem_cache_verify(cachep, &res) == 0)
		printf("verify: OK (%lu caches, %lu slabs, %lu objects)\n", res.caches, res.slabs,
		       res.objects);
	else
		printf("verify: %lu error%s\n", res.errors, res.errors == 1 ? "" : "s");
	return CMD_OK;
}
