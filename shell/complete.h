/*
 * complete.h - what Tab offers at each place of a command line
 * (shell/complete.c): a table of the fixed words each command takes at
 * each position (subcommands, flags, modes), and the live command and
 * cache names through callbacks, so the table is tested on the host.
 */
#ifndef SHELL_COMPLETE_H
#define SHELL_COMPLETE_H

#include <stddef.h>
#include "shell/line_edit.h"

struct complete_source {
	/* Emit every command's name. */
	void (*commands)(void *ctx, le_emit_fn emit, void *arg);
	/* Emit every slab cache's name, general caches included. */
	void (*caches)(void *ctx, le_emit_fn emit, void *arg);
	void *ctx;
};

/*
 * An le_complete_fn: @src is a struct complete_source.  Emits the words
 * that may follow the @len bytes of @before (whole words and blanks).
 */
void shell_complete(void *src, const char *before, size_t len, le_emit_fn emit, void *arg);

#endif /* SHELL_COMPLETE_H */
