/*
 * format.h - fixed-point numbers for reports that mirror tools written
 * with floating point (shell/format.c).  The firmware prints without
 * newlib's floating-point printf; these give the digits glibc's "%.Nf"
 * gives for the exact quotient.  Portable C, unit-tested on the host.
 */
#ifndef SHELL_FORMAT_H
#define SHELL_FORMAT_H

#include <stddef.h>
#include <stdint.h>

/*
 * @num / @den with @decimals digits after the point, rounded to nearest,
 * ties to even (as printf rounds an exact value), into @buf.  @den 0
 * gives "0" with the decimals (where the C tools would print "nan").
 * Returns @buf.
 */
char *format_fixed(char *buf, size_t len, uint64_t num, uint64_t den, unsigned int decimals);

#endif /* SHELL_FORMAT_H */
