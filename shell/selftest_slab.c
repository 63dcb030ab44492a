/*
 * selftest_slab.c - what the selftest's slab suites share
 * (shell/selftest_slab.h): test caches made, read back and unmade;
 * stamped objects; rows of objects, one per CPU, for work on several
 * CPUs at once; emptying a cache to see what it hands out.
 *
 * Everything here is static or on the stack: the framework's census
 * after each case must see only what the case itself allocated.
 */
#include <stdlib.h>
#include <string.h>
#include "shell/selftest_slab.h"

/* ---- helpers ---- */

#define ST_DEBUG_FLAGS (SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)

/* Bits needed to hold @x: Linux's fls(). */
static unsigned int st_fls(size_t x)
{
	unsigned int n = 0;

	for (; x; x >>= 1)
		n++;
	return n;
}

/*
 * Linux's rules, written out apart from mm/slab_geometry.c so that the
 * two can disagree: FORCED_DEBUG poisons every cache, and red-zones and
 * records the user of every one whose size is under 4096 or does not
 * cross a power of two with the 24 bytes that adds (REDZONE_ALIGN and
 * two red zones); an alignment above a 64-bit word's then drops the red
 * zones and the user word again (no room to keep them aligned).
 */
unsigned long st_debug_flags(size_t size, size_t align, unsigned long flags)
{
	const size_t extra = 3 * sizeof(unsigned long long);

	if (slab_forced_debug()) {
		if (size < 4096 || st_fls(size - 1) == st_fls(size - 1 + extra))
			flags |= SLAB_RED_ZONE | SLAB_STORE_USER;
		flags |= SLAB_POISON;
	}
	if (align > __alignof__(unsigned long long))
		flags &= ~(SLAB_RED_ZONE | SLAB_STORE_USER);
	return flags & ST_DEBUG_FLAGS;
}

struct kmem_cache *st_cache_create(struct selftest *t, const char *name, size_t size,
				   size_t align, unsigned long flags, kmem_ctor_t ctor)
{
	struct kmem_cache *cachep = kmem_cache_create(name, size, align, flags, ctor);
	unsigned long got, want = st_debug_flags(size, align, flags);

	if (!ST_CHECK(t, cachep != NULL, "cannot create cache '%s'", name))
		return NULL;
	got = st_info(cachep).flags & ST_DEBUG_FLAGS;
	ST_CHECK(t, got == want, "'%s': debug flags 0x%lx, expected 0x%lx%s", name, got, want,
		 slab_forced_debug() ? " (slab_debug build)" : "");
	return cachep;
}

void st_cache_destroy(struct selftest *t, struct kmem_cache *cachep)
{
	const char *name = kmem_cache_name(cachep);

	kmem_cache_destroy(cachep);
	ST_CHECK(t, kmem_cache_find(name) == NULL, "cache '%s' was not destroyed", name);
}

struct kmem_cache_info st_info(struct kmem_cache *cachep)
{
	struct kmem_cache_info info;

	kmem_cache_get_info(cachep, &info);
	return info;
}

struct node_info st_node(struct kmem_cache *cachep)
{
	struct node_info ni;

	kmem_cache_get_node(cachep, &ni, NULL, 0);
	return ni;
}

struct array_info st_array(struct kmem_cache *cachep, unsigned int cpu)
{
	struct array_info ai = { 0, 0, 0, 0 };

	kmem_cache_get_cpu_array(cachep, cpu, &ai, NULL, 0);
	return ai;
}

unsigned long st_slabs(struct kmem_cache *cachep)
{
	struct node_info ni = st_node(cachep);

	return ni.partial + ni.full + ni.free;
}

unsigned long st_arrays_avail(struct kmem_cache *cachep)
{
	unsigned long avail = 0;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu_online(cpu))
			avail += st_array(cachep, cpu).avail;
	return avail;
}

void st_stamp(void *objp, size_t size, uint32_t word)
{
	unsigned char *p = objp;

	for (size_t i = 0; i < size; i++)
		p[i] = (unsigned char)(word >> (8 * (i % 4)));
}

bool st_stamped(const void *objp, size_t size, uint32_t word)
{
	const unsigned char *p = objp;

	for (size_t i = 0; i < size; i++)
		if (p[i] != (unsigned char)(word >> (8 * (i % 4))))
			return false;
	return true;
}

/* ---- rows of objects, one per CPU ---- */

void *st_rows[NR_CPUS][ST_ROW_MAX];
static void *sorted[NR_CPUS * ST_ROW_MAX];	/* st_rows_distinct() */

