/*
 * vexpress.h - the Versatile Express V2P-CA9 board: every address and
 * register this firmware touches, named as in ARM's manuals (DUI0447
 * "Motherboard Express uATX", DUI0448 "CoreTile Express A9x4").
 *
 * This is the only file that knows the memory map.  Drivers receive
 * their base addresses from board.c; mm/ receives DRAM as a range.
 *
 * Physical memory map ("legacy" map, used with the CoreTile A9x4):
 *
 *   0x00000000 +----------------------------+
 *              | boot alias (QEMU: DRAM)    |  not mapped: NULL faults
 *   0x10000000 +----------------------------+
 *              | motherboard peripherals    |  CS7: sysregs, UARTs,
 *              |  (0x10000000-0x1001ffff)   |  timers, ... (device)
 *              | daughterboard peripherals  |  0x10020000-0x100fffff
 *   0x1e000000 +----------------------------+
 *              | A9 MPCore private region   |  SCU, GIC, timers; the
 *              |  (PERIPHBASE, from CBAR)   |  base is read from CBAR
 *   0x1e00a000 | PL310 L2 cache controller  |  (left disabled)
 *   0x40000000 +----------------------------+
 *              | NOR flash 0 (64 MiB, CS0)  |  mapped read-only
 *   0x44000000 | NOR flash 1 (64 MiB, CS1)  |  mapped read-only
 *   0x48000000 | SRAM (32 MiB, CS2)         |  uncached
 *   0x60000000 +----------------------------+
 *              | DRAM (up to 1 GiB)         |  normal, write-back,
 *              |  0x60010000: this image    |  shareable
 *   0xa0000000 +----------------------------+
 */
#ifndef BOARD_VEXPRESS_H
#define BOARD_VEXPRESS_H

/* ---- DRAM --------------------------------------------------------- */
#define V2P_CA9_DRAM_BASE        0x60000000u
#define V2P_CA9_DRAM_MAX         0x40000000u   /* 1 GiB window */
/* A boot loader hands over ATAGs/DTB below the image: QEMU at +0x100. */
#define V2P_CA9_IMAGE_OFFSET     0x00010000u

/* ---- static memory (flash, SRAM) ----------------------------------- */
#define V2M_NOR0_BASE            0x40000000u
#define V2M_NOR1_BASE            0x44000000u
#define V2M_NOR_SIZE             0x04000000u
#define V2M_SRAM_BASE            0x48000000u
#define V2M_SRAM_SIZE            0x02000000u

/* ---- motherboard peripherals, CS7 ---------------------------------- */
#define V2M_PERIPH_BASE          0x10000000u
#define V2M_PERIPH_SIZE          0x00100000u   /* with daughterboard's */

#define V2M_SYSREGS              0x10000000u   /* drivers/v2m_sysreg.c */
#define V2M_SYS_24MHZ_HZ         24000000u

#define V2M_MMCI                 0x10005000u
#define V2M_KMI0                 0x10006000u
#define V2M_KMI1                 0x10007000u
#define V2M_UART0                0x10009000u
#define V2M_UART1                0x1000a000u
#define V2M_UART2                0x1000b000u
#define V2M_UART3                0x1000c000u
#define V2M_WDT                  0x1000f000u   /* SP805 */
#define V2M_UARTCLK_HZ           24000000u     /* OSC2 on the motherboard */
#define V2M_UART_BAUD            38400u        /* the Boot Monitor's rate */

/* Motherboard interrupts are GIC SPIs; SPI n is interrupt ID 32 + n. */
#define V2M_GIC_SPI(n)           (32u + (n))
#define V2M_IRQ_UART0            V2M_GIC_SPI(5)

/* ---- CoreTile A9x4 ------------------------------------------------- */
#define CT_CA9X4_PERIPHBASE      0x1e000000u   /* expected CBAR value */
#define CT_CA9X4_L2CC            0x1e00a000u
#define CT_CA9X4_WDT             0x100e5000u   /* SP805, daughterboard space */

/* Offsets in the Cortex-A9 MPCore private memory region (DDI0407). */
#define A9_SCU_OFFSET            0x0000
#define A9_GIC_CPU_OFFSET        0x0100
#define A9_GTIMER_OFFSET         0x0200
#define A9_TWD_OFFSET            0x0600
#define A9_WDT_OFFSET            0x0620        /* the private watchdog */
#define A9_GIC_DIST_OFFSET       0x1000
#define A9_PRIV_REGION_SIZE      0x2000

/* Private peripheral interrupts (PPIs) of every Cortex-A9 core. */
#define A9_IRQ_GTIMER            27
#define A9_IRQ_TWD               29

#endif /* BOARD_VEXPRESS_H */
