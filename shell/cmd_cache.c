/*
 * cmd_cache.c - "cache": create, destroy, allocate from, free to and
 * shrink slab caches from the shell, and list the objects it holds from
 * one ("cache show" and "cache map" are in cmd_cache_show.c).
 *
 * Everything is checked before the allocator is called, so a refused
 * command changes nothing: names (unique, 1-31 characters, no blanks),
 * sizes (1 byte to 4 MiB), alignments (powers of two), flags (by name, in
 * any case), and that some slab of up to 4 MiB holds the resulting layout.
 * kmem_cache_create() keeps the name pointer it is given, as Linux's
 * does, so the names of the caches the shell creates live in a static
 * table here until the cache is destroyed.  Only the shell creates and
 * destroys caches, one command at a time, so the table needs no lock.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "shell/cmd_cache.h"
#include "shell/commands.h"
#include "shell/objects.h"
#include "shell/obj_record.h"
#include "shell/shell.h"
#include "mm/slab_inspect.h"

#define USER_CACHES_MAX 32

static char user_names[USER_CACHES_MAX][CACHE_NAME_MAX + 1];	/* "": free slot */

struct create_flag {
	const char *name;
	unsigned long flag;
};

static const struct create_flag create_flags[] = {
	{ "hwcache_align", SLAB_HWCACHE_ALIGN },
	{ "dma", SLAB_CACHE_DMA },
	{ "reclaim", SLAB_RECLAIM_ACCOUNT },
	{ "red_zone", SLAB_RED_ZONE },
	{ "poison", SLAB_POISON },
	{ "store_user", SLAB_STORE_USER },
	{ "sanity_checks", SLAB_DEBUG_FREE },	/* SLUB's F; SLAB accepts it, no effect */
	{ "ctor", 0 },			/* the pattern constructor below */
};

/*
 * "flags=hwcache_align,ctor" or "flags=none" (no newline): a cache's
 * flags as "cache show" prints them on either back end, by the words
 * "cache create" takes (sanity_checks only on SLUB: SLAB does not keep
 * SLAB_DEBUG_FREE); __OBJECT_POISON, SLUB's own, is not shown.
 */
void cache_print_flags(unsigned long flags, bool ctor)
{
	static const struct create_flag shown_flags[] = {
		{ "hwcache_align", SLAB_HWCACHE_ALIGN },
		{ "dma", SLAB_CACHE_DMA },
		{ "reclaim", SLAB_RECLAIM_ACCOUNT },
		{ "panic", SLAB_PANIC },
		{ "sanity_checks", SLAB_DEBUG_FREE },	/* Linux's /sys/kernel/slab names */
		{ "red_zone", SLAB_RED_ZONE },
		{ "poison", SLAB_POISON },
		{ "store_user", SLAB_STORE_USER },
	};
	unsigned int shown = 0;

	printf("flags=");
	for (unsigned int i = 0; i < ARRAY_SIZE(shown_flags); i++)
		if (flags & shown_flags[i].flag)
			printf("%s%s", shown++ ? "," : "", shown_flags[i].name);
	if (ctor)
		printf("%sctor", shown++ ? "," : "");
	if (!shown)
		printf("none");
}

/* The test constructor: every new object is filled with "ctor" bytes. */
static void pattern_ctor(struct kmem_cache *cachep, void *objp)
{
	static const char pattern[4] = { 'c', 't', 'o', 'r' };
	char *p = objp;

	for (unsigned int i = 0; i < kmem_cache_size(cachep); i++)
		p[i] = pattern[i % 4];
}

struct kmem_cache *cache_lookup(const char *name)
{
	struct kmem_cache *cachep = kmem_cache_find(name);

	if (!cachep)
		cmd_error("no cache named '%s'", name);
	return cachep;
}

/* @s as a JSON string, for the dumps: a cache's name may hold any printable byte. */
void cache_put_json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", (unsigned char)*s);
		else
			putchar(*s);
	}
	putchar('"');
}

/* ---- create ---- */

static int check_name(const char *name)
{
	size_t len = strlen(name);

	if (len == 0)
		return cmd_usage_error("a cache name cannot be empty");
	if (len > CACHE_NAME_MAX)
		return cmd_usage_error("cache name '%s' is too long (at most %d characters)",
				       name, CACHE_NAME_MAX);
	if (strpbrk(name, " \t"))
		return cmd_usage_error("cache name '%s' contains a blank", name);
	if (strcmp(name, "all") == 0)
		return cmd_usage_error("'all' cannot name a cache: 'cache shrink all' and "
				       "'cache free NAME all' use it");
	if (kmem_cache_find(name))
		return cmd_error("a cache named '%s' already exists", name);
	return CMD_OK;
}

