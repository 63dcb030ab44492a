/*
 * test_slab_verify.c - kmem_cache_verify() (mm/slab_verify.c) on a host
 * arena, under ASan/UBSan.
 *
 * Healthy caches, with objects in every place an object can be (handed
 * out, cpu0's and cpu1's arrays, the shared array, the chains of
 * partial and free slabs), with and without the debug flags, must give
 * no line and no error, and exactly the caches, slabs and objects
 * check_cache() (slab_check.c) counts.  Then one thing at a time is
 * broken by hand (a cycle in a free chain, a wrong inuse, an object in
 * two places, ...), and verify must print exactly the expected line(s)
 * and count exactly that many errors; the damage is undone before the
 * next.  Objects a detector quarantined are known bad: verify stays
 * quiet about them.
 */
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
#include "mm/poison.h"
#include "mm/slab.h"
#include "mm/slab_inspect.h"
#include "mm/slab_internal.h"
#include "host_platform.h"
#include "slab_check.h"

#define DEBUG_FLAGS (SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)
#define POP_MAX 512
#define OUT_LEN 8192

/* ---- running verify ---- */

struct verify_call {
	struct kmem_cache *cachep;
	struct slab_verify_result res;
	unsigned long ret;
};

static void call_verify(void *arg)
{
	struct verify_call *vc = arg;

	vc->ret = kmem_cache_verify(vc->cachep, &vc->res);
}

static char out[OUT_LEN];

/* Verify @c (NULL: all), its output in out[]; returns the error count. */
static unsigned long verify(struct kmem_cache *c, struct slab_verify_result *res)
{
	struct verify_call vc = { .cachep = c };

	host_capture_stdout(call_verify, &vc, out, sizeof(out));
	assert_int_equal(vc.ret, vc.res.errors);
	if (res)
		*res = vc.res;
	return vc.ret;
}

/* Verify @c and expect exactly @lines (each without "verify: cache 'NAME': "). */
static void expect_problems(struct kmem_cache *c, unsigned long errors, const char *lines)
{
	char want[OUT_LEN];
	size_t n = 0;

	for (const char *l = lines; *l;) {
		const char *nl = strchr(l, '\n');

		n += (size_t)snprintf(want + n, sizeof(want) - n, "verify: cache '%s': %.*s\n",
				      c->name, (int)(nl - l), l);
		l = nl + 1;
	}
	want[n] = '\0';
	assert_int_equal(verify(c, NULL), errors);
	assert_string_equal(out, want);
}

static void expect_clean(struct kmem_cache *c)
{
	assert_int_equal(verify(c, NULL), 0);
	assert_string_equal(out, "");
}

static unsigned long a(const void *p)
{
	return (unsigned long)(uintptr_t)p;
}

/* ---- a cache with objects in every place ---- */

struct pop {
	const char *name;
	struct kmem_cache *c;
	void *objs[POP_MAX];
	bool live[POP_MAX];
	unsigned int n;
	struct slab *first, *last;	/* the first and last slab allocated from */
};

/* Free @count live objects of @slabp on the current CPU. */
static void free_from(struct pop *p, struct slab *slabp, unsigned int count)
{
	for (unsigned int i = 0; i < p->n && count; i++) {
		if (p->live[i] && virt_to_slab(p->objs[i]) == slabp) {
			kmem_cache_free(p->c, p->objs[i]);
			p->live[i] = false;
			count--;
		}
	}
	assert_int_equal(count, 0);
}

/*
 * With limit 6, batchcount 3, shared 2 (6 entries): cpu0 allocates a
 * multiple of 3 objects filling four slabs but for two objects or so;
 * cpu1 frees 6 of the last slab's (its array), all of the first slab's
 * (the first six go to the shared array, the rest to the slab as the
 * array overflows, three at a time) and 9 more of the last slab's
 * (pushing the first slab's last ones out, and at least three of its
 * own): the first slab is free, the middle ones full, the last one
 * partial; cpu0 frees 2 (its array).
 */
static void populate(struct pop *p, const char *name, unsigned long flags)
{
	struct kmem_cache *c = kmem_cache_create(name, 100, 0, flags, NULL);
	struct cache_counts cc;

	assert_non_null(c);
	assert_int_equal(slabinfo_write(name, 6, 3, 2), 0);
	memset(p, 0, sizeof(*p));
	p->name = name;
	p->c = c;
	p->n = 4 * c->num / 3 * 3;
	assert_true(c->num >= 20 && p->n <= POP_MAX);
	host_set_cpu(0);
	for (unsigned int i = 0; i < p->n; i++) {
		p->objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		assert_non_null(p->objs[i]);
		p->live[i] = true;
	}
	p->first = virt_to_slab(p->objs[0]);
	p->last = virt_to_slab(p->objs[p->n - 1]);
	host_set_cpu(1);
	free_from(p, p->last, 6);
	free_from(p, p->first, c->num);
	free_from(p, p->last, 9);
	host_set_cpu(0);
	free_from(p, p->last, 2);
	cc = check_cache(c);
	assert_true(cc.partial >= 1 && cc.full >= 1 && cc.free == 1);
	assert_true(c->array[0]->avail > 0 && c->array[1]->avail > 0);
	assert_int_equal(c->nodelists[0]->shared->avail, 6);
	assert_int_equal(p->first->inuse, 0);
}

