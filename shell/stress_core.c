/*
 * stress_core.c - the stress command's streams, op choice and object
 * pattern (shell/stress_core.h says what each is for).  No state: each
 * CPU passes its own stream states, so any CPU may call anything here.
 */
#include "hash.h"
#include "shell/stress_core.h"

/* Out of 64 draws: about half allocate, a third free, the rest the slow paths. */
const unsigned char stress_op_weight[NR_STRESS_OPS] = {
	[STRESS_ALLOC] = 20, [STRESS_KMALLOC] = 12, [STRESS_FREE] = 22, [STRESS_PASS] = 7,
	[STRESS_SHRINK] = 1, [STRESS_TUNE] = 1, [STRESS_PRIVATE] = 1,
};

const char *const stress_op_name[NR_STRESS_OPS] = {
	[STRESS_ALLOC] = "alloc", [STRESS_KMALLOC] = "kmalloc", [STRESS_FREE] = "free",
	[STRESS_PASS] = "pass", [STRESS_SHRINK] = "shrink", [STRESS_TUNE] = "tune",
	[STRESS_PRIVATE] = "private",
};

uint32_t stress_rand(uint32_t *state)
{
	uint32_t s = *state;

	s ^= s << 13;
	s ^= s >> 17;
	s ^= s << 5;
	*state = s;
	return s;
}

uint32_t stress_stream(uint32_t seed, unsigned int cpu, unsigned int which)
{
	uint32_t s = mix32(mix32(seed) + 0x9e3779b9u * (2 * cpu + which + 1));

	return s ? s : 0x9e3779b9u;	/* xorshift's one stuck state */
}

enum stress_op stress_pick_op(uint32_t r)
{
	unsigned int w = r % STRESS_OP_WEIGHTS;

	for (unsigned int op = 0; op < NR_STRESS_OPS; op++) {
		if (w < stress_op_weight[op])
			return (enum stress_op)op;
		w -= stress_op_weight[op];
	}
	return STRESS_FREE;	/* the weights add up to 64: not reached */
}

size_t stress_kmalloc_size(uint32_t r1, uint32_t r2)
{
	static const uint16_t class[] = { 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096,
					  8192, 16384, 32768 };
	unsigned int i = r1 % (sizeof(class) / sizeof(class[0]));
	size_t low = i ? class[i - 1] + 1u : 1u;

	return low + r2 % (class[i] - low + 1);
}

static uint32_t pattern_word(uintptr_t addr, uint32_t tag)
{
	return mix32((uint32_t)addr ^ (tag * 0x9e3779b9u));
}

static uint8_t pattern_byte(uintptr_t addr, uint32_t tag)
{
	return (uint8_t)(pattern_word(addr & ~(uintptr_t)3, tag) >> (8 * (addr & 3)));
}

/* The byte loop for a partial word at either end; words in between. */
void stress_fill(void *objp, size_t size, uint32_t tag)
{
	uint8_t *p = objp, *end = p + size;

	for (; p < end && ((uintptr_t)p & 3); p++)
		*p = pattern_byte((uintptr_t)p, tag);
	for (; end - p >= 4; p += 4)
		*(uint32_t *)p = pattern_word((uintptr_t)p, tag);
	for (; p < end; p++)
		*p = pattern_byte((uintptr_t)p, tag);
}

static bool check_bytes(const uint8_t *from, const uint8_t *to, const uint8_t *base,
			uint32_t tag, struct stress_mismatch *bad)
{
	for (const uint8_t *p = from; p < to; p++) {
		uint8_t want = pattern_byte((uintptr_t)p, tag);

		if (*p != want) {
			*bad = (struct stress_mismatch){ (size_t)(p - base), want, *p };
			return false;
		}
	}
	return true;
}

bool stress_check(const void *objp, size_t size, uint32_t tag, struct stress_mismatch *bad)
{
	const uint8_t *base = objp, *p = base, *end = base + size;

	while (p < end && ((uintptr_t)p & 3))
		p++;
	if (!check_bytes(base, p, base, tag, bad))
		return false;
	for (; end - p >= 4; p += 4)
		if (*(const uint32_t *)p != pattern_word((uintptr_t)p, tag))
			return check_bytes(p, p + 4, base, tag, bad);
	return check_bytes(p, end, base, tag, bad);
}
