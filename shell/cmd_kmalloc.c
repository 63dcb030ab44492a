/*
 * cmd_kmalloc.c - kmalloc, kfree and ksize from the shell, with the
 * output and error rules of "cache alloc" and "cache free"
 * (shell/objects.c).  kmalloc names the general cache it used, so a
 * learner sees the size classes at work: "kmalloc 72" comes from
 * size-96.
 */
#include <stdio.h>
#include "shell/commands.h"
#include "shell/objects.h"
#include "shell/obj_record.h"
#include "shell/shell.h"
#include "mm/slab_inspect.h"

static void *alloc_kmalloc(void *arg)
{
	return kmalloc(*(size_t *)arg, GFP_KERNEL | __GFP_NOWARN);
}

int do_kmalloc(int argc, char **argv)
{
	unsigned int count = 1;
	char suffix[48];
	uint32_t size;
	size_t bytes;

	if (!cmd_parse_u32("size", argv[1], UINT32_MAX, &size))
		return CMD_USAGE;
	if (argc == 3 && !objects_parse_count(argv[2], &count))
		return CMD_USAGE;
	if (size > KMALLOC_MAX_SIZE)
		return cmd_error("no general cache holds %lu bytes (the largest is size-%lu)",
				 (unsigned long)size, (unsigned long)KMALLOC_MAX_SIZE);
	if (size == 0) {
		printf("kmalloc(0) returns ZERO_SIZE_PTR (0x%08lx): no object, nothing to free\n",
		       (unsigned long)(uintptr_t)kmalloc(0, GFP_KERNEL));
		return CMD_OK;
	}
	bytes = size;
	snprintf(suffix, sizeof(suffix), " from %s",
		 kmem_cache_name(kmem_find_general_cachep(bytes, GFP_KERNEL)));
	return objects_alloc(alloc_kmalloc, &bytes, count, suffix);
}

int do_kfree(int argc, char **argv)
{
	return objects_free(NULL, argc - 1, argv + 1);
}

int do_ksize(int argc, char **argv)
{
	const struct kmem_cache *cachep;
	uint32_t addr;

	(void)argc;
	if (!cmd_parse_u32("address", argv[1], UINT32_MAX, &addr))
		return CMD_USAGE;
	cachep = obj_record_find((const void *)(uintptr_t)addr);
	if (!cachep)
		return cmd_error("0x%08lx is not an object the shell allocated", (unsigned long)addr);
	printf("0x%08lx: %lu bytes (%s)\n", (unsigned long)addr,
	       (unsigned long)ksize((const void *)(uintptr_t)addr),
	       kmem_cache_name((struct kmem_cache *)cachep));
	return CMD_OK;
}
