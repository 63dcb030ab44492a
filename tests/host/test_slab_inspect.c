/*
 * test_slab_inspect.c - the read-only views of mm/slab_inspect.c and the
 * reaper controls (cache_reap_now, slab_set_reap_auto), on a host arena,
 * under ASan/UBSan.
 *
 * What the views report is compared with the structures themselves and
 * with check_cache() (slab_check.c), after allocations and frees made
 * on chosen CPUs (host_set_cpu).  Every test destroys what it created.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "mm/gfp.h"
#include "mm/mmzone.h"
#include "mm/slab.h"
#include "mm/slab_inspect.h"
#include "mm/slab_internal.h"
#include "buddy_check.h"
#include "host_platform.h"
#include "slab_check.h"

#define MiB (1024UL * 1024UL)

static struct kmem_cache *make_cache(const char *name, size_t size, unsigned long flags)
{
	struct kmem_cache *cachep = kmem_cache_create(name, size, 0, flags, NULL);

	assert_non_null(cachep);
	return cachep;
}

static void alloc_n(struct kmem_cache *c, void **objs, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		assert_non_null(objs[i]);
	}
}

static void free_n(struct kmem_cache *c, void **objs, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		kmem_cache_free(c, objs[i]);
}

static void finding_caches_and_owners(void **state)
{
	struct kmem_cache *c = make_cache("inspect-find", 100, 0);
	struct kmem_cache *d = make_cache("inspect-other", 100, 0);
	char *obj = kmem_cache_alloc(c, GFP_KERNEL);
	char local;

	(void)state;
	assert_ptr_equal(kmem_cache_find("inspect-find"), c);
	assert_null(kmem_cache_find("inspect-fin"));
	assert_ptr_equal(kmem_cache_find("kmem_cache"), &cache_cache);
	assert_true(kmem_cache_is_general(&cache_cache));
	assert_true(kmem_cache_is_general(kmem_cache_find("size-32")));
	assert_true(kmem_cache_is_general(kmem_cache_find("size-4194304(DMA)")));
	assert_false(kmem_cache_is_general(c));
	assert_ptr_equal(kmem_cache_of(obj), c);
	assert_null(kmem_cache_of(&local));
	assert_true(kmem_cache_owns(c, obj));
	assert_false(kmem_cache_owns(d, obj));
	assert_false(kmem_cache_owns(c, obj + 1));		/* inside an object */
	assert_false(kmem_cache_owns(c, obj + c->buffer_size * c->num));	/* past the last */
	assert_false(kmem_cache_owns(c, virt_to_slab(obj)));	/* the management */
	assert_false(kmem_cache_owns(c, &local));
	kmem_cache_free(c, obj);
	kmem_cache_destroy(c);
	kmem_cache_destroy(d);
	assert_null(kmem_cache_find("inspect-find"));
}

static void info_matches_the_cache(void **state)
{
	struct kmem_cache *c = make_cache("inspect-info", 600, SLAB_HWCACHE_ALIGN);
	struct kmem_cache_info info;
	void *objs[3];

	(void)state;
	alloc_n(c, objs, 3);
	kmem_cache_get_info(c, &info);
	assert_string_equal(info.name, "inspect-info");
	assert_int_equal(info.size, 600);
	assert_int_equal(info.buffer_size, c->buffer_size);
	assert_int_equal(info.align, c->align);
	assert_int_equal(info.num, c->num);
	assert_int_equal(info.gfporder, c->gfporder);
	assert_int_equal(info.colour, c->colour);
	assert_int_equal(info.colour_off, c->colour_off);
	assert_int_equal(info.slab_size, c->slab_size);
	assert_int_equal(info.off_slab, OFF_SLAB(c) != 0);
	if (OFF_SLAB(c))
		assert_string_equal(info.slabp_cache, c->slabp_cache->name);
	else
		assert_null(info.slabp_cache);
	assert_int_equal(info.flags, SLAB_HWCACHE_ALIGN);
	assert_int_equal(info.limit, c->limit);
	assert_int_equal(info.batchcount, c->batchcount);
	assert_int_equal(info.shared, c->shared);
	/* one refill on the first allocation, then hits */
	assert_int_equal(info.allocmiss, 1);
	assert_int_equal(info.allochit, 2);
	assert_int_equal(info.grown, 1);
	assert_int_equal(info.num_active, c->num_active);
	free_n(c, objs, 3);
	kmem_cache_get_info(c, &info);
	assert_int_equal(info.freehit, 3);
	kmem_cache_destroy(c);
}

