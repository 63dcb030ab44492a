/*
 * cmd_kmalloc.c - kmalloc, kfree and ksize from the shell, with the
 * output and error rules of "cache alloc" and "cache free"
 * (shell/objects.c).  kmalloc names the general cache it used, so a
 * learner sees the size classes at work: "kmalloc 72" comes from
 * size-96.  "kmalloc list" shows every object kmalloc handed out that the
 * shell still holds, with the size asked and the class that served it.
 * On SLUB a kmalloc above kmalloc-8192 comes from the page allocator
 * (kmalloc_large()) and says so.
 */
#include <stdio.h>
#include <string.h>
#include "shell/commands.h"
#include "shell/objects.h"
#include "shell/shell.h"
#include "mm/slab_inspect.h"

static void *alloc_kmalloc(void *arg)
{
	return kmalloc(*(size_t *)arg, GFP_KERNEL | __GFP_NOWARN);
}

/*
 * kmalloc(0) allocates nothing and returns ZERO_SIZE_PTR, which kfree
 * accepts: make the @count calls asked for and say what they returned.
 */
static int kmalloc_zero(unsigned int count)
{
	unsigned int zero = 0;

	for (unsigned int i = 0; i < count; i++)
		zero += kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR;
	if (zero != count)
		return cmd_error("%u of %u kmalloc(0) calls did not return ZERO_SIZE_PTR",
				 count - zero, count);
	printf("kmalloc(0) returns ZERO_SIZE_PTR (0x%08lx): no object, nothing to free",
	       (unsigned long)(uintptr_t)ZERO_SIZE_PTR);
	if (count > 1)
		printf(" (%u calls)", count);
	printf("\n");
	return CMD_OK;
}

static bool from_kmalloc(const struct obj_record_entry *e, void *arg)
{
	(void)arg;
	return e->size != 0;
}

/* "kmalloc list": what kmalloc handed out (not cache alloc from a size-N cache). */
static int kmalloc_list(void)
{
	unsigned int n = objects_list(from_kmalloc, NULL, true);

	if (n)
		printf("%u object%s held from kmalloc\n", n, n == 1 ? "" : "s");
	else
		printf("the shell holds no objects from kmalloc\n");
	return CMD_OK;
}

/* get_order(): the smallest order of pages that holds @bytes. */
static unsigned int page_order(size_t bytes)
{
	unsigned int order = 0;

	while (((size_t)PAGE_SIZE << order) < bytes)
		order++;
	return order;
}

int do_kmalloc(int argc, char **argv)
{
	struct kmem_cache *cachep;
	unsigned int count = 1;
	char suffix[48];
	uint32_t size;
	size_t bytes;

	if (strcmp(argv[1], "list") == 0) {
		if (argc > 2)
			return cmd_usage_error("kmalloc list: expected no more arguments");
		return kmalloc_list();
	}
	if (!cmd_parse_u32("size", argv[1], UINT32_MAX, &size))
		return CMD_USAGE;
	if (argc == 3 && !objects_parse_count(argv[2], &count))
		return CMD_USAGE;
	if (size > KMALLOC_MAX_SIZE)
		return cmd_error("no general cache holds %lu bytes (the largest is size-%lu)",
				 (unsigned long)size, (unsigned long)KMALLOC_MAX_SIZE);
	if (size == 0)
		return kmalloc_zero(count);
	bytes = size;
	cachep = kmem_find_general_cachep(bytes, GFP_KERNEL);
	if (cachep)
		snprintf(suffix, sizeof(suffix), " from %s", kmem_cache_name(cachep));
	else	/* SLUB's kmalloc_large(): no cache (objects.h) */
		snprintf(suffix, sizeof(suffix), " from the page allocator (order %u)",
			 page_order(bytes));
	return objects_alloc(alloc_kmalloc, &bytes, count, bytes, suffix);
}

int do_kfree(int argc, char **argv)
{
	return objects_free(NULL, argc - 1, argv + 1);
}

int do_ksize(int argc, char **argv)
{
	struct kmem_cache *cachep;
	const void *obj;
	int ret;

	(void)argc;
	ret = objects_find(argv[1], &obj, &cachep);
	if (ret != CMD_OK)
		return ret;
	printf("0x%08lx: %lu bytes (%s)\n", (unsigned long)(uintptr_t)obj,
	       (unsigned long)ksize(obj), objects_owner_name(cachep));
	return CMD_OK;
}
