/*
 * pl011.h - ARM PrimeCell PL011 UART (drivers/pl011.c): polled transmit,
 * interrupt-driven receive into a ring buffer.
 */
#ifndef DRIVERS_PL011_H
#define DRIVERS_PL011_H

#include <stdbool.h>
#include <stdint.h>

/* 8N1 at @baud from a @uartclk_hz reference; FIFOs on; RX interrupts on. */
void pl011_init(uintptr_t base, unsigned int uartclk_hz, unsigned int baud);
/*
 * Before everything else (MMU off, no console): 8N1 at @baud, transmit
 * only; then pl011_early_putc() polls and sends.  No state in memory.
 */
void pl011_early_init(uintptr_t base, unsigned int uartclk_hz, unsigned int baud);
void pl011_early_putc(uintptr_t base, char c);
/* Wait for FIFO room, then send @c.  Any CPU, any context. */
void pl011_putc(char c);
/* Send @c taking no lock at all: for the fault path only. */
void pl011_emergency_putc(char c);
/* Wait until everything sent has left the transmitter. */
void pl011_drain_tx(void);
/* A received byte, or -1 if none is waiting. */
int pl011_getc(void);
/* The byte pl011_getc() would return next, left in place; -1 if none. */
int pl011_peekc(void);
bool pl011_has_input(void);
/*
 * @filter sees every received byte before it enters the ring and keeps
 * it out by returning true.  Called with the receive lock held.
 */
void pl011_set_rx_filter(bool (*filter)(char c));
/*
 * Offer the bytes already received (ring and FIFO) to the filter again,
 * in order, as if they were arriving now: for a filter whose answer has
 * just changed.  The bytes it takes leave the ring; the others keep
 * their order.
 */
void pl011_refilter_rx(void);
/* The UART's interrupt handler (GIC SPI). */
void pl011_handle_irq(unsigned int irq, void *arg);

#endif /* DRIVERS_PL011_H */
