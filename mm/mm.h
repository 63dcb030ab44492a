/*
 * mm.h - what the rest of the firmware calls in mm/: start-up and the
 * Linux-format reports.
 */
#ifndef MM_MM_H
#define MM_MM_H

#include <stddef.h>
#include <stdint.h>

/*
 * Take over DRAM [@dram_start, @dram_start + @dram_size).  The pages of
 * [@reserved_start, @reserved_end) (the firmware image) are kept back;
 * mem_map is placed right after them and kept back too; every other page
 * goes to the buddy allocator.  Call once, on one CPU, before any
 * allocation.  Addresses must be page aligned and DRAM must start on a
 * MAX_ORDER_NR_PAGES boundary.
 */
void mem_init(uintptr_t dram_start, size_t dram_size,
	      uintptr_t reserved_start, uintptr_t reserved_end);

/* One "Memory: ..." line: what the allocators got, what was kept back. */
void mem_print_summary(unsigned long init_us);

/* Linux's /proc/buddyinfo, one line per populated zone. */
void show_buddyinfo(void);
/* Linux's /proc/meminfo lines that apply here, plus Reserved. */
void show_meminfo(void);

#endif /* MM_MM_H */
