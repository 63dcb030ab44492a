/*
 * line_edit.h - the shell's line editor (shell/line_edit.c): fed one
 * input byte at a time, it echoes, edits, keeps history and completes
 * words.  Portable C, unit-tested on the host.
 *
 * Keys (as readline and U-Boot's cli take them, in the VT100/xterm
 * sequences PuTTY, minicom, screen and QEMU's stdio send):
 *   printable characters insert at the cursor;
 *   Left/Right (ESC [ D/C, ESC O D/C), Ctrl-B/Ctrl-F move it one character;
 *   Home (ESC [ H, ESC O H, ESC [ 1 ~, ESC [ 7 ~), Ctrl-A: to the start;
 *   End (ESC [ F, ESC O F, ESC [ 4 ~, ESC [ 8 ~), Ctrl-E: to the end;
 *   Backspace/DEL erases before the cursor, Delete (ESC [ 3 ~) and
 *   Ctrl-D (on a non-empty line) the character under it;
 *   Ctrl-K erases to the end of the line, Ctrl-U to its start;
 *   Ctrl-C cancels the line; Up/Down (ESC [ A/B, ESC O A/B) walk the
 *   history, leaving the cursor at the end;
 *   Tab completes the word before the cursor from what the completion
 *   callback offers: unique, the word and a space; several, their common
 *   prefix, and a second Tab lists them;
 *   CR, LF or CR LF end the line, wherever the cursor is.
 * Other escape sequences (Insert, function keys, modified arrows such as
 * ESC [ 1 ; 5 C) are ignored whole, and a byte that cannot continue one
 * ends it and counts as a key (so a lone ESC does not eat the Enter
 * after it).  A line holds at most LE_LINE_MAX characters: anything
 * typed beyond is dropped (with one bell) and the line is refused when
 * it ends.
 */
#ifndef SHELL_LINE_EDIT_H
#define SHELL_LINE_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#define LE_LINE_MAX 256
#define LE_HISTORY  32
#define LE_ESC_PARAM_MAX 8	/* longest CSI parameter string kept */

enum le_result {
	LE_CONTINUE,	/* keep feeding */
	LE_LINE,	/* a line is ready: le_line() */
	LE_CANCEL,	/* Ctrl-C */
	LE_TOO_LONG,	/* the line ended but was longer than LE_LINE_MAX */
};

/* Writes echo and redraws. */
typedef void (*le_output_fn)(void *ctx, const char *s, size_t len);
/* Hands one candidate word (@len bytes, not NUL-terminated) to the editor. */
typedef void (*le_emit_fn)(void *arg, const char *word, size_t len);
/*
 * Emits every word that may follow @before (the @len bytes of the line
 * before the word being completed, ending in a blank or empty); the
 * editor keeps those that start with what was typed of the word.
 */
typedef void (*le_complete_fn)(void *ctx, const char *before, size_t len,
			       le_emit_fn emit, void *arg);

struct line_editor {
	char line[LE_LINE_MAX + 1];
	unsigned int len;
	unsigned int pos;		/* the cursor: 0..len */
	bool overflow;			/* characters were dropped */
	unsigned char esc;		/* escape-sequence state */
	unsigned char esc_nparam;	/* CSI parameter bytes seen */
	char esc_param[LE_ESC_PARAM_MAX];
	bool after_cr;			/* swallow the LF of a CR LF */
	bool tab_ambiguous;		/* the last key was a Tab that left several */
	char history[LE_HISTORY][LE_LINE_MAX + 1];
	unsigned int hist_count;	/* entries stored, <= LE_HISTORY */
	unsigned int hist_newest;	/* slot of the newest entry */
	unsigned int hist_pos;		/* 0: editing; n: n-th newest entry shown */
	char draft[LE_LINE_MAX + 1];	/* the line being typed before Up */
	const char *prompt;
	le_output_fn out;
	le_complete_fn complete;
	void *ctx;
};

/* @ctx goes to both callbacks; @complete may be NULL (Tab rings the bell). */
void le_init(struct line_editor *le, const char *prompt, le_output_fn out,
	     le_complete_fn complete, void *ctx);
/* Start a new line: print the prompt. */
void le_start(struct line_editor *le);
enum le_result le_feed(struct line_editor *le, int c);
/* The finished line (valid after LE_LINE until the next le_start). */
const char *le_line(const struct line_editor *le);
/* The @n-th newest history entry (1 = newest), or NULL. */
const char *le_history(const struct line_editor *le, unsigned int n);

#endif /* SHELL_LINE_EDIT_H */