/*
 * The hit and miss counts are kept per CPU: the report sums the CPUs,
 * and a retune (new arrays) keeps them.
 */
static void statistics_are_summed_over_cpus_and_survive_a_retune(void **state)
{
	struct kmem_cache *c = make_cache("inspect-stats", 64, 0);
	struct kmem_cache_info info;
	void *objs[5];

	(void)state;
	alloc_n(c, objs, 3);			/* CPU 0: a miss, two hits */
	host_set_cpu(1);
	alloc_n(c, objs + 3, 2);		/* CPU 1: a miss, a hit */
	free_n(c, objs, 5);			/* CPU 1: five hits */
	host_set_cpu(0);
	assert_int_equal(c->stats[0].allochit, 2);
	assert_int_equal(c->stats[1].allochit, 1);
	assert_int_equal(c->stats[1].freehit, 5);
	kmem_cache_get_info(c, &info);
	assert_int_equal(info.allochit, 3);
	assert_int_equal(info.allocmiss, 2);
	assert_int_equal(info.freehit, 5);
	assert_int_equal(info.freemiss, 0);

	assert_int_equal(slabinfo_write("inspect-stats", 4, 2, 0), 0);
	assert_int_equal(c->array[1]->limit, 4);	/* new arrays */
	kmem_cache_get_info(c, &info);
	assert_int_equal(info.allochit, 3);
	assert_int_equal(info.allocmiss, 2);
	assert_int_equal(info.freehit, 5);
	assert_int_equal(info.freemiss, 0);
	kmem_cache_destroy(c);
}

static void off_slab_caches_name_their_management_cache(void **state)
{
	struct kmem_cache *c = make_cache("inspect-offslab", 4096, 0);
	struct kmem_cache_info info;

	(void)state;
	kmem_cache_get_info(c, &info);
	assert_true(info.off_slab);
	assert_non_null(info.slabp_cache);
	assert_ptr_equal(kmem_cache_find(info.slabp_cache), c->slabp_cache);
	kmem_cache_destroy(c);
}

static void cpu_arrays_are_read_on_their_cpu(void **state)
{
	struct kmem_cache *c = make_cache("inspect-arrays", 64, 0);
	void *objs[10], *entries[200];
	struct array_info ai;

	(void)state;
	host_set_cpu(1);
	alloc_n(c, objs, 10);
	host_set_cpu(2);
	free_n(c, objs + 4, 6);
	host_set_cpu(0);
	assert_int_equal(kmem_cache_get_cpu_array(c, 2, &ai, entries, 200), 0);
	assert_int_equal(ai.avail, 6);
	assert_int_equal(ai.limit, c->limit);
	assert_int_equal(ai.batchcount, c->batchcount);
	for (unsigned int i = 0; i < 6; i++)
		assert_ptr_equal(entries[i], objs[4 + i]);
	/* CPU 1 refilled once (BATCHREFILL_LIMIT, the array was untouched) */
	assert_int_equal(kmem_cache_get_cpu_array(c, 1, &ai, entries, 200), 0);
	assert_int_equal(ai.avail, BATCHREFILL_LIMIT - 10);
	assert_int_equal(ai.touched, 1);
	assert_ptr_equal(entries[0], c->array[1]->entry[0]);
	/* at most @max entries are copied */
	entries[2] = NULL;
	assert_int_equal(kmem_cache_get_cpu_array(c, 2, &ai, entries, 2), 0);
	assert_int_equal(ai.avail, 6);
	assert_null(entries[2]);
	assert_int_equal(kmem_cache_get_cpu_array(c, NR_CPUS, &ai, entries, 200), -ENODEV);
	host_set_cpu(1);
	free_n(c, objs, 4);
	host_set_cpu(0);
	kmem_cache_destroy(c);
}

