/*
 * io.h - memory-mapped device register access.
 *
 * Device regions are mapped as Device memory (boot/mmu.c), so accesses
 * are neither merged nor reordered with each other.  readl/writel do
 * not order device accesses against normal memory: a driver that hands
 * a buffer to a device, or signals another CPU through a device (an
 * SGI), issues the barrier itself.
 */
#ifndef SLABLAB_IO_H
#define SLABLAB_IO_H

#include <stdint.h>

static inline uint32_t readl(uintptr_t addr)
{
	return *(volatile uint32_t *)addr;
}

static inline void writel(uint32_t val, uintptr_t addr)
{
	*(volatile uint32_t *)addr = val;
}

#endif /* SLABLAB_IO_H */
