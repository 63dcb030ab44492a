/*
 * slabinfo.c - Linux's /proc/slabinfo, version 2.1, and tuning a cache
 * through it (after Linux 2.6.24's s_show and slabinfo_write).
 *
 * Each row is counted under the cache's list_lock, so it is one
 * consistent snapshot of that cache; the chain is held for the whole
 * report, so caches neither appear nor vanish while it prints.  The
 * accounting is cross-checked as Linux does and an inconsistency is
 * reported.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
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

static void show_cache(struct kmem_cache *cachep)
{
	struct slab_counts c;
	unsigned long num_objs;

	count_slabs(cachep, &c);
	num_objs = c.num_slabs * cachep->num;
	if (num_objs - c.active_objs != c.free_objects && !c.error)
		c.error = "free_objects accounting error";
	if (c.error)
		printf("slab: cache %s error: %s\n", cachep->name, c.error);
	printf("%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u : slabdata %6lu %6lu %6lu\n",
	       cachep->name, c.active_objs, num_objs, cachep->buffer_size, cachep->num,
	       1 << cachep->gfporder, cachep->limit, cachep->batchcount, cachep->shared,
	       c.active_slabs, c.num_slabs, c.shared_avail);
}

void show_slabinfo(void)
{
	struct kmem_cache *cachep;

	spin_lock(&cache_chain_lock);
	printf("slabinfo - version: 2.1\n");
	printf("# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
	       " : tunables <limit> <batchcount> <sharedfactor>"
	       " : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	list_for_each_entry(cachep, &cache_chain, next)
		show_cache(cachep);
	spin_unlock(&cache_chain_lock);
}

int slabinfo_write(const char *name, int limit, int batchcount, int shared)
{
	struct kmem_cache *cachep;
	int res = -ENOENT;

	spin_lock(&cache_chain_lock);
	list_for_each_entry(cachep, &cache_chain, next) {
		if (strcmp(cachep->name, name) != 0)
			continue;
		if (limit < 1 || batchcount < 1 || batchcount > limit || shared < 0)
			res = -EINVAL;
		else
			res = do_tune_cpucache(cachep, (unsigned int)limit,
					       (unsigned int)batchcount, (unsigned int)shared);
		break;
	}
	spin_unlock(&cache_chain_lock);
	return res;
}
