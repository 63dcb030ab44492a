/*
 * pl011.c - the console UART.
 *
 * Transmit polls the FIFO-full flag: output is rare next to the work it
 * reports, and polling works in every context, including the fault path.
 *
 * Receive is interrupt driven: the handler moves bytes from the 32-byte
 * hardware FIFO into a 4 KiB ring, so input typed while a CPU is busy is
 * kept.  Whoever waits for transmit FIFO room also drains the receive
 * FIFO, so a long burst of output with interrupts off loses no input
 * either.  When the ring is full the receive interrupt is masked and
 * bytes stay in the FIFO (QEMU then holds back further input: nothing is
 * lost); the reader unmasks it once the ring is half empty.
 *
 * The early pair (pl011_early_init/putc) runs before the MMU, the
 * console and DRAM are up: it takes the base as an argument and keeps
 * nothing in memory, so it works with the caches off and bss not clear.
 *
 * Locking: rx.lock (irqsave) protects the ring and IMSC.  Transmit has
 * no lock of its own: the console serialises its writers
 * (drivers/console.c), and lock order is console_lock -> rx.lock.
 */
#include "drivers/pl011.h"
#include "compiler.h"
#include "io.h"
#include "spinlock.h"

#define UARTDR      0x000
#define UARTRSR     0x004
#define UARTFR      0x018
#define UARTIBRD    0x024
#define UARTFBRD    0x028
#define UARTLCR_H   0x02c
#define UARTCR      0x030
#define UARTIFLS    0x034
#define UARTIMSC    0x038
#define UARTICR     0x044

#define FR_BUSY     (1u << 3)
#define FR_RXFE     (1u << 4)
#define FR_TXFF     (1u << 5)
#define LCRH_FEN    (1u << 4)
#define LCRH_WLEN8  (3u << 5)
#define CR_UARTEN   (1u << 0)
#define CR_TXE      (1u << 8)
#define CR_RXE      (1u << 9)
#define IMSC_RXIM   (1u << 4)
#define IMSC_RTIM   (1u << 6)
#define IFLS_RX_1_8 (0u << 3)

#define RX_RING_SIZE 4096		/* power of two */

static uintptr_t uart;
static bool (*rx_filter)(char c);

static struct {
	spinlock_t lock;
	unsigned int head, tail;	/* free-running; head - tail = used */
	bool throttled;
	char buf[RX_RING_SIZE];
} rx = { .lock = __SPIN_LOCK_UNLOCKED(rx.lock) };

/* Wait for the transmitter, disable the UART, set 8N1 at @baud, FIFOs on. */
static void set_line(uintptr_t base, unsigned int uartclk_hz, unsigned int baud)
{
	/* Divisor in 1/64ths: uartclk / (16 * baud), rounded. */
	uint32_t div64 = (uint32_t)((((uint64_t)uartclk_hz * 8) / baud + 1) / 2);

	while (readl(base + UARTFR) & FR_BUSY)
		;
	writel(0, base + UARTCR);
	writel(div64 >> 6, base + UARTIBRD);
	writel(div64 & 0x3f, base + UARTFBRD);
	writel(LCRH_WLEN8 | LCRH_FEN, base + UARTLCR_H);
}

void pl011_init(uintptr_t base, unsigned int uartclk_hz, unsigned int baud)
{
	uart = base;
	set_line(uart, uartclk_hz, baud);
	writel(IFLS_RX_1_8, uart + UARTIFLS);
	writel(0x7ff, uart + UARTICR);
	writel(IMSC_RXIM | IMSC_RTIM, uart + UARTIMSC);
	writel(CR_UARTEN | CR_TXE | CR_RXE, uart + UARTCR);
}

