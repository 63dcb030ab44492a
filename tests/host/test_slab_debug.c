/*
 * test_slab_debug.c - the detectors of mm/slab_debug.c and their hooks in
 * the allocator (slab_alloc.c, slab_grow.c, kmalloc.c), on a host arena,
 * under ASan/UBSan.
 *
 * Each test commits one misuse on purpose and checks three things: the
 * number of reports (lines starting "slab error") and their exact text;
 * the cache's counters (errors, quarantined, num_active, free_objects)
 * and lists afterwards (check_cache() in slab_check.c); and that a
 * quarantined object never comes back: every other object of its slab
 * is handed out while it is not.  The allocator's output is captured
 * (host_capture_stdout) so every word of a report can be compared.
 *
 * The host's geometry: 8-byte words and red zones, so a red-zoned
 * buffer is [8 red zone 1][object][8 red zone 2][8 user word].  Every
 * test destroys what it created; one allocator serves the whole run.
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
#include "buddy_check.h"
#include "host_platform.h"
#include "slab_check.h"

#define DEBUG_FLAGS (SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)

static char out[65536];		/* the last captured output */

/* ---- running allocator calls with their output captured ---- */

enum op_kind { OP_ALLOC, OP_ZALLOC, OP_FREE, OP_KFREE, OP_SHRINK, OP_DESTROY, OP_CREATE };

struct op {
	enum op_kind kind;
	struct kmem_cache *c;
	void *p;
	const char *name;		/* OP_CREATE */
	size_t size;
	unsigned long flags;
	kmem_ctor_t ctor;
};

static void run_op(void *arg)
{
	struct op *op = arg;

	switch (op->kind) {
	case OP_ALLOC:
		op->p = kmem_cache_alloc(op->c, GFP_KERNEL);
		break;
	case OP_ZALLOC:
		op->p = kmem_cache_zalloc(op->c, GFP_KERNEL);
		break;
	case OP_FREE:
		kmem_cache_free(op->c, op->p);
		break;
	case OP_KFREE:
		kfree(op->p);
		break;
	case OP_SHRINK:
		kmem_cache_shrink(op->c);
		break;
	case OP_DESTROY:
		kmem_cache_destroy(op->c);
		break;
	case OP_CREATE:
		op->c = kmem_cache_create(op->name, op->size, 0, op->flags, op->ctor);
		break;
	}
}

/* Lines of @s that start with "slab error": the reports. */
static unsigned int reports_in(const char *s)
{
	unsigned int n = 0;

	for (const char *line = s; line && *line; line = strchr(line, '\n'), line += !!line)
		n += strncmp(line, "slab error", 10) == 0;
	return n;
}

/* Run @op with its output in out[]; the number of reports it printed. */
static unsigned int capture(struct op *op)
{
	host_capture_stdout(run_op, op, out, sizeof(out));
	return reports_in(out);
}

static void *alloc_quiet(struct kmem_cache *c)
{
	struct op op = { .kind = OP_ALLOC, .c = c };

	assert_int_equal(capture(&op), 0);
	assert_string_equal(out, "");
	assert_non_null(op.p);
	return op.p;
}

static void free_quiet(struct kmem_cache *c, void *p)
{
	struct op op = { .kind = OP_FREE, .c = c, .p = p };

	assert_int_equal(capture(&op), 0);
	assert_string_equal(out, "");
}

static unsigned int free_reports(struct kmem_cache *c, void *p)
{
	struct op op = { .kind = OP_FREE, .c = c, .p = p };

	return capture(&op);
}

static void *alloc_reports(struct kmem_cache *c, unsigned int *reports)
{
	struct op op = { .kind = OP_ALLOC, .c = c };

	*reports = capture(&op);
	return op.p;
}

static unsigned int shrink_reports(struct kmem_cache *c)
{
	struct op op = { .kind = OP_SHRINK, .c = c };

	return capture(&op);
}

/* The first line of out[] must be @want. */
static void assert_first_line(const char *want)
{
	size_t n = strcspn(out, "\n");

	if (n != strlen(want) || memcmp(out, want, n) != 0)
		fail_msg("first line:\n  got  %.*s\n  want %s", (int)n, out, want);
}

/* out[] must hold the whole line @want. */
static void assert_line(const char *want)
{
	size_t n = strlen(want);

	for (const char *line = out; line && *line; line = strchr(line, '\n'), line += !!line)
		if (strncmp(line, want, n) == 0 && (line[n] == '\n' || line[n] == '\0'))
			return;
	fail_msg("line %s not in:\n%s", want, out);
}

static struct kmem_cache *make_cache(const char *name, size_t size, unsigned long flags,
				     kmem_ctor_t ctor)
{
	struct op op = { .kind = OP_CREATE, .name = name, .size = size, .flags = flags,
			 .ctor = ctor };

	capture(&op);
	assert_non_null(op.c);
	return op.c;
}

static void destroy_named(struct kmem_cache *c, const char *name)
{
	struct op op = { .kind = OP_DESTROY, .c = c };

	assert_int_equal(capture(&op), 0);
	assert_string_equal(out, "");
	assert_null(kmem_cache_find(name));
}

/* ---- what the tests look at ---- */

static unsigned long long *redzone1(void *obj)
{
	return (unsigned long long *)((char *)obj - 8);
}

static unsigned long long *redzone2(struct kmem_cache *c, void *obj)
{
	return (unsigned long long *)((char *)obj + c->object_size);
}

static kmem_bufctl_t bufctl_of(struct kmem_cache *c, void *obj)
{
	char *buf = (char *)obj - c->obj_offset;
	struct slab *slabp = virt_to_slab(buf);

	return slab_bufctl(slabp)[obj_to_index(c, slabp, buf)];
}

