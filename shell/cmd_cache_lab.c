/*
 * cmd_cache_lab.c - the corruption lab: "cache corrupt" writes a byte
 * into an object on purpose, "cache badfree" frees one wrongly on
 * purpose, through the real kmem_cache_free() path, so that the
 * detectors of mm/slab_debug.c can be seen catching real misuse.  The
 * allocator's reports are the output; each command ends with one line
 * of its own.
 *
 * What is checked first (a refused command writes and frees nothing):
 * corrupt: ADDR starts an object of NAME (allocated, free or
 *   quarantined; an allocated one must be the shell's, so the firmware's
 *   own objects in the general caches are never hit), and OFFSET stays
 *   inside that object's buffer, red zones and user word included;
 * badfree: ADDR is an object the shell allocated from NAME (every
 *   misuse may be tried).
 *
 * The shell's record (shell/obj_record.h) follows what the allocator
 * did: "double" takes ADDR out of it before the first free, so the
 * object (freed, then quarantined) is never offered to "cache free"
 * again; "interior" and "wrongcache" are refused by the allocator and
 * ADDR stays allocated and recorded.
 *
 * "cache badfree" itself is cmd_cache_badfree.c's, for both back ends;
 * SLAB's part of it is here.
 */
#include <stdio.h>
#include <string.h>
#include "shell/cmd_cache.h"
#include "shell/commands.h"
#include "shell/objects.h"
#include "shell/obj_record.h"
#include "shell/parse.h"
#include "shell/shell.h"
#include "mm/slab_inspect.h"

/* ---- corrupt ---- */

/* A signed OFFSET: "-8", "24", "0x18". */
static bool parse_offset(const char *arg, long *offset)
{
	bool neg = arg[0] == '-';
	const char *why;
	uint32_t v;

	why = parse_u32(arg + neg, &v, 0x7fffffff);
	if (why) {
		cmd_usage_error("bad offset '%s': %s", arg, why);
		return false;
	}
	*offset = neg ? -(long)v : (long)v;
	return true;
}

/* @obj must start an object of @cachep that the lab may write into. */
static int check_target(struct kmem_cache *cachep, const void *obj)
{
	const char *name = kmem_cache_name(cachep);
	struct whatis_info wi;

	kmem_whatis(obj, &wi);
	if (wi.kind < WHATIS_REDZONE1 || wi.cachep != cachep || wi.obj != obj)
		return cmd_error("0x%08lx is not an object of cache '%s' (whatis tells what it is)",
				 (unsigned long)(uintptr_t)obj, name);
	if (wi.state == WHATIS_ALLOCATED && obj_record_find(obj) != cachep)
		return cmd_error("0x%08lx is allocated, but not by the shell: the lab writes only "
				 "into the shell's objects and free ones",
				 (unsigned long)(uintptr_t)obj);
	return CMD_OK;
}

/* NAME ADDR OFFSET BYTE: argv[0] is NAME. */
int cache_corrupt(struct kmem_cache *cachep, int argc, char **argv)
{
	struct kmem_cache_info ci;
	struct whatis_info wi;
	uint32_t addr, byte;
	unsigned char old;
	long offset, lo, hi;
	void *obj;
	int ret;

	if (argc != 4)
		return cmd_usage_error("cache corrupt: expected NAME ADDR OFFSET BYTE");
	if (!cmd_parse_u32("address", argv[1], UINT32_MAX, &addr) ||
	    !parse_offset(argv[2], &offset) || !cmd_parse_u32("byte", argv[3], 255, &byte))
		return CMD_USAGE;
	kmem_cache_get_info(cachep, &ci);
	lo = -(long)ci.obj_offset;
	hi = (long)ci.buffer_size - (long)ci.obj_offset - 1;
	if (offset < lo || offset > hi)
		return cmd_error("offset %ld is outside the object's buffer: %ld to %ld in "
				 "cache '%s'", offset, lo, hi, ci.name);
	obj = (void *)(uintptr_t)addr;
	ret = check_target(cachep, obj);
	if (ret != CMD_OK)
		return ret;
	kmem_whatis((char *)obj + offset, &wi);
	if (kmem_cache_corrupt(cachep, obj, offset, (unsigned char)byte, &old) != 0)
		return cmd_error("0x%08lx is no longer an object of cache '%s'",
				 (unsigned long)addr, ci.name);
	printf("cache %s: 0x%08lx [%+ld] 0x%02x -> 0x%02x (%s)\n", ci.name, (unsigned long)addr,
	       offset, old, (unsigned int)byte, whatis_part_name(wi.kind));
	return CMD_OK;
}

/* ---- badfree (cmd_cache_badfree.c) ---- */

/* Every misuse may be tried on SLAB: its detectors catch each. */
int lab_badfree_refused(struct kmem_cache *cachep, const char *misuse)
{
	(void)cachep;
	(void)misuse;
	return CMD_OK;
}

/*
 * Free @obj twice.  A cache without red zones lets the second free into
 * this CPU's array unseen; free_block() is where it is caught, so the
 * arrays are drained at once (as the reaper would, later).
 */
void lab_double_free(struct kmem_cache *cachep, void *obj)
{
	unsigned long before = lab_errors_of(cachep);

	obj_record_remove(obj);
	kmem_cache_free(cachep, obj);
	kmem_cache_free(cachep, obj);
	if (lab_errors_of(cachep) != before)
		return;
	printf("badfree: no red zones in '%s', so the second free went unseen into cpu%u's "
	       "array; draining the arrays (cache shrink) for free_block() to meet it\n",
	       kmem_cache_name(cachep), smp_processor_id());
	kmem_cache_shrink(cachep);
}