/* Any case: RED_ZONE as Linux's headers spell the flag, red_zone as printed. */
static bool parse_flag(const char *word, unsigned long *flags, kmem_ctor_t *ctor)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(create_flags); i++) {
		if (strcasecmp(word, create_flags[i].name) != 0)
			continue;
		*flags |= create_flags[i].flag;
		if (!create_flags[i].flag)
			*ctor = pattern_ctor;
		return true;
	}
	return false;
}

struct create_args {
	const char *name;
	uint32_t size, align;
	unsigned long flags;
	kmem_ctor_t ctor;
};

/* SIZE [ALIGN] [FLAG ...] after the name: argv[0] is SIZE. */
static int parse_create(int argc, char **argv, struct create_args *a)
{
	int i = 1;

	if (!cmd_parse_count("size", argv[0], KMALLOC_MAX_SIZE, &a->size))
		return CMD_USAGE;
	if (argc > 1 && argv[1][0] >= '0' && argv[1][0] <= '9') {
		if (!cmd_parse_u32("align", argv[1], KMALLOC_MAX_SIZE, &a->align))
			return CMD_USAGE;
		if (a->align & (a->align - 1))
			return cmd_usage_error("bad align '%s': not a power of two", argv[1]);
		i = 2;
	}
	for (; i < argc; i++)
		if (!parse_flag(argv[i], &a->flags, &a->ctor))
			return cmd_usage_error("unknown flag '%s' (known: hwcache_align dma "
					       "reclaim red_zone poison store_user sanity_checks ctor)",
					       argv[i]);
	return CMD_OK;
}

static char *name_slot(void)
{
	for (unsigned int i = 0; i < USER_CACHES_MAX; i++)
		if (!user_names[i][0])
			return user_names[i];
	return NULL;
}

static void release_name(const char *name)
{
	for (unsigned int i = 0; i < USER_CACHES_MAX; i++)
		if (strcmp(user_names[i], name) == 0)
			user_names[i][0] = '\0';
}

static int cache_create(int argc, char **argv)
{
	struct create_args a = { .name = argv[0] };
	struct kmem_cache *cachep;
	char *slot;
	int ret;

	if (argc < 2)
		return cmd_usage_error("cache create: expected NAME SIZE [ALIGN] [FLAG ...]");
	ret = check_name(a.name);
	if (ret == CMD_OK)
		ret = parse_create(argc - 1, argv + 1, &a);
	if (ret != CMD_OK)
		return ret;
	ret = cache_check_layout(a.name, a.size, a.align, a.flags, a.ctor != NULL);
	if (ret != CMD_OK)
		return ret;
	slot = name_slot();
	if (!slot)
		return cmd_error("the shell has created %d caches; destroy one first",
				 USER_CACHES_MAX);
	strcpy(slot, a.name);
	cachep = kmem_cache_create(slot, a.size, a.align, a.flags, a.ctor);
	if (!cachep) {
		slot[0] = '\0';
		return cmd_error("cannot create cache '%s': out of memory", a.name);
	}
	cache_print_created(cachep, a.name);
	return CMD_OK;
}

/* ---- destroy ---- */

/* @name as typed: on SLUB it may be an alias of @cachep (cache_may_destroy()). */
static int cache_destroy(struct kmem_cache *cachep, const char *name)
{
	struct kmem_cache_info ci;
	int ret = cache_may_destroy(cachep, name);

	if (ret != CMD_OK)
		return ret;
	kmem_cache_destroy_name(cachep, name);
	if (kmem_cache_find(name) == cachep) {
		kmem_cache_get_info(cachep, &ci);
		return cmd_error("cache '%s' not destroyed: %lu objects still allocated",
				 name, ci.num_active);
	}
	printf("destroyed cache %s\n", name);
	release_name(name);
	return CMD_OK;
}

/* ---- alloc, free, shrink ---- */

struct cache_alloc_ctx {
	struct kmem_cache *cachep;
	gfp_t gfp;
};

static void *alloc_from_cache(void *arg)
{
	struct cache_alloc_ctx *ctx = arg;

	return kmem_cache_alloc(ctx->cachep, ctx->gfp);
}

/*
 * What a caller of this cache passes: GFP_DMA for a DMA cache and only
 * for one, or cache_grow()'s kmem_flagcheck() BUG()s, as Linux's does.
 */
static gfp_t cache_gfp(struct kmem_cache *cachep)
{
	struct kmem_cache_info ci;

	kmem_cache_get_info(cachep, &ci);
	return GFP_KERNEL | __GFP_NOWARN | ((ci.flags & SLAB_CACHE_DMA) ? GFP_DMA : 0);
}

/* NAME [COUNT] [zero]: argv[0] is NAME. */
static int cache_alloc(struct kmem_cache *cachep, int argc, char **argv)
{
	struct cache_alloc_ctx ctx = { cachep, cache_gfp(cachep) };
	unsigned int count = 1;
	int i = 1;

	if (argc > i && strcmp(argv[argc - 1], "zero") == 0) {
		ctx.gfp |= __GFP_ZERO;
		argc--;
	}
	if (argc > 2)
		return cmd_usage_error("cache alloc: expected NAME [COUNT] [zero]");
	if (argc == 2 && !objects_parse_count(argv[1], &count))
		return CMD_USAGE;
	return objects_alloc(alloc_from_cache, &ctx, count, 0, "");
}

