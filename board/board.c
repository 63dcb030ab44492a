/*
 * board.c - the V2P-CA9 as the rest of the firmware sees it: its memory
 * map for the MMU, its identity for the banner, power control.
 *
 * board (struct board_info) is filled in once by CPU 0 during boot
 * (board/main.c) and is read-only afterwards.
 */
#include <stdio.h>
#include "board/board.h"
#include "board/setup.h"
#include "board/vexpress.h"
#include "boot/a9_errata.h"
#include "boot/arm.h"
#include "boot/cacheflush.h"
#include "boot/cpu.h"
#include "boot/mmu.h"
#include "drivers/console.h"
#include "drivers/gtimer.h"
#include "drivers/twd.h"
#include "drivers/v2m_sysreg.h"
#include "irqflags.h"
#include "smp.h"

#define MiB (1024u * 1024u)
#define POWER_TIMEOUT_US 2000000

struct board_info board;

extern char __image_end[];

/* MiBs of DRAM, from its base, that the image (with bss, stacks, page table) covers. */
size_t board_image_mib(void)
{
	return ((uintptr_t)__image_end - V2P_CA9_DRAM_BASE + MiB - 1) / MiB;
}

static struct mem_region regions[] = {
	{ "motherboard peripherals", V2M_PERIPH_BASE, V2M_PERIPH_SIZE, MT_DEVICE },
	{ "A9 MPCore private region", CT_CA9X4_PERIPHBASE, MiB, MT_DEVICE },
	{ "NOR flash 0", V2M_NOR0_BASE, V2M_NOR_SIZE, MT_ROM },
	{ "NOR flash 1", V2M_NOR1_BASE, V2M_NOR_SIZE, MT_ROM },
	{ "SRAM", V2M_SRAM_BASE, V2M_SRAM_SIZE, MT_NORMAL_NC },
	{ "DRAM", V2P_CA9_DRAM_BASE, 0, MT_NORMAL },	/* size set at boot */
	{ "DRAM being probed", 0, 0, MT_NORMAL_NC },	/* set at boot */
};

/* Registers whose reads change device state: FIFOs that pop, an IRQ ack. */
struct read_side_effect {
	uintptr_t addr;
	unsigned int len;
};

static struct read_side_effect read_side_effects[] = {
	{ V2M_UART0 + 0x000, 4 },	/* UARTDR: pops the RX FIFO */
	{ V2M_UART1 + 0x000, 4 },
	{ V2M_UART2 + 0x000, 4 },
	{ V2M_UART3 + 0x000, 4 },
	{ V2M_KMI0 + 0x008, 4 },	/* KMIDATA */
	{ V2M_KMI1 + 0x008, 4 },
	{ V2M_MMCI + 0x080, 0x40 },	/* MCIFIFO */
	{ CT_CA9X4_PERIPHBASE + A9_GIC_CPU_OFFSET + 0x0c, 4 },	/* GICC_IAR: acks */
};

bool board_read_has_side_effects(uintptr_t addr, unsigned int size)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(read_side_effects); i++) {
		const struct read_side_effect *r = &read_side_effects[i];

		if (addr < r->addr + r->len && r->addr < addr + size)
			return true;
	}
	return false;
}

#define DRAM_REGION 5
#define DRAM_PROBE_REGION 6

/*
 * The image's own MiBs of DRAM are mapped cacheable; the rest of the
 * window uncached until the probe (board/dram.c) has found where DRAM
 * ends.  Through the cache a write and its read-back would meet in a
 * cache line even where no memory answers, and the probe would find 1 GiB
 * on any board that does not abort the access.
 */
void board_map_memory(void)
{
	size_t image = board_image_mib() * MiB;

	regions[1].base = board.periphbase & ~(uintptr_t)(MiB - 1);
	read_side_effects[ARRAY_SIZE(read_side_effects) - 1].addr =
		board.periphbase + A9_GIC_CPU_OFFSET + 0x0c;
	regions[DRAM_REGION].size = image;
	regions[DRAM_PROBE_REGION].base = V2P_CA9_DRAM_BASE + image;
	regions[DRAM_PROBE_REGION].size = V2P_CA9_DRAM_MAX - image;
	mmu_build_identity_map(regions, ARRAY_SIZE(regions));
}

/* DRAM found: cacheable up to @size, unmapped beyond. */
void board_trim_dram(size_t size)
{
	size_t image = board_image_mib() * MiB;

	if (size > image)
		mmu_map_range(V2P_CA9_DRAM_BASE + image, size - image, MT_NORMAL);
	mmu_unmap_range(V2P_CA9_DRAM_BASE + size, V2P_CA9_DRAM_MAX - size);
	regions[DRAM_REGION].size = size;
	regions[DRAM_PROBE_REGION].size = 0;
}

static const char *midr_part_name(uint32_t midr)
{
	return ((midr >> 4) & 0xfff) == 0xc09 ? "Cortex-A9" : "unknown CPU";
}

static const char *entry_route(unsigned int via)
{
	return via == SECONDARY_ENTERED_VIA_FLAGS ? "woken through SYS_FLAGS"
						  : "entered at the entry point";
}

