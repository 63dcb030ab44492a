/*
 * parse.h - splitting a command line into words and reading numbers
 * (shell/parse.c).  Portable C, unit-tested on the host.
 */
#ifndef SHELL_PARSE_H
#define SHELL_PARSE_H

#include <stdint.h>

#define SHELL_MAX_ARGS 32

/*
 * Split @line in place into at most @max words separated by blanks.
 * 'single' and "double" quotes group blanks into a word and are removed.
 * Returns the number of words, or a negative PARSE_ERR_* value.
 */
int parse_words(char *line, char **argv, int max);

#define PARSE_ERR_QUOTE     (-1)	/* unterminated quote */
#define PARSE_ERR_TOO_MANY  (-2)	/* more than @max words */

/* What went wrong, for a negative parse_words() result. */
const char *parse_words_error(int err);

/*
 * Read an unsigned number: decimal or 0x-prefixed hexadecimal, optionally
 * followed by a K (x1024), M (x1024^2) or G (x1024^3) suffix, either case.
 * Returns NULL on success, else why the text is not such a number.
 */
const char *parse_u64(const char *s, uint64_t *out);
/* As parse_u64, also refusing values above @max. */
const char *parse_u32(const char *s, uint32_t *out, uint32_t max);

#endif /* SHELL_PARSE_H */
