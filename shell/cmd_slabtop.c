/*
 * cmd_slabtop.c - slabtop: procps' slabtop on the serial console.
 *
 * The header and the columns are procps-ng slabtop's, computed the same
 * way from the same /proc/slabinfo rows (kmem_cache_for_each_row()):
 * sizes are objects times object size, the average object is the total
 * size over the total objects, USE is active over total objects.  The
 * caches are sorted by CACHE SIZE, biggest first (slabtop's "c" order),
 * then by name.  "slabtop -d SECONDS" clears the screen and redraws
 * every SECONDS until a key (or Ctrl-C) is pressed.  As in procps, q
 * quits and is used up; any other key also ends the redraw but is left
 * for the shell, so a command typed meanwhile runs whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "shell/commands.h"
#include "shell/format.h"
#include "shell/shell.h"
#include "mm/slab_inspect.h"
#include "jiffies.h"

#define ROWS_MAX 128
#define DELAY_MAX 3600

struct top_row {
	const char *name;
	unsigned long objs, active, slabs, cache_bytes;
	unsigned int objsize, objperslab;
};

struct top_stats {
	unsigned long objs, active, slabs, active_slabs, caches, active_caches;
	uint64_t total_size, active_size;
	unsigned int min_obj, max_obj;
};

static struct top_row rows[ROWS_MAX];		/* one command at a time */

struct collect {
	unsigned int n;
	struct top_stats st;
};

static void collect_row(const struct slabinfo_row *r, void *arg)
{
	struct collect *c = arg;
	struct top_stats *st = &c->st;

	if (c->n < ROWS_MAX)
		rows[c->n++] = (struct top_row){
			.name = r->name, .objs = r->num_objs, .active = r->active_objs,
			.slabs = r->num_slabs, .objsize = r->objsize, .objperslab = r->objperslab,
			.cache_bytes = r->num_slabs * r->pagesperslab * PAGE_SIZE,
		};
	st->min_obj = r->objsize < st->min_obj ? r->objsize : st->min_obj;
	st->max_obj = r->objsize > st->max_obj ? r->objsize : st->max_obj;
	st->objs += r->num_objs;
	st->active += r->active_objs;
	st->total_size += (uint64_t)r->num_objs * r->objsize;
	st->active_size += (uint64_t)r->active_objs * r->objsize;
	st->slabs += r->num_slabs;
	st->active_slabs += r->active_slabs;
	st->caches++;
	st->active_caches += r->num_objs != 0;
}

static int by_cache_size(const void *a, const void *b)
{
	const struct top_row *x = a, *y = b;

	if (x->cache_bytes != y->cache_bytes)
		return x->cache_bytes > y->cache_bytes ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void print_ratio_line(const char *label, unsigned long a, unsigned long b)
{
	char pct[24];

	printf(" %-35s: %lu / %lu (%s%%)\n", label, a, b,
	       format_fixed(pct, sizeof(pct), 100 * (uint64_t)a, b, 1));
}

static void print_header(const struct top_stats *st)
{
	char a[24], t[24], pct[24], mn[24], av[24], mx[24];
	uint64_t avg = st->objs ? st->total_size / st->objs : 0;

	print_ratio_line("Active / Total Objects (% used)", st->active, st->objs);
	print_ratio_line("Active / Total Slabs (% used)", st->active_slabs, st->slabs);
	print_ratio_line("Active / Total Caches (% used)", st->active_caches, st->caches);
	printf(" %-35s: %sK / %sK (%s%%)\n", "Active / Total Size (% used)",
	       format_fixed(a, sizeof(a), st->active_size, 1024, 2),
	       format_fixed(t, sizeof(t), st->total_size, 1024, 2),
	       format_fixed(pct, sizeof(pct), 100 * st->active_size, st->total_size, 1));
	printf(" %-35s: %sK / %sK / %sK\n\n", "Minimum / Average / Maximum Object",
	       format_fixed(mn, sizeof(mn), st->min_obj, 1024, 2),
	       format_fixed(av, sizeof(av), avg, 1024, 2),
	       format_fixed(mx, sizeof(mx), st->max_obj, 1024, 2));
	printf("%-78s\n", "  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME");
}

static void print_rows(unsigned int n)
{
	char size[24];

	for (unsigned int i = 0; i < n; i++) {
		const struct top_row *r = &rows[i];
		unsigned int use = r->objs ? (unsigned int)(100 * r->active / r->objs) : 0;

		printf("%6lu %6lu %3u%% %7sK %6lu %8u %9luK %-23s\n", r->objs, r->active, use,
		       format_fixed(size, sizeof(size), r->objsize, 1024, 2), r->slabs,
		       r->objperslab, r->cache_bytes / 1024, r->name);
	}
}

static void slabtop_once(void)
{
	struct collect c = { .st = { .min_obj = UINT32_MAX } };

	kmem_cache_for_each_row(collect_row, &c);
	qsort(rows, c.n, sizeof(rows[0]), by_cache_size);
	print_header(&c.st);
	print_rows(c.n);
}

int do_slabtop(int argc, char **argv)
{
	uint32_t delay = 0;

	if (argc == 2 || (argc == 3 && strcmp(argv[1], "-d") != 0))
		return cmd_usage_error("slabtop: expected [-d SECONDS]");
	if (argc == 3 && !cmd_parse_count("delay", argv[2], DELAY_MAX, &delay))
		return CMD_USAGE;
	if (!delay) {
		slabtop_once();
		return CMD_OK;
	}
	do {
		printf("\033[H\033[J");		/* home, clear to the end: like top */
		slabtop_once();
	} while (!shell_wait_key(delay * HZ, "qQ"));
	return shell_interrupted() ? cmd_interrupted() : CMD_OK;
}
