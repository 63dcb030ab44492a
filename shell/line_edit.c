/*
 * line_edit.c - a small line editor for a serial terminal.
 *
 * The editor only appends and erases at the end of the line, so every
 * redraw is a run of "\b \b" followed by the new text: no cursor
 * addressing, which keeps it correct on any terminal, including a dumb
 * one driven by a test script.
 *
 * History is a ring of LE_HISTORY lines; browsing with Up keeps the line
 * being typed as a draft that Down returns to.  A blank line or a repeat
 * of the newest entry is not stored.
 *
 * Portable: output and the command names come through callbacks.
 */
#include <string.h>
#include "shell/line_edit.h"

#define CTRL(c) ((c) & 0x1f)
#define KEY_DEL 0x7f
#define KEY_ESC 0x1b

enum { ESC_NONE, ESC_START, ESC_CSI, ESC_SS3 };

static void put(struct line_editor *le, const char *s, size_t len)
{
	le->out(le->ctx, s, len);
}

static void puts_le(struct line_editor *le, const char *s)
{
	put(le, s, strlen(s));
}

void le_init(struct line_editor *le, const char *prompt, le_output_fn out,
	     le_candidate_fn candidate, void *ctx)
{
	memset(le, 0, sizeof(*le));
	le->prompt = prompt;
	le->out = out;
	le->candidate = candidate;
	le->ctx = ctx;
}

void le_start(struct line_editor *le)
{
	le->len = 0;
	le->line[0] = '\0';
	le->overflow = false;
	le->esc = ESC_NONE;
	le->hist_pos = 0;
	puts_le(le, le->prompt);
}

const char *le_line(const struct line_editor *le)
{
	return le->line;
}

const char *le_history(const struct line_editor *le, unsigned int n)
{
	if (n == 0 || n > le->hist_count)
		return NULL;
	return le->history[(le->hist_newest + LE_HISTORY - (n - 1)) % LE_HISTORY];
}

static void erase_chars(struct line_editor *le, unsigned int n)
{
	while (n--)
		put(le, "\b \b", 3);
}

/* Replace the whole visible line with @text. */
static void set_line(struct line_editor *le, const char *text)
{
	size_t len = strlen(text);

	erase_chars(le, le->len);
	if (len > LE_LINE_MAX)
		len = LE_LINE_MAX;
	memcpy(le->line, text, len);
	le->line[len] = '\0';
	le->len = (unsigned int)len;
	le->overflow = false;
	put(le, le->line, len);
}

static void insert_char(struct line_editor *le, char c)
{
	if (le->len == LE_LINE_MAX) {
		if (!le->overflow)
			put(le, "\a", 1);
		le->overflow = true;
		return;
	}
	le->line[le->len++] = c;
	le->line[le->len] = '\0';
	put(le, &c, 1);
}

static void backspace(struct line_editor *le)
{
	if (le->len == 0)
		return;
	le->line[--le->len] = '\0';
	erase_chars(le, 1);
}

static void history_add(struct line_editor *le)
{
	const char *newest = le_history(le, 1);
	unsigned int slot;

	if (strspn(le->line, " \t") == le->len)
		return;
	if (newest && strcmp(newest, le->line) == 0)
		return;
	slot = le->hist_count ? (le->hist_newest + 1) % LE_HISTORY : 0;
	memcpy(le->history[slot], le->line, le->len + 1);
	le->hist_newest = slot;
	if (le->hist_count < LE_HISTORY)
		le->hist_count++;
}

static void history_move(struct line_editor *le, int dir)
{
	unsigned int pos = le->hist_pos;

	if (dir > 0 && pos < le->hist_count) {
		if (pos == 0)
			memcpy(le->draft, le->line, le->len + 1);
		pos++;
	} else if (dir < 0 && pos > 0) {
		pos--;
	} else {
		return;
	}
	le->hist_pos = pos;
	set_line(le, pos ? le_history(le, pos) : le->draft);
}

