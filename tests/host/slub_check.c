/*
 * slub_check.c - the SLUB host tests' shared helpers (slub_check.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "mm/slub_def.h"
#include "buddy_check.h"
#include "host_platform.h"
#include "slub_check.h"

static struct arena arena;

int slub_group_setup(void **state)
{
	(void)state;
	arena_init(&arena, 64UL << 20, 64 * 1024, 300 * 1024);
	kmem_cache_init();
	return 0;
}

int slub_group_teardown(void **state)
{
	(void)state;
	arena_free(&arena);
	return 0;
}

int slub_test_setup(void **state)
{
	(void)state;
	host_set_cpu(0);
	return 0;
}

struct slub_cache_info info_of(struct kmem_cache *s)
{
	struct slub_cache_info info;

	slub_get_cache_info(s, &info);
	return info;
}

unsigned long stat_of(struct kmem_cache *s, enum stat_item item)
{
	return info_of(s).stat[item];
}

unsigned int cpu_stat(struct kmem_cache *s, unsigned int cpu, enum stat_item item)
{
	struct slub_cpu_info ci;
	unsigned short chain[SLUB_INSPECT_MAX_OBJS];
	unsigned int len;
	enum slub_chain_break brk;

	assert_int_equal(slub_get_cpu_slab(s, cpu, &ci, chain, SLUB_INSPECT_MAX_OBJS, &len, &brk),
			 0);
	return ci.stat[item];
}

struct slub_node_info node_of(struct kmem_cache *s)
{
	struct slub_node_info ni;

	slub_get_node(s, &ni);
	return ni;
}

void assert_stats(struct kmem_cache *s, const unsigned long want[NR_SLUB_STAT_ITEMS])
{
	struct slub_cache_info info = info_of(s);

	for (unsigned int i = 0; i < NR_SLUB_STAT_ITEMS; i++) {
		if (info.stat[i] != want[i])
			fail_msg("%s: %s is %lu, want %lu", s->name, slub_stat_name(i),
				 info.stat[i], want[i]);
	}
}

static void record_slab(const struct slub_slab_info *si, void *arg)
{
	struct slab_seen *seen = arg;
	unsigned int i = seen->n++;

	assert_true(i < 64);
	seen->page[i] = si->page;
	seen->list[i] = si->list;
	seen->cpu[i] = si->cpu;
	seen->inuse[i] = si->inuse;
	seen->chain_len[i] = si->chain_len;
	seen->freelist[i] = si->freelist;
	if (si->chain_break != SLUB_CHAIN_OK)
		fail_msg("slab %p list %d: chain break %d after %u", si->page, si->list,
			 si->chain_break, si->chain_len);
}

void slabs_of(struct kmem_cache *s, struct slab_seen *seen)
{
	unsigned long n;

	memset(seen, 0, sizeof(*seen));
	n = slub_for_each_slab(s, record_slab, seen);
	assert_int_equal(n, seen->n);
}

void *obj_at(const void *page, struct kmem_cache *s, unsigned int i)
{
	return (char *)page + (size_t)i * (size_t)s->size;
}

void collect_row(const struct slabinfo_row *row, void *arg)
{
	struct row_names *rn = arg;

	assert_true(rn->n < 64);
	snprintf(rn->name[rn->n], sizeof(rn->name[0]), "%s", row->name);
	rn->row[rn->n++] = *row;
}

unsigned int rows_named(const char *name)
{
	struct row_names rn = { 0 };
	unsigned int n = 0;

	kmem_cache_for_each_row(collect_row, &rn);
	for (unsigned int i = 0; i < rn.n; i++)
		n += !strcmp(rn.name[i], name);
	return n;
}

void fill_slabs(struct kmem_cache *s, void **obj, unsigned int nslabs)
{
	host_set_cpu(0);
	for (unsigned int i = 0; i < nslabs * OBJS; i++)
		obj[i] = kmem_cache_alloc(s, GFP_KERNEL);
}

void ctor_nop(struct kmem_cache *s, void *obj)
{
	(void)s;
	memset(obj, 0x5a, 8);
}