static unsigned int index_of(struct kmem_cache *c, void *obj)
{
	char *buf = (char *)obj - c->obj_offset;

	return obj_to_index(c, virt_to_slab(buf), buf);
}

static unsigned long slab_page_of(void *obj)
{
	struct slab *slabp = virt_to_slab(obj);

	return (unsigned long)((char *)slabp->s_mem - slabp->colouroff);
}

/* "  object 0x...: index I of slab 0x..., N bytes" for @obj. */
static void assert_object_line(struct kmem_cache *c, void *obj)
{
	char want[160];

	snprintf(want, sizeof(want), "  object 0x%08lx: index %u of slab 0x%08lx, %u bytes",
		 (unsigned long)obj, index_of(c, obj), slab_page_of(obj), c->object_size);
	assert_line(want);
}

/* The report's first line: "slab error in FUNC(): cache 'NAME': WHAT". */
static void assert_report(struct kmem_cache *c, const char *func, const char *what)
{
	char want[256];

	snprintf(want, sizeof(want), "slab error in %s(): cache '%s': %s", func, c->name, what);
	assert_first_line(want);
}

static const char quarantined_line[] = "  object quarantined: it will not be handed out again";

struct expect {
	unsigned long errors, quarantined, num_active, free_objects;
};

/* The counters, and the whole cache consistent (lists, chains, arrays). */
static void assert_counts(struct kmem_cache *c, struct expect e)
{
	check_cache(c);
	assert_int_equal(c->errors, e.errors);
	assert_int_equal(c->quarantined, e.quarantined);
	assert_int_equal(c->num_active, e.num_active);
	assert_int_equal(c->nodelists[0]->free_objects, e.free_objects);
}

static struct expect counts_of(struct kmem_cache *c)
{
	return (struct expect){ c->errors, c->quarantined, c->num_active,
				c->nodelists[0]->free_objects };
}

/* Whether the object @obj waits in an array (per-CPU or shared). */
static bool in_arrays_holds(struct kmem_cache *c, void *obj)
{
	char *buf = (char *)obj - c->obj_offset;
	struct array_cache *ac;

	for (unsigned int cpu = 0; cpu <= NR_CPUS; cpu++) {
		ac = cpu < NR_CPUS ? c->array[cpu] : c->nodelists[0]->shared;
		for (unsigned int i = 0; ac && i < ac->avail; i++)
			if (ac->entry[i] == buf)
				return true;
	}
	return false;
}

/* Objects of @slabp waiting in an array (per-CPU or shared). */
static unsigned int in_arrays(struct kmem_cache *c, struct slab *slabp)
{
	struct array_cache *acs[NR_CPUS + 1];
	unsigned int n = 0;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		acs[cpu] = c->array[cpu];
	acs[NR_CPUS] = c->nodelists[0]->shared;
	for (unsigned int k = 0; k <= NR_CPUS; k++)
		for (unsigned int i = 0; acs[k] && i < acs[k]->avail; i++)
			n += virt_to_slab(acs[k]->entry[i]) == slabp;
	return n;
}

#define HANDED_MAX 4096

/*
 * The quarantined object @bad is never handed out again: allocate until
 * every free object of its slab (on its chain or in an array) has been
 * handed out, none of them @bad, with no report; then free them all.
 * The slab cannot empty meanwhile: @bad counts as in use.
 */
static void assert_never_handed_out(struct kmem_cache *c, void *bad)
{
	static void *objs[HANDED_MAX];
	static char got[SLAB_INSPECT_MAX_OBJS];
	struct slab *slabp = virt_to_slab((char *)bad - c->obj_offset);
	unsigned int n = 0, seen = 0, want;

	assert_int_equal(bufctl_of(c, bad), BUFCTL_QUARANTINE);
	assert_true(c->num <= SLAB_INSPECT_MAX_OBJS);
	/* @bad itself may still sit in an array: dropped when popped */
	want = c->num - slabp->inuse + in_arrays(c, slabp) - in_arrays_holds(c, bad);
	memset(got, 0, sizeof(got));
	while (seen < want) {
		void *p = alloc_quiet(c);

		assert_true(n < HANDED_MAX);
		assert_ptr_not_equal(p, bad);
		objs[n++] = p;
		if (virt_to_slab(p) == slabp && !got[index_of(c, p)]) {
			got[index_of(c, p)] = 1;
			seen++;
		}
	}
	assert_int_equal(got[index_of(c, bad)], 0);
	assert_int_equal(slabp->inuse, c->num);
	assert_int_equal(in_arrays(c, slabp), 0);
	check_cache(c);
	while (n)
		free_quiet(c, objs[--n]);
}

/* ---- red zones broken while the object is in use: caught when it is freed ---- */

/*
 * Allocate from a fresh debug cache, break the bytes the test chooses,
 * free: one report, its text, the counters, the object quarantined.
 */
struct overrun {
	const char *name;
	unsigned long flags;
	bool rz1, rz2;
	const char *what;
};