static void node_counts_agree_with_the_lists(void **state)
{
	struct kmem_cache *c = make_cache("inspect-node", 200, 0);
	unsigned int n = c->num * 3 + 5;
	void **objs = calloc(n, sizeof(void *));
	void *shared[1000];
	struct node_info ni;
	struct cache_counts cc;

	(void)state;
	assert_int_equal(slabinfo_write("inspect-node", 16, 8, 2), 0);
	alloc_n(c, objs, n);
	free_n(c, objs, c->num);	/* through the array into the shared one */
	kmem_cache_get_node(c, &ni, shared, 1000);
	cc = check_cache(c);
	assert_int_equal(ni.partial, cc.partial);
	assert_int_equal(ni.full, cc.full);
	assert_int_equal(ni.free, cc.free);
	assert_int_equal(ni.free_objects, cc.free_objects);
	assert_int_equal(ni.free_limit, c->nodelists[0]->free_limit);
	assert_int_equal(ni.colour_next, c->nodelists[0]->colour_next);
	assert_int_equal(ni.shared_limit, 16);
	assert_int_equal(ni.shared_avail, cc.shared_avail);
	assert_true(ni.shared_avail > 0);
	for (unsigned int i = 0; i < ni.shared_avail; i++)
		assert_ptr_equal(shared[i], c->nodelists[0]->shared->entry[i]);
	free_n(c, objs + c->num, n - c->num);
	free(objs);
	kmem_cache_destroy(c);
}

struct walk {
	struct kmem_cache *c;
	enum slab_list last;
	unsigned long slabs, inuse, free_marked;
	void *held;			/* an object we hold: never marked free */
	bool held_seen;
};

static void visit(const struct slab_info *si, void *arg)
{
	struct walk *w = arg;
	unsigned int marked = 0;

	assert_true(si->list >= w->last);	/* partial, then full, then free */
	w->last = si->list;
	assert_ptr_equal((const char *)si->s_mem - si->colouroff, si->mem);
	assert_ptr_equal(virt_to_slab(si->s_mem), si->slab);
	for (unsigned int i = 0; i < w->c->num; i++) {
		const char *obj = (const char *)si->s_mem + i * w->c->buffer_size;

		if (slab_info_obj_free(si, i))
			marked++;
		if (obj == w->held) {
			w->held_seen = true;
			assert_false(slab_info_obj_free(si, i));
		}
	}
	assert_int_equal(marked, w->c->num - si->inuse);
	/* the chain: every free object once, from the head, ending at END */
	assert_int_equal(si->chain_break, SLAB_CHAIN_OK);
	assert_int_equal(si->chain_len, marked);
	if (si->chain_len)
		assert_int_equal(si->chain[0], si->free);
	for (unsigned int k = 0; k < si->chain_len; k++) {
		assert_true(slab_info_obj_free(si, si->chain[k]));
		assert_false(slab_info_obj_quarantined(si, si->chain[k]));
	}
	assert_int_equal(si->list == SLAB_FULL, si->inuse == w->c->num);
	assert_int_equal(si->list == SLAB_FREE, si->inuse == 0);
	assert_int_equal(si->free == SLAB_INFO_FREE_END, si->inuse == w->c->num);
	w->slabs++;
	w->inuse += si->inuse;
	w->free_marked += marked;
}

static void every_slab_is_visited_with_its_free_map(void **state)
{
	struct kmem_cache *c = make_cache("inspect-walk", 96, SLAB_HWCACHE_ALIGN);
	unsigned int n = c->num * 2 + 7;
	void **objs = calloc(n, sizeof(void *));
	struct walk w = { .c = c };
	struct cache_counts cc;
	unsigned long visited;

	(void)state;
	alloc_n(c, objs, n);
	free_n(c, objs + 3, c->num);	/* some back towards the slabs */
	w.held = objs[0];
	visited = kmem_cache_for_each_slab(c, visit, &w);
	assert_int_equal(visited, w.slabs);
	cc = check_cache(c);
	assert_int_equal(w.slabs, cc.partial + cc.full + cc.free);
	assert_int_equal(w.inuse, c->num_active);
	assert_int_equal(w.free_marked, cc.free_objects);
	assert_true(w.held_seen);
	free_n(c, objs, 3);
	free_n(c, objs + 3 + c->num, n - 3 - c->num);
	free(objs);
	kmem_cache_destroy(c);
}