static void unpopulate(struct pop *p)
{
	host_set_cpu(0);
	for (unsigned int i = 0; i < p->n; i++)
		if (p->live[i])
			kmem_cache_free(p->c, p->objs[i]);
	kmem_cache_destroy(p->c);
	assert_null(kmem_cache_find(p->name));
}

static void *buf_of(struct kmem_cache *c, void *objp)
{
	return (char *)objp - c->obj_offset;
}

static char *slab_mem(struct slab *slabp)
{
	return (char *)slabp->s_mem - slabp->colouroff;
}

/* The last object on @slabp's free chain, and the chain's length. */
static unsigned int chain_tail(struct slab *slabp, unsigned int *len)
{
	kmem_bufctl_t i = slabp->free, last = BUFCTL_END;

	*len = 0;
	for (; i != BUFCTL_END; i = slab_bufctl(slabp)[i]) {
		last = i;
		(*len)++;
	}
	assert_int_not_equal(last, BUFCTL_END);
	return last;
}

static struct slab *first_slab(struct list_head *head)
{
	assert_false(list_empty(head));
	return list_entry(head->next, struct slab, list);
}

/* ---- healthy ---- */

static void every_cache_at_boot_is_clean_and_counted(void **state)
{
	struct slab_verify_result res;
	unsigned long caches = 0, slabs = 0, objects = 0;
	struct kmem_cache *c;

	(void)state;
	list_for_each_entry(c, &cache_chain, next) {
		struct cache_counts cc = check_cache(c);

		caches++;
		slabs += cc.partial + cc.full + cc.free;
		objects += (cc.partial + cc.full + cc.free) * c->num;
	}
	assert_int_equal(verify(NULL, &res), 0);
	assert_string_equal(out, "");
	assert_int_equal(res.caches, caches);
	assert_int_equal(res.slabs, slabs);
	assert_int_equal(res.objects, objects);
	assert_true(caches >= 40 && slabs > 0);
}

static void objects_in_every_place_are_clean(unsigned long flags)
{
	struct slab_verify_result res;
	struct cache_counts cc;
	struct pop p;

	populate(&p, "verify-healthy", flags);
	cc = check_cache(p.c);
	assert_int_equal(verify(p.c, &res), 0);
	assert_string_equal(out, "");
	assert_int_equal(res.caches, 1);
	assert_int_equal(res.slabs, cc.partial + cc.full + cc.free);
	assert_int_equal(res.objects, (cc.partial + cc.full + cc.free) * p.c->num);
	unpopulate(&p);
	expect_clean(NULL);
}

static void a_plain_cache_in_every_state_is_clean(void **state)
{
	(void)state;
	objects_in_every_place_are_clean(0);
}

static void debug_caches_in_every_state_are_clean(void **state)
{
	(void)state;
	objects_in_every_place_are_clean(DEBUG_FLAGS);
	objects_in_every_place_are_clean(SLAB_RED_ZONE);
	objects_in_every_place_are_clean(SLAB_POISON);
}

