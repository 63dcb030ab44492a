/*
 * format.c - fixed-point and 64-bit formatting (shell/format.h).
 *
 * The quotient is scaled by 10^decimals and rounded on the remainder:
 * exact integer arithmetic, so the result is the correctly rounded
 * decimal of the true quotient, as glibc prints a double that holds it.
 */
#include <stdio.h>
#include "shell/format.h"

static uint64_t power_of_ten(unsigned int n)
{
	uint64_t p = 1;

	while (n--)
		p *= 10;
	return p;
}

char *format_fixed(char *buf, size_t len, uint64_t num, uint64_t den, unsigned int decimals)
{
	uint64_t scale = power_of_ten(decimals), q, r;

	if (den == 0) {
		q = 0;
	} else {
		q = num * scale / den;
		r = num * scale % den;
		/* round half to even on the exact remainder */
		if (2 * r > den || (2 * r == den && (q & 1)))
			q++;
	}
	/* newlib-nano prints no long long: the parts fit an unsigned long */
	if (decimals)
		snprintf(buf, len, "%lu.%0*lu", (unsigned long)(q / scale), (int)decimals,
			 (unsigned long)(q % scale));
	else
		snprintf(buf, len, "%lu", (unsigned long)q);
	return buf;
}

char *format_u64(char *buf, size_t len, uint64_t v)
{
	char digits[FORMAT_U64_LEN - 1];	/* least significant first */
	unsigned int n = 0, i;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (!len)
		return buf;
	for (i = 0; i < n && i + 1 < len; i++)
		buf[i] = digits[n - 1 - i];
	buf[i] = '\0';
	return buf;
}
