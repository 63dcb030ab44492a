/*
 * cmd_cache_badfree.c - "cache badfree NAME ADDR double|interior|wrongcache",
 * the corruption lab's wrong free, for both back ends: it frees an object
 * the shell allocated from NAME wrongly, on purpose, through the real
 * kmem_cache_free(), so that the allocator's checks (SLAB's detectors,
 * mm/slab_debug.c; SLUB's free checks and slub_debug, mm/slub.c and
 * mm/slub_debug.c) can be seen catching it.  The allocator's reports
 * are the output; the command ends with one line of its own: the
 * reports it caused and the caches' error counts.
 *
 * What differs by back end is in each one's lab file (cmd_cache_lab.c,
 * cmd_cache_lab_slub.c): whether a misuse may be tried at all
 * (lab_badfree_refused()) and how a double free is done
 * (lab_double_free()).  A refused command frees nothing.
 *
 * Which cache "wrongcache" frees to: the general cache kmalloc() would
 * use for NAME's object size (size-64 or kmalloc-64 for a 40-byte
 * object); when that is NAME itself, or there is none (SLUB's general
 * caches stop at 8192 bytes), the next size class up, else the smallest.
 */
#include <stdio.h>
#include <string.h>
#include "shell/cmd_cache.h"
#include "shell/commands.h"
#include "shell/objects.h"
#include "shell/shell.h"
#include "mm/slab_inspect.h"

static struct kmem_cache *wrong_cache(struct kmem_cache *cachep)
{
	unsigned int size = kmem_cache_size(cachep);
	struct kmem_cache *other = kmem_find_general_cachep(size, 0);

	if (other && other != cachep)
		return other;
	other = kmem_find_general_cachep(size < KMALLOC_MAX_SIZE ? size + 1 : 1, 0);
	if (other && other != cachep)
		return other;
	return kmem_find_general_cachep(1, 0);
}

unsigned long lab_errors_of(struct kmem_cache *cachep)
{
	struct kmem_cache_info ci;

	kmem_cache_get_info(cachep, &ci);
	return ci.errors;
}

static void print_summary(unsigned long reports, struct kmem_cache *cachep,
			  struct kmem_cache *other)
{
	printf("badfree: %lu report%s, cache %s errors=%lu", reports, reports == 1 ? "" : "s",
	       kmem_cache_name(cachep), lab_errors_of(cachep));
	if (other)
		printf(", cache %s errors=%lu", kmem_cache_name(other), lab_errors_of(other));
	printf("\n");
}

/* NAME ADDR double|interior|wrongcache: argv[0] is NAME. */
int cache_badfree(struct kmem_cache *cachep, int argc, char **argv)
{
	struct kmem_cache *owner, *other = NULL;
	unsigned long before;
	const void *obj;
	int ret;

	if (argc != 3)
		return cmd_usage_error("cache badfree: expected NAME ADDR "
				       "double|interior|wrongcache");
	ret = objects_find(argv[1], &obj, &owner);
	if (ret != CMD_OK)
		return ret;
	if (owner != cachep)
		return cmd_error("0x%08lx was allocated from '%s', not '%s'",
				 (unsigned long)(uintptr_t)obj, kmem_cache_name(owner),
				 kmem_cache_name(cachep));
	if (strcmp(argv[2], "double") != 0 && strcmp(argv[2], "interior") != 0 &&
	    strcmp(argv[2], "wrongcache") != 0)
		return cmd_usage_error("cache badfree: unknown misuse '%s' (known: double interior "
				       "wrongcache)", argv[2]);
	ret = lab_badfree_refused(cachep, argv[2]);
	if (ret != CMD_OK)
		return ret;
	if (strcmp(argv[2], "wrongcache") == 0)
		other = wrong_cache(cachep);
	before = lab_errors_of(cachep) + (other ? lab_errors_of(other) : 0);
	if (other)
		kmem_cache_free(other, (void *)obj);
	else if (strcmp(argv[2], "double") == 0)
		lab_double_free(cachep, (void *)obj);
	else	/* inside any object of more than 4 bytes; past a 4-byte one's end */
		kmem_cache_free(cachep, (char *)obj + 4);
	print_summary(lab_errors_of(cachep) + (other ? lab_errors_of(other) : 0) - before, cachep,
		      other);
	return CMD_OK;
}