static void overrun_at_free(const struct overrun *t)
{
	struct kmem_cache *c = make_cache(t->name, 40, t->flags, NULL);
	void *keep = alloc_quiet(c), *obj = alloc_quiet(c);
	struct expect before;
	char want[96];

	/* geometry: the red zones hug the object, the user word last */
	assert_int_equal(c->obj_offset, 8);
	assert_int_equal(c->object_size, 40);
	assert_int_equal(c->buffer_size, 8 + 40 + 8 + (t->flags & SLAB_STORE_USER ? 8 : 0));
	assert_true(*redzone1(obj) == RED_ACTIVE && *redzone2(c, obj) == RED_ACTIVE);
	before = counts_of(c);
	if (t->rz1)
		((unsigned char *)obj)[-3] = 0x00;
	if (t->rz2)
		((unsigned char *)obj)[40] = 0x00;
	assert_int_equal(free_reports(c, obj), 1);
	assert_report(c, "cache_free_debugcheck", t->what);
	assert_object_line(c, obj);
	snprintf(want, sizeof(want), "  redzone 1: 0x%016llx, redzone 2: 0x%016llx",
		 *redzone1(obj), *redzone2(c, obj));
	assert_line(want);
	assert_line(quarantined_line);
	assert_int_equal(!!strstr(out, "  last user: 0x"), !!(t->flags & SLAB_STORE_USER));
	/* the object is in use for good: nothing else moved */
	before.errors++;
	before.quarantined++;
	assert_counts(c, before);
	assert_never_handed_out(c, obj);
	free_quiet(c, keep);
	destroy_named(c, t->name);
}

static void redzone1_overwritten_is_caught_at_free(void **state)
{
	static const struct overrun t = {
		"dbg-rz1", DEBUG_FLAGS, true, false,
		"memory before the object was overwritten (red zone 1)",
	};

	(void)state;
	overrun_at_free(&t);
}

static void redzone2_overwritten_is_caught_at_free(void **state)
{
	static const struct overrun t = {
		"dbg-rz2", DEBUG_FLAGS, false, true,
		"memory after the object was overwritten (red zone 2)",
	};
	static const struct overrun no_user = {
		"dbg-rz2-nouser", SLAB_RED_ZONE, false, true,
		"memory after the object was overwritten (red zone 2)",
	};

	(void)state;
	overrun_at_free(&t);
	overrun_at_free(&no_user);
}

static void both_redzones_overwritten_is_one_report(void **state)
{
	static const struct overrun t = {
		"dbg-rz12", DEBUG_FLAGS, true, true,
		"memory before and after the object was overwritten",
	};

	(void)state;
	overrun_at_free(&t);
}

/* ---- free objects changed: caught when next handed out ---- */

/*
 * Free @obj, write @byte at @offset from it, allocate on the same CPU:
 * LIFO hands out @obj first, which is reported and quarantined, and the
 * caller gets the next object instead.
 */
static void corrupt_free_object(struct kmem_cache *c, void *obj, long offset,
				unsigned char byte, const char *what, const char *const *lines)
{
	struct expect before;
	unsigned int reports;
	void *got;

	free_quiet(c, obj);
	assert_ptr_equal((char *)c->array[0]->entry[c->array[0]->avail - 1] + c->obj_offset, obj);
	before = counts_of(c);
	((unsigned char *)obj)[offset] = byte;
	got = alloc_reports(c, &reports);
	assert_int_equal(reports, 1);
	assert_report(c, "cache_alloc_debugcheck_after", what);
	assert_object_line(c, obj);
	assert_line(quarantined_line);
	for (; lines && *lines; lines++)
		assert_line(*lines);
	assert_non_null(got);
	assert_ptr_not_equal(got, obj);
	/* @obj stays in use for good, @got left the array as usual */
	before.errors++;
	before.quarantined++;
	assert_counts(c, before);
	assert_int_equal(bufctl_of(c, obj), BUFCTL_QUARANTINE);
	assert_never_handed_out(c, obj);
	free_quiet(c, got);
}

static void write_after_free_is_caught_when_handed_out(void **state)
{
	struct kmem_cache *c = make_cache("dbg-waf", 64, DEBUG_FLAGS, NULL);
	void *obj = alloc_quiet(c), *last = alloc_quiet(c);

	(void)state;
	/* the dump: offsets from the object, so red zone 1 is at -8 */
	static const char *const dump[] = {
		"     -8: 5b e3 74 9d 02 11 f9 09 6b 6b 6b 6b 6b 6b 6b 6b",
		"     +8: 6b 6b 6b 6b 6b 6b 6b 6b 6b 00 6b 6b 6b 6b 6b 6b",
		NULL,
	};

	corrupt_free_object(c, obj, 17, 0x00, "write after free: poison overwritten", dump);
	/* the last byte, POISON_END, is checked too */
	corrupt_free_object(c, last, 63, POISON_FREE, "write after free: poison overwritten",
			    NULL);
	destroy_named(c, "dbg-waf");
}

static void poison_only_cache_catches_a_write_after_free(void **state)
{
	struct kmem_cache *c = make_cache("dbg-poison", 48, SLAB_POISON, NULL);
	void *obj = alloc_quiet(c);
	char *p = obj;

	(void)state;
	assert_int_equal(c->obj_offset, 0);
	for (int i = 0; i < 47; i++)		/* handed out: POISON_INUSE, POISON_END last */
		assert_int_equal((unsigned char)p[i], POISON_INUSE);
	assert_int_equal((unsigned char)p[47], POISON_END);
	corrupt_free_object(c, obj, 0, 0x6a, "write after free: poison overwritten", NULL);
	destroy_named(c, "dbg-poison");
}

static void redzone_of_a_free_object_is_checked_when_handed_out(void **state)
{
	struct kmem_cache *c = make_cache("dbg-freerz", 40, SLAB_RED_ZONE | SLAB_STORE_USER, NULL);
	void *a = alloc_quiet(c), *b = alloc_quiet(c);

	(void)state;
	corrupt_free_object(c, a, -1, 0x00,
			    "memory before a free object was overwritten (red zone 1)", NULL);
	corrupt_free_object(c, b, 40 + 7, 0x00,
			    "memory after a free object was overwritten (red zone 2)", NULL);
	destroy_named(c, "dbg-freerz");
}

/* ---- double frees ---- */

