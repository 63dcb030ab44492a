/*
 * format.h - numbers newlib-nano's printf cannot print (shell/format.c):
 * fixed-point numbers for reports that mirror tools written with
 * floating point (the firmware prints without newlib's floating-point
 * printf; these give the digits glibc's "%.Nf" gives for the exact
 * quotient), and 64-bit integers (nano has no %llu: it prints "lu" and
 * takes the arguments after it from the wrong place).  Portable C,
 * unit-tested on the host.
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

/* Room for any uint64_t in decimal and its NUL: "18446744073709551615". */
#define FORMAT_U64_LEN 21

/* @v in decimal into @buf, cut to @len - 1 characters as snprintf cuts. Returns @buf. */
char *format_u64(char *buf, size_t len, uint64_t v);

#endif /* SHELL_FORMAT_H */
