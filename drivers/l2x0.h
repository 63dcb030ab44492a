/*
 * l2x0.h - the PL310 (L2C-310) outer cache controller of the CoreTile
 * A9x4 (drivers/l2x0.c, drivers/l2x0_off.S), named after Linux's
 * arch/arm/mm/cache-l2x0.c.
 *
 * The register offsets are plain numbers so the early assembly, which
 * runs before any store to memory, can use them too.
 */
#ifndef DRIVERS_L2X0_H
#define DRIVERS_L2X0_H

/* Registers (PL310 TRM, "Register summary"). */
#define L2X0_CACHE_ID			0x000
#define L2X0_CTRL			0x100
#define L2X0_AUX_CTRL			0x104
#define L2X0_TAG_LATENCY_CTRL		0x108
#define L2X0_DATA_LATENCY_CTRL		0x10c
#define L2X0_CACHE_SYNC			0x730
#define L2X0_DUMMY_REG			0x740	/* the sync of PL310 r3p0 (erratum 753970) */
#define L2X0_INV_WAY			0x77c
#define L2X0_CLEAN_LINE_PA		0x7b0
#define L2X0_CLEAN_INV_WAY		0x7fc
#define L2X0_DEBUG_CTRL			0xf40

#define L2X0_AUX_ASSOC_16		(1 << 16)	/* 16 ways, else 8 */
#define L2X0_AUX_WAY_SIZE_SHIFT		17		/* 3 bits: 16 KiB << (n - 1) */
#define L2X0_CACHE_ID_PART_SHIFT	6		/* 4 bits: 3 = PL310 */
#define L2X0_CACHE_ID_PART_L310		3
#define L2X0_CACHE_ID_RTL_MASK		0x3f
#define L310_CACHE_ID_RTL_R2P0		0x4
#define L310_CACHE_ID_RTL_R3P0		0x5
#define L2X0_LINE_SIZE			32

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>

/* What the banner says about the controller (l2x0_describe). */
struct l2x0_info {
	uint32_t cache_id;
	uint32_t aux_ctrl;
	unsigned int ways;
	unsigned int size_kib;
	bool is_pl310;		/* CACHE_ID names an L2C-310: the rest is valid */
	bool enabled;		/* CTRL now */
	bool found_on;		/* a loader left it on: l2x0_off_early() cleaned it */
};

/*
 * CPU 0 at entry, before any store to memory (no stack needed): if the
 * controller is on, clean and invalidate every way, sync and turn it
 * off.  Returns 1 if it was on, and remembers that for l2x0_describe().
 */
unsigned int l2x0_off_early(uintptr_t base);
/* The RAM latency registers (0 = one cycle); only while it is off. */
void l2x0_set_latencies(uintptr_t base, uint32_t tag, uint32_t data);
/*
 * Linux's l2x0_init(): if off, set the auxiliary control to
 * (aux & @aux_mask) | @aux_val, invalidate every way, sync and turn it
 * on; then install the outer_cache operations (boot/cacheflush.h).
 */
void l2x0_init(uintptr_t base, uint32_t aux_val, uint32_t aux_mask);
void l2x0_describe(uintptr_t base, struct l2x0_info *info);
#endif

#endif /* DRIVERS_L2X0_H */