/* The second free meets red zones that say free: the object is in cpu0's array. */
static void double_free_caught_by_the_red_zones(void **state)
{
	struct kmem_cache *c = make_cache("dbg-df-rz", 40, DEBUG_FLAGS, NULL);
	void *keep = alloc_quiet(c), *obj = alloc_quiet(c);
	struct expect before;
	unsigned int avail;

	(void)state;
	free_quiet(c, obj);
	avail = c->array[0]->avail;
	before = counts_of(c);
	assert_int_equal(free_reports(c, obj), 1);
	assert_report(c, "cache_free_debugcheck", "double free detected (the red zones say free)");
	assert_object_line(c, obj);
	assert_line(quarantined_line);
	before.errors++;
	before.quarantined++;
	assert_counts(c, before);
	/* not pushed a second time; still in the array, marked */
	assert_int_equal(c->array[0]->avail, avail);
	assert_int_equal(bufctl_of(c, obj), BUFCTL_QUARANTINE);
	/* popping it drops it without a second report */
	assert_never_handed_out(c, obj);
	assert_int_equal(c->errors, 1);
	/* a drain does not chain it either: it stays in use, quarantined */
	assert_int_equal(shrink_reports(c), 0);
	before = counts_of(c);
	assert_int_equal(before.quarantined, 1);
	assert_int_equal(bufctl_of(c, obj), BUFCTL_QUARANTINE);
	free_quiet(c, keep);
	assert_int_equal(shrink_reports(c), 0);
	assert_int_equal(c->num_active, 1);
	destroy_named(c, "dbg-df-rz");
}

/* The object went back to its slab's chain (a shrink): the bufctl says so. */
static void double_free_caught_by_the_bufctl(void **state)
{
	struct kmem_cache *c = make_cache("dbg-df-chain", 40, DEBUG_FLAGS, NULL);
	void *keep = alloc_quiet(c), *obj = alloc_quiet(c);
	struct slab *slabp = virt_to_slab(obj);
	struct expect before;

	(void)state;
	free_quiet(c, obj);
	assert_int_equal(shrink_reports(c), 0);
	assert_true(bufctl_of(c, obj) < c->num);		/* on the chain */
	assert_int_equal(slabp->inuse, 1);
	before = counts_of(c);
	assert_int_equal(free_reports(c, obj), 1);
	assert_report(c, "cache_free_debugcheck",
		      "double free detected (the object is free in its slab)");
	assert_line(quarantined_line);
	/* taken off the chain and counted in use */
	before.errors++;
	before.quarantined++;
	before.num_active++;
	before.free_objects--;
	assert_counts(c, before);
	assert_int_equal(slabp->inuse, 2);
	assert_int_equal(c->array[0]->avail, 0);
	assert_never_handed_out(c, obj);
	free_quiet(c, keep);
	destroy_named(c, "dbg-df-chain");
}

/*
 * A cache without red zones: both frees land in cpu0's array unseen;
 * the drain's free_block() meets the object the second time on its
 * chain and withholds it.
 */
static void double_free_without_debug_caught_by_free_block(void **state)
{
	struct kmem_cache *c = make_cache("dbg-df-plain", 40, 0, NULL);
	void *keep = alloc_quiet(c), *obj = alloc_quiet(c);
	unsigned int avail;

	(void)state;
	assert_int_equal(c->dbg, 0);
	free_quiet(c, obj);
	free_quiet(c, obj);
	avail = c->array[0]->avail;
	assert_ptr_equal(c->array[0]->entry[avail - 1], obj);	/* twice on top */
	assert_ptr_equal(c->array[0]->entry[avail - 2], obj);
	assert_int_equal(shrink_reports(c), 1);
	assert_report(c, "free_block", "double free detected (the object is free in its slab)");
	assert_object_line(c, obj);
	assert_line(quarantined_line);
	assert_null(strstr(out, "redzone"));
	assert_int_equal(c->errors, 1);
	assert_int_equal(c->quarantined, 1);
	/* the drain gave back everything but @keep and @obj */
	assert_int_equal(c->num_active, 2);
	assert_int_equal(bufctl_of(c, obj), BUFCTL_QUARANTINE);
	check_cache(c);
	assert_never_handed_out(c, obj);
	free_quiet(c, keep);
	destroy_named(c, "dbg-df-plain");
}

/*
 * The same, when the first of the two copies empties the slab and the
 * node already holds more free objects than free_limit: free_block()
 * must not give the slab's pages back before it meets the second copy.
 */
static void double_free_of_a_slabs_last_object_keeps_the_slab(void **state)
{
	struct kmem_cache *c = make_cache("dbg-df-last", 40, 0, NULL);
	unsigned long slab_pages = global_page_state(NR_SLAB_UNRECLAIMABLE);	/* its own */
	void *obj = alloc_quiet(c);

	(void)state;
	free_quiet(c, obj);
	free_quiet(c, obj);
	c->nodelists[0]->free_limit = 0;	/* every emptied slab would go at once */
	assert_int_equal(shrink_reports(c), 1);
	assert_report(c, "free_block", "double free detected (the object is free in its slab)");
	assert_object_line(c, obj);
	assert_int_equal(c->errors, 1);
	assert_int_equal(c->quarantined, 1);
	assert_int_equal(c->num_active, 1);
	assert_int_equal(virt_to_cache(obj), c);
	assert_int_equal(bufctl_of(c, obj), BUFCTL_QUARANTINE);
	assert_int_equal(virt_to_slab(obj)->inuse, 1);
	assert_int_equal(global_page_state(NR_SLAB_UNRECLAIMABLE),
			 slab_pages + (1UL << c->gfporder));
	check_cache(c);
	c->nodelists[0]->free_limit = 1000;
	assert_never_handed_out(c, obj);
	destroy_named(c, "dbg-df-last");
	assert_int_equal(global_page_state(NR_SLAB_UNRECLAIMABLE), slab_pages);
}

