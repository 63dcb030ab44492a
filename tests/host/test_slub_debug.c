/*
 * test_slub_debug.c - SLUB's debugging (mm/slub_debug.c, its hooks in
 * mm/slub.c and slub_kmalloc.c) on a host arena, under ASan/UBSan.
 *
 * Each detector is fired on purpose and checked exactly: the number of
 * reports (lines "BUG NAME: ..."), their text, the cache's and the
 * global error counts, the bytes after the FIX, and what the allocator
 * does next (not freed; the slab marked used).  Output is captured
 * (host_capture_stdout) so every line can be compared.
 *
 * The host's layout of the tests' debug cache "dbg" (40 bytes, align
 * 8, F Z P U; 8-byte pointers, a 24-byte struct track), from
 * calculate_sizes(): object 0..39; red zone 40..47 (no slack after 40
 * bytes: a word of its own), inuse 48; free pointer 48..55 (poison: it
 * may not overlay the object); alloc track 56..79, free track 80..103;
 * the left red-zone word 104..111 (padding, 0x5a); size 112.  36
 * objects in a page (36 * 112 = 4032): 64 bytes of slab left-over.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "mm/poison.h"
#include "mm/slab.h"
#include "mm/slab_inspect.h"
#include "mm/slub_debug.h"
#include "mm/slub_def.h"
#include "mm/slub_inspect.h"
#include "host_platform.h"
#include "slub_check.h"

#define FZPU DEBUG_DEFAULT_FLAGS
#define SIZE 112
#define INUSE 48
#define OFFSET 48
#define PAD 104
#define NOBJS 36

static char out[65536];

enum op_kind { OP_ALLOC, OP_FREE, OP_KFREE, OP_DESTROY, OP_VERIFY };

struct op {
	enum op_kind kind;
	struct kmem_cache *c;
	void *p;
	unsigned long verify_errors;	/* OP_VERIFY's result */
	struct slab_verify_result res;
};

static void run_op(void *arg)
{
	struct op *op = arg;

	switch (op->kind) {
	case OP_ALLOC:
		op->p = kmem_cache_alloc(op->c, GFP_KERNEL);
		break;
	case OP_FREE:
		kmem_cache_free(op->c, op->p);
		break;
	case OP_KFREE:
		kfree(op->p);
		break;
	case OP_DESTROY:
		kmem_cache_destroy(op->c);
		break;
	case OP_VERIFY:
		op->verify_errors = kmem_cache_verify(op->c, &op->res);
		break;
	}
}

/* Lines of out[] that start with @prefix. */
static unsigned int lines_starting(const char *prefix)
{
	unsigned int n = 0;

	for (const char *line = out; *line; ) {
		n += strncmp(line, prefix, strlen(prefix)) == 0;
		line = strchr(line, '\n');
		if (!line)
			break;
		line++;
	}
	return n;
}

/* Run @op, output in out[]; the reports it made (BUG banners). */
static unsigned int capture(struct op *op)
{
	host_capture_stdout(run_op, op, out, sizeof(out));
	return lines_starting("BUG ");
}

