/*
 * mmu.c - one flat identity map of 1 MiB sections, shared by all CPUs.
 *
 * Short-descriptor format, TTBR0 only (TTBCR = 0), domain 0 in client
 * mode so the AP bits are enforced, TEX remap off.  The table is built
 * by CPU 0 with the MMU off and changes only once more, while CPU 0 runs
 * alone (DRAM found by the probe made cacheable, DRAM the board lacks
 * unmapped), so the secondaries use it without any locking.  Table walks are inner
 * write-back cacheable and shareable, matching the table's own memory.
 *
 * Called before the MMU is on: only word stores, no C library.
 */
#include "boot/arm.h"
#include "boot/cacheflush.h"
#include "boot/mmu.h"
#include "compiler.h"
#include "irqflags.h"

#define SECTION_SHIFT 20
#define SECTION_SIZE  (1u << SECTION_SHIFT)
#define L1_ENTRIES    4096

/* Section descriptor fields (ARMv7-A ARM, B3.5.1). */
#define PMD_TYPE_SECT (2u << 0)
#define PMD_SECT_B    (1u << 2)
#define PMD_SECT_C    (1u << 3)
#define PMD_SECT_XN   (1u << 4)
#define PMD_DOMAIN(d) ((d) << 5)
#define PMD_AP_PRIV   (1u << 10)		/* AP[1:0] = 01: privileged RW */
#define PMD_TEX(t)    ((t) << 12)
#define PMD_APX       (1u << 15)		/* with AP 01: privileged RO */
#define PMD_SECT_S    (1u << 16)

/* TTBR0 walk attributes: inner/outer WBWA, shareable, not outer shareable. */
#define TTB_FLAGS_SMP 0x6a

static const uint32_t mem_type_bits[] = {
	[MT_NORMAL]    = PMD_TEX(1) | PMD_SECT_C | PMD_SECT_B | PMD_SECT_S | PMD_AP_PRIV,
	[MT_NORMAL_NC] = PMD_TEX(1) | PMD_SECT_S | PMD_AP_PRIV | PMD_SECT_XN,
	[MT_ROM]       = PMD_TEX(0) | PMD_SECT_C | PMD_AP_PRIV | PMD_APX,
	[MT_DEVICE]    = PMD_TEX(0) | PMD_SECT_B | PMD_AP_PRIV | PMD_SECT_XN,
};

static uint32_t l1_table[L1_ENTRIES] __aligned(16384) __section(".pgtable");

static void map_region(const struct mem_region *r)
{
	uint32_t attrs = PMD_TYPE_SECT | PMD_DOMAIN(0) | mem_type_bits[r->type];
	uintptr_t end = r->base + (r->size - 1);	/* may be 0xffffffff */

	for (uintptr_t pa = r->base; pa <= end && pa >= r->base; pa += SECTION_SIZE)
		l1_table[pa >> SECTION_SHIFT] = (pa & ~(SECTION_SIZE - 1)) | attrs;
}

void mmu_build_identity_map(const struct mem_region *regions, unsigned int n)
{
	for (unsigned int i = 0; i < L1_ENTRIES; i++)
		l1_table[i] = 0;		/* fault */
	for (unsigned int i = 0; i < n; i++)
		map_region(&regions[i]);
	dsb();
}

void mmu_enable(void)
{
	uint32_t zero = 0, sctlr;

	write_ttbcr(0);
	write_ttbr0((uint32_t)(uintptr_t)l1_table | TTB_FLAGS_SMP);
	write_dacr(1);				/* domain 0: client */
	__asm__ __volatile__(
		"mcr p15, 0, %0, c8, c7, 0\n"	/* TLBIALL */
		"mcr p15, 0, %0, c7, c5, 6\n"	/* BPIALL */
		: : "r"(zero) : "memory");
	dsb();
	isb();

	sctlr = read_sctlr();
	sctlr |= SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_Z;
	sctlr &= ~(SCTLR_A | SCTLR_TRE | SCTLR_AFE | SCTLR_V | SCTLR_TE);
	write_sctlr(sctlr);
	isb();
}

void mmu_unmap_range(uintptr_t base, size_t size)
{
	uint32_t zero = 0;

	for (size_t off = 0; off < size; off += SECTION_SIZE) {
		uint32_t *entry = &l1_table[(base + off) >> SECTION_SHIFT];

		*entry = 0;
		cache_clean_range_poc((uintptr_t)entry, sizeof(*entry));
		outer_clean_range((uintptr_t)entry, (uintptr_t)(entry + 1));
	}
	__asm__ __volatile__("mcr p15, 0, %0, c8, c7, 0" /* TLBIALL */
			     : : "r"(zero) : "memory");
	dsb();
	isb();
}

void mmu_map_range(uintptr_t base, size_t size, enum mem_type type)
{
	uint32_t zero = 0;
	struct mem_region r = { "remap", base, size, type };

	map_region(&r);
	for (size_t off = 0; off < size; off += SECTION_SIZE) {
		uint32_t *entry = &l1_table[(base + off) >> SECTION_SHIFT];

		cache_clean_range_poc((uintptr_t)entry, sizeof(*entry));
		outer_clean_range((uintptr_t)entry, (uintptr_t)(entry + 1));
	}
	__asm__ __volatile__("mcr p15, 0, %0, c8, c7, 0" /* TLBIALL */
			     : : "r"(zero) : "memory");
	dsb();
	isb();
}

bool mmu_va_readable(uintptr_t va)
{
	unsigned long flags;
	uint32_t par;

	/* PAR is per CPU but shared by all contexts on it: no interrupt between. */
	local_irq_save(flags);
	write_ats1cpr(va);
	isb();
	par = read_par();
	local_irq_restore(flags);
	return (par & 1) == 0;			/* PAR.F: translation aborted */
}
