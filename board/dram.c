/*
 * dram.c - finding the size of DRAM.
 *
 * A Linux-style loader (QEMU booting the raw binary, U-Boot's bootm)
 * passes a tagged list in r2; its ATAG_MEM entries give the banks.
 * Without one (QEMU or a debugger loading the ELF) we probe: a word at a
 * 1 MiB step of the 1 GiB DRAM window is read, inverted, read back and
 * restored, under a fault guard.  Past the end of memory QEMU answers
 * with an external abort, and hardware that ignores the access fails the
 * read-back, so either way a failing step is past the end.  DRAM is one
 * bank from the window's base, so the steps that pass are exactly those
 * below its end, and a binary search finds the end in 10 probes.
 *
 * Not one probe per MiB: the first touch of a page of guest RAM costs
 * QEMU's host a page fault, and with transparent huge pages one that
 * zeroes (and may first compact) 2 MiB.  Touching every MiB of a 1 GiB
 * board took 1 to 9 s before the first prompt, over 20 s when the host
 * was busy, and the test harness gave up on the boot.
 *
 * Runs on CPU 0 alone, before the console, with the MMU on and the
 * window past the image mapped uncached (board/board.c): through the
 * cache, the write and the read-back would meet in a cache line whether
 * or not memory answered.  board/main.c then maps what is there
 * cacheable and unmaps the rest.  The fault
 * path copies structures with the C library's memcpy, which would make
 * unaligned accesses with the MMU off, so probing waits for the MMU.
 */
#include <stdbool.h>
#include "board/dram.h"
#include "board/setup.h"
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

/*
 * The end of DRAM, in MiB steps: the first step not present, or the
 * window's end.  The image's MiBs are present; the search keeps
 * "every step below lo is present" and "hi is absent or the end".
 */
static size_t dram_probe_end(void)
{
	size_t lo = board_image_mib(), hi = V2P_CA9_DRAM_MAX / MiB;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (dram_present(V2P_CA9_DRAM_BASE + mid * MiB))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo * MiB;
}

size_t dram_detect(uint32_t boot_params, const char **source)
{
	size_t size = atags_dram_size(boot_params);

	if (size >= MiB && size <= V2P_CA9_DRAM_MAX) {
		*source = "ATAG_MEM";
		return size & ~(size_t)(MiB - 1);
	}
	*source = "probe";
	return dram_probe_end();
}
