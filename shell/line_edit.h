/*
 * line_edit.h - the shell's line editor (shell/line_edit.c): fed one
 * input byte at a time, it echoes, edits, keeps history and completes
 * command names.  Portable C, unit-tested on the host.
 *
 * Keys: printable characters insert at the end; Backspace/DEL erases;
 * Ctrl-U erases the line; Ctrl-C cancels it; Up/Down (ESC [ A/B or
 * ESC O A/B) walk the history; other escape sequences (Home, Delete,
 * ...) are ignored whole, and a byte that cannot continue one ends it and
 * counts as a key (so a lone ESC does not eat the Enter after it); Tab
 * completes the command name; CR, LF or CR LF end the line.  A line
 * holds at most LE_LINE_MAX characters:
 * anything typed beyond is dropped (with one bell) and the line is
 * refused when it ends.
 */
#ifndef SHELL_LINE_EDIT_H
#define SHELL_LINE_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#define LE_LINE_MAX 256
#define LE_HISTORY  32

enum le_result {
	LE_CONTINUE,	/* keep feeding */
	LE_LINE,	/* a line is ready: le_line() */
	LE_CANCEL,	/* Ctrl-C */
	LE_TOO_LONG,	/* the line ended but was longer than LE_LINE_MAX */
};

/* Writes echo and redraws. */
typedef void (*le_output_fn)(void *ctx, const char *s, size_t len);
/* Returns the @i-th candidate for completion, NULL after the last. */
typedef const char *(*le_candidate_fn)(void *ctx, unsigned int i);

struct line_editor {
	char line[LE_LINE_MAX + 1];
	unsigned int len;
	bool overflow;			/* characters were dropped */
	unsigned char esc;		/* escape-sequence state */
	bool after_cr;			/* swallow the LF of a CR LF */
	char history[LE_HISTORY][LE_LINE_MAX + 1];
	unsigned int hist_count;	/* entries stored, <= LE_HISTORY */
	unsigned int hist_newest;	/* slot of the newest entry */
	unsigned int hist_pos;		/* 0: editing; n: n-th newest entry shown */
	char draft[LE_LINE_MAX + 1];	/* the line being typed before Up */
	const char *prompt;
	le_output_fn out;
	le_candidate_fn candidate;
	void *ctx;
};

void le_init(struct line_editor *le, const char *prompt, le_output_fn out,
	     le_candidate_fn candidate, void *ctx);
/* Start a new line: print the prompt. */
void le_start(struct line_editor *le);
enum le_result le_feed(struct line_editor *le, int c);
/* The finished line (valid after LE_LINE until the next le_start). */
const char *le_line(const struct line_editor *le);
/* The @n-th newest history entry (1 = newest), or NULL. */
const char *le_history(const struct line_editor *le, unsigned int n);

#endif /* SHELL_LINE_EDIT_H */
