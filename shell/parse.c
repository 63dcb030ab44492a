/*
 * parse.c - command-line words and numbers.
 *
 * Portable: no platform headers, so tests/host builds it as is.
 */
#include <stdbool.h>
#include <stddef.h>
#include "shell/parse.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Copy one word starting at *src to *dst, removing quotes; NULL on bad quote. */
static char *scan_word(char *src, char **end)
{
	char *dst = src, *word = src;
	char quote = 0;

	for (; *src; src++) {
		if (quote) {
			if (*src == quote)
				quote = 0;
			else
				*dst++ = *src;
		} else if (*src == '\'' || *src == '"') {
			quote = *src;
		} else if (is_blank(*src)) {
			break;
		} else {
			*dst++ = *src;
		}
	}
	if (quote)
		return NULL;
	*end = *src ? src + 1 : src;
	*dst = '\0';
	return word;
}

int parse_words(char *line, char **argv, int max)
{
	int argc = 0;

	for (;;) {
		while (is_blank(*line))
			line++;
		if (!*line)
			return argc;
		if (argc == max)
			return PARSE_ERR_TOO_MANY;
		argv[argc] = scan_word(line, &line);
		if (!argv[argc])
			return PARSE_ERR_QUOTE;
		argc++;
	}
}

const char *parse_words_error(int err)
{
	switch (err) {
	case PARSE_ERR_QUOTE:    return "unterminated quote";
	case PARSE_ERR_TOO_MANY: return "too many words on the line";
	default:                 return "cannot parse the line";
	}
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static unsigned int suffix_shift(char c)
{
	switch (c) {
	case 'k': case 'K': return 10;
	case 'm': case 'M': return 20;
	case 'g': case 'G': return 30;
	default:            return 0;
	}
}

const char *parse_u64(const char *s, uint64_t *out)
{
	unsigned int base = 10, shift;
	uint64_t v = 0;
	const char *p = s;
	int d;

	if (!s || !*s)
		return "empty number";
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	if (!*p || digit_value(*p) < 0 || (unsigned int)digit_value(*p) >= base)
		return "not a number";
	for (; *p && (d = digit_value(*p)) >= 0 && (unsigned int)d < base; p++) {
		if (v > (UINT64_MAX - (uint64_t)d) / base)
			return "number too large";
		v = v * base + (uint64_t)d;
	}
	shift = *p ? suffix_shift(*p) : 0;
	if (*p && (!shift || p[1]))
		return "not a number";
	if (shift && v > (UINT64_MAX >> shift))
		return "number too large";
	*out = v << shift;
	return NULL;
}

const char *parse_u32(const char *s, uint32_t *out, uint32_t max)
{
	uint64_t v;
	const char *err = parse_u64(s, &v);

	if (err)
		return err;
	if (v > max)
		return "number too large";
	*out = (uint32_t)v;
	return NULL;
}