/*
 * A one-entry array: the second free flushes the first copy, which
 * empties the slab and destroys it, then pushes the second.  The drain
 * that meets it must not touch the pages (they are the buddy
 * allocator's now): reported and dropped.
 */
static void double_free_whose_slab_went_in_between(void **state)
{
	struct kmem_cache *c = make_cache("dbg-df-gone", 40, 0, NULL);
	unsigned long slab_pages = global_page_state(NR_SLAB_UNRECLAIMABLE);	/* its own */
	void *obj;
	char want[200];

	(void)state;
	assert_int_equal(slabinfo_write("dbg-df-gone", 1, 1, 0), 0);
	c->nodelists[0]->free_limit = 0;	/* every emptied slab goes at once */
	obj = alloc_quiet(c);
	free_quiet(c, obj);
	free_quiet(c, obj);			/* unseen: no red zones */
	assert_int_equal(global_page_state(NR_SLAB_UNRECLAIMABLE), slab_pages);
	assert_ptr_equal(c->array[0]->entry[0], obj);
	assert_false(PageSlab(virt_to_page(obj)));
	assert_int_equal(shrink_reports(c), 1);
	snprintf(want, sizeof(want), "slab error in free_block(): cache 'dbg-df-gone': 0x%08lx is "
		 "no longer in one of its slabs: freed twice, and its slab was destroyed in "
		 "between; dropped\n", (unsigned long)obj);
	assert_string_equal(out, want);
	assert_counts(c, (struct expect){ 1, 0, 0, 0 });
	assert_int_equal(c->array[0]->avail, 0);
	destroy_named(c, "dbg-df-gone");
	assert_int_equal(global_page_state(NR_SLAB_UNRECLAIMABLE), slab_pages);
}

static void free_of_a_quarantined_object_is_reported_again(void **state)
{
	struct kmem_cache *c = make_cache("dbg-qfree", 40, DEBUG_FLAGS, NULL);
	void *keep = alloc_quiet(c), *obj = alloc_quiet(c);
	struct expect before;

	(void)state;
	*redzone2(c, obj) = 0;
	assert_int_equal(free_reports(c, obj), 1);
	before = counts_of(c);
	assert_int_equal(free_reports(c, obj), 1);
	assert_report(c, "cache_free_debugcheck",
		      "free of a quarantined object (already reported)");
	assert_object_line(c, obj);
	assert_null(strstr(out, "quarantined: it will"));
	before.errors++;
	assert_counts(c, before);
	assert_int_equal(c->quarantined, 1);
	assert_never_handed_out(c, obj);
	free_quiet(c, keep);
	destroy_named(c, "dbg-qfree");
}

/* ---- the cheap checks every free gets ---- */

/*
 * What a refused free prints after its lines: the bytes around @p in
 * @owner's slab, its own 16-byte line with the one before and the one
 * after, inside the slab's pages; read here from memory.
 */
static void expected_dump(char *buf, size_t len, struct kmem_cache *owner, const void *p)
{
	const struct slab *slabp = virt_to_slab(p);
	uintptr_t first = (uintptr_t)slabp->s_mem - slabp->colouroff;
	uintptr_t end = first + (PAGE_SIZE << owner->gfporder);
	uintptr_t from = (uintptr_t)p / 16 * 16, start;
	size_t n = 0;

	if (from >= first + 16)
		from -= 16;
	start = from;
	for (int line = 0; line < 3 && from < end; line++, from += 16) {
		n += (size_t)snprintf(buf + n, len - n, "  %08lx:", (unsigned long)from);
		for (int i = 0; i < 16; i++)
			n += (size_t)snprintf(buf + n, len - n, " %02x",
					      ((const unsigned char *)from)[i]);
		n += (size_t)snprintf(buf + n, len - n, "\n");
	}
	assert_true((uintptr_t)p >= start && (uintptr_t)p < from);	/* its own line is in */
}

/*
 * Free @p to @c (kfree if @c is NULL): one report, @line and @second
 * exactly, then the last user's line when @owner records users and @p
 * is inside an object (@second given), then the bytes around @p in
 * @owner's slab (none without @owner); nothing else changed.
 */
static void assert_refused(struct kmem_cache *c, struct kmem_cache *counted, void *p,
			   const char *line, const char *second, struct kmem_cache *owner)
{
	struct op op = { .kind = c ? OP_FREE : OP_KFREE, .c = c, .p = p };
	struct expect before = { 0 };
	char want[512], dump[512];
	const char *rest;

	if (counted)
		before = counts_of(counted);
	assert_int_equal(capture(&op), 1);
	snprintf(want, sizeof(want), "%s\n%s%s", line, second ? second : "", second ? "\n" : "");
	assert_int_equal(strncmp(out, want, strlen(want)), 0);
	rest = out + strlen(want);
	if (owner && second && (owner->flags & SLAB_STORE_USER)) {
		assert_int_equal(strncmp(rest, "  last user: 0x", 15), 0);
		rest = strchr(rest, '\n') + 1;
	}
	dump[0] = '\0';
	if (owner)
		expected_dump(dump, sizeof(dump), owner, p);
	assert_string_equal(rest, dump);
	if (counted) {
		before.errors++;
		assert_counts(counted, before);
	}
}

static void bad_free_line(char *buf, size_t len, const char *func, struct kmem_cache *c,
			  const void *p, const char *what)
{
	snprintf(buf, len, "slab error in %s(): cache '%s': 0x%08lx is %s; not freed", func,
		 c->name, (unsigned long)p, what);
}

