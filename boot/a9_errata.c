/*
 * a9_errata.c - the Cortex-A9 errata table and the choice by revision.
 *
 * The V2P-CA9 carries r0p1 parts, QEMU models r0p0, later CoreTiles and
 * other boards carry r1 to r4.  Each CPU applies the plan for its own
 * MIDR in Secure state before its caches go on (boot/cpu_errata.c):
 * diagnostic register bits, as Linux's proc-v7.S (__v7_setup) and
 * U-Boot's start.S set them, and the SCU bit of 764369 (Linux's
 * scu_enable).  Errata fixed in software are listed too, for the boot
 * line and docs/boards.md: the code around them is always written that
 * way, on every revision, since it costs a barrier or nothing.
 *
 * No CP15 access here: the functions are pure, and tested on the host.
 */
#include "boot/a9_errata.h"

#define MIDR_A9_MASK  0xff0ffff0u	/* implementer, architecture, part */
#define MIDR_A9       0x410fc090u
#define R(v, p)       ((uint8_t)((v) << 4 | (p)))
#define ANY_P         0xf

const struct a9_erratum a9_errata[] = {
	{ "742230", R(1, 0), R(2, 2), A9_FIX_DIAG, A9_DIAG_BIT(4),
	  "DMB may be faulty" },
	{ "742231", R(2, 0), R(2, 2), A9_FIX_DIAG, A9_DIAG_BIT(12) | A9_DIAG_BIT(22),
	  "two dirty lines may be lost" },
	{ "743622", R(2, 0), R(2, ANY_P), A9_FIX_DIAG, A9_DIAG_BIT(6),
	  "store buffer hazard check may corrupt data" },
	{ "751472", R(0, 0), R(2, ANY_P), A9_FIX_DIAG, A9_DIAG_BIT(11),
	  "an interrupted ICIALLUIS may not complete" },
	{ "754327", R(0, 0), R(1, ANY_P), A9_FIX_CODE, 0,
	  "no automatic store buffer drain: barriers in polling loops" },
	{ "761320", R(0, 0), R(3, ANY_P), A9_FIX_DIAG, A9_DIAG_BIT(21),
	  "full-line writes from several CPUs may deadlock" },
	{ "764369", R(0, 0), R(15, ANY_P), A9_FIX_SCU, 0,
	  "clean by MVA may not reach the point of coherency" },
	{ "794072", R(0, 0), R(15, ANY_P), A9_FIX_DIAG, A9_DIAG_BIT(4),
	  "a short loop with a DMB may starve another CPU" },
	{ "845369", R(0, 0), R(15, ANY_P), A9_FIX_DIAG, A9_DIAG_BIT(22),
	  "entering streaming mode may corrupt data" },
	{ "719332", R(0, 0), R(15, ANY_P), A9_FIX_CODE, 0,
	  "prefetch: ACTLR[2:1] kept clear" },
};

const unsigned int a9_nr_errata = sizeof(a9_errata) / sizeof(a9_errata[0]);

bool a9_errata_plan(uint32_t midr, struct a9_errata_plan *plan)
{
	*plan = (struct a9_errata_plan){ 0 };
	if ((midr & MIDR_A9_MASK) != MIDR_A9)
		return false;
	plan->rev = ((midr >> 16) & 0xf0) | (midr & 0xf);
	for (unsigned int i = 0; i < a9_nr_errata; i++) {
		const struct a9_erratum *e = &a9_errata[i];

		if (plan->rev < e->first || plan->rev > e->last)
			continue;
		plan->applies |= 1u << i;
		if (e->fix == A9_FIX_DIAG)
			plan->diag_set |= e->diag;
		if (e->fix == A9_FIX_SCU)
			plan->scu_diag = true;
	}
	return true;
}

uint32_t a9_actlr_value(uint32_t actlr)
{
	/* FW whatever SMP was: a loader may have set one without the other. */
	return (actlr | (1u << 6) | (1u << 0)) & ~A9_ACTLR_PREFETCH;
}