/* Move FIFO bytes into the ring; rx.lock held. */
static void rx_drain_locked(void)
{
	while (!(readl(uart + UARTFR) & FR_RXFE)) {
		if (rx.head - rx.tail == RX_RING_SIZE) {
			writel(0, uart + UARTIMSC);	/* leave the rest in the FIFO */
			rx.throttled = true;
			return;
		}
		uint32_t dr = readl(uart + UARTDR);

		if (rx_filter && rx_filter((char)(dr & 0xff)))
			continue;
		rx.buf[rx.head++ % RX_RING_SIZE] = (char)(dr & 0xff);
	}
}

static void rx_drain(void)
{
	unsigned long flags;

	spin_lock_irqsave(&rx.lock, flags);
	rx_drain_locked();
	spin_unlock_irqrestore(&rx.lock, flags);
}

void pl011_set_rx_filter(bool (*filter)(char c))
{
	rx_filter = filter;
}

void pl011_refilter_rx(void)
{
	unsigned long flags;
	unsigned int from, to;

	spin_lock_irqsave(&rx.lock, flags);
	rx_drain_locked();
	/* Compact in place: @to never passes @from, so nothing unread is overwritten. */
	for (from = to = rx.tail; from != rx.head; from++) {
		char c = rx.buf[from % RX_RING_SIZE];

		if (!rx_filter || !rx_filter(c))
			rx.buf[to++ % RX_RING_SIZE] = c;
	}
	rx.head = to;
	spin_unlock_irqrestore(&rx.lock, flags);
}

void pl011_handle_irq(unsigned int irq, void *arg)
{
	(void)irq;
	(void)arg;
	spin_lock(&rx.lock);		/* IRQs are off in the handler */
	rx_drain_locked();
	writel(IMSC_RXIM | IMSC_RTIM, uart + UARTICR);
	spin_unlock(&rx.lock);
}

int pl011_getc(void)
{
	unsigned long flags;
	int c = -1;

	spin_lock_irqsave(&rx.lock, flags);
	if (rx.head == rx.tail)
		rx_drain_locked();		/* works before interrupts are on */
	if (rx.head != rx.tail)
		c = (unsigned char)rx.buf[rx.tail++ % RX_RING_SIZE];
	if (rx.throttled && rx.head - rx.tail <= RX_RING_SIZE / 2) {
		rx.throttled = false;
		writel(IMSC_RXIM | IMSC_RTIM, uart + UARTIMSC);
	}
	spin_unlock_irqrestore(&rx.lock, flags);
	return c;
}

int pl011_peekc(void)
{
	unsigned long flags;
	int c = -1;

	spin_lock_irqsave(&rx.lock, flags);
	if (rx.head == rx.tail)
		rx_drain_locked();
	if (rx.head != rx.tail)
		c = (unsigned char)rx.buf[rx.tail % RX_RING_SIZE];
	spin_unlock_irqrestore(&rx.lock, flags);
	return c;
}

bool pl011_has_input(void)
{
	return READ_ONCE(rx.head) != READ_ONCE(rx.tail) ||
	       !(readl(uart + UARTFR) & FR_RXFE);
}

void pl011_putc(char c)
{
	while (readl(uart + UARTFR) & FR_TXFF)
		rx_drain();
	writel((unsigned char)c, uart + UARTDR);
}

void pl011_emergency_putc(char c)
{
	while (readl(uart + UARTFR) & FR_TXFF)
		;
	writel((unsigned char)c, uart + UARTDR);
}

/*
 * Before the MMU, the console and DRAM: whatever the loader set the UART
 * to, make it 8N1 at @baud and transmit; no state kept in memory.
 */
void pl011_early_init(uintptr_t base, unsigned int uartclk_hz, unsigned int baud)
{
	set_line(base, uartclk_hz, baud);
	writel(CR_UARTEN | CR_TXE, base + UARTCR);
}

void pl011_early_putc(uintptr_t base, char c)
{
	while (readl(base + UARTFR) & FR_TXFF)
		;
	writel((unsigned char)c, base + UARTDR);
}

void pl011_drain_tx(void)
{
	while (readl(uart + UARTFR) & FR_BUSY)
		;
}
