/*
 * l2x0.c - the PL310 (L2C-310) outer cache controller, after Linux's
 * arch/arm/mm/cache-l2x0.c: turning it on, and the outer_cache
 * operations boot/ calls to clean lines past it to DRAM.
 *
 * Physical addresses are virtual ones (the identity map), so the
 * operations take the addresses the callers have.  The controller is
 * one for all CPUs: its by-line and sync operations are serialised by
 * l2x0_lock, interrupts off, as Linux does, so one CPU's sync never
 * interleaves with another's line operations.  Operations on a PL310
 * complete before the register write returns; the polls are there for
 * the older L210/L220 programming model, which Linux keeps too.
 *
 * Turning it off at entry is drivers/l2x0_off.S: it must run before
 * the first store, which C cannot promise.
 */
#include "boot/cacheflush.h"
#include "drivers/l2x0.h"
#include "io.h"
#include "spinlock.h"

#define CACHE_LINE_MASK		(L2X0_LINE_SIZE - 1)

extern uint32_t l2x0_found_on;		/* drivers/l2x0_off.S */

static uintptr_t l2x0_base;
static uint32_t sync_reg = L2X0_CACHE_SYNC;
static DEFINE_SPINLOCK(l2x0_lock);

static uint32_t rtl_release(uintptr_t base)
{
	return readl(base + L2X0_CACHE_ID) & L2X0_CACHE_ID_RTL_MASK;
}

static unsigned int way_count(uint32_t aux)
{
	return aux & L2X0_AUX_ASSOC_16 ? 16 : 8;
}

/* Write @val to @reg and wait for the bits in @busy to clear. Lock held. */
static void sync_writel(uint32_t val, uint32_t reg, uint32_t busy)
{
	writel(val, l2x0_base + reg);
	while (readl(l2x0_base + reg) & busy)
		;
}

static void cache_sync(void)
{
	sync_writel(0, sync_reg, 1);
}

static void l2x0_clean_range(unsigned long start, unsigned long end)
{
	unsigned long flags;

	spin_lock_irqsave(&l2x0_lock, flags);
	for (start &= ~(unsigned long)CACHE_LINE_MASK; start < end; start += L2X0_LINE_SIZE)
		sync_writel(start, L2X0_CLEAN_LINE_PA, 1);
	cache_sync();
	spin_unlock_irqrestore(&l2x0_lock, flags);
}

static void l2x0_sync(void)
{
	unsigned long flags;

	spin_lock_irqsave(&l2x0_lock, flags);
	cache_sync();
	spin_unlock_irqrestore(&l2x0_lock, flags);
}

/* Invalidate every way and sync: nothing from before is in it. Off, one CPU. */
static void l2x0_inv_all(uint32_t way_mask)
{
	sync_writel(way_mask, L2X0_INV_WAY, way_mask);
	cache_sync();
}

void l2x0_set_latencies(uintptr_t base, uint32_t tag, uint32_t data)
{
	if (readl(base + L2X0_CTRL) & 1)
		return;		/* writable only while it is off */
	writel(tag, base + L2X0_TAG_LATENCY_CTRL);
	writel(data, base + L2X0_DATA_LATENCY_CTRL);
}

void l2x0_init(uintptr_t base, uint32_t aux_val, uint32_t aux_mask)
{
	uint32_t aux;

	l2x0_base = base;
	if (rtl_release(base) == L310_CACHE_ID_RTL_R3P0)
		sync_reg = L2X0_DUMMY_REG;			/* erratum 753970 */
	if (!(readl(base + L2X0_CTRL) & 1)) {
		aux = (readl(base + L2X0_AUX_CTRL) & aux_mask) | aux_val;
		writel(aux, base + L2X0_AUX_CTRL);
		l2x0_inv_all((1u << way_count(aux)) - 1);
		writel(1, base + L2X0_CTRL);
	}
	outer_cache.clean_range = l2x0_clean_range;
	outer_cache.sync = l2x0_sync;
}

void l2x0_describe(uintptr_t base, struct l2x0_info *info)
{
	uint32_t id = readl(base + L2X0_CACHE_ID);
	uint32_t aux = readl(base + L2X0_AUX_CTRL);
	unsigned int way_size = (aux >> L2X0_AUX_WAY_SIZE_SHIFT) & 7;

	info->cache_id = id;
	info->aux_ctrl = aux;
	info->is_pl310 = ((id >> L2X0_CACHE_ID_PART_SHIFT) & 0xf) == L2X0_CACHE_ID_PART_L310;
	info->ways = way_count(aux);
	/* 0 and 1 both mean 16 KiB; 6 and 7 both 512 KiB */
	way_size = way_size < 1 ? 1 : way_size > 6 ? 6 : way_size;
	info->size_kib = info->ways * (16u << (way_size - 1));
	info->enabled = readl(base + L2X0_CTRL) & 1;
	info->found_on = l2x0_found_on != 0;
}