/* The slabs of a cache as the walk sees them: each one's first page and object 0. */
struct slab_places {
	unsigned int n;
	const void *mem[64], *s_mem[64];
};

static void note_place(const struct slab_info *si, void *arg)
{
	struct slab_places *p = arg;

	assert_true(p->n < 64);
	p->mem[p->n] = si->mem;
	p->s_mem[p->n++] = si->s_mem;
}

/* kmem_cache_obj_place() against the slab walk, for one cache's layout. */
static void check_places(const char *name, size_t size, unsigned long flags)
{
	struct kmem_cache *c = make_cache(name, size, flags);
	struct kmem_cache *other = make_cache("inspect-place-other", size, flags);
	unsigned int n = c->num * 2 + 3, index, k;
	void **objs = calloc(n, sizeof(void *));
	struct slab_places places = { 0 };
	const void *page;

	alloc_n(c, objs, n);
	kmem_cache_for_each_slab(c, note_place, &places);
	assert_true(places.n >= 3);	/* 2 * num + 3 objects: three slabs at least */
	for (unsigned int i = 0; i < n; i++) {
		assert_true(kmem_cache_obj_place(c, objs[i], &page, &index));
		for (k = 0; k < places.n && places.mem[k] != page; k++)
			;
		assert_true(k < places.n);	/* a slab of the cache, named by its first page */
		assert_true(index < c->num);
		assert_ptr_equal((const char *)places.s_mem[k] + index * c->buffer_size +
				 c->obj_offset, objs[i]);
	}
	page = NULL;
	index = 12345;
	assert_false(kmem_cache_obj_place(c, (char *)objs[0] + 8, &page, &index));
	assert_false(kmem_cache_obj_place(other, objs[0], &page, &index));
	assert_null(page);		/* untouched when refused */
	assert_int_equal(index, 12345);
	free_n(c, objs, n);
	free(objs);
	kmem_cache_destroy(c);
	kmem_cache_destroy(other);
}

static void objects_know_their_slab_and_index(void **state)
{
	(void)state;
	check_places("inspect-place", 100, 0);			/* management on the slab */
	check_places("inspect-place-off", 4096, 0);		/* off the slab */
	check_places("inspect-place-rz", 100, SLAB_RED_ZONE);	/* obj_offset > 0 */
}

/* Linux's left_over, as kmem_cache_create()'s arithmetic gives it. */
static void left_over_is_linuxs(void **state)
{
	static const struct { size_t size; unsigned long flags; } cases[] = {
		{ 20, 0 }, { 100, SLAB_HWCACHE_ALIGN }, { 600, SLAB_HWCACHE_ALIGN },
		{ 512, 0 }, { 4096, 0 }, { 3000, 0 },
	};

	(void)state;
	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct kmem_cache *c = make_cache("inspect-left", cases[i].size, cases[i].flags);
		struct kmem_cache_info info;
		struct slab_geometry g;

		assert_true(kmem_cache_layout(cases[i].size, 0, cases[i].flags, &g));
		kmem_cache_get_info(c, &info);
		assert_int_equal(info.left_over, g.left_over);
		assert_int_equal(info.colour, info.left_over / info.colour_off);
		kmem_cache_destroy(c);
	}
}

struct chain_seen {
	enum slab_chain_break brk;
	unsigned int len, break_index, first;
};

static void record_chain(const struct slab_info *si, void *arg)
{
	struct chain_seen *cs = arg;

	cs->brk = si->chain_break;
	cs->len = si->chain_len;
	cs->break_index = si->break_index;
	cs->first = si->chain_len ? si->chain[0] : ~0u;
}