/* How each CPU started: which of the two boot paths this was. */
static void print_boot_route(void)
{
	unsigned int n = num_present_cpus();
	bool uniform = true;

	if (board.dram_source[0] == 'A')
		printf("Boot: cpu0 with ATAGs at 0x%08lx, DRAM size from ATAG_MEM",
		       (unsigned long)board.boot_params);
	else
		printf("Boot: cpu0 without ATAGs, DRAM size probed");
	for (unsigned int cpu = 2; cpu < n; cpu++)
		uniform &= board.entered_via[cpu] == board.entered_via[1];
	if (n == 2)
		printf("; cpu1 %s", entry_route(board.entered_via[1]));
	else if (n > 2 && uniform)
		printf("; cpu1-%u %s", n - 1, entry_route(board.entered_via[1]));
	for (unsigned int cpu = 1; cpu < n && !uniform; cpu++)
		printf("; cpu%u %s", cpu, entry_route(board.entered_via[cpu]));
	printf("\n");
}

/* True if every present CPU has the same @value[cpu]. */
static bool all_cpus_equal(const uint32_t *value)
{
	for (unsigned int cpu = 1; cpu < num_present_cpus(); cpu++)
		if (value[cpu] != value[0])
			return false;
	return true;
}

/* "cpu0-3": every present CPU. */
static void print_cpus(void)
{
	unsigned int n = num_present_cpus();

	if (n == 1)
		printf("cpu0");
	else
		printf("cpu0-%u", n - 1);
}

/*
 * The errata this revision needs (boot/a9_errata.c), and the diagnostic
 * register each CPU read back after setting its bits.
 */
static void print_errata(uint32_t midr)
{
	struct a9_errata_plan plan;

	if (!a9_errata_plan(midr, &plan)) {
		printf("Errata: none known for MIDR 0x%08lx\n", (unsigned long)midr);
		return;
	}
	printf("Errata: r%up%u needs", plan.rev >> 4, plan.rev & 0xf);
	for (unsigned int i = 0; i < a9_nr_errata; i++)
		if (plan.applies & (1u << i))
			printf(" %s", a9_errata[i].id);
	if (all_cpus_equal(board.errata_diag)) {
		printf("; diagnostic register 0x%08lx on ",
		       (unsigned long)board.errata_diag[0]);
		print_cpus();
	} else {
		for (unsigned int cpu = 0; cpu < num_present_cpus(); cpu++)
			printf("; cpu%u diagnostic register 0x%08lx", cpu,
			       (unsigned long)board.errata_diag[cpu]);
	}
	printf("\n");
}

/*
 * Only when a loader broke Linux's Booting rule (MMU and D-cache off):
 * what each CPU found, which entry.S cleaned and turned off.
 */
static void print_entry_state(void)
{
	const uint32_t on = SCTLR_M | SCTLR_C;
	bool any = false;

	for (unsigned int cpu = 0; cpu < num_present_cpus(); cpu++)
		any |= (board.entry_sctlr[cpu] & on) != 0;
	if (!any)
		return;
	printf("Entry: ");
	if (all_cpus_equal(board.entry_sctlr)) {
		print_cpus();
		printf(" SCTLR 0x%08lx", (unsigned long)board.entry_sctlr[0]);
	} else {
		for (unsigned int cpu = 0; cpu < num_present_cpus(); cpu++)
			printf("%scpu%u SCTLR 0x%08lx", cpu ? ", " : "", cpu,
			       (unsigned long)board.entry_sctlr[cpu]);
	}
	printf(": the loader left the MMU or D-cache on; cleaned and turned off\n");
}

void board_print_banner(void)
{
	uint32_t midr = read_midr();
	unsigned long mhz100 = board.timer_hz / 10000;	/* in 1/100 MHz */

	printf("slablab %s - Linux's %s allocator on a Versatile Express\n",
	       board_version(), board_allocator_name());
	printf("Build: %s\n", board_build_info());
	printf("Allocator: %s\n", board_allocator());
	printf("Board: V2P-CA9, SYS_ID 0x%08lx (HBI-%04lx rev %c), PROCID 0x%08lx\n",
	       (unsigned long)board.sys_id, (unsigned long)((board.sys_id >> 16) & 0xfff),
	       (int)('A' + (board.sys_id >> 28)), (unsigned long)board.procid);
	printf("CPU: %s r%lup%lu (MIDR 0x%08lx), PERIPHBASE 0x%08lx, L1 D-cache %u KiB, %u-byte lines\n",
	       midr_part_name(midr), (unsigned long)((midr >> 20) & 0xf),
	       (unsigned long)(midr & 0xf), (unsigned long)midr,
	       (unsigned long)board.periphbase, cache_l1d_size() / 1024, cache_line_size());
	print_errata(midr);
	print_entry_state();
	board_print_l2();
	printf("Clock: global timer %lu.%02lu MHz (%s), tick %u Hz per CPU\n",
	       mhz100 / 100, mhz100 % 100,
	       board.timer_measured ? "measured against SYS_24MHZ" : "assumed",
	       twd_hz());
	printf("Image: 0x%08lx-0x%08lx (%lu KiB)\n", (unsigned long)board.image_start,
	       (unsigned long)board.image_end,
	       (unsigned long)(board.image_end - board.image_start) / 1024);
	print_boot_route();
	printf("DRAM: %lu MiB at 0x%08lx\n", (unsigned long)(board.dram_size / MiB),
	       (unsigned long)board.dram_base);
}

void board_poweroff(void)
{
	printf("Power off.\n");
	console_sync();
	local_irq_disable();
	v2m_poweroff();
	gtimer_udelay(POWER_TIMEOUT_US);	/* QEMU acts on it asynchronously */
	printf("error: the board did not power off\n");
	console_sync();
	cpu_halt();
}

void board_reboot(void)
{
	printf("Rebooting.\n");
	console_sync();
	local_irq_disable();
	v2m_reboot();
	gtimer_udelay(POWER_TIMEOUT_US);
	printf("error: the board did not reboot\n");
	console_sync();
	cpu_halt();
}
