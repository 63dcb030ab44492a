/*
 * cmd_cache.h - between the files of the "cache" command:
 * cmd_cache.c (create, destroy, alloc, free, shrink),
 * cmd_cache_show.c (show, map), cmd_cache_lab.c (corrupt, badfree) and
 * cmd_cache_trace.c (trace, journal; each back end's report lines in
 * cmd_cache_trace_slab.c or cmd_cache_trace_slub.c).  On SLUB (make
 * SLAB=slub) the Makefile links SLUB's views in place of SLAB's:
 * cmd_cache_show_slub.c, cmd_cache_map_slub.c and cmd_cache_dump_slub.c
 * (show, map, chain, dump: mm/slub_inspect.h) and cmd_cache_lab_slub.c
 * (corrupt, badfree: slub_debug's checks).
 */
#ifndef SHELL_CMD_CACHE_H
#define SHELL_CMD_CACHE_H

#include "mm/slab_inspect.h"

#define CACHE_NAME_MAX 31

/* The cache named @name; prints "error: no cache named ..." if none. */
struct kmem_cache *cache_lookup(const char *name);
/* The "geometry: size=... objsize=..." line (SLAB's: cmd_cache_show.c). */
void cache_print_geometry(const struct kmem_cache_info *ci);
/* "flags=hwcache_align,ctor" or "flags=none" (no newline), both back ends. */
void cache_print_flags(unsigned long flags, bool ctor);
/*
 * Per back end (cmd_cache_show.c for SLAB, cmd_cache_show_slub.c for
 * SLUB): whether a cache of @size, @align, @flags can be made (CMD_OK, or
 * the error printed), and the lines "cache create" prints for the cache
 * it made (@name as asked: SLUB may merge it into an existing cache).
 */
int cache_check_layout(const char *name, size_t size, size_t align, unsigned long flags,
		       bool ctor);
/* Whether "cache destroy @name" may destroy @cachep: CMD_OK, or the error printed. */
int cache_may_destroy(struct kmem_cache *cachep, const char *name);
void cache_print_created(struct kmem_cache *cachep, const char *name);

int cache_show(struct kmem_cache *cachep);
/*
 * For the map and the dump (cmd_cache_dump.c): collect every object in
 * an array (a static table the marks look up; commands run one at a
 * time), then object @i of slab @si's mark: '#' handed out, '.' free in
 * the slab (with @chain its place on the free chain, mod 10), the
 * digit of the CPU whose array holds it or 's' the shared array ('o'
 * with @chain), 'q' quarantined.
 */
unsigned int cache_collect_held(struct kmem_cache *cachep);
char cache_obj_mark(const struct kmem_cache_info *ci, unsigned int nheld,
		    const struct slab_info *si, unsigned int i, bool chain);
int cache_dump(struct kmem_cache *cachep);
/* @s as a JSON string, quotes and escapes included (cmd_cache.c). */
void cache_put_json_string(const char *s);
int cache_map(struct kmem_cache *cachep, int argc, char **argv);
int cache_show_chain(struct kmem_cache *cachep, int argc, char **argv);
/* shell/cmd_cache_trace.c: NAME on|events|off, and NAME [ADDR] (argv[0] is NAME) */
int cache_trace(struct kmem_cache *cachep, int argc, char **argv);
int cache_journal(struct kmem_cache *cachep, int argc, char **argv);
/*
 * Print what moved in each traced cache since the last report, one line
 * per CPU and kind of work (@between: before a command, so it says so).
 */
void cache_trace_report(bool between);
/* A report line being built: appended to with trace_put(), never past its end. */
struct trace_line {
	char buf[320];
	size_t len;
};
__printf(2, 3) void trace_put(struct trace_line *l, const char *fmt, ...);
const char *trace_s(unsigned int n);	/* "s" unless @n is 1 */
/*
 * Per back end (cmd_cache_trace_slab.c, cmd_cache_trace_slub.c): the
 * words of a report line after "trace NAME: cpuN[ WORK]: ", for CPU
 * @cpu's tally row @row (0: the API's calls; else slab_trace_row_name()).
 */
void trace_row_body(struct trace_line *l, unsigned int cpu, unsigned int row,
		    const struct slab_trace_counts *d);
/* What "cache journal" says a cache without a journal needs. */
#if defined(CONFIG_SLUB) && CONFIG_SLUB
#define TRACE_NO_JOURNAL "turn trace on"
#else
#define TRACE_NO_JOURNAL "create it with store_user or turn trace on"
#endif

/* The corruption lab (cmd_cache_lab.c): argv[0] is NAME. */
int cache_corrupt(struct kmem_cache *cachep, int argc, char **argv);
int cache_badfree(struct kmem_cache *cachep, int argc, char **argv);
/*
 * The back end's part of "cache badfree" (cmd_cache_lab.c,
 * cmd_cache_lab_slub.c): CMD_OK if @misuse may be tried on @cachep, else
 * the error printed; and the double free itself.
 */
int lab_badfree_refused(struct kmem_cache *cachep, const char *misuse);
void lab_double_free(struct kmem_cache *cachep, void *obj);
/* @cachep's detector reports so far (kmem_cache_get_info()'s errors). */
unsigned long lab_errors_of(struct kmem_cache *cachep);
/* "red zone 2", "the user word", ...: whatis's words for a part (cmd_whatis.c). */
const char *whatis_part_name(enum whatis_kind kind);

#endif /* SHELL_CMD_CACHE_H */
