/*
 * a9_errata.h - which Cortex-A9 errata this CPU revision needs, and how
 * each is worked around (boot/a9_errata.c).  Pure functions of MIDR,
 * built on the host too (tests/host/test_a9_errata.c).
 */
#ifndef BOOT_A9_ERRATA_H
#define BOOT_A9_ERRATA_H

#include <stdbool.h>
#include <stdint.h>

/* How an erratum is worked around. */
enum a9_fix {
	A9_FIX_DIAG,		/* bits set in the diagnostic register (Secure) */
	A9_FIX_SCU,		/* SCU diagnostic control bit 0, plus a DSB in code */
	A9_FIX_CODE,		/* the firmware's code is written around it */
};

struct a9_erratum {
	const char *id;		/* ARM's erratum number */
	uint8_t first, last;	/* revisions affected: rNpM as 0xNM */
	enum a9_fix fix;
	uint32_t diag;		/* A9_FIX_DIAG: the bits to set */
	const char *what;	/* the erratum, in a few words */
};

extern const struct a9_erratum a9_errata[];
extern const unsigned int a9_nr_errata;

struct a9_errata_plan {
	unsigned int rev;	/* MIDR variant << 4 | revision: r0p1 is 0x01 */
	uint32_t applies;	/* bit i: a9_errata[i] affects this revision */
	uint32_t diag_set;	/* OR these into the diagnostic register */
	bool scu_diag;		/* set SCU diagnostic control bit 0 */
};

/* Cortex-A9 diagnostic register bits (c15, c0, 1) named by the errata. */
#define A9_DIAG_BIT(n) (1u << (n))

/* ACTLR bits 2:1, L1 and L2 prefetch (erratum 719332: keep them clear). */
#define A9_ACTLR_PREFETCH ((1u << 2) | (1u << 1))

/* False (and an empty plan) if @midr is not an ARM Cortex-A9. */
bool a9_errata_plan(uint32_t midr, struct a9_errata_plan *plan);
/* ACTLR as the firmware wants it, from @actlr: SMP and FW set, prefetch clear. */
uint32_t a9_actlr_value(uint32_t actlr);

#endif /* BOOT_A9_ERRATA_H */
