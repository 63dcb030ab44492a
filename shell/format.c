/*
 * format.c - fixed-point formatting (shell/format.h).
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
