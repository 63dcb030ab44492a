/*
 * vmstat.c - the zone counters, and the reports that show them in
 * Linux's formats: /proc/buddyinfo (mm/vmstat.c in Linux) and
 * /proc/meminfo (fs/proc/proc_misc.c in Linux 2.6.24).
 *
 * The counters are atomic_t per zone and exact at every moment; a report
 * reads each free list count under its zone's lock, so a buddyinfo line
 * is one consistent snapshot of its zone.
 */
#include <stdio.h>
#include "mm/mm.h"
#include "mm/mmzone.h"

#define K(pages) ((pages) << (PAGE_SHIFT - 10))

unsigned long zone_page_state(const struct zone *zone, enum zone_stat_item item)
{
	return (unsigned long)atomic_read(&zone->vm_stat[item]);
}

unsigned long global_page_state(enum zone_stat_item item)
{
	unsigned long sum = 0;

	for (unsigned int i = 0; i < MAX_NR_ZONES; i++)
		sum += zone_page_state(&NODE_DATA(0)->node_zones[i], item);
	return sum;
}

void mod_zone_page_state(struct zone *zone, enum zone_stat_item item, long delta)
{
	atomic_add((int)delta, &zone->vm_stat[item]);
}

void show_buddyinfo(void)
{
	pg_data_t *pgdat = NODE_DATA(0);

	for (unsigned int i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = &pgdat->node_zones[i];
		unsigned long nr_free[MAX_ORDER];
		unsigned long flags;

		if (!populated_zone(zone))
			continue;
		spin_lock_irqsave(&zone->lock, flags);
		for (unsigned int order = 0; order < MAX_ORDER; order++)
			nr_free[order] = zone->free_area[order].nr_free;
		spin_unlock_irqrestore(&zone->lock, flags);

		printf("Node %d, zone %8s ", pgdat->node_id, zone->name);
		for (unsigned int order = 0; order < MAX_ORDER; order++)
			printf("%6lu ", nr_free[order]);
		printf("\n");
	}
}

void show_meminfo(void)
{
	unsigned long reclaimable = global_page_state(NR_SLAB_RECLAIMABLE);
	unsigned long unreclaimable = global_page_state(NR_SLAB_UNRECLAIMABLE);

	printf("MemTotal:     %8lu kB\n", K(totalram_pages));
	printf("MemFree:      %8lu kB\n", K(global_page_state(NR_FREE_PAGES)));
	printf("Slab:         %8lu kB\n", K(reclaimable + unreclaimable));
	printf("SReclaimable: %8lu kB\n", K(reclaimable));
	printf("SUnreclaim:   %8lu kB\n", K(unreclaimable));
	printf("Reserved:     %8lu kB\n", K(reserved_pages));
}
