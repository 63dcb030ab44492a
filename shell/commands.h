/*
 * commands.h - the handlers in the command table (shell/commands.c).
 */
#ifndef SHELL_COMMANDS_H
#define SHELL_COMMANDS_H

int do_help(int argc, char **argv);	/* shell/cmd_sys.c */
int do_version(int argc, char **argv);
int do_uptime(int argc, char **argv);
int do_sleep(int argc, char **argv);
int do_dmesg(int argc, char **argv);
int do_poweroff(int argc, char **argv);
int do_reboot(int argc, char **argv);
int do_cpus(int argc, char **argv);	/* shell/cmd_cpu.c */
int do_cpu(int argc, char **argv);
int do_md(int argc, char **argv);	/* shell/cmd_md.c */
int do_fault(int argc, char **argv);	/* shell/cmd_fault.c */
int do_smp(int argc, char **argv);	/* shell/cmd_smp.c */
int do_buddyinfo(int argc, char **argv);	/* shell/cmd_mm.c */
int do_meminfo(int argc, char **argv);
int do_pages(int argc, char **argv);
int do_slabinfo(int argc, char **argv);	/* shell/cmd_slab.c */
int do_slabstress(int argc, char **argv);
int do_reap(int argc, char **argv);
int do_stress(int argc, char **argv);	/* shell/cmd_stress.c */
int do_slabtop(int argc, char **argv);	/* shell/cmd_slabtop.c */
int do_cache(int argc, char **argv);	/* shell/cmd_cache.c */
int do_kmalloc(int argc, char **argv);	/* shell/cmd_kmalloc.c */
int do_kfree(int argc, char **argv);
int do_ksize(int argc, char **argv);
int do_whatis(int argc, char **argv);	/* shell/cmd_whatis.c */
int do_selftest(int argc, char **argv);	/* shell/selftest.c */
int do_verify(int argc, char **argv);	/* shell/cmd_verify.c */
int do_slub_debug(int argc, char **argv);	/* shell/cmd_slub_debug.c */
int do_bench(int argc, char **argv);	/* shell/cmd_bench.c */
/* On SLUB: what differs from the list "help" prints (shell/cmd_slub_help.c). */
void slub_help_note(void);
const char *slub_help_for(const char *cmd);

#endif /* SHELL_COMMANDS_H */
