/*
 * v2m_sysreg.h - the Versatile Express motherboard's system registers
 * (drivers/v2m_sysreg.c): board identity, SYS_FLAGS, the 24 MHz
 * reference counter, and the configuration bus for shutdown and reboot.
 */
#ifndef DRIVERS_V2M_SYSREG_H
#define DRIVERS_V2M_SYSREG_H

#include <stdint.h>
#include "compiler.h"

void v2m_sysreg_init(uintptr_t base);
/* SYS_LED: the eight user LEDs on the motherboard, bit i = LED i. */
void v2m_set_leds(uint32_t value);
uint32_t v2m_sys_id(void);
uint32_t v2m_sys_procid0(void);
/* Free-running 24 MHz counter (SYS_24MHZ). */
uint32_t v2m_sys_24mhz(void);
/* Clear every SYS_FLAGS bit, then set @value: a boot monitor's jump address. */
void v2m_set_flags(uint32_t value);
/* Motherboard power control through SYS_CFGCTRL; return only on failure. */
void v2m_poweroff(void);
void v2m_reboot(void);

#endif /* DRIVERS_V2M_SYSREG_H */
