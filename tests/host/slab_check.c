/*
 * slab_check.c - see slab_check.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "mm/mmzone.h"
#include "mm/slab_internal.h"
#include "buddy_check.h"
#include "slab_check.h"

static void check_slab_pages(struct kmem_cache *cachep, struct slab *slabp)
{
	char *first = (char *)slabp->s_mem - slabp->colouroff;
	struct page *page = virt_to_page(first);

	assert_int_equal((uintptr_t)first & (PAGE_SIZE - 1), 0);
	for (unsigned long i = 0; i < (1UL << cachep->gfporder); i++) {
		assert_true(PageSlab(page + i));
		assert_ptr_equal(page_get_cache(page + i), cachep);
		assert_ptr_equal(page_get_slab(page + i), slabp);
	}
}

/* Walk the free chain; mark the free objects in @is_free. */
static void check_free_chain(struct kmem_cache *cachep, struct slab *slabp, char *is_free)
{
	unsigned int n = 0;

	memset(is_free, 0, cachep->num);
	for (kmem_bufctl_t i = slabp->free; i != BUFCTL_END; i = slab_bufctl(slabp)[i]) {
		assert_true(i < cachep->num);
		assert_false(is_free[i]);
		is_free[i] = 1;
		n++;
	}
	assert_int_equal(n, cachep->num - slabp->inuse);
}

static unsigned long check_list(struct kmem_cache *cachep, struct list_head *list,
				int which, unsigned long *free_objects, unsigned long *inuse)
{
	char *is_free = malloc(cachep->num);
	struct slab *slabp;
	unsigned long n = 0;

	list_for_each_entry(slabp, list, list) {
		if (which == 0)
			assert_true(slabp->inuse > 0 && slabp->inuse < cachep->num);
		else if (which == 1)
			assert_int_equal(slabp->inuse, cachep->num);
		else
			assert_int_equal(slabp->inuse, 0);
		check_slab_pages(cachep, slabp);
		check_free_chain(cachep, slabp, is_free);
		*free_objects += cachep->num - slabp->inuse;
		*inuse += slabp->inuse;
		n++;
	}
	free(is_free);
	return n;
}

/* An object handed to an array must be in-use from its slab's view. */
static void check_array_objects(struct kmem_cache *cachep, struct array_cache *ac,
				void **seen, unsigned long *nseen)
{
	if (!ac)
		return;
	assert_true(ac->avail <= ac->limit);
	for (unsigned int i = 0; i < ac->avail; i++) {
		void *objp = ac->entry[i];
		struct slab *slabp = virt_to_slab(objp);
		unsigned int idx = obj_to_index(cachep, slabp, objp);

		assert_ptr_equal(virt_to_cache(objp), cachep);
		assert_ptr_equal(index_to_obj(cachep, slabp, idx), objp);
		for (kmem_bufctl_t f = slabp->free; f != BUFCTL_END; f = slab_bufctl(slabp)[f])
			assert_int_not_equal(f, idx);
		for (unsigned long k = 0; k < *nseen; k++)
			assert_ptr_not_equal(seen[k], objp);
		seen[(*nseen)++] = objp;
	}
}

struct cache_counts check_cache(struct kmem_cache *cachep)
{
	struct kmem_list3 *l3 = cachep->nodelists[0];
	struct cache_counts c = { 0 };
	unsigned long free_objects = 0, inuse = 0, nseen = 0;
	void **seen;

	c.partial = check_list(cachep, &l3->slabs_partial, 0, &free_objects, &inuse);
	c.full = check_list(cachep, &l3->slabs_full, 1, &free_objects, &inuse);
	c.free = check_list(cachep, &l3->slabs_free, 2, &free_objects, &inuse);
	assert_int_equal(free_objects, l3->free_objects);
	assert_int_equal(inuse, cachep->num_active);
	c.free_objects = l3->free_objects;

	seen = malloc(sizeof(void *) * (NR_CPUS * cachep->limit + (l3->shared ? l3->shared->limit : 0) + 1));
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		check_array_objects(cachep, cachep->array[cpu], seen, &nseen);
	check_array_objects(cachep, l3->shared, seen, &nseen);
	free(seen);
	c.in_arrays = nseen;
	c.shared_avail = l3->shared ? l3->shared->avail : 0;
	return c;
}

unsigned long slab_pages_in_caches(void)
{
	struct kmem_cache *cachep;
	unsigned long pages = 0;

	list_for_each_entry(cachep, &cache_chain, next) {
		struct cache_counts c = check_cache(cachep);

		pages += (c.partial + c.full + c.free) << cachep->gfporder;
	}
	return pages;
}

static struct arena slab_arena;

int slab_group_setup(void **state)
{
	(void)state;
	arena_init(&slab_arena, 64UL << 20, 64 * 1024, 300 * 1024);
	kmem_cache_init();
	return 0;
}

int slab_group_teardown(void **state)
{
	(void)state;
	arena_free(&slab_arena);
	return 0;
}
