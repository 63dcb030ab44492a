/*
 * test_slab_whatis.c - kmem_whatis() (mm/slab_whatis.c): every kind of
 * address and every state of an object, with exact answers, on a host
 * arena under ASan/UBSan.
 *
 * Objects are put where a test wants them by allocating and freeing on
 * chosen CPUs (host_set_cpu) and by tuning; the expected answer is
 * worked out from the allocator's own structures.  The host's geometry:
 * 8-byte words, a 48-byte struct slab, 32-byte cache lines.
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
#include "mm/poison.h"
#include "mm/slab.h"
#include "mm/slab_inspect.h"
#include "mm/slab_internal.h"
#include "buddy_check.h"
#include "host_platform.h"
#include "slab_check.h"

#define DEBUG_FLAGS (SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)

static struct kmem_cache *make_cache(const char *name, size_t size, size_t align,
				     unsigned long flags)
{
	struct kmem_cache *cachep = kmem_cache_create(name, size, align, flags, NULL);

	assert_non_null(cachep);
	return cachep;
}

static struct whatis_info whatis(const void *addr)
{
	struct whatis_info wi;

	kmem_whatis(addr, &wi);
	return wi;
}

static void *slab_page(const void *obj)
{
	struct slab *slabp = virt_to_slab(obj);

	return (char *)slabp->s_mem - slabp->colouroff;
}

/* @addr lies in part @kind of object @obj of @c, byte @offset of @size. */
static struct whatis_info assert_part(struct kmem_cache *c, const void *addr, const void *obj,
				      enum whatis_kind kind, unsigned long offset,
				      unsigned long size)
{
	struct whatis_info wi = whatis(addr);
	const char *buf = (const char *)obj - c->obj_offset;

	assert_int_equal(wi.kind, kind);
	assert_ptr_equal(wi.cachep, c);
	assert_ptr_equal(wi.obj, obj);
	assert_int_equal(wi.index, obj_to_index(c, virt_to_slab(buf), buf));
	assert_ptr_equal(wi.slab, virt_to_slab(buf));
	assert_ptr_equal(wi.page, slab_page(buf));
	assert_int_equal(wi.offset, offset);
	assert_int_equal(wi.size, size);
	return wi;
}

/* A part of the slab that is no object's. */
static void assert_slab_part(struct kmem_cache *c, const void *addr, struct slab *slabp,
			     enum whatis_kind kind, unsigned long offset, unsigned long size)
{
	struct whatis_info wi = whatis(addr);

	assert_int_equal(wi.kind, kind);
	assert_ptr_equal(wi.cachep, c);
	assert_ptr_equal(wi.slab, slabp);
	assert_ptr_equal(wi.page, (char *)slabp->s_mem - slabp->colouroff);
	assert_int_equal(wi.offset, offset);
	assert_int_equal(wi.size, size);
	assert_null(wi.obj);
}

static void outside_the_slabs(void **state)
{
	struct kmem_cache *c = make_cache("w-out", 40, 0, 0);
	void *obj = kmem_cache_alloc(c, GFP_KERNEL);
	unsigned long page = __get_free_page(GFP_KERNEL);
	struct slab *slabp = virt_to_slab(obj);
	struct whatis_info wi;
	char local;

	(void)state;
	assert_int_equal(whatis(&local).kind, WHATIS_NOT_MEMORY);
	assert_int_equal(whatis(NULL).kind, WHATIS_NOT_MEMORY);
	assert_int_equal(whatis((void *)~0UL).kind, WHATIS_NOT_MEMORY);
	wi = whatis((void *)(page + 100));
	assert_int_equal(wi.kind, WHATIS_NOT_SLAB);
	assert_null(wi.cachep);
	free_page(page);
	assert_int_equal(whatis((void *)page).kind, WHATIS_NOT_SLAB);	/* now a free page */
	/* a slab on none of its node's lists (being grown or destroyed) */
	list_del(&slabp->list);
	wi = whatis(obj);
	assert_int_equal(wi.kind, WHATIS_UNLISTED);
	assert_ptr_equal(wi.cachep, c);
	assert_null(wi.obj);
	list_add(&slabp->list, &c->nodelists[0]->slabs_partial);
	assert_int_equal(whatis(obj).kind, WHATIS_OBJECT);
	kmem_cache_free(c, obj);
	kmem_cache_destroy(c);
	/* the destroyed cache's slab page is the buddy allocator's again */
	assert_int_equal(whatis(obj).kind, WHATIS_NOT_SLAB);
}