static int cache_free(struct kmem_cache *cachep, int argc, char **argv)
{
	if (argc < 2)
		return cmd_usage_error("cache free: expected NAME ADDR [ADDR ...] or NAME all");
	if (argc == 2 && strcmp(argv[1], "all") == 0) {
		objects_free_all(cachep);
		return CMD_OK;
	}
	return objects_free(cachep, argc - 1, argv + 1);
}

static bool from_cache(const struct obj_record_entry *e, void *cachep)
{
	return obj_record_cache_of(e->obj) == cachep;
}

static int cache_objects(struct kmem_cache *cachep)
{
	unsigned int n = objects_list(from_cache, cachep, false);

	if (n)
		printf("%u object%s held from %s\n", n, n == 1 ? "" : "s", kmem_cache_name(cachep));
	else
		printf("the shell holds no objects from %s\n", kmem_cache_name(cachep));
	return CMD_OK;
}

static int cache_shrink(struct kmem_cache *cachep)
{
	int pages = kmem_cache_shrink(cachep);

	printf("shrink %s: freed %d page%s\n", kmem_cache_name(cachep), pages,
	       pages == 1 ? "" : "s");
	return CMD_OK;
}

/* ---- the dispatcher ---- */

/*
 * The subcommands that take an existing cache's NAME first (argv[0]):
 * either NAME alone (@on_cache) or NAME and more (@with_args).
 */
struct cache_sub {
	const char *name;
	const char *usage;	/* printed after a usage error of this one */
	int (*on_cache)(struct kmem_cache *cachep);
	int (*with_args)(struct kmem_cache *cachep, int argc, char **argv);
};

static int cache_destroy_sub(struct kmem_cache *cachep, int argc, char **argv)
{
	if (argc > 1)
		return cmd_usage_error("cache destroy: expected NAME");
	return cache_destroy(cachep, argv[0]);
}

static const struct cache_sub cache_subs[] = {
	{ "destroy", "cache destroy NAME", NULL, cache_destroy_sub },
	{ "alloc", "cache alloc NAME [COUNT] [zero]", NULL, cache_alloc },
	{ "free", "cache free NAME ADDR [ADDR ...] | NAME all", NULL, cache_free },
	{ "objects", "cache objects NAME", cache_objects, NULL },
	{ "show", "cache show NAME", cache_show, NULL },
	{ "map", "cache map NAME [chain]", NULL, cache_map },
	{ "dump", "cache dump NAME", cache_dump, NULL },
	{ "chain", "cache chain NAME [SLAB]", NULL, cache_show_chain },
	{ "shrink", "cache shrink NAME | all", cache_shrink, NULL },
	{ "trace", "cache trace NAME on|events|off", NULL, cache_trace },
	{ "journal", "cache journal NAME [ADDR]", NULL, cache_journal },
	{ "corrupt", "cache corrupt NAME ADDR OFFSET BYTE", NULL, cache_corrupt },
	{ "badfree", "cache badfree NAME ADDR double|interior|wrongcache", NULL, cache_badfree },
};

#define CACHE_CREATE_USAGE "cache create NAME SIZE [ALIGN] [FLAG ...]"

/* Every cache, as the page reclaim of a kernel would (drop_caches). */
static int shrink_all(void)
{
	unsigned long pages = kmem_cache_shrink_all();

	printf("shrink all: freed %lu page%s\n", pages, pages == 1 ? "" : "s");
	return CMD_OK;
}

static int run_sub(const struct cache_sub *sub, int argc, char **argv)
{
	struct kmem_cache *cachep;

	if (argc < 1)
		return cmd_usage_error("cache %s: missing NAME", sub->name);
	if (sub->on_cache && argc > 1)
		return cmd_usage_error("cache %s: expected NAME", sub->name);
	if (sub->on_cache == cache_shrink && strcmp(argv[0], "all") == 0)
		return shrink_all();
	cachep = cache_lookup(argv[0]);
	if (!cachep)
		return CMD_FAIL;
	return sub->on_cache ? sub->on_cache(cachep) : sub->with_args(cachep, argc, argv);
}

int do_cache(int argc, char **argv)
{
	const char *sub = argv[1];

	if (strcmp(sub, "create") == 0)
		return cmd_sub_usage(cache_create(argc - 2, argv + 2), CACHE_CREATE_USAGE);
	for (unsigned int i = 0; i < ARRAY_SIZE(cache_subs); i++)
		if (strcmp(sub, cache_subs[i].name) == 0)
			return cmd_sub_usage(run_sub(&cache_subs[i], argc - 2, argv + 2),
					     cache_subs[i].usage);
	return cmd_usage_error("cache: unknown subcommand '%s'", sub);
}
