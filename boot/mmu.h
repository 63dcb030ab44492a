/*
 * mmu.h - the identity map (boot/mmu.c).
 *
 * The board describes its regions; CPU 0 builds one L1 table of 1 MiB
 * sections from them and every CPU turns its MMU on with that table.
 * Addresses outside every region stay unmapped, so a stray access
 * (a NULL pointer, an address typed into md) takes a translation fault
 * instead of reaching a device.
 */
#ifndef BOOT_MMU_H
#define BOOT_MMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum mem_type {
	MT_NORMAL,		/* write-back write-allocate, shareable, RW */
	MT_NORMAL_NC,		/* normal uncached, shareable, RW, no exec */
	MT_ROM,			/* write-through, read-only */
	MT_DEVICE,		/* shareable device, RW, no exec */
};

struct mem_region {
	const char *name;
	uintptr_t base;		/* 1 MiB aligned */
	size_t size;		/* multiple of 1 MiB */
	enum mem_type type;
};

/* CPU 0, MMU off: build the table from @regions. */
void mmu_build_identity_map(const struct mem_region *regions, unsigned int n);
/* Every CPU, after entry.S cleaned its L1 and cpu_enable_coherency(). */
void mmu_enable(void);
/*
 * CPU 0, before the secondaries start: make [@base, @base + @size) fault
 * again (DRAM the board turned out not to have).  1 MiB granules.
 */
void mmu_unmap_range(uintptr_t base, size_t size);
/*
 * CPU 0, before the secondaries start: map [@base, @base + @size) as
 * @type instead.  Only from a type that allocated no cache lines there
 * (MT_NORMAL_NC, or unmapped): nothing is cleaned but the table.
 */
void mmu_map_range(uintptr_t base, size_t size, enum mem_type type);
/* True if a privileged read of @va would translate (no abort from the MMU). */
bool mmu_va_readable(uintptr_t va);

#endif /* BOOT_MMU_H */
