/*
 * cmd_cache_slub.h - between SLUB's cache views (make SLAB=slub):
 * cmd_cache_show_slub.c (show, chain, create's lines),
 * cmd_cache_map_slub.c (map), cmd_cache_dump_slub.c (dump),
 * cmd_whatis_slub.c and cmd_cache_lab_slub.c.  Everything here reads mm/slub_inspect.h.
 */
#ifndef SHELL_CMD_CACHE_SLUB_H
#define SHELL_CMD_CACHE_SLUB_H

#include <stdbool.h>
#include "mm/slub_inspect.h"
#include "smp.h"

/* "cpu", "partial", "full": enum slub_list's words. */
extern const char *const slub_list_names[];

/* " KEY=0x6fc1b000", or "KEY=none" for NULL (no leading blank). */
void slub_print_ptr(const char *key, const void *p);
/*
 * A chain of object indices, " 3 -> 4 -> END" (or "?" where it broke),
 * wrapped, then a line saying how a broken chain breaks; @col is how
 * many characters the line already has.
 */
void slub_print_chain(const unsigned short *chain, unsigned int len,
		      enum slub_chain_break brk, unsigned int col);

/*
 * Each online CPU's kmem_cache_cpu and lockless freelist, copied on that
 * CPU (slub_get_cpu_slab()) before a walk of the slabs, whose callback
 * may not send IPIs.  Static: commands run one at a time.
 */
struct slub_cpu_chain {
	bool valid;			/* the CPU is online and was read */
	struct slub_cpu_info ci;
	unsigned int len;
	enum slub_chain_break brk;
	unsigned short chain[SLUB_INSPECT_MAX_OBJS];
};
extern struct slub_cpu_chain slub_cpu_chains[NR_CPUS];
void slub_read_cpu_chains(struct kmem_cache *s);
/* @cpu's copied chain if its CPU slab is @page, else NULL. */
const struct slub_cpu_chain *slub_cpu_chain_of(unsigned int cpu, const void *page);

/*
 * Object @i of slab @si as cache map marks it (cmd_cache_map_slub.c):
 * '#' handed out, '.' on page->freelist, the CPU's digit on its lockless
 * freelist (@cc: that CPU's copied chain, for a CPU slab); with @chain,
 * a free object's place instead: '0'-'9' on page->freelist, 'a'-'j' on
 * the CPU's, mod 10.
 */
char slub_obj_mark(const struct slub_slab_info *si, const struct slub_cpu_chain *cc,
		   unsigned int i, bool chain);

/*
 * The part of an object of @ci that byte @at (0 .. size - 1) lies in:
 * "object", "red zone", "free pointer", "alloc track", "free track" or
 * "padding"; @at is byte @into of its @len (cmd_whatis_slub.c, also for
 * cache corrupt).
 */
struct slub_part {
	const char *name;
	unsigned long into, len;
};
struct slub_part slub_obj_part(const struct slub_cache_info *ci, unsigned long at);

#endif /* SHELL_CMD_CACHE_SLUB_H */
