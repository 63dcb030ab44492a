/*
 * scu.h - the Cortex-A9 MPCore Snoop Control Unit (boot/scu.c).
 */
#ifndef BOOT_SCU_H
#define BOOT_SCU_H

#include <stdint.h>

/* Number of CPUs in the cluster, from SCU_CONFIG. */
unsigned int scu_num_cpus(uintptr_t scu_base);
/* CPU 0, once, before any CPU enables its caches. */
void scu_enable(uintptr_t scu_base);
/* CPU 0, once, Secure, before the caches: the SCU half of erratum 764369. */
void scu_apply_errata(uintptr_t scu_base);

#endif /* BOOT_SCU_H */