static bool has_line(const char *line)
{
	char want[256];

	snprintf(want, sizeof(want), "%s\n", line);
	return strstr(out, want) != NULL;
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

static unsigned long errors_of(struct kmem_cache *c)
{
	struct kmem_cache_info ci;

	kmem_cache_get_info(c, &ci);
	return ci.errors;
}

static struct kmem_cache *make_dbg(void)
{
	struct kmem_cache *c = kmem_cache_create("dbg", 40, 8, FZPU, NULL);

	assert_non_null(c);
	return c;
}

static void destroy_quiet(struct kmem_cache *c)
{
	struct op op = { .kind = OP_DESTROY, .c = c };

	assert_int_equal(capture(&op), 0);
	assert_null(kmem_cache_find("dbg"));
}

static void assert_bytes(const void *p, unsigned char v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (((const unsigned char *)p)[i] != v)
			fail_msg("byte %zu is 0x%02x, not 0x%02x", i,
				 ((const unsigned char *)p)[i], v);
}

static void fmt(char *buf, size_t len, const char *f, const void *a, const void *b)
{
	snprintf(buf, len, f, (unsigned long)(uintptr_t)a, (unsigned long)(uintptr_t)b);
}

/* ---- layout and patterns ---- */

static void test_layout_and_patterns(void **state)
{
	struct kmem_cache *c = make_dbg();
	struct slub_cache_info ci = info_of(c);
	unsigned char *p, *q;

	(void)state;
	assert_int_equal(ci.size, SIZE);
	assert_int_equal(ci.inuse, INUSE);
	assert_int_equal(ci.offset, OFFSET);
	assert_int_equal(ci.objects, NOBJS);
	assert_true(ci.flags & __OBJECT_POISON);
	p = alloc_quiet(c);
	q = alloc_quiet(c);
	/* handed out: still poisoned (Linux poisons on alloc too), red zone active */
	assert_bytes(p, POISON_FREE, 39);
	assert_int_equal(p[39], POISON_END);
	assert_bytes(p + 40, SLUB_RED_ACTIVE, 8);
	assert_bytes(p + PAD, POISON_INUSE, 8);
	/* q is the next object: free, it was red zone inactive until handed out */
	assert_ptr_equal(q, p + SIZE);
	free_quiet(c, p);
	assert_bytes(p + 40, SLUB_RED_INACTIVE, 8);
	assert_bytes(p, POISON_FREE, 39);
	/* the slab's left-over is POISON_INUSE */
	assert_bytes(p + NOBJS * SIZE, POISON_INUSE, 4096 - NOBJS * SIZE);
	free_quiet(c, q);
	assert_int_equal(errors_of(c), 0);
	destroy_quiet(c);
}

/* ---- red zone ---- */

static void test_redzone_overrun_caught_at_free(void **state)
{
	struct kmem_cache *c = make_dbg();
	unsigned long total = slab_error_count();
	unsigned char *p = alloc_quiet(c);
	struct op op = { .kind = OP_FREE, .c = c, .p = p };
	char line[160];

	(void)state;
	p[40] = 0x00;		/* one byte past the object */
	p[41] = 0x00;
	assert_int_equal(capture(&op), 1);
	assert_true(has_line("BUG dbg: Redzone overwritten"));
	fmt(line, sizeof(line), "INFO: 0x%08lx-0x%08lx. First byte 0x0 instead of 0xcc",
	    p + 40, p + 41);
	assert_true(has_line(line));
	fmt(line, sizeof(line), "FIX dbg: Restoring 0x%08lx-0x%08lx=0xcc", p + 40, p + 41);
	assert_true(has_line(line));
	assert_int_equal(lines_starting(" Redzone 0x"), 1);
	assert_int_equal(lines_starting("  Object 0x"), 3);	/* 40 bytes: 3 lines */
	assert_int_equal(errors_of(c), 1);
	assert_int_equal(slab_error_count(), total + 1);
	/* restored, and not freed: Linux's check_object() failure keeps it */
	assert_bytes(p + 40, SLUB_RED_ACTIVE, 8);
	free_quiet(c, p);	/* now intact: freed without a word */
	assert_bytes(p + 40, SLUB_RED_INACTIVE, 8);
	assert_int_equal(errors_of(c), 1);
	destroy_quiet(c);
}

/* ---- poison ---- */

static void test_write_after_free_caught_at_alloc(void **state)
{
	/* left behind (its marked slab keeps objects in use): a name of its own */
	struct kmem_cache *c = kmem_cache_create("dbgp", 40, 8, FZPU, NULL);
	unsigned char *p = alloc_quiet(c), *q;
	struct op op = { .kind = OP_ALLOC, .c = c };
	char line[160];

	(void)state;
	free_quiet(c, p);
	p[3] = 0x42;		/* a write after free */
	assert_int_equal(capture(&op), 1);
	q = op.p;
	assert_true(has_line("BUG dbgp: Poison overwritten"));
	fmt(line, sizeof(line), "INFO: 0x%08lx-0x%08lx. First byte 0x42 instead of 0x6b",
	    p + 3, p + 3);
	assert_true(has_line(line));
	fmt(line, sizeof(line), "FIX dbgp: Restoring 0x%08lx-0x%08lx=0x6b", p + 3, p + 3);
	assert_true(has_line(line));
	assert_true(has_line("FIX dbgp: Marking all objects used"));
	assert_int_equal(p[3], POISON_FREE);
	/* the damaged slab hands out nothing more: q comes from a new slab */
	assert_non_null(q);
	assert_true(q < p || q >= p + 4096 - SIZE);
	assert_int_equal(node_of(c).nr_slabs, 2);
	assert_int_equal(errors_of(c), 1);
	/* the objects marked used read as in use (active red zone): verify is quiet */
	op = (struct op){ .kind = OP_VERIFY, .c = c };
	assert_int_equal(capture(&op), 0);
	assert_string_equal(out, "");
	assert_int_equal(op.verify_errors, 0);
	assert_int_equal(op.res.slabs, 2);
	assert_int_equal(errors_of(c), 1);
	free_quiet(c, q);
	/* the marked slab keeps its objects "in use": destroy reports them */
	op = (struct op){ .kind = OP_DESTROY, .c = c };
	capture(&op);
	assert_non_null(kmem_cache_find("dbgp"));
	assert_true(has_line("BUG dbgp: Objects remaining on kmem_cache_close()"));
}

static void test_write_after_free_caught_by_verify(void **state)
{
	struct kmem_cache *c = kmem_cache_create("dbg2", 40, 8, FZPU, NULL);
	unsigned char *p, *keep;
	struct op op = { .kind = OP_VERIFY };
	char line[160];

	(void)state;
	op.c = c;
	keep = alloc_quiet(c);
	p = alloc_quiet(c);
	free_quiet(c, p);
	p[10] = 0x00;
	p[11] = 0x00;
	assert_int_equal(capture(&op), 1);
	assert_int_equal(op.verify_errors, 1);
	assert_true(has_line("BUG dbg2: Poison overwritten"));
	fmt(line, sizeof(line), "INFO: 0x%08lx-0x%08lx. First byte 0x0 instead of 0x6b",
	    p + 10, p + 11);
	assert_true(has_line(line));
	assert_bytes(p, POISON_FREE, 39);
	assert_int_equal(errors_of(c), 1);
	assert_int_equal(capture(&op), 0);	/* fixed: the next verify is clean */
	free_quiet(c, keep);
	kmem_cache_destroy(c);
}

/*
 * A red-zoned object smaller than a pointer: 4 bytes, red zone 4..7 (the
 * slack up to a pointer), so the free pointer cannot be the object's
 * first word: it goes to inuse 8 (ours, as Linux 5.14; at 0 the free
 * chain overwrote the red zone of every free object, so each alloc
 * reported "Redzone overwritten" and marked the slab used:
 * fuzz_shell_slub found it).  Size: 8 + 8 + the left red-zone word 8 = 24.
 */
static void test_redzone_small_object(void **state)
{
	struct kmem_cache *c = kmem_cache_create("tiny", 4, 0, SLAB_RED_ZONE, NULL);
	struct slub_cache_info ci;
	struct op op = { .kind = OP_VERIFY, .c = c };
	unsigned char *p, *q;

	(void)state;
	assert_non_null(c);
	ci = info_of(c);
	assert_int_equal(ci.inuse, 8);
	assert_int_equal(ci.offset, 8);
	assert_int_equal(ci.size, 24);
	p = alloc_quiet(c);
	q = alloc_quiet(c);
	assert_ptr_equal(q, p + 24);
	assert_bytes(p + 4, SLUB_RED_ACTIVE, 4);
	free_quiet(c, p);
	assert_bytes(p + 4, SLUB_RED_INACTIVE, 4);
	assert_int_equal(capture(&op), 0);
	assert_int_equal(op.verify_errors, 0);
	assert_ptr_equal(alloc_quiet(c), p);	/* the freed one, no report */
	assert_bytes(p + 4, SLUB_RED_ACTIVE, 4);
	free_quiet(c, q);
	free_quiet(c, p);
	assert_int_equal(errors_of(c), 0);
	op.kind = OP_DESTROY;
	assert_int_equal(capture(&op), 0);
	assert_null(kmem_cache_find("tiny"));
}

/* ---- frees ---- */

static void test_double_free(void **state)
{
	struct kmem_cache *c = make_dbg();
	unsigned char *p = alloc_quiet(c), *keep = alloc_quiet(c);
	struct op op = { .kind = OP_FREE, .c = c, .p = p };
	char line[160];
	void *again, *next;

	(void)state;
	free_quiet(c, p);
	assert_int_equal(capture(&op), 1);
	assert_true(has_line("BUG dbg: Object already free"));
	fmt(line, sizeof(line), "FIX dbg: Object at 0x%08lx not freed", p, NULL);
	assert_true(has_line(line));
	assert_int_equal(lines_starting("INFO: Object 0x"), 1);
	assert_int_equal(errors_of(c), 1);
	/* refused: p is handed out once only (twice if the free had been done) */
	again = alloc_quiet(c);
	next = alloc_quiet(c);
	assert_ptr_equal(again, p);
	assert_ptr_not_equal(next, p);
	free_quiet(c, next);
	free_quiet(c, again);
	free_quiet(c, keep);
	destroy_quiet(c);
}

static void test_interior_pointer(void **state)
{
	struct kmem_cache *c = make_dbg();
	unsigned char *p = alloc_quiet(c);
	struct op op = { .kind = OP_FREE, .c = c, .p = p + 8 };
	char line[160];

	(void)state;
	assert_int_equal(capture(&op), 1);
	fmt(line, sizeof(line), "BUG dbg: Invalid object pointer 0x%08lx", p + 8, NULL);
	assert_true(has_line(line));
	fmt(line, sizeof(line), "FIX dbg: Object at 0x%08lx not freed", p + 8, NULL);
	assert_true(has_line(line));
	assert_int_equal(lines_starting("INFO: Slab 0x"), 1);
	assert_int_equal(errors_of(c), 1);
	free_quiet(c, p);	/* still allocated: freed now, quietly */
	destroy_quiet(c);
}

/* on_freelist() recounts a slab at every check: a wrong inuse is reported and fixed. */
static void test_wrong_object_count(void **state)
{
	struct kmem_cache *c = make_dbg();
	unsigned char *p = alloc_quiet(c), *q = alloc_quiet(c);
	struct page *page = virt_to_head_page(p);
	struct op op = { .kind = OP_FREE, .c = c, .p = p };

	(void)state;
	page->inuse = 5;	/* two handed out, as the chain says */
	assert_int_equal(capture(&op), 1);
	assert_true(has_line("BUG dbg: Wrong object count. Counter is 5 but counted were 2"));
	assert_true(has_line("FIX dbg: Object count adjusted."));
	assert_int_equal(page->inuse, 1);	/* adjusted to 2, then p's free done */
	assert_int_equal(errors_of(c), 1);
	free_quiet(c, q);
	destroy_quiet(c);
}

/* A free object's free pointer out of its slab: cut there, the slab marked used. */
static void test_freepointer_corrupt(void **state)
{
	struct kmem_cache *c = kmem_cache_create("dbgfp", 40, 8, FZPU, NULL);
	unsigned char *p = alloc_quiet(c), *q = alloc_quiet(c);
	struct op op = { .kind = OP_ALLOC, .c = c };
	char line[160];

	(void)state;
	free_quiet(c, q);
	*(void **)(q + OFFSET) = q + 1;		/* not an object */
	assert_int_equal(capture(&op), 1);
	assert_true(has_line("BUG dbgfp: Freepointer corrupt"));
	snprintf(line, sizeof(line), "INFO: Object 0x%08lx @offset=%d fp=0x%08lx",
		 (unsigned long)(uintptr_t)q, SIZE, (unsigned long)(uintptr_t)(q + 1));
	assert_true(has_line(line));
	assert_true(has_line("FIX dbgfp: Marking all objects used"));
	assert_null(*(void **)(q + OFFSET));	/* zapped, as Linux does */
	assert_true((unsigned char *)op.p < p || (unsigned char *)op.p >= p + 4096);
	assert_int_equal(errors_of(c), 1);
}

/* ---- tracks ---- */

static __attribute__((noinline)) void *alloc_site(struct kmem_cache *c)
{
	void *p = kmem_cache_alloc(c, GFP_KERNEL);

	__asm__ volatile("" ::: "memory");
	return p;
}

static __attribute__((noinline)) void free_site(struct kmem_cache *c, void *p)
{
	kmem_cache_free(c, p);
	__asm__ volatile("" ::: "memory");
}

static bool in_fn(unsigned long addr, void *fn)
{
	return addr > (unsigned long)(uintptr_t)fn && addr < (unsigned long)(uintptr_t)fn + 512;
}

static void test_tracks(void **state)
{
	struct kmem_cache *c = make_dbg();
	void *p, *q;
	struct track *ta, *tf;

	(void)state;
	jiffies = 1000;
	host_set_cpu(2);
	p = alloc_site(c);
	q = alloc_site(c);
	ta = get_track(c, p, TRACK_ALLOC);
	tf = get_track(c, p, TRACK_FREE);
	assert_true(in_fn(ta->addr, (void *)alloc_site));
	assert_int_equal(ta->addr, get_track(c, q, TRACK_ALLOC)->addr);	/* one call site */
	assert_int_equal(ta->cpu, 2);
	assert_int_equal(ta->pid, 0);
	assert_int_equal(ta->when, 1000);
	assert_int_equal(tf->addr, 0);		/* never freed: zero */
	jiffies = 1007;
	host_set_cpu(1);
	free_site(c, p);
	assert_true(in_fn(tf->addr, (void *)free_site));
	assert_int_equal(tf->cpu, 1);
	assert_int_equal(tf->when, 1007);
	assert_int_equal(ta->cpu, 2);		/* the alloc track stays */
	/* a report prints both */
	{
		struct op op = { .kind = OP_FREE, .c = c, .p = p };
		char line[160];

		jiffies = 1010;
		assert_int_equal(capture(&op), 1);
		snprintf(line, sizeof(line), "INFO: Allocated in 0x%08lx age=10 cpu=2 pid=0",
			 ta->addr);
		assert_true(has_line(line));
		snprintf(line, sizeof(line), "INFO: Freed in 0x%08lx age=3 cpu=1 pid=0", tf->addr);
		assert_true(has_line(line));
	}
	host_set_cpu(0);
	free_quiet(c, q);
	destroy_quiet(c);
}

/* slub_get_object()'s view of @p: handed out or not, and the two tracks' callers and CPUs. */
static void assert_object(struct kmem_cache *c, void *p, bool allocated, unsigned long aaddr,
			  unsigned int acpu, unsigned long aage, unsigned long faddr,
			  unsigned int fcpu, unsigned long fage)
{
	struct slub_object_info oi;

	assert_int_equal(slub_get_object(c, p, &oi), 0);
	assert_int_equal(oi.allocated, allocated);
	assert_true(oi.has_tracks);
	assert_int_equal(oi.track[SLUB_TRACK_ALLOC].addr, aaddr);
	assert_int_equal(oi.track[SLUB_TRACK_ALLOC].cpu, acpu);
	assert_int_equal(oi.track[SLUB_TRACK_ALLOC].age, aage);
	assert_int_equal(oi.track[SLUB_TRACK_ALLOC].pid, 0);
	assert_int_equal(oi.track[SLUB_TRACK_FREE].addr, faddr);
	assert_int_equal(oi.track[SLUB_TRACK_FREE].cpu, fcpu);
	assert_int_equal(oi.track[SLUB_TRACK_FREE].age, fage);
}

/*
 * What whatis shows of a store_user object (slub_get_object()): on a CPU
 * slab (read on that CPU), with the free pointer chains telling handed
 * out from free (page->freelist after another CPU's free), then on the
 * partial list (read under list_lock); an object whose free the checks
 * refused stays allocated.  No tracks without store_user; a pointer that
 * is no object start is refused.
 */
static void test_get_object(void **state)
{
	struct kmem_cache *c = make_dbg(), *plain;
	struct slub_object_info oi;
	unsigned long a, f;
	void *p, *q, *x;

	(void)state;
	jiffies = 2000;
	host_set_cpu(2);
	p = alloc_site(c);
	q = alloc_site(c);
	a = get_track(c, p, TRACK_ALLOC)->addr;
	jiffies = 2005;
	host_set_cpu(0);
	assert_object(c, p, true, a, 2, 5, 0, 0, 0);
	host_set_cpu(1);
	free_site(c, p);
	f = get_track(c, p, TRACK_FREE)->addr;
	jiffies = 2009;
	host_set_cpu(0);
	assert_object(c, p, false, a, 2, 9, f, 1, 4);	/* cpu2's slab's page->freelist */
	assert_object(c, q, true, a, 2, 9, 0, 0, 0);
	/* cpu2 gives its slab up: on the partial list now */
	host_set_cpu(2);
	kmem_cache_shrink(c);
	host_set_cpu(0);
	assert_object(c, p, false, a, 2, 9, f, 1, 4);
	assert_object(c, q, true, a, 2, 9, 0, 0, 0);
	/* a free the checks refuse (red zone broken) leaves it allocated, its free track unset */
	((unsigned char *)q)[40] = 0;
	{
		struct op op = { .kind = OP_FREE, .c = c, .p = q };

		assert_int_equal(capture(&op), 1);
	}
	assert_object(c, q, true, a, 2, 9, 0, 0, 0);
	assert_int_equal(slub_get_object(c, (char *)q + 4, &oi), -EINVAL);
	assert_false(oi.allocated);
	assert_int_equal(slub_get_object(c, &oi, &oi), -EINVAL);
	free_quiet(c, q);		/* the slab's last object: the slab is freed (2.6.32) */
	assert_int_equal(slub_get_object(c, q, &oi), -EINVAL);
	destroy_quiet(c);
	/* no store_user: the state, no tracks */
	plain = kmem_cache_create("plain", 40, 8, SLAB_RED_ZONE, NULL);
	x = alloc_quiet(plain);
	assert_int_equal(slub_get_object(plain, x, &oi), 0);
	assert_true(oi.allocated);
	assert_false(oi.has_tracks);
	free_quiet(plain, x);
	assert_int_equal(slub_get_object(plain, x, &oi), 0);
	assert_false(oi.allocated);
	kmem_cache_destroy(plain);
}

/* ---- padding ---- */

static void test_object_padding(void **state)
{
	struct kmem_cache *c = make_dbg();
	unsigned char *p = alloc_quiet(c);
	struct op op = { .kind = OP_FREE, .c = c, .p = p };
	char line[160];

	(void)state;
	p[PAD + 7] = 0x11;	/* the last byte of the object's padding */
	assert_int_equal(capture(&op), 1);
	assert_true(has_line("BUG dbg: Object padding overwritten"));
	fmt(line, sizeof(line), "INFO: 0x%08lx-0x%08lx. First byte 0x11 instead of 0x5a",
	    p + PAD + 7, p + PAD + 7);
	assert_true(has_line(line));
	assert_int_equal(p[PAD + 7], POISON_INUSE);
	/* padding does not stop the free (Linux: check_pad_bytes cleans up on its own) */
	assert_bytes(p + 40, SLUB_RED_INACTIVE, 8);
	assert_int_equal(errors_of(c), 1);
	destroy_quiet(c);
}

static void test_slab_padding(void **state)
{
	struct kmem_cache *c = make_dbg();
	unsigned char *p = alloc_quiet(c), *end = p + NOBJS * SIZE;
	struct op op = { .kind = OP_ALLOC, .c = c };
	char line[160];

	(void)state;
	end[5] = 0x77;		/* the slab's left-over after its last object */
	assert_int_equal(capture(&op), 1);
	fmt(line, sizeof(line), "BUG dbg: Padding overwritten. 0x%08lx-0x%08lx", end + 5, end + 5);
	assert_true(has_line(line));
	assert_int_equal(end[5], POISON_INUSE);
	assert_ptr_equal(op.p, p + SIZE);	/* the allocation still goes ahead */
	assert_int_equal(errors_of(c), 1);
	free_quiet(c, op.p);
	free_quiet(c, p);
	destroy_quiet(c);
}

/* ---- what debugging costs, and the reporting path ---- */

static void test_slow_path_only_for_debug(void **state)
{
	struct kmem_cache *c = make_dbg();
	struct kmem_cache *plain = kmem_cache_create("plain", 40, 8, 0, NULL);
	void *a, *b;

	(void)state;
	a = alloc_quiet(c);
	b = alloc_quiet(c);
	free_quiet(c, b);
	free_quiet(c, a);
	assert_int_equal(stat_of(c, ALLOC_FASTPATH), 0);
	assert_int_equal(stat_of(c, ALLOC_SLOWPATH), 2);
	assert_int_equal(stat_of(c, FREE_FASTPATH), 0);
	assert_int_equal(stat_of(c, FREE_SLOWPATH), 2);
	a = kmem_cache_alloc(plain, GFP_KERNEL);
	b = kmem_cache_alloc(plain, GFP_KERNEL);
	kmem_cache_free(plain, b);
	kmem_cache_free(plain, a);
	assert_int_equal(stat_of(plain, ALLOC_FASTPATH), 1);
	assert_int_equal(stat_of(plain, ALLOC_SLOWPATH), 1);
	assert_int_equal(stat_of(plain, FREE_FASTPATH), 2);
	assert_int_equal(stat_of(plain, FREE_SLOWPATH), 0);
	assert_false(info_of(plain).flags & DEBUG_DEFAULT_FLAGS);
	kmem_cache_destroy(plain);
	destroy_quiet(c);
}

static void test_muted_reports_still_count(void **state)
{
	struct kmem_cache *c = make_dbg();
	unsigned long total = slab_error_count();
	void *p = alloc_quiet(c);
	struct op op = { .kind = OP_FREE, .c = c, .p = p };

	(void)state;
	free_quiet(c, p);
	slab_mute_reports();
	assert_int_equal(capture(&op), 0);
	assert_string_equal(out, "");
	slab_unmute_reports();
	assert_int_equal(errors_of(c), 1);
	assert_int_equal(slab_error_count(), total + 1);
	destroy_quiet(c);
}

/* slub_debug applies to caches created afterwards, and stops them merging. */
static void test_slub_debug_setting(void **state)
{
	struct kmem_cache *a, *b;

	(void)state;
	slub_debug = DEBUG_DEFAULT_FLAGS;
	a = kmem_cache_create("sd_a", 40, 8, 0, NULL);
	b = kmem_cache_create("sd_b", 40, 8, 0, NULL);
	slub_debug = 0;
	assert_ptr_not_equal(a, b);
	assert_int_equal(info_of(a).flags & DEBUG_DEFAULT_FLAGS, DEBUG_DEFAULT_FLAGS);
	assert_int_equal(info_of(a).size, SIZE);
	kmem_cache_destroy(a);
	kmem_cache_destroy(b);
}

/* The shell's slub_debug OPTIONS, parsed as Linux's setup_slub_debug(). */
static void test_slub_debug_options(void **state)
{
	struct kmem_cache *a, *b;
	char buf[48];

	(void)state;
	assert_int_equal(slub_debug_setup("zp,dbgz"), 0);
	assert_int_equal(slub_debug, SLAB_RED_ZONE | SLAB_POISON);
	slub_debug_show(buf, sizeof(buf));
	assert_string_equal(buf, "ZP,dbgz");
	a = kmem_cache_create("dbgz_a", 40, 8, 0, NULL);	/* the prefix: debugged */
	b = kmem_cache_create("plain_b", 40, 8, SLAB_HWCACHE_ALIGN, NULL);
	assert_int_equal(info_of(a).flags & DEBUG_DEFAULT_FLAGS, SLAB_RED_ZONE | SLAB_POISON);
	assert_int_equal(info_of(b).flags & DEBUG_DEFAULT_FLAGS, 0);
	assert_int_equal(slub_debug_setup("FZx"), -EINVAL);	/* refused: unchanged */
	assert_int_equal(slub_debug_setup("F;"), -EINVAL);
	slub_debug_show(buf, sizeof(buf));
	assert_string_equal(buf, "ZP,dbgz");
	assert_int_equal(slub_debug_setup(","), 0);		/* everything, everywhere */
	slub_debug_show(buf, sizeof(buf));
	assert_string_equal(buf, "FZPU");
	assert_int_equal(slub_debug_setup("-"), 0);
	slub_debug_show(buf, sizeof(buf));
	assert_string_equal(buf, "-");
	assert_int_equal(slub_debug, 0);
	kmem_cache_destroy(a);
	kmem_cache_destroy(b);
}

/* F alone: no patterns, but frees are checked (slow path, on_freelist). */
static void test_sanity_checks_only(void **state)
{
	struct kmem_cache *c = kmem_cache_create("dbgf", 40, 8, SLAB_DEBUG_FREE, NULL);
	void *p;
	struct op op = { .kind = OP_FREE, .c = c };

	(void)state;
	assert_int_equal(info_of(c).size, 40);
	p = alloc_quiet(c);
	free_quiet(c, p);
	op.p = p;
	assert_int_equal(capture(&op), 1);
	assert_true(has_line("BUG dbgf: Object already free"));
	assert_int_equal(stat_of(c, FREE_FASTPATH), 0);
	kmem_cache_destroy(c);
}

/* The lab's write: inside the stride of an object of the cache, else -EINVAL and nothing. */
static void test_kmem_cache_corrupt(void **state)
{
	struct kmem_cache *c = make_dbg();
	unsigned char *p = alloc_quiet(c), old = 0;

	(void)state;
	assert_int_equal(kmem_cache_corrupt(c, p, 40, 0x00, &old), 0);
	assert_int_equal(old, SLUB_RED_ACTIVE);
	assert_int_equal(p[40], 0x00);
	assert_int_equal(kmem_cache_corrupt(c, p, SIZE - 1, 0x12, &old), 0);
	assert_int_equal(old, POISON_INUSE);
	assert_int_equal(p[SIZE - 1], 0x12);
	old = 0x77;
	/* the next object's first byte; before the object; not an object's start */
	assert_int_equal(kmem_cache_corrupt(c, p, SIZE, 0x00, &old), -EINVAL);
	assert_int_equal(kmem_cache_corrupt(c, p, -1, 0x00, &old), -EINVAL);
	assert_int_equal(kmem_cache_corrupt(c, p + 8, 0, 0x00, &old), -EINVAL);
	assert_int_equal(old, 0x77);
	assert_int_equal(p[SIZE + 40], SLUB_RED_INACTIVE);	/* the next object untouched */
	p[40] = SLUB_RED_ACTIVE;
	p[SIZE - 1] = POISON_INUSE;
	free_quiet(c, p);
	destroy_quiet(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_layout_and_patterns, slub_test_setup),
		cmocka_unit_test_setup(test_redzone_overrun_caught_at_free, slub_test_setup),
		cmocka_unit_test_setup(test_write_after_free_caught_at_alloc, slub_test_setup),
		cmocka_unit_test_setup(test_write_after_free_caught_by_verify, slub_test_setup),
		cmocka_unit_test_setup(test_redzone_small_object, slub_test_setup),
		cmocka_unit_test_setup(test_double_free, slub_test_setup),
		cmocka_unit_test_setup(test_interior_pointer, slub_test_setup),
		cmocka_unit_test_setup(test_wrong_object_count, slub_test_setup),
		cmocka_unit_test_setup(test_freepointer_corrupt, slub_test_setup),
		cmocka_unit_test_setup(test_tracks, slub_test_setup),
		cmocka_unit_test_setup(test_get_object, slub_test_setup),
		cmocka_unit_test_setup(test_object_padding, slub_test_setup),
		cmocka_unit_test_setup(test_slab_padding, slub_test_setup),
		cmocka_unit_test_setup(test_slow_path_only_for_debug, slub_test_setup),
		cmocka_unit_test_setup(test_muted_reports_still_count, slub_test_setup),
		cmocka_unit_test_setup(test_slub_debug_setting, slub_test_setup),
		cmocka_unit_test_setup(test_sanity_checks_only, slub_test_setup),
		cmocka_unit_test_setup(test_kmem_cache_corrupt, slub_test_setup),
		cmocka_unit_test_setup(test_slub_debug_options, slub_test_setup),
	};

	return cmocka_run_group_tests(tests, slub_group_setup, slub_group_teardown);
}
