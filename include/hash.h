/*
 * hash.h - mix32(): a 32-bit value with every input bit spread over
 * every output bit (MurmurHash3's finaliser), for the seeded draws of
 * fault injection (mm/fault_inject.c) and the stress command's streams
 * and patterns (shell/stress_core.c).  Pure; no state, no locking.
 */
#ifndef SLABLAB_HASH_H
#define SLABLAB_HASH_H

#include <stdint.h>

static inline uint32_t mix32(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

#endif /* SLABLAB_HASH_H */