static void every_free_is_checked_against_the_slab_layout(void **state)
{
	/* 900 bytes: 4 per page with room for colour; two slabs, the second coloured */
	struct kmem_cache *c = make_cache("dbg-layout", 900, 0, NULL);
	void *objs[8], *first, *second;
	struct slab *s1, *s2;
	char line[256], second_line[128];

	(void)state;
	assert_false(OFF_SLAB(c));
	assert_true(c->colour >= 2);
	for (int i = 0; i < 8; i++)
		objs[i] = alloc_quiet(c);
	first = objs[0];
	s1 = virt_to_slab(first);
	second = NULL;
	for (int i = 0; i < 8; i++)
		if (virt_to_slab(objs[i]) != s1)
			second = objs[i];
	assert_non_null(second);
	s2 = virt_to_slab(second);
	assert_int_equal(s2->colouroff, c->colour_off + c->slab_size);
	assert_true((char *)s1->s_mem + c->num * c->buffer_size <
		    (char *)s1->s_mem - s1->colouroff + (PAGE_SIZE << c->gfporder));

	/* the colour area of the second slab: before its struct slab */
	{
		char *p = (char *)s2->s_mem - s2->colouroff + 8;

		bad_free_line(line, sizeof(line), "kmem_cache_free", c, p,
			      "a pointer into the slab's colour area, not to an object");
		assert_refused(c, c, p, line, NULL, c);
	}
	/* the management: the struct slab, and a bufctl */
	bad_free_line(line, sizeof(line), "kmem_cache_free", c, s1,
		      "a pointer into the slab's management, not to an object");
	assert_refused(c, c, s1, line, NULL, c);
	bad_free_line(line, sizeof(line), "kmem_cache_free", c, &slab_bufctl(s1)[1],
		      "a pointer into the slab's management, not to an object");
	assert_refused(c, c, &slab_bufctl(s1)[1], line, NULL, c);
	/* the left-over after the last object */
	{
		char *p = (char *)s1->s_mem + c->num * c->buffer_size;

		bad_free_line(line, sizeof(line), "kmem_cache_free", c, p,
			      "a pointer past the slab's last object, not to an object");
		assert_refused(c, c, p, line, NULL, c);
	}
	/* inside an object */
	bad_free_line(line, sizeof(line), "kmem_cache_free", c, (char *)first + 24,
		      "a pointer inside an object, not to its start");
	snprintf(second_line, sizeof(second_line), "  the object at 0x%08lx +24",
		 (unsigned long)first);
	assert_refused(c, c, (char *)first + 24, line, second_line, c);
	/* kfree() finds the cache from the page and checks the same */
	bad_free_line(line, sizeof(line), "kfree", c, (char *)first + 1,
		      "a pointer inside an object, not to its start");
	snprintf(second_line, sizeof(second_line), "  the object at 0x%08lx +1",
		 (unsigned long)first);
	assert_refused(NULL, c, (char *)first + 1, line, second_line, c);
	assert_int_equal(c->errors, 6);
	for (int i = 0; i < 8; i++)
		free_quiet(c, objs[i]);
	destroy_named(c, "dbg-layout");
}

static void every_free_is_checked_against_its_cache(void **state)
{
	struct kmem_cache *a = make_cache("dbg-owner-a", 40, 0, NULL);
	struct kmem_cache *b = make_cache("dbg-owner-b", 40, 0, NULL);
	struct kmem_cache *d = make_cache("dbg-owner-rz", 40, DEBUG_FLAGS, NULL);
	void *objb = alloc_quiet(b), *objd = alloc_quiet(d);
	void *page = (void *)__get_free_page(GFP_KERNEL);
	char line[256], second[128], local;

	(void)state;
	/* another cache's object: counted against the cache it was freed to */
	snprintf(line, sizeof(line), "slab error in kmem_cache_free(): cache 'dbg-owner-a': "
		 "0x%08lx is an object of cache 'dbg-owner-b'; not freed", (unsigned long)objb);
	assert_refused(a, a, objb, line, NULL, b);
	assert_int_equal(b->errors, 0);
	/* a page of the buddy allocator, and memory it does not manage */
	bad_free_line(line, sizeof(line), "kmem_cache_free", a, page, "not in a slab page");
	assert_refused(a, a, page, line, NULL, NULL);
	snprintf(line, sizeof(line), "slab error in kfree(): 0x%08lx is not in a slab page; "
		 "not freed", (unsigned long)page);
	assert_refused(NULL, NULL, page, line, NULL, NULL);
	snprintf(line, sizeof(line), "slab error in kfree(): 0x%08lx is not in a slab page; "
		 "not freed", (unsigned long)&local);
	assert_refused(NULL, NULL, &local, line, NULL, NULL);
	assert_int_equal(a->errors, 2);
	/* a debug cache: red zone 1 is not the object, nor is red zone 2 */
	bad_free_line(line, sizeof(line), "kmem_cache_free", d, (char *)objd - 8,
		      "a pointer into the red zone before an object, not to the object");
	snprintf(second, sizeof(second), "  the object at 0x%08lx -8", (unsigned long)objd);
	assert_refused(d, d, (char *)objd - 8, line, second, d);
	bad_free_line(line, sizeof(line), "kmem_cache_free", d, (char *)objd + 40,
		      "a pointer past the end of an object, not to an object");
	snprintf(second, sizeof(second), "  the object at 0x%08lx +40", (unsigned long)objd);
	assert_refused(d, d, (char *)objd + 40, line, second, d);
	/* nothing of all that touched the object: it frees cleanly */
	assert_true(*redzone1(objd) == RED_ACTIVE);
	free_quiet(d, objd);
	free_quiet(b, objb);
	free_page((unsigned long)page);
	destroy_named(a, "dbg-owner-a");
	destroy_named(b, "dbg-owner-b");
	destroy_named(d, "dbg-owner-rz");
}

