/*
 * cmd_md.c - md[.b|.w|.l] ADDR [LEN]: a U-Boot style memory dump.
 *
 * Every access is checked first: an address the MMU would not translate
 * is refused (mmu_va_readable), and a register whose read would change
 * device state (the board says which) is shown as x's instead of read.
 * A bus error on a mapped address (a hole between devices) still aborts;
 * the shell's fault guard turns that into an error line.
 */
#include <stdio.h>
#include <string.h>
#include "shell/commands.h"
#include "shell/shell.h"
#include "board/board.h"
#include "boot/mmu.h"

#define MD_DEFAULT_LEN 256
#define MD_MAX_LEN     65536
#define MD_LINE_BYTES  16

struct md_line {
	char hex[MD_LINE_BYTES * 3 + 1];
	char ascii[MD_LINE_BYTES + 1];
	unsigned int hex_len, nbytes;
};

static unsigned int access_size(const char *name)
{
	const char *dot = strchr(name, '.');

	if (!dot)
		return 4;
	if (strcmp(dot, ".b") == 0)
		return 1;
	if (strcmp(dot, ".w") == 0)
		return 2;
	if (strcmp(dot, ".l") == 0)
		return 4;
	return 0;
}

static uint32_t read_unit(uintptr_t addr, unsigned int size)
{
	switch (size) {
	case 1:  return *(volatile uint8_t *)addr;
	case 2:  return *(volatile uint16_t *)addr;
	default: return *(volatile uint32_t *)addr;
	}
}

static void add_unit(struct md_line *l, uintptr_t addr, unsigned int size)
{
	bool unsafe = board_read_has_side_effects(addr, size);
	uint32_t v = unsafe ? 0 : read_unit(addr, size);

	if (unsafe)
		l->hex_len += (unsigned int)snprintf(l->hex + l->hex_len, sizeof(l->hex) - l->hex_len,
						     " %.*s", (int)size * 2, "xxxxxxxx");
	else
		l->hex_len += (unsigned int)snprintf(l->hex + l->hex_len, sizeof(l->hex) - l->hex_len,
						     " %0*lx", (int)size * 2, (unsigned long)v);
	for (unsigned int i = 0; i < size; i++) {
		unsigned char c = (unsigned char)(v >> (8 * i));	/* little-endian */

		l->ascii[l->nbytes++] = unsafe ? 'x' : (c >= 0x20 && c < 0x7f) ? (char)c : '.';
	}
	l->ascii[l->nbytes] = '\0';
}

static void print_line(uintptr_t start, const struct md_line *l, unsigned int size)
{
	/* Pad a short last line so the ASCII column stays aligned. */
	int pad = (int)((MD_LINE_BYTES - l->nbytes) / size * (size * 2 + 1));

	printf("%08lx:%s%*s    %s\n", (unsigned long)start, l->hex, pad, "", l->ascii);
}

static int dump(uintptr_t addr, uint32_t len, unsigned int size)
{
	while (len) {
		struct md_line line = { .hex_len = 0 };
		uintptr_t start = addr;

		if (shell_interrupted())
			return cmd_interrupted();
		for (; len && line.nbytes < MD_LINE_BYTES; addr += size, len -= size) {
			if (!mmu_va_readable(addr)) {
				if (line.nbytes)
					print_line(start, &line, size);
				return cmd_error("address 0x%08lx is not mapped",
						 (unsigned long)addr);
			}
			add_unit(&line, addr, size);
		}
		print_line(start, &line, size);
	}
	return CMD_OK;
}

int do_md(int argc, char **argv)
{
	unsigned int size = access_size(argv[0]);
	uint32_t addr, len = MD_DEFAULT_LEN;

	if (!size)
		return cmd_usage_error("unknown access size in '%s'", argv[0]);
	if (!cmd_parse_u32("address", argv[1], UINT32_MAX, &addr))
		return CMD_USAGE;
	if (argc == 3 && !cmd_parse_count("length", argv[2], MD_MAX_LEN, &len))
		return CMD_USAGE;
	if (addr % size)
		return cmd_error("address 0x%08lx is not aligned to %u bytes",
				 (unsigned long)addr, size);
	len = (len + size - 1) / size * size;
	if (len - 1 > UINT32_MAX - addr)
		return cmd_error("0x%08lx + %lu runs past the end of the address space",
				 (unsigned long)addr, (unsigned long)len);
	return dump(addr, len, size);
}