/* Redraw after printing something below the line (completion list). */
static void redraw(struct line_editor *le)
{
	puts_le(le, le->prompt);
	put(le, le->line, le->len);
}

static void complete(struct line_editor *le)
{
	const char *first = NULL, *cand;
	size_t common = 0, len = le->len;
	unsigned int i, matches = 0;

	if (!le->candidate || memchr(le->line, ' ', le->len) || le->overflow)
		return;			/* only the command name completes */
	for (i = 0; (cand = le->candidate(le->ctx, i)) != NULL; i++) {
		if (strncmp(cand, le->line, len) != 0)
			continue;
		if (!first) {
			first = cand;
			common = strlen(cand);
		}
		while (common > len && strncmp(first, cand, common) != 0)
			common--;
		matches++;
	}
	if (matches == 0) {
		put(le, "\a", 1);
	} else if (matches == 1) {
		for (const char *p = first + len; *p; p++)
			insert_char(le, *p);
		insert_char(le, ' ');
	} else if (common > len) {
		for (const char *p = first + len; p < first + common; p++)
			insert_char(le, *p);
	} else {
		puts_le(le, "\r\n");
		for (i = 0; (cand = le->candidate(le->ctx, i)) != NULL; i++) {
			if (strncmp(cand, le->line, len) == 0) {
				puts_le(le, cand);
				puts_le(le, "  ");
			}
		}
		puts_le(le, "\r\n");
		redraw(le);
	}
}

/*
 * One byte of an escape sequence (ECMA-48): after ESC, '[' opens a CSI
 * sequence and 'O' an SS3 one; CSI takes parameter (0x30-0x3f) and
 * intermediate (0x20-0x2f) bytes up to a final byte (0x40-0x7e), SS3
 * exactly one final byte.  Only Up and Down do anything.  Returns false
 * for a byte that cannot continue the sequence: the sequence ends and
 * the byte is an ordinary key, so a lone ESC or a cut-off sequence
 * never swallows the Enter after it.
 */
static bool feed_escape(struct line_editor *le, int c)
{
	if (le->esc == ESC_START) {
		le->esc = c == '[' ? ESC_CSI : c == 'O' ? ESC_SS3 : ESC_NONE;
		return le->esc != ESC_NONE;
	}
	if (le->esc == ESC_CSI && c >= 0x20 && c <= 0x3f)
		return true;
	le->esc = ESC_NONE;
	if (c < 0x40 || c > 0x7e)
		return false;
	if (c == 'A')
		history_move(le, +1);
	else if (c == 'B')
		history_move(le, -1);
	return true;
}

static enum le_result end_line(struct line_editor *le)
{
	puts_le(le, "\r\n");
	if (le->overflow)
		return LE_TOO_LONG;
	history_add(le);
	return LE_LINE;
}

enum le_result le_feed(struct line_editor *le, int c)
{
	bool after_cr = le->after_cr;

	le->after_cr = false;
	if (le->esc != ESC_NONE && feed_escape(le, c))
		return LE_CONTINUE;
	switch (c) {
	case '\r':
		le->after_cr = true;
		return end_line(le);
	case '\n':
		return after_cr ? LE_CONTINUE : end_line(le);
	case CTRL('C'):
		puts_le(le, "^C\r\n");
		return LE_CANCEL;
	case CTRL('U'):
		erase_chars(le, le->len);
		le->len = 0;
		le->line[0] = '\0';
		le->overflow = false;
		return LE_CONTINUE;
	case '\b':
	case KEY_DEL:
		if (!le->overflow)
			backspace(le);
		return LE_CONTINUE;
	case '\t':
		complete(le);
		return LE_CONTINUE;
	case KEY_ESC:
		le->esc = ESC_START;
		return LE_CONTINUE;
	default:
		if (c >= 0x20 && c < 0x7f)
			insert_char(le, (char)c);
		return LE_CONTINUE;		/* other control bytes: ignored */
	}
}
