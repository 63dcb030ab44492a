/*
 * stress_core.h - the pure parts of the shell's stress command
 * (shell/cmd_stress.c), in shell/stress_core.c: the random streams, the
 * choice of each operation, the sizes kmalloc is asked for, and the
 * pattern every object holds while it is handed out.  Portable C with no
 * allocator call, unit-tested on the host (tests/host/test_stress_core.c).
 *
 * Reproducibility: every CPU has two xorshift32 streams derived from the
 * seed and its number.  The op stream picks only the kind of each
 * operation, so a CPU's sequence of kinds depends on nothing but the seed
 * and the CPU, however the CPUs interleave; the argument stream picks
 * everything else (cache, size, which object), whose draws may depend on
 * what an earlier operation found (a failed allocation, a full ring).
 */
#ifndef SHELL_STRESS_CORE_H
#define SHELL_STRESS_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum stress_op {
	STRESS_ALLOC,		/* kmem_cache_alloc from a stress cache */
	STRESS_KMALLOC,		/* kmalloc of a random size */
	STRESS_FREE,		/* free a held object on this CPU */
	STRESS_PASS,		/* hand a held object to another CPU to free */
	STRESS_SHRINK,		/* kmem_cache_shrink of a stress cache */
	STRESS_TUNE,		/* retune a stress cache (slabinfo_write) */
	STRESS_PRIVATE,		/* create a cache, use it, destroy it */
	NR_STRESS_OPS
};

/* Out of STRESS_OP_WEIGHTS draws, how many pick each op (stress_core.c's table). */
#define STRESS_OP_WEIGHTS 64
extern const unsigned char stress_op_weight[NR_STRESS_OPS];
extern const char *const stress_op_name[NR_STRESS_OPS];

/* The next number of a stream; a stream's state is never 0. */
uint32_t stress_rand(uint32_t *state);
/* The op stream (@which 0) or the argument stream (1) of @cpu under @seed. */
uint32_t stress_stream(uint32_t seed, unsigned int cpu, unsigned int which);
/* The op a draw @r of the op stream picks. */
enum stress_op stress_pick_op(uint32_t r);
/* A kmalloc size from a draw: a class of size-32 .. size-32768, then a size in it. */
size_t stress_kmalloc_size(uint32_t r1, uint32_t r2);

/*
 * The pattern: the 32-bit word at address A is a mix of A and @tag (the
 * cache), stored little-endian, so an object moved or handed out at
 * another address, or from another cache, does not hold its pattern.
 * A partial word at either end holds that word's bytes at their places.
 */
void stress_fill(void *objp, size_t size, uint32_t tag);

struct stress_mismatch {
	size_t offset;			/* the first byte that differs */
	uint8_t expected, got;
};
/* True if @objp holds its pattern; otherwise where it first differs in @bad. */
bool stress_check(const void *objp, size_t size, uint32_t tag, struct stress_mismatch *bad);

#endif /* SHELL_STRESS_CORE_H */
