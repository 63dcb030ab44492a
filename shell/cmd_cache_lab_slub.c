/*
 * cmd_cache_lab_slub.c - the corruption lab on SLUB (make SLAB=slub), in
 * place of cmd_cache_lab.c: "cache corrupt" writes a byte into an object
 * on purpose, "cache badfree" frees one wrongly on purpose, through the
 * real kmem_cache_free() (cmd_cache_badfree.c, shared with SLAB), so
 * that SLUB's own checks (mm/slub_debug.c,
 * slub_debug's F Z P U) can be seen catching them in Linux 2.6.32's
 * words.  The allocator's reports are the output; each command ends
 * with one line of its own, as on SLAB.
 *
 * What is checked first (a refused command writes and frees nothing):
 * corrupt: ADDR starts an object of NAME, allocated by the shell or
 *   free (the firmware's own objects are never hit), and OFFSET lies
 *   in its stride, 0 .. size - 1 (SLUB puts nothing before an object);
 * badfree: ADDR is an object the shell allocated from NAME; "double"
 *   only in a cache with consistency checks (sanity_checks, F): without
 *   them SLUB, as Linux's, takes a second free unseen whenever the slab
 *   has other objects in use, and its freelist would then hand the
 *   object out twice.  "interior" and "wrongcache" are refused by every
 *   cache (mm/slub.c checks each free's address).
 * The shell's record follows what the allocator did: "double" takes
 * ADDR out of it before the first free; "interior" and "wrongcache"
 * leave ADDR allocated and recorded.
 */
#include <stdio.h>
#include <string.h>
#include "shell/cmd_cache.h"
#include "shell/cmd_cache_slub.h"
#include "shell/commands.h"
#include "shell/objects.h"
#include "shell/obj_record.h"
#include "shell/parse.h"
#include "shell/shell.h"
#include "mm/slab_inspect.h"

/* ---- corrupt ---- */

/* Is object @obj of @s free?  Its slab's free map, found by a walk. */
struct find_free {
	const void *obj;
	unsigned int size;
	bool found, free;
};

static void find_free_obj(const struct slub_slab_info *si, void *arg)
{
	struct find_free *f = arg;
	uintptr_t page = (uintptr_t)si->page, obj = (uintptr_t)f->obj;

	if (f->found || obj < page || obj >= page + (uintptr_t)si->objects * f->size)
		return;
	f->found = true;
	f->free = slub_info_obj_free(si, (unsigned int)((obj - page) / f->size));
}

/* @obj must start an object of @s that the lab may write into. */
static int check_target(struct kmem_cache *s, const struct slub_cache_info *ci, const void *obj)
{
	struct find_free f = { obj, ci->size, false, false };
	const void *page;
	unsigned int index;

	if (!kmem_cache_obj_place(s, obj, &page, &index) ||
	    (uintptr_t)obj != (uintptr_t)page + (uintptr_t)index * ci->size)
		return cmd_error("0x%08lx is not an object of cache '%s' (whatis tells what it is)",
				 (unsigned long)(uintptr_t)obj, ci->name);
	if (obj_record_find(obj) == s)
		return CMD_OK;
	slub_for_each_slab(s, find_free_obj, &f);
	if (!f.free)
		return cmd_error("0x%08lx is allocated, but not by the shell: the lab writes only "
				 "into the shell's objects and free ones",
				 (unsigned long)(uintptr_t)obj);
	return CMD_OK;
}

/* NAME ADDR OFFSET BYTE: argv[0] is NAME. */
int cache_corrupt(struct kmem_cache *cachep, int argc, char **argv)
{
	struct slub_cache_info ci;
	struct slub_part part;
	uint32_t addr, offset, byte;
	unsigned char old;
	void *obj;
	int ret;

	if (argc != 4)
		return cmd_usage_error("cache corrupt: expected NAME ADDR OFFSET BYTE");
	if (!cmd_parse_u32("address", argv[1], UINT32_MAX, &addr) ||
	    !cmd_parse_u32("offset", argv[2], UINT32_MAX, &offset) ||
	    !cmd_parse_u32("byte", argv[3], 255, &byte))
		return CMD_USAGE;
	slub_get_cache_info(cachep, &ci);
	if (offset >= ci.size)
		return cmd_error("offset %lu is outside the object's stride: 0 to %u in cache '%s'",
				 (unsigned long)offset, ci.size - 1, ci.name);
	obj = (void *)(uintptr_t)addr;
	ret = check_target(cachep, &ci, obj);
	if (ret != CMD_OK)
		return ret;
	part = slub_obj_part(&ci, offset);
	if (kmem_cache_corrupt(cachep, obj, (long)offset, (unsigned char)byte, &old) != 0)
		return cmd_error("0x%08lx is no longer an object of cache '%s'",
				 (unsigned long)addr, ci.name);
	printf("cache %s: 0x%08lx [+%lu] 0x%02x -> 0x%02x (%s)\n", ci.name, (unsigned long)addr,
	       (unsigned long)offset, old, (unsigned int)byte, part.name);
	return CMD_OK;
}

/* ---- badfree (cmd_cache_badfree.c) ---- */

/* "double" needs consistency checks: without them SLUB takes it unseen. */
int lab_badfree_refused(struct kmem_cache *cachep, const char *misuse)
{
	struct slub_cache_info ci;

	slub_get_cache_info(cachep, &ci);
	if (strcmp(misuse, "double") == 0 && !(ci.flags & SLAB_DEBUG_FREE))
		return cmd_error("cache '%s' has no consistency checks: SLUB would take the second "
				 "free unseen (create it with sanity_checks, or use the slub_debug "
				 "image)", ci.name);
	return CMD_OK;
}

void lab_double_free(struct kmem_cache *cachep, void *obj)
{
	obj_record_remove(obj);
	kmem_cache_free(cachep, obj);
	kmem_cache_free(cachep, obj);
}
