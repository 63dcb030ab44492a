/*
 * test_slub_inspect.c - what the shell reads of SLUB (CONFIG_SLUB), on a
 * host arena under ASan/UBSan: /proc/slabinfo as 2.6.32's s_show prints
 * it, the back-end-neutral answers of mm/slab_inspect.h and mm/slab.h
 * (find, owns, place, info, reaping, tuning), and kmem_cache_verify()
 * finding damage.  The paths and lists themselves: test_slub.c.
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
#include "mm/slab.h"
#include "mm/slab_inspect.h"
#include "mm/slub_def.h"
#include "mm/slub_inspect.h"
#include "host_platform.h"
#include "slub_check.h"

/* ---- /proc/slabinfo ---- */

static void print_slabinfo(void *arg)
{
	(void)arg;
	show_slabinfo();
}

/* 2.6.32's print_slabinfo_header() and an s_show() row */
static const char slabinfo_header[] = "slabinfo - version: 2.1\n"
	"# name            <active_objs> <num_objs> <objsize> <objperslab> "
	"<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : "
	"slabdata <active_slabs> <num_slabs> <sharedavail>\n";

/*
 * figo_object with 2 objects handed out from cpu0's slab: a CPU slab
 * counts whole (170 active of 170: only objects free on partial slabs
 * are inactive); objsize is s->size, 24; one slab of one page.  Then
 * three slabs, the first two partial with one object left each (cpu1
 * freed the rest) and the third cpu0's: 510 objects, 510 - 2 * 169
 * active.
 */
static void test_slabinfo_rows(void **state)
{
	struct kmem_cache *s = kmem_cache_create("figo_object", 20, 8, 0, NULL);
	static const char row1[] = "figo_object          170    170     24  170    1 : tunables "
		"   0    0    0 : slabdata      1      1      0\n";
	static const char row2[] = "figo_object          172    510     24  170    1 : tunables "
		"   0    0    0 : slabdata      3      3      0\n";
	static char buf[16384];
	static void *obj[3 * 170];
	char *line;

	(void)state;
	obj[0] = kmem_cache_alloc(s, GFP_KERNEL);
	obj[1] = kmem_cache_alloc(s, GFP_KERNEL);
	host_capture_stdout(print_slabinfo, NULL, buf, sizeof(buf));
	assert_memory_equal(buf, slabinfo_header, strlen(slabinfo_header));
	line = strstr(buf, "figo_object");
	assert_non_null(line);
	assert_memory_equal(line, row1, strlen(row1));
	assert_non_null(strstr(buf, "\nkmalloc-8192 "));

	/* three slabs; slabs 0 and 1 keep one object each (partial), slab 2 is cpu0's */
	for (unsigned int i = 2; i < 3 * 170; i++)
		obj[i] = kmem_cache_alloc(s, GFP_KERNEL);
	host_set_cpu(1);
	for (unsigned int i = 1; i < 2 * 170; i++)
		if (i != 170)
			kmem_cache_free(s, obj[i]);
	host_capture_stdout(print_slabinfo, NULL, buf, sizeof(buf));
	line = strstr(buf, "figo_object");
	assert_non_null(line);
	assert_memory_equal(line, row2, strlen(row2));
	assert_int_equal(slabinfo_write("figo_object", 1, 1, 0), -EIO);
	assert_int_equal(slab_max_array_entries(), 0);
	kmem_cache_free(s, obj[0]);
	kmem_cache_free(s, obj[170]);
	host_set_cpu(0);
	for (unsigned int i = 2 * 170; i < 3 * 170; i++)
		kmem_cache_free(s, obj[i]);
	kmem_cache_destroy(s);
	assert_null(kmem_cache_find("figo_object"));
}

/* ---- verify ---- */

struct verify_call {
	struct kmem_cache *s;
	struct slab_verify_result res;
};

static void run_verify(void *arg)
{
	struct verify_call *vc = arg;

	kmem_cache_verify(vc->s, &vc->res);
}

static struct slab_verify_result verify_quiet(struct kmem_cache *s, char *out, size_t len)
{
	struct verify_call vc = { .s = s };

	host_capture_stdout(run_verify, &vc, out, len);
	return vc.res;
}

/*
 * A cache with a CPU slab (remote frees on it), a partial and a full
 * slab verifies clean, counting them; then each kind of damage is
 * found: a free pointer out of the slab, a cycle, a counter off.
 */