static uint32_t row_word(unsigned int row, unsigned int i)
{
	return 0x5e1f0000u ^ (row << 12) ^ i;
}

struct st_share st_share(struct selftest *t, struct kmem_cache *cachep, unsigned int n)
{
	struct st_share sh = { t, cachep, n, { 0 } };

	BUG_ON(n > ST_ROW_MAX);		/* a case's constant: the rows are static */
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		sh.row[cpu] = cpu;
	return sh;
}

int st_alloc_share(void *arg)
{
	struct st_share *sh = arg;
	unsigned int cpu = smp_processor_id();
	size_t size = kmem_cache_size(sh->cachep);

	for (unsigned int i = 0; i < sh->n; i++) {
		void *objp = kmem_cache_alloc(sh->cachep, GFP_KERNEL);

		st_rows[cpu][i] = objp;
		if (!ST_CHECK(sh->t, objp != NULL, "cpu%u: allocation %u of %u failed", cpu, i,
			      sh->n))
			break;
		ST_CHECK(sh->t, kmem_cache_owns(sh->cachep, objp),
			 "cpu%u: 0x%08lx is not an object of '%s'", cpu, (unsigned long)objp,
			 kmem_cache_name(sh->cachep));
		st_stamp(objp, size, row_word(cpu, i));
	}
	return 0;
}

int st_free_share(void *arg)
{
	struct st_share *sh = arg;
	unsigned int cpu = smp_processor_id(), row = sh->row[cpu];
	size_t size = kmem_cache_size(sh->cachep);

	for (unsigned int i = 0; i < sh->n; i++) {
		void *objp = st_rows[row][i];

		if (!objp)
			continue;
		ST_CHECK(sh->t, st_stamped(objp, size, row_word(row, i)),
			 "cpu%u: object %u of cpu%u's (0x%08lx) was overwritten", cpu, i, row,
			 (unsigned long)objp);
		kmem_cache_free(sh->cachep, objp);
		st_rows[row][i] = NULL;
	}
	return 0;
}

void st_rows_clear(void)
{
	memset(st_rows, 0, sizeof(st_rows));
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(void *const *)a, y = (uintptr_t)*(void *const *)b;

	return x < y ? -1 : x > y;
}

void st_rows_distinct(struct selftest *t)
{
	size_t n = 0;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		for (unsigned int i = 0; i < ST_ROW_MAX; i++)
			if (st_rows[cpu][i])
				sorted[n++] = st_rows[cpu][i];
	qsort(sorted, n, sizeof(sorted[0]), cmp_ptr);
	for (size_t i = 1; i < n; i++)
		if (!ST_CHECK(t, sorted[i] != sorted[i - 1], "0x%08lx was handed out twice",
			      (unsigned long)sorted[i]))
			return;
}

/* ---- emptying a cache ---- */

#define AFTER_OBJS_MAX 512

static void *after_objs[AFTER_OBJS_MAX];

/*
 * Allocate every free object this CPU can reach (its array, the shared
 * array, the slabs) and one more: @bad must not be among them.
 */
void st_empty_cache(struct selftest *t, struct kmem_cache *c, const void *bad)
{
	struct array_info ai = st_array(c, smp_processor_id());
	struct node_info ni = st_node(c);
	unsigned long n = ai.avail + ni.shared_avail + ni.free_objects + 1;
	size_t size = kmem_cache_size(c);

	if (!ST_CHECK(t, n <= AFTER_OBJS_MAX, "'%s': %lu objects to empty it", kmem_cache_name(c),
		      n))
		return;
	for (unsigned int i = 0; i < n; i++) {
		void *objp = kmem_cache_alloc(c, GFP_KERNEL);

		after_objs[i] = objp;
		if (!ST_CHECK(t, objp != NULL, "'%s': allocation failed", kmem_cache_name(c)))
			break;
		ST_CHECK(t, objp != bad, "'%s': the bad object 0x%08lx was handed out again",
			 kmem_cache_name(c), (unsigned long)bad);
		st_stamp(objp, size, 0xa11c0000u + i);
	}
	for (unsigned int i = 0; i < n && after_objs[i]; i++) {
		ST_CHECK(t, st_stamped(after_objs[i], size, 0xa11c0000u + i),
			 "'%s': objects handed out overlap", kmem_cache_name(c));
		kmem_cache_free(c, after_objs[i]);
		after_objs[i] = NULL;
	}
}
