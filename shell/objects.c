/*
 * objects.c - allocating and freeing slab objects from the shell, with
 * the shell's record as the guard (shell/objects.h).
 *
 * The allocation and free calls run on the CPU that runs the command,
 * in thread context: "cpu 2 cache alloc figo 10" fills CPU 2's array.
 * Addresses to free are all checked before the first free, so a command
 * with one bad address changes nothing.  On SLUB a free that slub_debug
 * refuses leaves its object allocated and recorded (free_one()).
 */
#include <stdio.h>
#include "shell/commands.h"
#include "shell/objects.h"
#include "shell/obj_record.h"
#include "shell/parse.h"
#include "shell/shell.h"
#include "mm/slab_inspect.h"
#if defined(CONFIG_SLUB) && CONFIG_SLUB
#include "mm/slub_inspect.h"
#endif
#include "platform.h"

#define FREE_BATCH 64
#define LIST_CHUNK 32		/* entries copied per scan of the record */
#define KEPT_SHOWN SHELL_MAX_ARGS	/* refused frees named one by one */

bool objects_parse_count(const char *arg, unsigned int *count)
{
	uint32_t v;

	if (!cmd_parse_count("count", arg, OBJ_RECORD_MAX, &v))
		return false;
	*count = v;
	return true;
}

/* Only its address is used: objects_page_owner is no cache. */
static char page_owner_token;
struct kmem_cache *const objects_page_owner = (struct kmem_cache *)&page_owner_token;

const char *objects_owner_name(struct kmem_cache *owner)
{
	return owner == objects_page_owner ? "the page allocator" : kmem_cache_name(owner);
}

/*
 * A recorded object is handed out: its slab's page names its cache; a
 * recorded object in no slab is a kmalloc_large() (objects.h).
 */
const void *obj_record_cache_of(const void *obj)
{
	struct kmem_cache *cachep = kmem_cache_of(obj);

	return cachep ? cachep : objects_page_owner;
}

/* The record's clock: microseconds since boot, low 32 bits. */
static uint32_t now_us(void)
{
	return (uint32_t)(sched_clock() / 1000);
}

int objects_alloc(obj_alloc_fn fn, void *ctx, unsigned int count, size_t size,
		  const char *suffix)
{
	unsigned int held = obj_record_count(NULL), n;

	if (count > obj_record_room())
		return cmd_error("the shell holds %u objects and can hold at most %u; free some first",
				 held, OBJ_RECORD_MAX);
	for (n = 0; n < count; n++) {
		void *obj = fn(ctx);

		if (!obj)
			break;
		obj_record_add(obj, smp_processor_id(), size, now_us());
		if (n < OBJECTS_SHOWN)
			printf("0x%08lx\n", (unsigned long)(uintptr_t)obj);
		else if (n == OBJECTS_SHOWN)
			printf("...\n");
	}
	if (n < count)
		return cmd_error("out of memory after %u objects", n);
	printf("allocated %u object%s%s\n", n, n == 1 ? "" : "s", suffix);
	return CMD_OK;
}

int objects_find(const char *arg, const void **obj, struct kmem_cache **owner)
{
	uint32_t v;

	if (!cmd_parse_u32("address", arg, UINT32_MAX, &v))
		return CMD_USAGE;
	*obj = (const void *)(uintptr_t)v;
	*owner = (struct kmem_cache *)obj_record_find(*obj);
	if (!*owner)
		return cmd_error("0x%08lx is not an object the shell allocated", (unsigned long)v);
	return CMD_OK;
}

/* Parse one address and check it may be freed (with @cachep, or kfree if NULL). */
static int check_one(struct kmem_cache *cachep, const char *arg, const void **obj)
{
	struct kmem_cache *owner;
	int ret = objects_find(arg, obj, &owner);

	if (ret == CMD_OK && cachep && owner != cachep)
		return cmd_error("0x%08lx was allocated from '%s', not '%s'",
				 (unsigned long)(uintptr_t)*obj, objects_owner_name(owner),
				 kmem_cache_name(cachep));
	return ret;
}

static int check_all(struct kmem_cache *cachep, int argc, char **argv, const void **objs)
{
	for (int i = 0; i < argc; i++) {
		int ret = check_one(cachep, argv[i], &objs[i]);

		if (ret != CMD_OK)
			return ret;
		for (int k = 0; k < i; k++)
			if (objs[k] == objs[i])
				return cmd_error("0x%08lx is listed twice",
						 (unsigned long)(uintptr_t)objs[i]);
	}
	return CMD_OK;
}

static void call_free(struct kmem_cache *cachep, const void *obj)
{
	if (cachep)
		kmem_cache_free(cachep, (void *)obj);
	else
		kfree(obj);
}

#if defined(CONFIG_SLUB) && CONFIG_SLUB
/*
 * SLUB's free_debug_processing() (2.6.32) refuses a free that fails its
 * checks (a red zone broken, a double free, a pointer inside an object):
 * the object stays allocated, so it stays in the record, to be looked at
 * or freed again once repaired.  A report alone does not say so (broken
 * padding is reported, restored, and the object freed): the object's
 * state does, read after the free.  The record is dropped after the free
 * here, not before: only the shell's commands, one at a time, read it.
 * False: refused.
 */