/* ---- the parts of a slab ---- */

static void colour_management_and_left_over(void **state)
{
	/* 1200 bytes: 3 per page, management 48 + 3 * 4 = 60 padded to 64, 432 left */
	struct kmem_cache *c = make_cache("w-layout", 1200, 0, 0);
	void *objs[4];
	struct slab *s1, *s2;
	char *p;

	(void)state;
	for (int i = 0; i < 4; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	assert_false(OFF_SLAB(c));
	assert_int_equal(c->num, 3);
	assert_int_equal(c->slab_size, 64);
	s1 = virt_to_slab(objs[0]);
	s2 = virt_to_slab(objs[3]);
	assert_ptr_not_equal(s1, s2);
	assert_int_equal(s1->colouroff, 64);			/* colour 0 */
	assert_int_equal(s2->colouroff, 32 + 64);		/* colour 1 */

	p = slab_page(objs[3]);
	assert_slab_part(c, p, s2, WHATIS_COLOUR, 0, 32);
	assert_slab_part(c, p + 31, s2, WHATIS_COLOUR, 31, 32);
	assert_slab_part(c, s2, s2, WHATIS_SLAB_DESC, 0, sizeof(struct slab));
	assert_slab_part(c, (char *)s1 + 47, s1, WHATIS_SLAB_DESC, 47, sizeof(struct slab));
	assert_slab_part(c, (char *)&slab_bufctl(s1)[2] + 1, s1, WHATIS_BUFCTL, 1, 4);
	assert_int_equal(whatis(&slab_bufctl(s1)[2]).index, 2);
	assert_slab_part(c, (char *)s1 + 60, s1, WHATIS_MGMT_PAD, 0, 4);
	assert_slab_part(c, (char *)s1 + 63, s1, WHATIS_MGMT_PAD, 3, 4);
	p = (char *)s1->s_mem + 3 * 1200;
	assert_slab_part(c, p, s1, WHATIS_LEFT_OVER, 0, 4096 - 64 - 3600);
	assert_slab_part(c, (char *)slab_page(objs[0]) + 4095, s1, WHATIS_LEFT_OVER, 431, 432);
	p = (char *)s2->s_mem + 3 * 1200;
	assert_slab_part(c, p + 1, s2, WHATIS_LEFT_OVER, 1, 4096 - 96 - 3600);
	/* a non-debug object is all caller's bytes */
	assert_part(c, (char *)objs[1] + 1199, objs[1], WHATIS_OBJECT, 1199, 1200);
	/* the refills took every object into cpu0's array: both slabs are full */
	assert_int_equal(whatis(objs[1]).list, SLAB_FULL);
	assert_int_equal(whatis(objs[3]).list, SLAB_FULL);
	for (int i = 0; i < 4; i++)
		kmem_cache_free(c, objs[i]);
	kmem_cache_destroy(c);
}

/* Off-slab management is an object of the general cache that holds it. */
static void off_slab_management_is_a_general_object(void **state)
{
	struct kmem_cache *c = make_cache("w-offslab", 4096, 0, 0);
	void *obj = kmem_cache_alloc(c, GFP_KERNEL);
	struct slab *slabp = virt_to_slab(obj);
	struct whatis_info wi;

	(void)state;
	assert_true(OFF_SLAB(c));
	assert_int_equal(c->colour, 0);
	wi = whatis(slab_page(obj));		/* no colour: object 0 starts the page */
	assert_int_equal(wi.kind, WHATIS_OBJECT);
	assert_ptr_equal(wi.cachep, c);
	wi = whatis(slabp);
	assert_int_equal(wi.kind, WHATIS_OBJECT);
	assert_ptr_equal(wi.cachep, c->slabp_cache);
	assert_ptr_equal(wi.obj, slabp);
	assert_int_equal(wi.state, WHATIS_ALLOCATED);
	kmem_cache_free(c, obj);
	kmem_cache_destroy(c);
}

/* ---- the parts of a debug buffer ---- */

static void red_zones_user_word_and_padding(void **state)
{
	/* host: [8 red zone 1][40 object][8 red zone 2][8 user] */
	struct kmem_cache *c = make_cache("w-rz", 40, 0, DEBUG_FLAGS);
	/* poisoned, aligned to 64: [40 object][24 padding] */
	struct kmem_cache *p = make_cache("w-pad", 40, 64, SLAB_POISON);
	char *obj = kmem_cache_alloc(c, GFP_KERNEL), *q = kmem_cache_alloc(p, GFP_KERNEL);

	(void)state;
	assert_int_equal(c->buffer_size, 64);
	assert_part(c, obj - 8, obj, WHATIS_REDZONE1, 0, 8);
	assert_part(c, obj - 1, obj, WHATIS_REDZONE1, 7, 8);
	assert_part(c, obj, obj, WHATIS_OBJECT, 0, 40);
	assert_part(c, obj + 39, obj, WHATIS_OBJECT, 39, 40);
	assert_part(c, obj + 40, obj, WHATIS_REDZONE2, 0, 8);
	assert_part(c, obj + 47, obj, WHATIS_REDZONE2, 7, 8);
	assert_part(c, obj + 48, obj, WHATIS_USER, 0, 8);
	assert_part(c, obj + 55, obj, WHATIS_USER, 7, 8);
	assert_part(c, obj + 56, obj + 64, WHATIS_REDZONE1, 0, 8);	/* the next buffer */

	assert_int_equal(p->buffer_size, 64);
	assert_int_equal(p->obj_offset, 0);
	assert_part(p, q + 39, q, WHATIS_OBJECT, 39, 40);
	assert_part(p, q + 40, q, WHATIS_PADDING, 0, 24);
	assert_part(p, q + 63, q, WHATIS_PADDING, 23, 24);
	kmem_cache_free(c, obj);
	kmem_cache_free(p, q);
	kmem_cache_destroy(c);
	kmem_cache_destroy(p);
}

/* ---- where an object is ---- */

static void assert_in_cpu_array(const void *obj, unsigned int cpu, unsigned int slot,
				unsigned int avail)
{
	struct whatis_info wi = whatis(obj);

	assert_int_equal(wi.state, WHATIS_IN_ARRAY);
	assert_int_equal(wi.array, WHATIS_CPU_ARRAY);
	assert_int_equal(wi.cpu, cpu);
	assert_int_equal(wi.slot, slot);
	assert_int_equal(wi.avail, avail);
}

static void allocated_and_in_each_array(void **state)
{
	struct kmem_cache *c = make_cache("w-state", 40, 0, DEBUG_FLAGS);
	void *objs[5], *remote;
	struct array_cache *shared;
	struct whatis_info wi;

	(void)state;
	/* arrays of 4, batches of 2, a shared array of 2 batches */
	assert_int_equal(slabinfo_write("w-state", 4, 2, 2), 0);
	for (int i = 0; i < 5; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	wi = whatis(objs[0]);
	assert_int_equal(wi.state, WHATIS_ALLOCATED);
	assert_int_equal(wi.array, WHATIS_NO_ARRAY);
	assert_true(wi.has_user && wi.has_event);
	assert_int_equal(wi.ev.type, SLAB_EV_ALLOC);
	assert_int_equal(wi.ev.cpu, 0);
	assert_ptr_equal(wi.ev.caller, wi.user);	/* this function allocated it */
	assert_non_null(wi.user);

	/* five frees into an array of four: a flush moves the oldest two to the shared array */
	for (int i = 0; i < 5; i++)
		kmem_cache_free(c, objs[i]);
	shared = c->nodelists[0]->shared;
	assert_int_equal(shared->avail, 2);
	for (unsigned int i = 0; i < shared->avail; i++) {
		wi = whatis((char *)shared->entry[i] + c->obj_offset);
		assert_int_equal(wi.state, WHATIS_IN_ARRAY);
		assert_int_equal(wi.array, WHATIS_SHARED_ARRAY);
		assert_int_equal(wi.slot, i);
		assert_int_equal(wi.avail, 2);
	}
	for (unsigned int i = 0; i < c->array[0]->avail; i++)
		assert_in_cpu_array((char *)c->array[0]->entry[i] + c->obj_offset, 0, i,
				    c->array[0]->avail);
	for (int i = 0; i < 5; i++) {
		wi = whatis(objs[i]);
		assert_int_equal(wi.state, WHATIS_IN_ARRAY);
		assert_int_equal(wi.ev.type, SLAB_EV_FREE);
	}
	assert_int_equal(whatis(objs[0]).array, WHATIS_SHARED_ARRAY);	/* the oldest */
	assert_int_equal(whatis(objs[4]).slot, c->array[0]->avail - 1);	/* the newest */

	/* another CPU's array, searched on that CPU */
	host_set_cpu(2);
	remote = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, remote);
	host_set_cpu(0);
	assert_in_cpu_array(remote, 2, c->array[2]->avail - 1, c->array[2]->avail);
	wi = whatis(remote);
	assert_int_equal(wi.ev.cpu, 2);
	assert_int_equal(wi.ev.type, SLAB_EV_FREE);
	kmem_cache_destroy(c);
}

static void free_in_its_slab_at_its_chain_position(void **state)
{
	struct kmem_cache *c = make_cache("w-chain", 40, 0, 0);
	void *a = kmem_cache_alloc(c, GFP_KERNEL);
	void *b = kmem_cache_alloc(c, GFP_KERNEL);
	void *d = kmem_cache_alloc(c, GFP_KERNEL);
	struct whatis_info wi;
	struct slab *slabp;

	(void)state;
	kmem_cache_free(c, b);
	kmem_cache_free(c, d);
	kmem_cache_shrink(c);		/* b, then d, back on the chain: d comes first */
	wi = whatis(d);
	assert_int_equal(wi.state, WHATIS_FREE_IN_SLAB);
	assert_int_equal(wi.chain_pos, 0);
	assert_int_equal(wi.chain_len, c->num - 1);
	assert_int_equal(whatis(b).chain_pos, 1);
	assert_int_equal(whatis(b).list, SLAB_PARTIAL);
	/* no user word, no journal */
	assert_false(wi.has_user);
	assert_false(wi.has_event);
	/* a chain that does not reach it: its bufctl says free, the walk disagrees */
	slabp = virt_to_slab(d);
	assert_int_equal(slabp->free, obj_to_index(c, slabp, d));
	slab_bufctl(slabp)[slabp->free] = BUFCTL_END;
	wi = whatis(b);
	assert_int_equal(wi.state, WHATIS_FREE_IN_SLAB);
	assert_int_equal(wi.chain_pos, -1);
	assert_int_equal(wi.chain_len, 1);
	slab_bufctl(slabp)[slabp->free] = obj_to_index(c, slabp, b);
	check_cache(c);
	kmem_cache_free(c, a);
	kmem_cache_destroy(c);
}

struct free_args {
	struct kmem_cache *c;
	void *p;
};

static void run_free(void *arg)
{
	struct free_args *a = arg;

	kmem_cache_free(a->c, a->p);
}

/* A free that a detector reports (quietly: the report is captured). */
static void free_reported(struct kmem_cache *c, void *p)
{
	static char out[4096];
	struct free_args a = { c, p };

	host_capture_stdout(run_free, &a, out, sizeof(out));
	assert_memory_equal(out, "slab error", 10);
}

static void quarantined_with_or_without_an_array(void **state)
{
	struct kmem_cache *c = make_cache("w-quar", 40, 0, DEBUG_FLAGS);
	char *bad = kmem_cache_alloc(c, GFP_KERNEL), *twice = kmem_cache_alloc(c, GFP_KERNEL);
	char *keep = kmem_cache_alloc(c, GFP_KERNEL);
	struct whatis_info wi;

	(void)state;
	bad[40] = 0;				/* red zone 2: quarantined at its free */
	free_reported(c, bad);
	wi = whatis(bad + 3);
	assert_int_equal(wi.kind, WHATIS_OBJECT);
	assert_int_equal(wi.state, WHATIS_QUARANTINED);
	assert_int_equal(wi.array, WHATIS_NO_ARRAY);
	kmem_cache_free(c, twice);
	free_reported(c, twice);	/* the red zones say free: quarantined in the array */
	wi = whatis(twice);
	assert_int_equal(wi.state, WHATIS_QUARANTINED);
	assert_int_equal(wi.array, WHATIS_CPU_ARRAY);
	assert_int_equal(wi.cpu, 0);
	assert_int_equal(wi.slot, c->array[0]->avail - 1);
	assert_int_equal(wi.ev.type, SLAB_EV_FREE);
	kmem_cache_free(c, keep);
	kmem_cache_destroy(c);
	assert_null(kmem_cache_find("w-quar"));
}

/* ---- the corruption lab's write ---- */

static void corrupt_writes_one_byte_of_a_live_object(void **state)
{
	struct kmem_cache *c = make_cache("w-corrupt", 40, 0, DEBUG_FLAGS);
	struct kmem_cache *d = make_cache("w-corrupt-other", 40, 0, 0);
	unsigned char *obj = kmem_cache_alloc(c, GFP_KERNEL), *free_obj, *gone;
	void *other = kmem_cache_alloc(d, GFP_KERNEL);
	unsigned long page = __get_free_page(GFP_KERNEL);
	unsigned char old = 0x77, before, after;
	struct slab *slabp;
	char local;

	(void)state;
	/* the whole buffer, red zones and user word included, and not a byte more */
	assert_int_equal(kmem_cache_corrupt(c, obj, -8, 0x11, &old), 0);
	assert_int_equal(old, 0xc0);			/* RED_ACTIVE's low byte */
	assert_int_equal(obj[-8], 0x11);
	assert_int_equal(kmem_cache_corrupt(c, obj, -8, 0xc0, &old), 0);
	assert_int_equal(old, 0x11);
	assert_int_equal(kmem_cache_corrupt(c, obj, 55, 0x00, &old), 0);	/* the user word */
	assert_int_equal(kmem_cache_corrupt(c, obj, 55, old, &old), 0);
	old = 0x77;
	before = obj[-9];
	after = obj[56];
	assert_int_equal(kmem_cache_corrupt(c, obj, -9, (unsigned char)~before, &old), -EINVAL);
	assert_int_equal(kmem_cache_corrupt(c, obj, 56, (unsigned char)~after, &old), -EINVAL);
	assert_int_equal(old, 0x77);
	assert_int_equal(obj[-9], before);		/* the neighbours: untouched */
	assert_int_equal(obj[56], after);
	/* only an object's start, of this cache, in a slab on its lists */
	assert_int_equal(kmem_cache_corrupt(c, obj + 1, 0, 0, &old), -EINVAL);
	assert_int_equal(kmem_cache_corrupt(c, other, 0, 0, &old), -EINVAL);
	assert_int_equal(kmem_cache_corrupt(c, (void *)page, 0, 0, &old), -EINVAL);
	assert_int_equal(kmem_cache_corrupt(c, &local, 0, 0, &old), -EINVAL);
	slabp = virt_to_slab(obj);
	list_del(&slabp->list);
	assert_int_equal(kmem_cache_corrupt(c, obj, 0, 0, &old), -EINVAL);
	list_add(&slabp->list, &c->nodelists[0]->slabs_partial);
	assert_int_equal(old, 0x77);
	/* a free object too: written in the array, caught when handed out */
	free_obj = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, free_obj);
	assert_int_equal(kmem_cache_corrupt(c, free_obj, 3, 0x00, &old), 0);
	assert_int_equal(old, POISON_FREE);
	assert_int_equal(free_obj[3], 0x00);
	free_obj[3] = POISON_FREE;
	/* a slab that went back to the buddy allocator is no longer written */
	gone = kmem_cache_alloc(d, GFP_KERNEL);
	kmem_cache_free(d, gone);
	kmem_cache_free(d, other);
	kmem_cache_shrink(d);
	assert_int_equal(kmem_cache_corrupt(d, gone, 0, 0, &old), -EINVAL);
	kmem_cache_free(c, obj);
	check_cache(c);
	assert_int_equal(c->errors, 0);
	free_page(page);
	kmem_cache_destroy(c);
	kmem_cache_destroy(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(outside_the_slabs),
		cmocka_unit_test(colour_management_and_left_over),
		cmocka_unit_test(off_slab_management_is_a_general_object),
		cmocka_unit_test(red_zones_user_word_and_padding),
		cmocka_unit_test(allocated_and_in_each_array),
		cmocka_unit_test(free_in_its_slab_at_its_chain_position),
		cmocka_unit_test(quarantined_with_or_without_an_array),
		cmocka_unit_test(corrupt_writes_one_byte_of_a_live_object),
	};

	return cmocka_run_group_tests(tests, slab_group_setup, slab_group_teardown);
}
