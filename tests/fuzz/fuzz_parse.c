/*
 * fuzz_parse.c - libFuzzer target: the shell's tokenizer and number
 * parser (shell/parse.c), as run_line() and every command use them.
 *
 * The input is one line: parse_words() splits a copy of it, the first
 * byte choosing the word limit (SHELL_MAX_ARGS, the shell's own, most of
 * the time); each word then goes to parse_u64() and parse_u32().  Besides
 * the sanitizers, the results must hold what the callers rely on:
 *   - a word count is at most the limit, each word lies inside the
 *     buffer, is NUL-terminated there and holds no blank unless quoted
 *     (so never, when the line has no quote);
 *   - a number read is the value of its digits (checked again here the
 *     slow way), and parse_u32 agrees with parse_u64 and its limit.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "shell/parse.h"

#define LINE_MAX 1024

static void fail(const char *why)
{
	(void)why;
	abort();
}

/* The value of "[0x]DIGITS[KMG]" computed again with 128-bit arithmetic. */
static bool slow_value(const char *s, uint64_t *out)
{
	unsigned __int128 v = 0;
	unsigned int base = 10;
	const char *p = s;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	if (!*p)
		return false;
	for (; *p; p++) {
		unsigned int d;

		if (*p >= '0' && *p <= '9')
			d = (unsigned int)(*p - '0');
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			d = (unsigned int)(*p - 'a' + 10);
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			d = (unsigned int)(*p - 'A' + 10);
		else
			break;
		v = v * base + d;
		if (v > UINT64_MAX)
			return false;
	}
	if (p == s + (base == 16 ? 2 : 0))
		return false;
	if (*p) {
		unsigned int shift = 0;

		if (p[1])
			return false;
		switch (*p) {
		case 'k': case 'K': shift = 10; break;
		case 'm': case 'M': shift = 20; break;
		case 'g': case 'G': shift = 30; break;
		default: return false;
		}
		v <<= shift;
		if (v > UINT64_MAX)
			return false;
	}
	*out = (uint64_t)v;
	return true;
}

static void check_number(const char *word)
{
	uint64_t v = 0, slow = 0;
	uint32_t v32 = 0, max;
	const char *why = parse_u64(word, &v);
	bool ok = slow_value(word, &slow);

	if ((why == NULL) != ok || (ok && v != slow))
		fail("parse_u64 disagrees with the digits");
	max = (uint32_t)(slow * 2654435761u);	/* some limit, varied by the input */
	why = parse_u32(word, &v32, max);
	if ((why == NULL) != (ok && slow <= max) || (!why && v32 != slow))
		fail("parse_u32 disagrees with parse_u64 and its limit");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char line[LINE_MAX + 1];
	char *argv[SHELL_MAX_ARGS + 8];
	bool quoted;
	int max, argc;

	if (size < 1 || size > LINE_MAX + 1)
		return 0;
	max = data[0] < 200 ? SHELL_MAX_ARGS : data[0] % (SHELL_MAX_ARGS + 8);
	memcpy(line, data + 1, size - 1);
	line[size - 1] = '\0';
	quoted = strchr(line, '\'') || strchr(line, '"');
	argc = parse_words(line, argv, max);
	if (argc < 0) {
		if (argc != PARSE_ERR_QUOTE && argc != PARSE_ERR_TOO_MANY)
			fail("unknown error");
		if (!parse_words_error(argc)[0])
			fail("no message");
		return 0;
	}
	if (argc > max)
		fail("more words than asked for");
	for (int i = 0; i < argc; i++) {
		size_t len;

		if (argv[i] < line || argv[i] > line + size - 1)
			fail("a word outside the line");
		len = strlen(argv[i]);
		if (argv[i] + len > line + size - 1)
			fail("a word runs past the line");
		if (!quoted && (len == 0 || strpbrk(argv[i], " \t")))
			fail("an unquoted word is empty or holds a blank");
		check_number(argv[i]);
	}
	return 0;
}
