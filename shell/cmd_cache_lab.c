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
 * badfree: ADDR is an object the shell allocated from NAME.
 *
 * The shell's record (shell/obj_record.h) follows what the allocator
 * did: "double" takes ADDR out of it before the first free, so the
 * object (freed, then quarantined) is never offered to "cache free"
 * again; "interior" and "wrongcache" are refused by the allocator and
 * ADDR stays allocated and recorded.
 *
 * Which cache "wrongcache" frees to: the general cache kmalloc() would
 * use for NAME's object size (size-64 for a 40-byte figo_object); when
 * that is NAME itself, the next size class (size-32 after the largest).
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

/* ---- badfree ---- */

static struct kmem_cache *wrong_cache(struct kmem_cache *cachep)
{
	unsigned int size = kmem_cache_size(cachep);
	struct kmem_cache *other = kmem_find_general_cachep(size, 0);

	if (other != cachep)
		return other;
	return kmem_find_general_cachep(size < KMALLOC_MAX_SIZE ? size + 1 : 1, 0);
}

static unsigned long errors_of(struct kmem_cache *cachep)
{
	struct kmem_cache_info ci;

	kmem_cache_get_info(cachep, &ci);
	return ci.errors;
}

/*
 * Free @obj twice.  A cache without red zones lets the second free into
 * this CPU's array unseen; free_block() is where it is caught, so the
 * arrays are drained at once (as the reaper would, later).
 */
static void double_free(struct kmem_cache *cachep, void *obj)
{
	unsigned long before = errors_of(cachep);

	obj_record_remove(obj);
	kmem_cache_free(cachep, obj);
	kmem_cache_free(cachep, obj);
	if (errors_of(cachep) != before)
		return;
	printf("badfree: no red zones in '%s', so the second free went unseen into cpu%u's "
	       "array; draining the arrays (cache shrink) for free_block() to meet it\n",
	       kmem_cache_name(cachep), smp_processor_id());
	kmem_cache_shrink(cachep);
}

static void print_summary(unsigned long reports, struct kmem_cache *cachep,
			  struct kmem_cache *other)
{
	printf("badfree: %lu report%s, cache %s errors=%lu", reports, reports == 1 ? "" : "s",
	       kmem_cache_name(cachep), errors_of(cachep));
	if (other)
		printf(", cache %s errors=%lu", kmem_cache_name(other), errors_of(other));
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
	if (strcmp(argv[2], "wrongcache") == 0)
		other = wrong_cache(cachep);
	else if (strcmp(argv[2], "double") != 0 && strcmp(argv[2], "interior") != 0)
		return cmd_usage_error("cache badfree: unknown misuse '%s' (known: double interior "
				       "wrongcache)", argv[2]);
	before = errors_of(cachep) + (other ? errors_of(other) : 0);
	if (other)
		kmem_cache_free(other, (void *)obj);
	else if (strcmp(argv[2], "double") == 0)
		double_free(cachep, (void *)obj);
	else	/* inside any object of more than 4 bytes; past a 4-byte one's end */
		kmem_cache_free(cachep, (char *)obj + 4);
	print_summary(errors_of(cachep) + (other ? errors_of(other) : 0) - before, cachep, other);
	return CMD_OK;
}