/* A corrupted chain is shown up to where it breaks, and says how. */
static void broken_chains_stop_where_they_break(void **state)
{
	struct kmem_cache *c = make_cache("inspect-chain", 64, 0);
	void *obj = kmem_cache_alloc(c, GFP_KERNEL);
	struct slab *slabp = virt_to_slab(obj);
	kmem_bufctl_t *b = slab_bufctl(slabp), head = slabp->free, saved;
	struct chain_seen cs;
	unsigned int second;

	(void)state;
	assert_int_equal(kmem_cache_for_each_slab(c, record_chain, &cs), 1);
	assert_int_equal(cs.brk, SLAB_CHAIN_OK);
	assert_int_equal(cs.len, c->num - slabp->inuse);
	assert_int_equal(cs.first, head);
	second = b[head];
	saved = b[second];
	b[second] = head;			/* a cycle: head -> second -> head */
	kmem_cache_for_each_slab(c, record_chain, &cs);
	assert_int_equal(cs.brk, SLAB_CHAIN_CYCLE);
	assert_int_equal(cs.len, 2);
	assert_int_equal(cs.break_index, head);
	b[second] = c->num + 5;			/* out of range */
	kmem_cache_for_each_slab(c, record_chain, &cs);
	assert_int_equal(cs.brk, SLAB_CHAIN_RANGE);
	assert_int_equal(cs.len, 2);
	assert_int_equal(cs.break_index, c->num + 5);
	b[second] = saved;
	kmem_cache_for_each_slab(c, record_chain, &cs);
	assert_int_equal(cs.brk, SLAB_CHAIN_OK);
	kmem_cache_free(c, obj);
	kmem_cache_destroy(c);
}

static void reap_now_follows_the_reaper_rules(void **state)
{
	struct kmem_cache *c = make_cache("inspect-reap", 64, 0);
	unsigned int n = 100;
	void *objs[100];
	struct reap_stats rs;
	unsigned int drain = (c->limit + 4) / 5, avail;

	(void)state;
	alloc_n(c, objs, n);
	free_n(c, objs, n);			/* all in CPU 0's array */
	avail = c->array[0]->avail;		/* with what the refills left */
	assert_true(avail >= n && avail > drain);
	cache_reap_now(&rs);			/* touched: only cleared */
	assert_int_equal(c->array[0]->avail, avail);
	assert_int_equal(c->array[0]->touched, 0);
	cache_reap_now(&rs);			/* untouched: a fifth of the limit goes */
	assert_int_equal(c->array[0]->avail, avail - drain);
	assert_true(rs.objects >= drain);
	assert_int_equal(rs.pages, rs.slabs);	/* order-0 slabs everywhere here */
	kmem_cache_destroy(c);
}

static void reap_auto_off_freezes_the_arrays(void **state)
{
	struct kmem_cache *c = make_cache("inspect-freeze", 64, 0);
	void *objs[50];
	unsigned int avail;

	(void)state;
	start_cpu_timer(0);
	alloc_n(c, objs, 50);
	free_n(c, objs, 50);
	avail = c->array[0]->avail;
	c->array[0]->touched = 0;
	assert_true(slab_reap_auto());
	slab_set_reap_auto(false);
	assert_false(slab_reap_auto());
	jiffies += 100 * HZ;
	host_run_delayed_work(0);
	assert_int_equal(c->array[0]->avail, avail);	/* the reaper ran, and did nothing */
	slab_set_reap_auto(true);
	jiffies += 100 * HZ;
	host_run_delayed_work(0);
	assert_int_equal(c->array[0]->avail, avail - (c->limit + 4) / 5);
	kmem_cache_destroy(c);
}

/* When each CPU's next pass comes, as the shell's reaper line shows it. */
static void reap_next_reads_the_reapers_timer(void **state)
{
	unsigned int cpu = NR_CPUS - 1;
	unsigned long j;

	(void)state;
	assert_int_equal(slab_reap_next(NR_CPUS, &j), SLAB_REAP_NONE);
	start_cpu_timer(cpu);				/* if the setup did not */
	assert_int_equal(slab_reap_next(cpu, &j), SLAB_REAP_WAITING);
	assert_true(j <= HZ + cpu * (HZ / NR_CPUS));	/* at most its staggered first run */
	jiffies += 10 * HZ;
	assert_int_equal(slab_reap_next(cpu, &j), SLAB_REAP_WAITING);
	assert_int_equal(j, 0);				/* fires on the next tick */
	host_run_delayed_work(cpu);			/* the pass re-arms it */
	assert_int_equal(slab_reap_next(cpu, &j), SLAB_REAP_WAITING);
	assert_int_equal(j, 2 * HZ);
	jiffies += 2 * HZ - 1;
	assert_int_equal(slab_reap_next(cpu, &j), SLAB_REAP_WAITING);
	assert_int_equal(j, 1);
	jiffies += 1;
	host_run_delayed_work(cpu);
	assert_int_equal(slab_reap_next(cpu, &j), SLAB_REAP_WAITING);
	assert_int_equal(j, 2 * HZ);
	assert_false(slab_reap_held());
	slab_reap_hold();
	assert_true(slab_reap_held());
	slab_reap_release();
	assert_false(slab_reap_held());
}

