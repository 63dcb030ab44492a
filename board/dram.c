/*
 * dram.c - finding the size of DRAM.
 *
 * A Linux-style loader (QEMU booting the raw binary, U-Boot's bootm)
 * passes a tagged list in r2; its ATAG_MEM entries give the banks.
 * Without one (QEMU or a debugger loading the ELF) we probe: each 1 MiB
 * step of the 1 GiB DRAM window is read, inverted, read back and
 * restored, under a fault guard.  Past the end of memory QEMU answers
 * with an external abort, and hardware that ignores the access fails the
 * read-back, so either way the first failing step is the end.
 *
 * Runs on CPU 0 alone, before the console, with the MMU on and the whole
 * window mapped (board/main.c then unmaps what is not there).  The fault
 * path copies structures with the C library's memcpy, which would make
 * unaligned accesses with the MMU off, so probing waits for the MMU.
 */
#include <stdbool.h>
#include "board/dram.h"
#include "board/vexpress.h"
#include "boot/fault.h"

#define ATAG_NONE  0x00000000u
#define ATAG_CORE  0x54410001u
#define ATAG_MEM   0x54410002u
#define MiB        (1024u * 1024u)

extern char __image_start[];

/* Sum of the ATAG_MEM banks contiguous from DRAM's base, or 0. */
static size_t atags_dram_size(uint32_t params)
{
	const uint32_t *tag = (const uint32_t *)(uintptr_t)params;
	const uint32_t *limit = (const uint32_t *)__image_start;
	size_t size = 0;

	if (params < V2P_CA9_DRAM_BASE || params >= (uintptr_t)limit ||
	    (params & 3) || tag[1] != ATAG_CORE)
		return 0;
	while (tag + 2 <= limit && tag[0] >= 2 && tag[1] != ATAG_NONE) {
		if (tag[1] == ATAG_MEM && tag[0] >= 4 &&
		    tag[3] == V2P_CA9_DRAM_BASE + size)
			size += tag[2];
		tag += tag[0];
	}
	return size;
}

static int probe_word(void *arg)
{
	volatile uint32_t *p = arg;
	uint32_t old = *p;
	bool ok;

	*p = ~old;
	ok = (*p == ~old);
	*p = old;
	return ok;
}

static bool dram_present(uintptr_t addr)
{
	struct fault_record rec;
	int ok = 0;

	return fault_guard_call(probe_word, (void *)addr, &ok, &rec) && ok;
}

size_t dram_detect(uint32_t boot_params, const char **source)
{
	size_t size = atags_dram_size(boot_params);

	if (size >= MiB && size <= V2P_CA9_DRAM_MAX) {
		*source = "ATAG_MEM";
		return size & ~(size_t)(MiB - 1);
	}
	*source = "probe";
	for (size = MiB; size < V2P_CA9_DRAM_MAX; size += MiB)
		if (!dram_present(V2P_CA9_DRAM_BASE + size))
			break;
	return size;
}