/*
 * A slab's pages keep no trace of their cache once they go back to the
 * buddy allocator: kmem_cache_free()'s fast path takes a page whose
 * cache is the one freed to as a slab page of that cache.  1100-byte
 * objects make slabs of order 1 with objects in both pages; a stale
 * cache pointer in the second page would let a late free of an object
 * there pass the boundary check against the gone slab and go onto the
 * CPU's array, a dangling pointer to be handed out again.
 */
static void a_free_into_a_slab_given_back_is_refused(void **state)
{
	struct kmem_cache *c = make_cache("dbg-gone", 1100, 0, NULL);
	void *objs[16], *late = NULL;	/* an object in the slab's second page */
	char line[256];
	unsigned int n;

	(void)state;
	assert_int_equal(c->gfporder, 1);
	n = c->num;
	assert_true(n <= 16);
	for (unsigned int i = 0; i < n; i++)
		objs[i] = alloc_quiet(c);
	for (unsigned int i = 0; i < n; i++)		/* the slab's last object */
		if (virt_to_slab(objs[i]) == virt_to_slab(objs[0]) &&
		    (!late || (uintptr_t)objs[i] > (uintptr_t)late))
			late = objs[i];
	assert_true(virt_to_page(late) != virt_to_page(virt_to_slab(late)->s_mem));
	for (unsigned int i = 0; i < n; i++)
		free_quiet(c, objs[i]);
	kmem_cache_shrink(c);
	assert_null(page_get_cache(virt_to_page(late)));
	bad_free_line(line, sizeof(line), "kmem_cache_free", c, late, "not in a slab page");
	assert_refused(c, c, late, line, NULL, NULL);
	assert_int_equal(c->errors, 1);
	destroy_named(c, "dbg-gone");
}

/* ---- constructors ---- */

static void ctor_past_the_end(struct kmem_cache *cachep, void *objp)
{
	memset(objp, 'c', kmem_cache_size(cachep) + 1);
}

static void ctor_before_the_start(struct kmem_cache *cachep, void *objp)
{
	(void)cachep;
	((char *)objp)[-1] = 'c';
}

/*
 * A constructor that writes outside its object: one report per object
 * constructed, counted; the red zone is mended, so the objects can
 * still be handed out (and a buggy constructor does not make every
 * allocation grow a new slab).
 */
static void ctor_writing_outside(kmem_ctor_t ctor, const char *name, const char *what)
{
	struct kmem_cache *c = make_cache(name, 40, SLAB_RED_ZONE | SLAB_STORE_USER, ctor);
	unsigned int reports;
	void *obj;
	char want[160];

	obj = alloc_reports(c, &reports);
	assert_non_null(obj);
	assert_int_equal(reports, c->num);
	snprintf(want, sizeof(want), "slab error in cache_init_objs(): cache '%s': %s", name, what);
	assert_first_line(want);
	assert_int_equal(c->errors, c->num);
	assert_int_equal(c->grown, 1);
	assert_int_equal(c->quarantined, 0);
	assert_true(*redzone1(obj) == RED_ACTIVE && *redzone2(c, obj) == RED_ACTIVE);
	free_quiet(c, obj);
	check_cache(c);
	destroy_named(c, name);
}

static void ctor_overwriting_a_red_zone_is_reported_per_object(void **state)
{
	(void)state;
	ctor_writing_outside(ctor_past_the_end, "dbg-ctor-end",
			     "constructor overwrote the end of an object");
	ctor_writing_outside(ctor_before_the_start, "dbg-ctor-start",
			     "constructor overwrote the start of an object");
}

/* ---- slabs destroyed, caches destroyed ---- */

/* A free object changed while it waited: caught when its slab goes. */
static void corrupt_then_shrink(const char *name, unsigned long flags, long offset,
				const char *what)
{
	struct kmem_cache *c = make_cache(name, 40, flags, NULL);
	unsigned long slab_pages = global_page_state(NR_SLAB_UNRECLAIMABLE);
	void *obj = alloc_quiet(c);
	char want[128];

	free_quiet(c, obj);
	((unsigned char *)obj)[offset] ^= 0x01;
	snprintf(want, sizeof(want), "  object 0x%08lx: index %u of slab 0x%08lx, 40 bytes",
		 (unsigned long)obj, index_of(c, obj), slab_page_of(obj));
	assert_int_equal(shrink_reports(c), 1);
	assert_report(c, "slab_destroy_objs", what);
	assert_line(want);
	assert_null(strstr(out, "quarantined"));	/* the slab is gone anyway */
	assert_int_equal(c->errors, 1);
	assert_int_equal(c->quarantined, 0);
	assert_int_equal(c->num_active, 0);
	assert_counts(c, (struct expect){ 1, 0, 0, 0 });
	assert_int_equal(global_page_state(NR_SLAB_UNRECLAIMABLE), slab_pages);
	destroy_named(c, name);
}

static void destroying_a_slab_checks_its_free_objects(void **state)
{
	(void)state;
	corrupt_then_shrink("dbg-sdo-poison", SLAB_POISON, 5,
			    "write after free: poison overwritten");
	corrupt_then_shrink("dbg-sdo-rz1", SLAB_RED_ZONE, -8,
			    "memory before a free object was overwritten (red zone 1)");
	corrupt_then_shrink("dbg-sdo-rz2", DEBUG_FLAGS, 40,
			    "memory after a free object was overwritten (red zone 2)");
}