struct shares {
	struct kmem_cache *c[2];
	struct reap_stats got[2];
	unsigned int calls;
};

static void note_share(struct kmem_cache *cachep, const struct reap_stats *share, void *arg)
{
	struct shares *sh = arg;

	sh->calls++;
	for (unsigned int i = 0; i < 2; i++)
		if (cachep == sh->c[i])
			sh->got[i] = *share;
}

/* Each cache's share of a pass is reported on its own, and they add up. */
static void reap_reports_each_caches_share(void **state)
{
	struct shares sh = { .c = { make_cache("inspect-sha", 64, 0),
				    make_cache("inspect-shb", 600, 0) } };
	void *a[40], *b[20];
	struct reap_stats rs;

	(void)state;
	host_set_cpu(0);
	kmem_cache_shrink_all();
	cache_reap_now(&rs);				/* quiet everything else */
	cache_reap_now(&rs);
	alloc_n(sh.c[0], a, 40);
	free_n(sh.c[0], a, 40);
	alloc_n(sh.c[1], b, 20);
	free_n(sh.c[1], b, 20);
	cache_reap_now_each(&rs, note_share, &sh);	/* touched: cleared only */
	assert_int_equal(rs.objects, 0);
	assert_int_equal(sh.calls, 0);
	cache_reap_now_each(&rs, note_share, &sh);
	assert_int_equal(sh.got[0].objects, (sh.c[0]->limit + 4) / 5);
	assert_int_equal(sh.got[1].objects, (sh.c[1]->limit + 4) / 5);
	assert_int_equal(sh.calls, 2);
	assert_int_equal(rs.objects, sh.got[0].objects + sh.got[1].objects);
	kmem_cache_destroy(sh.c[0]);
	kmem_cache_destroy(sh.c[1]);
}

static void run_create_zero(void *arg)
{
	*(struct kmem_cache **)arg = kmem_cache_create("inspect-zero", 0, 0, 0, NULL);
}

static void one_byte_objects_take_a_word(void **state)
{
	struct kmem_cache *c = make_cache("inspect-one", 1, 0), *z = NULL;
	char out[128];
	void *obj;

	(void)state;
	assert_int_equal(c->buffer_size, ARCH_SLAB_MINALIGN > sizeof(void *) ?
			 ARCH_SLAB_MINALIGN : sizeof(void *));
	obj = kmem_cache_alloc(c, GFP_KERNEL);
	assert_true(kmem_cache_owns(c, obj));
	kmem_cache_free(c, obj);
	kmem_cache_destroy(c);
	host_capture_stdout(run_create_zero, &z, out, sizeof(out));
	assert_null(z);
	assert_string_equal(out, "kmem_cache_create: Early error in slab inspect-zero\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(finding_caches_and_owners),
		cmocka_unit_test(info_matches_the_cache),
		cmocka_unit_test(statistics_are_summed_over_cpus_and_survive_a_retune),
		cmocka_unit_test(off_slab_caches_name_their_management_cache),
		cmocka_unit_test(cpu_arrays_are_read_on_their_cpu),
		cmocka_unit_test(node_counts_agree_with_the_lists),
		cmocka_unit_test(every_slab_is_visited_with_its_free_map),
		cmocka_unit_test(left_over_is_linuxs),
		cmocka_unit_test(objects_know_their_slab_and_index),
		cmocka_unit_test(broken_chains_stop_where_they_break),
		cmocka_unit_test(reap_now_follows_the_reaper_rules),
		cmocka_unit_test(reap_auto_off_freezes_the_arrays),
		cmocka_unit_test(one_byte_objects_take_a_word),
		cmocka_unit_test(reap_next_reads_the_reapers_timer),
		cmocka_unit_test(reap_reports_each_caches_share),
	};

	return cmocka_run_group_tests(tests, slab_group_setup, slab_group_teardown);
}