static bool free_one(struct kmem_cache *cachep, const void *obj)
{
	struct kmem_cache *s = cachep ? cachep : kmem_cache_of(obj);
	unsigned long before = slab_error_count();
	struct slub_object_info oi;

	call_free(cachep, obj);
	if (s && slab_error_count() != before && !slub_get_object(s, obj, &oi) && oi.allocated)
		return false;
	obj_record_remove(obj);
	return true;
}
#else
/* SLAB's detectors quarantine an object whose free they report: it left the caller. */
static bool free_one(struct kmem_cache *cachep, const void *obj)
{
	obj_record_remove(obj);
	call_free(cachep, obj);
	return true;
}
#endif

/* "freed N objects", then the objects slub_debug refused: @nkept, the first of them in @kept. */
static void print_freed(unsigned int freed, const void *const *kept, unsigned int nkept)
{
	printf("freed %u object%s\n", freed, freed == 1 ? "" : "s");
	for (unsigned int i = 0; i < nkept && i < KEPT_SHOWN; i++)
		printf("0x%08lx not freed: slub_debug refused it (see the report above); the shell "
		       "still holds it\n", (unsigned long)(uintptr_t)kept[i]);
	if (nkept > KEPT_SHOWN)
		printf("%u more not freed, the same way\n", nkept - KEPT_SHOWN);
}

int objects_free(struct kmem_cache *cachep, int argc, char **argv)
{
	const void *objs[SHELL_MAX_ARGS], *kept[KEPT_SHOWN];
	int ret = check_all(cachep, argc, argv, objs);
	unsigned int nkept = 0;

	if (ret != CMD_OK)
		return ret;
	for (int i = 0; i < argc; i++)
		if (!free_one(cachep, objs[i]))
			kept[nkept++] = objs[i];
	print_freed((unsigned int)argc - nkept, kept, nkept);
	return CMD_OK;
}

#if defined(CONFIG_SLUB) && CONFIG_SLUB
static bool from_cache(const struct obj_record_entry *e, void *cachep)
{
	return obj_record_cache_of(e->obj) == cachep;
}

/*
 * Each object is freed while still recorded (free_one()), so the record
 * is walked oldest first rather than taken from: an object slub_debug
 * refuses stays, and the walk does not come back to it.
 */
void objects_free_all(struct kmem_cache *cachep)
{
	struct obj_record_entry chunk[LIST_CHUNK];
	struct obj_record_iter it;
	const void *kept[KEPT_SHOWN];
	unsigned int n, freed = 0, nkept = 0;

	obj_record_iter_start(&it);
	while ((n = obj_record_next(&it, from_cache, cachep, chunk, LIST_CHUNK)) > 0)
		for (unsigned int i = 0; i < n; i++) {
			if (free_one(cachep, chunk[i].obj))
				freed++;
			else if (nkept++ < KEPT_SHOWN)
				kept[nkept - 1] = chunk[i].obj;
		}
	print_freed(freed, kept, nkept);
}
#else
void objects_free_all(struct kmem_cache *cachep)
{
	const void *objs[FREE_BATCH];
	unsigned int n, total = 0;

	while ((n = obj_record_take(cachep, objs, FREE_BATCH)) > 0) {
		for (unsigned int i = 0; i < n; i++)
			kmem_cache_free(cachep, (void *)objs[i]);
		total += n;
	}
	print_freed(total, NULL, 0);
}
#endif

static void list_header(bool sizes)
{
	printf("object      cpu           age  slab        index%s\n", sizes ? "     size  cache" : "");
}

/* One object's line; @now is the listing's clock (see now_us()). */
static void list_one(const struct obj_record_entry *e, uint32_t now, bool sizes)
{
	struct kmem_cache *cachep = kmem_cache_of(e->obj);
	int32_t age = (int32_t)(now - e->stamp);	/* < 0: stamped ahead (obj_record.h) */
	uint32_t us = age > 0 ? (uint32_t)age : 0;
	const void *page;
	unsigned int index;

	printf("0x%08lx  %3u  %4lu.%06lus  ", (unsigned long)(uintptr_t)e->obj,
	       (unsigned int)e->cpu, (unsigned long)(us / 1000000), (unsigned long)(us % 1000000));
	/* a recorded object is handed out: its slab stays while we read it */
	if (cachep && kmem_cache_obj_place(cachep, e->obj, &page, &index))
		printf("0x%08lx  %5u", (unsigned long)(uintptr_t)page, index);
	else
		printf("%-10s  %5s", "?", "?");
	if (sizes)
		printf("  %7lu  %s", (unsigned long)e->size,
		       cachep ? kmem_cache_name(cachep) : "the page allocator");
	printf("\n");
}

unsigned int objects_list(obj_record_match_fn match, void *arg, bool sizes)
{
	struct obj_record_entry chunk[LIST_CHUNK];
	struct obj_record_iter it;
	unsigned int n, total = 0;
	uint32_t now;

	obj_record_iter_start(&it);
	now = now_us();
	while ((n = obj_record_next(&it, match, arg, chunk, LIST_CHUNK)) > 0) {
		if (!total)
			list_header(sizes);
		for (unsigned int i = 0; i < n; i++)
			list_one(&chunk[i], now, sizes);
		total += n;
	}
	return total;
}