/* Quarantined objects do not keep a cache alive; real ones do. */
static void destroy_gives_quarantined_objects_back(void **state)
{
	struct kmem_cache *c = make_cache("dbg-destroy", 40, DEBUG_FLAGS, NULL);
	/* the cache's own slabs: its journal and arrays came from the general caches */
	unsigned long slab_pages = global_page_state(NR_SLAB_UNRECLAIMABLE);
	void *bad = alloc_quiet(c), *live = alloc_quiet(c);
	struct op op = { .kind = OP_DESTROY, .c = c };

	(void)state;
	*redzone1(bad) = 0;
	assert_int_equal(free_reports(c, bad), 1);
	assert_int_equal(capture(&op), 1);
	assert_string_equal(out, "slab error in kmem_cache_destroy(): cache 'dbg-destroy': "
			    "Can't free all objects\n");
	assert_ptr_equal(kmem_cache_find("dbg-destroy"), c);
	assert_counts(c, (struct expect){ 1, 1, 2, c->num - 2 });
	assert_int_equal(bufctl_of(c, bad), BUFCTL_QUARANTINE);
	free_quiet(c, live);
	destroy_named(c, "dbg-destroy");
	assert_int_equal(global_page_state(NR_SLAB_UNRECLAIMABLE), slab_pages);
}

/*
 * slab_error_count(): every report, of every kind, in one count that a
 * cache's destruction does not take with it (the stress command's
 * "detector reports" is its difference over a run).
 */
static void every_report_is_counted_and_outlives_its_cache(void **state)
{
	struct kmem_cache *c = make_cache("dbg-count", 40, DEBUG_FLAGS, NULL);
	unsigned long before = slab_error_count();
	void *bad = alloc_quiet(c), *live = alloc_quiet(c);
	struct op op = { .kind = OP_DESTROY, .c = c };
	char line[128], local;

	(void)state;
	*redzone1(bad) = 0;
	assert_int_equal(free_reports(c, bad), 1);		/* a detector's */
	assert_int_equal(slab_error_count(), before + 1);
	assert_int_equal(capture(&op), 1);			/* Can't free all objects */
	assert_int_equal(slab_error_count(), before + 2);
	snprintf(line, sizeof(line), "slab error in kfree(): 0x%08lx is not in a slab page; "
		 "not freed", (unsigned long)&local);
	assert_refused(NULL, NULL, &local, line, NULL, NULL);	/* no cache to count in */
	assert_int_equal(slab_error_count(), before + 3);
	assert_int_equal(c->errors, 1);
	free_quiet(c, live);
	destroy_named(c, "dbg-count");
	assert_int_equal(slab_error_count(), before + 3);
}

/* ---- zeroed allocations ---- */

static void zeroing_keeps_to_the_object(void **state)
{
	struct kmem_cache *c = make_cache("dbg-zero", 40, DEBUG_FLAGS, NULL);
	struct kmem_cache *p = kmem_cache_create("dbg-zero-pad", 40, 64, SLAB_POISON, NULL);
	struct op op = { .kind = OP_ZALLOC, .c = c };
	unsigned char *obj = alloc_quiet(c);

	(void)state;
	memset(obj, 0xff, 40);
	free_quiet(c, obj);
	assert_int_equal(capture(&op), 0);
	assert_ptr_equal(op.p, obj);		/* LIFO: the same object */
	for (int i = 0; i < 40; i++)
		assert_int_equal(obj[i], 0);
	assert_true(*redzone1(obj) == RED_ACTIVE && *redzone2(c, obj) == RED_ACTIVE);
	assert_non_null(*(void **)(obj + 48));	/* the user word: who allocated it */
	free_quiet(c, obj);
	assert_int_equal(c->errors, 0);

	/* a poisoned cache padded to 64: the 24 bytes after the object stay as they were */
	assert_non_null(p);
	assert_int_equal(p->buffer_size, 64);
	assert_int_equal(p->object_size, 40);
	obj = alloc_quiet(p);
	memset(obj + 40, 0xee, 24);
	free_quiet(p, obj);
	op = (struct op){ .kind = OP_ZALLOC, .c = p };
	assert_int_equal(capture(&op), 0);
	assert_ptr_equal(op.p, obj);
	for (int i = 0; i < 64; i++)
		assert_int_equal(obj[i], i < 40 ? 0 : 0xee);
	free_quiet(p, obj);
	assert_int_equal(p->errors, 0);
	destroy_named(c, "dbg-zero");
	destroy_named(p, "dbg-zero-pad");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(redzone1_overwritten_is_caught_at_free),
		cmocka_unit_test(redzone2_overwritten_is_caught_at_free),
		cmocka_unit_test(both_redzones_overwritten_is_one_report),
		cmocka_unit_test(write_after_free_is_caught_when_handed_out),
		cmocka_unit_test(poison_only_cache_catches_a_write_after_free),
		cmocka_unit_test(redzone_of_a_free_object_is_checked_when_handed_out),
		cmocka_unit_test(double_free_caught_by_the_red_zones),
		cmocka_unit_test(double_free_caught_by_the_bufctl),
		cmocka_unit_test(double_free_without_debug_caught_by_free_block),
		cmocka_unit_test(double_free_of_a_slabs_last_object_keeps_the_slab),
		cmocka_unit_test(double_free_whose_slab_went_in_between),
		cmocka_unit_test(free_of_a_quarantined_object_is_reported_again),
		cmocka_unit_test(every_free_is_checked_against_the_slab_layout),
		cmocka_unit_test(every_free_is_checked_against_its_cache),
		cmocka_unit_test(a_free_into_a_slab_given_back_is_refused),
		cmocka_unit_test(ctor_overwriting_a_red_zone_is_reported_per_object),
		cmocka_unit_test(destroying_a_slab_checks_its_free_objects),
		cmocka_unit_test(destroy_gives_quarantined_objects_back),
		cmocka_unit_test(every_report_is_counted_and_outlives_its_cache),
		cmocka_unit_test(zeroing_keeps_to_the_object),
	};

	return cmocka_run_group_tests(tests, slab_group_setup, slab_group_teardown);
}
