/*
 * slabinfo.c - Linux's /proc/slabinfo, version 2.1, and tuning a cache
 * through it (after Linux 2.6.24's s_show and slabinfo_write).
 *
 * Each row is counted under the cache's list_lock, so it is one
 * consistent snapshot of that cache; the chain is held for the whole
 * report, so caches neither appear nor vanish while it prints.
 * kmem_cache_for_each_row() hands the same rows to other reports
 * (the shell's slabtop).  The
 * accounting is cross-checked as Linux does and an inconsistency is
 * reported.
 */
#include <errno.h>
#include <stdio.h>
#include "mm/slab_internal.h"

struct slab_counts {
	unsigned long active_objs, active_slabs, num_slabs, free_objects, shared_avail;
	const char *error;
};

static void count_slabs(struct kmem_cache *cachep, struct slab_counts *c)
{
	struct kmem_list3 *l3 = cachep->nodelists[0];
	struct slab *slabp;
	unsigned long flags;

	*c = (struct slab_counts){ 0 };
	spin_lock_irqsave(&l3->list_lock, flags);
	list_for_each_entry(slabp, &l3->slabs_full, list) {
		if (slabp->inuse != cachep->num && !c->error)
			c->error = "slabs_full accounting error";
		c->active_objs += cachep->num;
		c->active_slabs++;
	}
	list_for_each_entry(slabp, &l3->slabs_partial, list) {
		if ((slabp->inuse == cachep->num || !slabp->inuse) && !c->error)
			c->error = "slabs_partial inuse accounting error";
		c->active_objs += slabp->inuse;
		c->active_slabs++;
	}
	list_for_each_entry(slabp, &l3->slabs_free, list) {
		if (slabp->inuse && !c->error)
			c->error = "slabs_free/inuse accounting error";
		c->num_slabs++;
	}
	c->free_objects = l3->free_objects;
	c->shared_avail = l3->shared ? l3->shared->avail : 0;
	spin_unlock_irqrestore(&l3->list_lock, flags);
	c->num_slabs += c->active_slabs;
}

/* A cache's row, counted under its list_lock; prints an accounting error. */
static void cache_row(struct kmem_cache *cachep, struct slabinfo_row *row)
{
	struct slab_counts c;

	count_slabs(cachep, &c);
	*row = (struct slabinfo_row){
		.name = cachep->name,
		.active_objs = c.active_objs,
		.num_objs = c.num_slabs * cachep->num,
		.objsize = cachep->buffer_size,
		.objperslab = cachep->num,
		.pagesperslab = 1u << cachep->gfporder,
		.limit = cachep->limit,
		.batchcount = cachep->batchcount,
		.shared = cachep->shared,
		.active_slabs = c.active_slabs,
		.num_slabs = c.num_slabs,
		.shared_avail = c.shared_avail,
	};
	if (row->num_objs - c.active_objs != c.free_objects && !c.error)
		c.error = "free_objects accounting error";
	if (c.error)
		printk("slab: cache %s error: %s\n", cachep->name, c.error);
}

/* @fn for every cache's row; cache_chain_lock held. */
static void for_each_row_locked(void (*fn)(const struct slabinfo_row *row, void *arg), void *arg)
{
	struct kmem_cache *cachep;
	struct slabinfo_row row;

	list_for_each_entry(cachep, &cache_chain, next) {
		cache_row(cachep, &row);
		fn(&row, arg);
	}
}

void kmem_cache_for_each_row(void (*fn)(const struct slabinfo_row *row, void *arg), void *arg)
{
	spin_lock(&cache_chain_lock);
	for_each_row_locked(fn, arg);
	spin_unlock(&cache_chain_lock);
}

static void print_row(const struct slabinfo_row *r, void *arg)
{
	(void)arg;
	printf("%-17s %6lu %6lu %6u %4u %4u : tunables %4u %4u %4u : slabdata %6lu %6lu %6lu\n",
	       r->name, r->active_objs, r->num_objs, r->objsize, r->objperslab,
	       r->pagesperslab, r->limit, r->batchcount, r->shared, r->active_slabs,
	       r->num_slabs, r->shared_avail);
}

/* The header too is printed under the lock: nothing at all if it cannot be had. */
void show_slabinfo(void)
{
	spin_lock(&cache_chain_lock);
	printf("slabinfo - version: 2.1\n");
	printf("# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
	       " : tunables <limit> <batchcount> <sharedfactor>"
	       " : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	for_each_row_locked(print_row, NULL);
	spin_unlock(&cache_chain_lock);
}

int slabinfo_write(const char *name, int limit, int batchcount, int shared)
{
	struct kmem_cache *cachep;
	int res;

	spin_lock(&cache_chain_lock);
	cachep = find_cache_locked(name);
	if (!cachep)
		res = -ENOENT;
	else if (limit < 1 || batchcount < 1 || batchcount > limit || shared < 0)
		res = -EINVAL;
	else
		res = do_tune_cpucache(cachep, (unsigned int)limit, (unsigned int)batchcount,
				       (unsigned int)shared);
	spin_unlock(&cache_chain_lock);
	return res;
}