static void an_off_slab_cache_is_clean_with(unsigned long flags)
{
	/* 2 x 2040-byte buffers leave 16 bytes: the management goes off-slab */
	size_t size = flags ? 2040 - 3 * 8 : 2048;
	struct kmem_cache *c = kmem_cache_create("verify-offslab", size, 0, flags, NULL);
	struct slab_verify_result res;
	struct cache_counts cc;
	void *objs[20];

	assert_non_null(c);
	assert_true(OFF_SLAB(c));
	for (int i = 0; i < 20; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (int i = 0; i < 20; i += 2)
		kmem_cache_free(c, objs[i]);
	cc = check_cache(c);
	assert_true(cc.in_arrays > 0 && cc.partial + cc.full > 1);
	assert_int_equal(verify(c, &res), 0);
	assert_string_equal(out, "");
	assert_int_equal(res.slabs, cc.partial + cc.full + cc.free);
	assert_int_equal(res.objects, res.slabs * c->num);
	for (int i = 1; i < 20; i += 2)
		kmem_cache_free(c, objs[i]);
	kmem_cache_destroy(c);
}

static void off_slab_caches_are_clean(void **state)
{
	(void)state;
	an_off_slab_cache_is_clean_with(0);
	an_off_slab_cache_is_clean_with(SLAB_RED_ZONE | SLAB_STORE_USER);
}

/*
 * The walk's scratch: static for default tunables, so verify works with
 * memory exhausted; pages from the buddy allocator (given back) for
 * caches tuned larger; a clear refusal beyond the largest block.
 */
static void verify_needs_no_memory_and_gives_back_what_it_takes(void **state)
{
	struct kmem_cache *c = kmem_cache_create("verify-bigarrays", 64, 0, 0, NULL);
	struct page *blocks[64];
	unsigned int orders[64], nblocks = 0, max = slab_max_array_entries();
	unsigned long free_before;
	void *objs[100];

	(void)state;
	assert_non_null(c);
	/* every free page taken: the static scratch still does */
	for (unsigned int order = MAX_ORDER; order-- > 0;)
		while (nblocks < 64 &&
		       (blocks[nblocks] = alloc_pages(GFP_KERNEL | __GFP_NOWARN, order)) != NULL)
			orders[nblocks++] = order;
	assert_int_equal(global_page_state(NR_FREE_PAGES), 0);
	expect_clean(NULL);
	for (unsigned int i = 0; i < nblocks; i++)
		__free_pages(blocks[i], orders[i]);
	/* arrays of 2000 and a shared one of 8000: buddy pages, given back */
	assert_int_equal(slabinfo_write("verify-bigarrays", 2000, 1000, 8), 0);
	for (int i = 0; i < 100; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (int i = 0; i < 60; i++)
		kmem_cache_free(c, objs[i]);
	free_before = global_page_state(NR_FREE_PAGES);
	expect_clean(c);
	expect_clean(NULL);
	assert_int_equal(global_page_state(NR_FREE_PAGES), free_before);
	/* the largest arrays there are: more slots than the largest block holds */
	assert_int_equal(slabinfo_write("verify-bigarrays", (int)max, 1, 1), 0);
	free_before = global_page_state(NR_FREE_PAGES);
	assert_int_equal(verify(c, NULL), 1);
	assert_int_equal(strncmp(out, "verify: no memory for the walk: ", 32), 0);
	assert_true(strtoul(out + 32, NULL, 10) > 4UL * max * sizeof(void *));
	assert_non_null(strstr(out, " bytes of scratch\n"));
	assert_int_equal(global_page_state(NR_FREE_PAGES), free_before);
	for (int i = 60; i < 100; i++)
		kmem_cache_free(c, objs[i]);
	kmem_cache_destroy(c);
}

static void not_a_cache_is_refused(void **state)
{
	struct kmem_cache fake = { .name = "fake" };
	struct slab_verify_result res;
	char want[80];

	(void)state;
	assert_int_equal(verify(&fake, &res), 1);
	snprintf(want, sizeof(want), "verify: 0x%08lx is not a cache on the cache chain\n", a(&fake));
	assert_string_equal(out, want);
	assert_int_equal(res.caches, 0);
}

/* ---- broken free chains, counts and lists ---- */

static void a_cycle_in_a_free_chain(void **state)
{
	struct pop p;
	struct slab *s;
	unsigned int len, tail;
	char want[256];

	(void)state;
	populate(&p, "verify-cycle", 0);
	s = first_slab(&p.c->nodelists[0]->slabs_partial);
	tail = chain_tail(s, &len);
	slab_bufctl(s)[tail] = s->free;
	snprintf(want, sizeof(want), "slab 0x%08lx: free chain: a cycle, back to object %u after "
		 "%u objects\n", a(slab_mem(s)), s->free, len);
	expect_problems(p.c, 1, want);
	slab_bufctl(s)[tail] = BUFCTL_END;
	expect_clean(p.c);
	unpopulate(&p);
}

static void an_index_out_of_range_in_a_free_chain(void **state)
{
	struct pop p;
	struct slab *s;
	unsigned int len, tail;
	char want[256];

	(void)state;
	populate(&p, "verify-range", 0);
	s = first_slab(&p.c->nodelists[0]->slabs_partial);
	tail = chain_tail(s, &len);
	slab_bufctl(s)[tail] = p.c->num + 5;
	snprintf(want, sizeof(want), "slab 0x%08lx: free chain: index %u after %u objects is out "
		 "of range (num %u)\n", a(slab_mem(s)), p.c->num + 5, len, p.c->num);
	expect_problems(p.c, 1, want);
	/* the first object's link: the same, after 1 */
	slab_bufctl(s)[tail] = BUFCTL_END;
	tail = s->free;
	len = slab_bufctl(s)[tail];
	slab_bufctl(s)[tail] = p.c->num;
	snprintf(want, sizeof(want), "slab 0x%08lx: free chain: index %u after 1 objects is out "
		 "of range (num %u)\n", a(slab_mem(s)), p.c->num, p.c->num);
	expect_problems(p.c, 1, want);
	slab_bufctl(s)[tail] = len;
	expect_clean(p.c);
	unpopulate(&p);
}

static void a_wrong_inuse(void **state)
{
	struct pop p;
	struct slab *s;
	unsigned int len;
	char want[512];

	(void)state;
	populate(&p, "verify-inuse", 0);
	s = first_slab(&p.c->nodelists[0]->slabs_partial);
	chain_tail(s, &len);
	assert_true(s->inuse + 1 < p.c->num);
	s->inuse++;
	snprintf(want, sizeof(want), "slab 0x%08lx: free chain holds %u objects, num - inuse is %u\n"
		 "num_active is %lu, the slabs' inuse adds up to %lu\n", a(slab_mem(s)), len,
		 p.c->num - s->inuse, p.c->num_active, p.c->num_active + 1);
	expect_problems(p.c, 2, want);
	/* inuse 0 on a partial slab: the list is wrong too */
	s->inuse--;
	len = s->inuse;
	s->inuse = 0;
	snprintf(want, sizeof(want), "slab 0x%08lx: inuse 0 of %u on the partial list, not the free "
		 "list\nslab 0x%08lx: free chain holds %u objects, num - inuse is %u\n"
		 "num_active is %lu, the slabs' inuse adds up to %lu\n", a(slab_mem(s)), p.c->num,
		 a(slab_mem(s)), p.c->num - len, p.c->num, p.c->num_active, p.c->num_active - len);
	expect_problems(p.c, 3, want);
	s->inuse = len;
	/* more than num */
	len = s->inuse;
	s->inuse = p.c->num + 1;
	snprintf(want, sizeof(want), "slab 0x%08lx: inuse %u > num %u\n"
		 "num_active is %lu, the slabs' inuse adds up to %lu\n", a(slab_mem(s)),
		 p.c->num + 1, p.c->num, p.c->num_active, p.c->num_active - len + p.c->num + 1);
	expect_problems(p.c, 2, want);
	s->inuse = len;
	expect_clean(p.c);
	unpopulate(&p);
}

static void a_bad_bufctl_mark(void **state)
{
	struct pop p;
	struct slab *s;
	unsigned int idx = 0;
	char want[256];

	(void)state;
	populate(&p, "verify-mark", 0);
	s = first_slab(&p.c->nodelists[0]->slabs_full);
	assert_int_equal(slab_bufctl(s)[idx], BUFCTL_FREE);	/* handed out */
	slab_bufctl(s)[idx] = 7;
	snprintf(want, sizeof(want), "object 0x%08lx: off the free chain, but its bufctl is 7 "
		 "(neither BUFCTL_FREE nor BUFCTL_QUARANTINE)\n", a(index_to_obj(p.c, s, idx)));
	expect_problems(p.c, 1, want);
	slab_bufctl(s)[idx] = BUFCTL_END;
	snprintf(want, sizeof(want), "object 0x%08lx: off the free chain, but its bufctl is %u "
		 "(neither BUFCTL_FREE nor BUFCTL_QUARANTINE)\n", a(index_to_obj(p.c, s, idx)),
		 BUFCTL_END);
	expect_problems(p.c, 1, want);
	slab_bufctl(s)[idx] = BUFCTL_FREE;
	expect_clean(p.c);
	unpopulate(&p);
}

static void a_slab_on_the_wrong_list(void **state)
{
	struct kmem_list3 *l3;
	struct pop p;
	struct slab *s;
	char want[256];

	(void)state;
	populate(&p, "verify-list", 0);
	l3 = p.c->nodelists[0];
	s = first_slab(&l3->slabs_free);
	list_move_tail(&s->list, &l3->slabs_partial);
	snprintf(want, sizeof(want), "slab 0x%08lx: inuse 0 of %u on the partial list, not the free "
		 "list\n", a(slab_mem(s)), p.c->num);
	expect_problems(p.c, 1, want);
	list_move(&s->list, &l3->slabs_full);
	snprintf(want, sizeof(want), "slab 0x%08lx: inuse 0 of %u on the full list, not the free "
		 "list\n", a(slab_mem(s)), p.c->num);
	expect_problems(p.c, 1, want);
	list_move(&s->list, &l3->slabs_free);
	s = first_slab(&l3->slabs_full);
	list_move(&s->list, &l3->slabs_free);
	snprintf(want, sizeof(want), "slab 0x%08lx: inuse %u of %u on the free list, not the full "
		 "list\n", a(slab_mem(s)), p.c->num, p.c->num);
	expect_problems(p.c, 1, want);
	list_move(&s->list, &l3->slabs_full);
	expect_clean(p.c);
	unpopulate(&p);
}

static void wrong_totals(void **state)
{
	struct kmem_list3 *l3;
	struct pop p;
	char want[256];

	(void)state;
	populate(&p, "verify-totals", 0);
	l3 = p.c->nodelists[0];
	l3->free_objects++;
	snprintf(want, sizeof(want), "free_objects is %lu, the free chains hold %lu\n",
		 l3->free_objects, l3->free_objects - 1);
	expect_problems(p.c, 1, want);
	l3->free_objects--;
	p.c->num_active--;
	snprintf(want, sizeof(want), "num_active is %lu, the slabs' inuse adds up to %lu\n",
		 p.c->num_active, p.c->num_active + 1);
	expect_problems(p.c, 1, want);
	p.c->num_active++;
	p.c->quarantined = 2;
	expect_problems(p.c, 1, "quarantined is 2, 0 objects are marked BUFCTL_QUARANTINE\n");
	p.c->quarantined = 0;
	expect_clean(p.c);
	unpopulate(&p);
}

static void broken_links_and_pages(void **state)
{
	struct list_head *saved;
	struct pop p;
	struct slab *s, *other;
	struct page *page;
	char want[256];

	(void)state;
	populate(&p, "verify-links", 0);
	s = first_slab(&p.c->nodelists[0]->slabs_full);
	saved = s->list.prev;
	s->list.prev = &p.c->nodelists[0]->slabs_free;
	snprintf(want, sizeof(want), "slab at 0x%08lx (its struct slab): its link back is 0x%08lx, "
		 "not 0x%08lx\n", a(s), a(s->list.prev), a(saved));
	expect_problems(p.c, 1, want);
	s->list.prev = saved;
	page = virt_to_page(slab_mem(s));
	other = p.first;
	page_set_slab(page, other);
	snprintf(want, sizeof(want), "slab 0x%08lx: page 0 maps to cache 0x%08lx slab 0x%08lx, not "
		 "0x%08lx 0x%08lx\n", a(slab_mem(s)), a(p.c), a(other), a(p.c), a(s));
	expect_problems(p.c, 1, want);
	page_set_slab(page, s);
	/* a link to something that is no slab: reported, and the list is not followed */
	{
		struct list_head bogus = { NULL, NULL };
		unsigned long after = 0;

		for (struct list_head *q = s->list.next; q != &p.c->nodelists[0]->slabs_full;
		     q = q->next)
			after++;
		saved = s->list.next;
		s->list.next = &bogus;
		snprintf(want, sizeof(want), "the full list holds 0x%08lx, not a slab of this cache\n"
			 "num_active is %lu, the slabs' inuse adds up to %lu\n", a(&bogus),
			 p.c->num_active, p.c->num_active - after * p.c->num);
		expect_problems(p.c, after ? 2 : 1, want);
		s->list.next = saved;
	}
	expect_clean(p.c);
	unpopulate(&p);
}

/* ---- objects in two places, entries that are no object ---- */

static void an_object_twice_in_arrays(void **state)
{
	struct array_cache *ac0, *ac2;
	struct pop p;
	void *buf;
	char want[256];

	(void)state;
	populate(&p, "verify-twice", 0);
	ac0 = p.c->array[0];
	ac2 = p.c->array[2];
	assert_true(ac0->avail < ac0->limit && ac2->avail == 0);
	buf = ac0->entry[0];
	/* twice in one array */
	ac0->entry[ac0->avail++] = buf;
	snprintf(want, sizeof(want), "object 0x%08lx: in cpu0's array slot 0 and again in cpu0's "
		 "array slot %u\n", a(buf), ac0->avail - 1);
	expect_problems(p.c, 1, want);
	ac0->avail--;
	/* in two arrays */
	ac2->entry[ac2->avail++] = buf;
	snprintf(want, sizeof(want), "object 0x%08lx: in cpu0's array slot 0 and again in cpu2's "
		 "array slot 0\n", a(buf));
	expect_problems(p.c, 1, want);
	/* in an array and in the shared array */
	ac2->entry[0] = p.c->nodelists[0]->shared->entry[3];
	snprintf(want, sizeof(want), "object 0x%08lx: in cpu2's array slot 0 and again in the shared "
		 "array slot 3\n", a(ac2->entry[0]));
	expect_problems(p.c, 1, want);
	ac2->avail = 0;
	expect_clean(p.c);
	unpopulate(&p);
}

static void an_object_in_an_array_and_on_its_chain(void **state)
{
	struct array_cache *ac2;
	struct pop p;
	struct slab *s;
	void *buf;
	char want[256];

	(void)state;
	populate(&p, "verify-chain", 0);
	ac2 = p.c->array[2];
	s = first_slab(&p.c->nodelists[0]->slabs_partial);
	buf = index_to_obj(p.c, s, s->free);
	ac2->entry[ac2->avail++] = buf;
	snprintf(want, sizeof(want), "object 0x%08lx: in cpu2's array slot 0 and on its slab's free "
		 "chain\n", a(buf));
	expect_problems(p.c, 1, want);
	ac2->avail = 0;
	expect_clean(p.c);
	unpopulate(&p);
}

static void array_entries_that_are_no_object(void **state)
{
	struct array_cache *ac2;
	struct kmem_cache *other = kmem_find_general_cachep(64, 0);
	struct pop p;
	struct slab *s;
	void *foreign, *page;
	char local, want[1024];

	(void)state;
	populate(&p, "verify-stray", 0);
	ac2 = p.c->array[2];
	s = first_slab(&p.c->nodelists[0]->slabs_full);
	ac2->avail = 1;
	ac2->entry[0] = (char *)index_to_obj(p.c, s, 1) + 4;
	snprintf(want, sizeof(want), "cpu2's array slot 0 holds 0x%08lx: not an object, but the "
		 "inside of an object of slab 0x%08lx\n", a(ac2->entry[0]), a(slab_mem(s)));
	expect_problems(p.c, 1, want);
	ac2->entry[0] = s;
	snprintf(want, sizeof(want), "cpu2's array slot 0 holds 0x%08lx: not an object, but the "
		 "management of slab 0x%08lx\n", a(s), a(slab_mem(s)));
	expect_problems(p.c, 1, want);
	ac2->entry[0] = (char *)index_to_obj(p.c, s, p.c->num);
	assert_true((char *)ac2->entry[0] < slab_mem(s) + PAGE_SIZE);	/* the left-over */
	snprintf(want, sizeof(want), "cpu2's array slot 0 holds 0x%08lx: not an object, but the "
		 "space past the last object of slab 0x%08lx\n", a(ac2->entry[0]), a(slab_mem(s)));
	expect_problems(p.c, 1, want);
	ac2->entry[0] = &local;
	snprintf(want, sizeof(want), "cpu2's array slot 0 holds 0x%08lx: not an address in memory\n",
		 a(&local));
	expect_problems(p.c, 1, want);
	foreign = kmalloc(64, GFP_KERNEL);
	ac2->entry[0] = foreign;
	snprintf(want, sizeof(want), "cpu2's array slot 0 holds 0x%08lx: in a slab page of cache "
		 "'%s'\n", a(foreign), other->name);
	expect_problems(p.c, 1, want);
	page = (void *)__get_free_page(GFP_KERNEL);
	ac2->entry[0] = page;
	snprintf(want, sizeof(want), "cpu2's array slot 0 holds 0x%08lx: not in a slab page\n",
		 a(page));
	expect_problems(p.c, 1, want);
	/* avail past limit: reported, and only the limit's entries read */
	ac2->avail = ac2->limit + 1;
	for (unsigned int i = 0; i < ac2->limit; i++)
		ac2->entry[i] = p.c->array[0]->entry[0];
	snprintf(want, sizeof(want), "cpu2's array: avail %u > limit %u\n", ac2->limit + 1,
		 ac2->limit);
	for (unsigned int i = 0; i < ac2->limit; i++) {
		size_t n = strlen(want);

		snprintf(want + n, sizeof(want) - n, "object 0x%08lx: in %s slot %u and again in "
			 "cpu2's array slot %u\n", a(p.c->array[0]->entry[0]),
			 i ? "cpu2's array" : "cpu0's array", i ? i - 1 : 0, i);
	}
	expect_problems(p.c, 1 + ac2->limit, want);
	ac2->avail = 0;
	free_page((unsigned long)page);
	kfree(foreign);
	expect_clean(p.c);
	unpopulate(&p);
}

/* ---- red zones and poison ---- */

static unsigned long long *rz1(struct kmem_cache *c, void *buf)
{
	return (unsigned long long *)((char *)buf + c->obj_offset - 8);
}

static unsigned long long *rz2(struct kmem_cache *c, void *buf)
{
	return (unsigned long long *)((char *)buf + c->obj_offset + c->object_size);
}

static const char *rzs(struct kmem_cache *c, void *buf, char *s, size_t len)
{
	snprintf(s, len, "red zones 0x%016llx 0x%016llx", *rz1(c, buf), *rz2(c, buf));
	return s;
}

static void free_objects_with_broken_red_zones_or_poison(void **state)
{
	struct pop p;
	struct kmem_cache *c;
	struct array_cache *ac1;
	void *buf;
	char want[512], zones[64];
	unsigned char *obj;

	(void)state;
	populate(&p, "verify-freezones", DEBUG_FLAGS);
	c = p.c;
	assert_int_equal(c->obj_offset, 8);
	/* on the chain of the free slab: red zone 1, red zone 2, both */
	buf = index_to_obj(c, p.first, 3);
	*rz1(c, buf) = 0;
	snprintf(want, sizeof(want), "object 0x%08lx (free, on the free chain): memory before a free "
		 "object was overwritten (red zone 1): %s\n", a(buf) + 8, rzs(c, buf, zones, 64));
	expect_problems(c, 1, want);
	*rz1(c, buf) = RED_INACTIVE;
	*rz2(c, buf) = RED_ACTIVE;
	snprintf(want, sizeof(want), "object 0x%08lx (free, on the free chain): memory after a free "
		 "object was overwritten (red zone 2): %s\n", a(buf) + 8, rzs(c, buf, zones, 64));
	expect_problems(c, 1, want);
	*rz1(c, buf) = 1;
	snprintf(want, sizeof(want), "object 0x%08lx (free, on the free chain): memory before and "
		 "after a free object was overwritten: %s\n", a(buf) + 8, rzs(c, buf, zones, 64));
	expect_problems(c, 1, want);
	*rz1(c, buf) = *rz2(c, buf) = RED_INACTIVE;
	/* its poison */
	obj = (unsigned char *)buf + 8;
	obj[5] = 0;
	snprintf(want, sizeof(want), "object 0x%08lx (free, on the free chain): write after free: "
		 "poison overwritten: byte 5 is 0x00\n", a(obj));
	expect_problems(c, 1, want);
	obj[5] = POISON_FREE;
	obj[c->object_size - 1] = POISON_FREE;
	snprintf(want, sizeof(want), "object 0x%08lx (free, on the free chain): write after free: "
		 "poison overwritten: byte %u is 0x6b\n", a(obj), c->object_size - 1);
	expect_problems(c, 1, want);
	obj[c->object_size - 1] = POISON_END;
	/* in cpu1's array */
	ac1 = c->array[1];
	buf = ac1->entry[1];
	obj = (unsigned char *)buf + 8;
	obj[0] = 'x';
	snprintf(want, sizeof(want), "object 0x%08lx (free, in cpu1's array slot 1): write after "
		 "free: poison overwritten: byte 0 is 0x78\n", a(obj));
	expect_problems(c, 1, want);
	obj[0] = POISON_FREE;
	buf = c->nodelists[0]->shared->entry[0];
	*rz2(c, buf) = 0;
	snprintf(want, sizeof(want), "object 0x%08lx (free, in the shared array slot 0): memory after "
		 "a free object was overwritten (red zone 2): %s\n", a(buf) + 8, rzs(c, buf, zones, 64));
	expect_problems(c, 1, want);
	*rz2(c, buf) = RED_INACTIVE;
	expect_clean(c);
	unpopulate(&p);
}

/* Poison without red zones: the object starts at its buffer. */
static void a_poisoned_cache_without_red_zones(void **state)
{
	struct pop p;
	unsigned char *obj;
	char want[256];

	(void)state;
	populate(&p, "verify-poison", SLAB_POISON);
	assert_int_equal(p.c->obj_offset, 0);
	obj = index_to_obj(p.c, p.first, 2);
	obj[p.c->object_size / 2] = 0x6c;
	snprintf(want, sizeof(want), "object 0x%08lx (free, on the free chain): write after free: "
		 "poison overwritten: byte %u is 0x6c\n", a(obj), p.c->object_size / 2);
	expect_problems(p.c, 1, want);
	obj[p.c->object_size / 2] = POISON_FREE;
	expect_clean(p.c);
	unpopulate(&p);
}

static void allocated_objects_with_broken_red_zones(void **state)
{
	struct pop p;
	struct kmem_cache *c;
	void *buf = NULL;
	char want[512], zones[64];

	(void)state;
	populate(&p, "verify-usedzones", DEBUG_FLAGS);
	c = p.c;
	for (unsigned int i = 0; i < p.n && !buf; i++)
		if (p.live[i])
			buf = buf_of(c, p.objs[i]);
	*rz2(c, buf) = 0x4141414141414141ULL;	/* an overrun */
	snprintf(want, sizeof(want), "object 0x%08lx (allocated): memory after the object was "
		 "overwritten (red zone 2): %s\n", a(buf) + 8, rzs(c, buf, zones, 64));
	expect_problems(c, 1, want);
	*rz2(c, buf) = RED_ACTIVE;
	*rz1(c, buf) = RED_INACTIVE;
	snprintf(want, sizeof(want), "object 0x%08lx (allocated): memory before the object was "
		 "overwritten (red zone 1): %s\n", a(buf) + 8, rzs(c, buf, zones, 64));
	expect_problems(c, 1, want);
	*rz2(c, buf) = RED_INACTIVE;
	snprintf(want, sizeof(want), "object 0x%08lx (allocated): neither red zone is RED_ACTIVE: "
		 "%s\n", a(buf) + 8, rzs(c, buf, zones, 64));
	expect_problems(c, 1, want);
	*rz1(c, buf) = *rz2(c, buf) = RED_ACTIVE;
	/* a handed-out object's poison is its user's business */
	memset((char *)buf + 8, 0, c->object_size);
	expect_clean(c);
	unpopulate(&p);
}

static void the_lines_stop_at_20_and_the_count_goes_on(void **state)
{
	struct pop p;
	struct kmem_cache *c;
	char want[OUT_LEN], zones[64];
	size_t n = 0;

	(void)state;
	populate(&p, "verify-many", SLAB_RED_ZONE);
	c = p.c;
	for (unsigned int i = 0; i < 25; i++)
		*rz1(c, index_to_obj(c, p.first, i)) = i;
	for (unsigned int i = 0; i < 20; i++) {
		void *buf = index_to_obj(c, p.first, i);

		n += (size_t)snprintf(want + n, sizeof(want) - n, "verify: cache 'verify-many': "
				      "object 0x%08lx (free, on the free chain): memory before a free "
				      "object was overwritten (red zone 1): %s\n", a(buf) + 8,
				      rzs(c, buf, zones, 64));
	}
	snprintf(want + n, sizeof(want) - n, "verify: cache 'verify-many': 5 more problems not "
		 "shown\n");
	assert_int_equal(verify(c, NULL), 25);
	assert_string_equal(out, want);
	for (unsigned int i = 0; i < 25; i++)
		*rz1(c, index_to_obj(c, p.first, i)) = RED_INACTIVE;
	expect_clean(c);
	unpopulate(&p);
}

/* ---- quarantine ---- */

struct misuse {
	struct kmem_cache *c;
	void *objp;
};

static void free_twice(void *arg)
{
	struct misuse *m = arg;

	kmem_cache_free(m->c, m->objp);
	kmem_cache_free(m->c, m->objp);
}

static void alloc_one(void *arg)
{
	struct misuse *m = arg;

	m->objp = kmem_cache_alloc(m->c, GFP_KERNEL);
}

static void shrink(void *arg)
{
	kmem_cache_shrink(arg);
}

static void quarantined_objects_are_left_alone(void **state)
{
	char report[OUT_LEN];
	struct pop p;
	struct kmem_cache *c;
	struct misuse m;
	void *buf;

	(void)state;
	populate(&p, "verify-quarantine", DEBUG_FLAGS);
	c = p.c;
	/* a double free: the first free put it in cpu0's array, the second quarantines it */
	for (unsigned int i = 0; i < p.n; i++) {
		if (p.live[i]) {
			m = (struct misuse){ c, p.objs[i] };
			p.live[i] = false;
			break;
		}
	}
	host_capture_stdout(free_twice, &m, report, sizeof(report));
	assert_non_null(strstr(report, "double free detected"));
	assert_int_equal(c->quarantined, 1);
	buf = buf_of(c, m.objp);
	assert_ptr_equal(c->array[0]->entry[c->array[0]->avail - 1], buf);
	expect_clean(c);
	/* its red zones and poison are known bad: not looked at */
	*rz1(c, buf) = 0;
	memset(m.objp, 0, 16);
	expect_clean(c);
	/* a write after free caught at allocation: quarantined, handed to nobody */
	buf = c->array[0]->entry[c->array[0]->avail - 2];
	((char *)buf)[8] = 0;
	m.objp = NULL;
	host_capture_stdout(alloc_one, &m, report, sizeof(report));
	assert_non_null(strstr(report, "write after free"));
	assert_int_equal(c->quarantined, 2);
	expect_clean(c);
	/* drained: off the arrays, still withheld, still quiet */
	host_capture_stdout(shrink, c, report, sizeof(report));
	assert_int_equal(c->quarantined, 2);
	expect_clean(c);
	kmem_cache_free(c, m.objp);
	unpopulate(&p);
	expect_clean(NULL);
}

/* A plain cache: a double free sits twice in the array until free_block() catches it. */
static void a_double_free_in_a_plain_cache_shows_until_caught(void **state)
{
	char report[OUT_LEN], want[256];
	struct pop p;
	struct misuse m = { 0 };
	void *buf;

	(void)state;
	populate(&p, "verify-plaindouble", 0);
	for (unsigned int i = 0; i < p.n && !m.objp; i++)
		if (p.live[i] && virt_to_slab(p.objs[i]) != p.last) {
			m = (struct misuse){ p.c, p.objs[i] };
			p.live[i] = false;
		}
	buf = m.objp;
	assert_int_equal(p.c->array[0]->avail + 2 <= p.c->array[0]->limit, true);
	host_capture_stdout(free_twice, &m, report, sizeof(report));
	assert_string_equal(report, "");
	snprintf(want, sizeof(want), "object 0x%08lx: in cpu0's array slot %u and again in cpu0's "
		 "array slot %u\n", a(buf), p.c->array[0]->avail - 2, p.c->array[0]->avail - 1);
	expect_problems(p.c, 1, want);
	host_capture_stdout(shrink, p.c, report, sizeof(report));
	assert_non_null(strstr(report, "slab error in free_block(): cache 'verify-plaindouble': "
				"double free detected"));
	assert_int_equal(p.c->quarantined, 1);
	expect_clean(p.c);
	unpopulate(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_cache_at_boot_is_clean_and_counted),
		cmocka_unit_test(a_plain_cache_in_every_state_is_clean),
		cmocka_unit_test(debug_caches_in_every_state_are_clean),
		cmocka_unit_test(off_slab_caches_are_clean),
		cmocka_unit_test(verify_needs_no_memory_and_gives_back_what_it_takes),
		cmocka_unit_test(not_a_cache_is_refused),
		cmocka_unit_test(a_cycle_in_a_free_chain),
		cmocka_unit_test(an_index_out_of_range_in_a_free_chain),
		cmocka_unit_test(a_wrong_inuse),
		cmocka_unit_test(a_bad_bufctl_mark),
		cmocka_unit_test(a_slab_on_the_wrong_list),
		cmocka_unit_test(wrong_totals),
		cmocka_unit_test(broken_links_and_pages),
		cmocka_unit_test(an_object_twice_in_arrays),
		cmocka_unit_test(an_object_in_an_array_and_on_its_chain),
		cmocka_unit_test(array_entries_that_are_no_object),
		cmocka_unit_test(free_objects_with_broken_red_zones_or_poison),
		cmocka_unit_test(a_poisoned_cache_without_red_zones),
		cmocka_unit_test(allocated_objects_with_broken_red_zones),
		cmocka_unit_test(the_lines_stop_at_20_and_the_count_goes_on),
		cmocka_unit_test(quarantined_objects_are_left_alone),
		cmocka_unit_test(a_double_free_in_a_plain_cache_shows_until_caught),
	};

	return cmocka_run_group_tests(tests, slab_group_setup, slab_group_teardown);
}
