/*
 * objects.h - what "cache alloc/free" and "kmalloc/kfree" share
 * (shell/objects.c): allocating COUNT objects with the output and error
 * rules of both, and freeing a list of addresses only after every one
 * of them has been checked against the shell's record
 * (shell/obj_record.h).
 */
#ifndef SHELL_OBJECTS_H
#define SHELL_OBJECTS_H

#include <stdbool.h>
#include "mm/slab.h"
#include "shell/obj_record.h"

#define OBJECTS_SHOWN 16	/* addresses printed per allocation command */

/* One allocation; NULL when out of memory. */
typedef void *(*obj_alloc_fn)(void *ctx);

/*
 * Allocate @count objects with @fn, record each with this CPU, the time
 * and @size (the bytes asked of kmalloc; 0 for cache alloc) and
 * print the first OBJECTS_SHOWN addresses, then "allocated N
 * objects@suffix".  Running out part way keeps what was allocated and
 * fails with "error: out of memory after N objects".  Returns a command
 * result.
 */
int objects_alloc(obj_alloc_fn fn, void *ctx, unsigned int count, size_t size,
		  const char *suffix);

/*
 * Print every recorded object @match accepts, oldest first, one line
 * each under a header: address, allocating CPU, age, slab (its first
 * page) and index in it, and with @sizes the size asked and the cache.
 * Prints nothing when there is none; returns how many.
 */
unsigned int objects_list(obj_record_match_fn match, void *arg, bool sizes);

/*
 * Parse an ADDR argument naming an object the shell recorded: the object
 * and its cache, or an error printed ("error: bad address ..." or "error:
 * 0x... is not an object the shell allocated").  Returns a command result.
 */
int objects_find(const char *arg, const void **obj, struct kmem_cache **owner);
/*
 * The owner objects_find() gives a kmalloc() that no cache served: on
 * SLUB, above kmalloc-8192, kmalloc_large() takes pages straight from
 * the page allocator (never on SLAB, whose caches go up to 4 MiB).  Not
 * a cache: name it with objects_owner_name(), free it with kfree().
 */
extern struct kmem_cache *const objects_page_owner;
/* The cache's name, or "the page allocator" for objects_page_owner. */
const char *objects_owner_name(struct kmem_cache *owner);

/* Parse a COUNT argument (1 .. what the record still holds). */
bool objects_parse_count(const char *arg, unsigned int *count);

/*
 * Free the objects at the addresses @argv[0 .. argc-1] with
 * kmem_cache_free(@cachep) or, if @cachep is NULL, kfree().  Every
 * address is checked first (a number, recorded by the shell, from
 * @cachep when given, not listed twice); one bad address fails the
 * command and nothing is freed.  Prints "freed N objects".
 */
int objects_free(struct kmem_cache *cachep, int argc, char **argv);

/*
 * Free every recorded object of @cachep on this CPU; prints "freed N
 * objects" (and, on SLUB, the objects slub_debug refused, which stay).
 */
void objects_free_all(struct kmem_cache *cachep);

#endif /* SHELL_OBJECTS_H */