static void test_verify(void **state)
{
	struct kmem_cache *s = kmem_cache_create("slub_verify", 40, 8, 0, NULL);
	static void *obj[3 * OBJS];
	static char out[4096];
	struct slab_verify_result res;
	void *saved;

	(void)state;
	fill_slabs(s, obj, 3);
	host_set_cpu(1);
	kmem_cache_free(s, obj[2]);		/* slab 0: partial */
	kmem_cache_free(s, obj[5]);
	kmem_cache_free(s, obj[2 * OBJS + 7]);	/* slab 2: cpu0's, remote free */
	host_set_cpu(0);
	kmem_cache_free(s, obj[2 * OBJS + 9]);	/* cpu0's lockless freelist */
	res = verify_quiet(s, out, sizeof(out));
	assert_string_equal(out, "");
	assert_int_equal(res.errors, 0);
	assert_int_equal(res.caches, 1);
	assert_int_equal(res.slabs, 3);
	assert_int_equal(res.objects, 3 * OBJS);
	res = verify_quiet(NULL, out, sizeof(out));
	assert_int_equal(res.errors, 0);
	assert_true(res.caches >= 12);

	/* obj[5] heads slab 0's freelist: point it outside the slab */
	saved = *(void **)obj[5];
	assert_ptr_equal(saved, obj[2]);
	*(void **)obj[5] = (char *)obj[2] + 4;
	res = verify_quiet(s, out, sizeof(out));
	assert_int_equal(res.errors, 1);
	assert_non_null(strstr(out, "verify: cache 'slub_verify': slab 0x"));
	assert_non_null(strstr(out, "page->freelist link 1 is 0x"));
	/* a cycle: obj[2] back to obj[5] */
	*(void **)obj[5] = saved;
	*(void **)obj[2] = obj[5];
	res = verify_quiet(s, out, sizeof(out));
	assert_int_equal(res.errors, 1);
	assert_non_null(strstr(out, "reaches object 5"));
	*(void **)obj[2] = NULL;
	/* a counter off */
	s->local_node.nr_partial++;
	res = verify_quiet(s, out, sizeof(out));
	assert_int_equal(res.errors, 1);
	assert_non_null(strstr(out, "nr_partial is 2, the partial list holds 1"));
	s->local_node.nr_partial--;
	atomic_inc(&s->local_node.nr_slabs);
	res = verify_quiet(s, out, sizeof(out));
	assert_int_equal(res.errors, 1);
	assert_non_null(strstr(out, "nr_slabs is 4, the CPU, partial and full slabs are 3"));
	atomic_dec(&s->local_node.nr_slabs);
	assert_int_equal(verify_quiet(s, out, sizeof(out)).errors, 0);

	for (unsigned int i = 0; i < 3 * OBJS; i++)
		if (i != 2 && i != 5 && i != 2 * OBJS + 7 && i != 2 * OBJS + 9)
			kmem_cache_free(s, obj[i]);
	assert_int_equal(verify_quiet(s, out, sizeof(out)).errors, 0);
	kmem_cache_destroy(s);
}

/* ---- the API's neutral parts ---- */

static void test_neutral_api(void **state)
{
	struct kmem_cache *s = kmem_cache_create("slub_api", 40, 8, 0, NULL);
	struct kmem_cache_info ki;
	struct reap_stats rs = { 1, 1, 1 };
	unsigned long in = 7;
	const void *page;
	unsigned int index;
	void *a = kmem_cache_alloc(s, GFP_KERNEL), *b = kmem_cache_alloc(s, GFP_KERNEL);

	(void)state;
	assert_true(kmem_cache_owns(s, b));
	assert_false(kmem_cache_owns(s, (char *)b + 1));
	assert_ptr_equal(kmem_cache_of((char *)b + 3), s);
	assert_true(kmem_cache_obj_place(s, b, &page, &index));
	assert_ptr_equal(page, a);
	assert_int_equal(index, 1);
	assert_false(slab_forced_debug());
	assert_ptr_equal(kmem_cache_chain_lock(), &slub_lock);
	kmem_cache_get_info(s, &ki);
	assert_string_equal(ki.name, "slub_api");
	assert_int_equal(ki.size, 40);
	assert_int_equal(ki.buffer_size, 40);
	assert_int_equal(ki.num, OBJS);
	assert_int_equal(ki.gfporder, 0);
	assert_int_equal(ki.object_size, 40);
	assert_int_equal(ki.num_active, OBJS);
	assert_int_equal(ki.num_allocations, 2);
	assert_int_equal(ki.limit, 0);
	assert_int_equal(kmem_cache_size(s), 40);
	assert_string_equal(kmem_cache_name(s), "slub_api");
	cache_reap_now(&rs);
	assert_int_equal(rs.objects + rs.slabs + rs.pages, 0);
	assert_false(slab_reap_auto());
	assert_int_equal(slab_reap_next(0, &in), SLAB_REAP_NONE);
	assert_int_equal(in, 0);
	assert_false(slab_reap_held());
	slab_reap_hold();
	slab_reap_hold();
	slab_reap_release();
	assert_true(slab_reap_held());
	slab_reap_release();
	assert_false(slab_reap_held());
	assert_int_equal(kmem_cache_trace(s, SLAB_TRACE_ON), 0);	/* slub_journal.c */
	assert_int_equal(kmem_cache_trace(s, SLAB_TRACE_OFF), 0);
	assert_string_equal(slub_stat_name(ORDER_FALLBACK), "order_fallback");
	kmem_cache_free(s, a);
	kmem_cache_free(s, b);
	kmem_cache_destroy(s);
}

/* Last: every test's caches went. */
static void test_only_kmalloc_caches_left(void **state)
{
	struct row_names rn = { 0 };

	(void)state;
	kmem_cache_for_each_row(collect_row, &rn);
	for (unsigned int i = 0; i < rn.n; i++)
		if (strncmp(rn.name[i], "kmalloc", 7))
			fail_msg("cache %s is left", rn.name[i]);
	assert_int_equal(rn.n, 11);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_slabinfo_rows, slub_test_setup),
		cmocka_unit_test_setup(test_neutral_api, slub_test_setup),
		cmocka_unit_test_setup(test_verify, slub_test_setup),
		cmocka_unit_test_setup(test_only_kmalloc_caches_left, slub_test_setup),
	};

	return cmocka_run_group_tests(tests, slub_group_setup, slub_group_teardown);
}
