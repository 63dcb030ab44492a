/*
 * commands.c - the command table: every shell command, in the order
 * "help" lists them.  Adding a command is adding a line here and its
 * handler in a shell/cmd_*.c file (declared in shell/commands.h).
 */
#include "shell/commands.h"
#include "shell/shell.h"

const struct shell_cmd shell_commands[] = {
	{
		"help", 0, 1, do_help, "help [CMD]",
		"List the commands, or explain one.",
	},
	{
		"version", 0, 0, do_version, "version",
		"Show the firmware version, how it was built and which allocator runs.\n"
		"The allocator is SLAB, or SLUB in the image make SLAB=slub builds.",
	},
	{
		"cpus", 0, 0, do_cpus, "cpus",
		"Show every CPU: state, MPIDR, ticks, interrupts and IPIs taken.\n"
		"The CPU running the command is marked \"(this cpu)\".",
	},
	{
		"cpu", 2, ARGS_UNLIMITED, do_cpu, "cpu N CMD [ARGS...]",
		"Run a shell command on CPU N and show its output.\n"
		"CPU 0 posts the command to CPU N with an IPI and waits; CPU N runs\n"
		"it in thread context, interrupts on, just as CPU 0 runs commands.\n"
		"Commands nest: 'cpu 1 cpu 2 cpus' runs cpus on CPU 2.",
	},
	{
		"uptime", 0, 0, do_uptime, "uptime",
		"Show the time since boot, from the global timer.",
	},
	{
		"sleep", 1, 1, do_sleep, "sleep SECONDS",
		"Wait SECONDS, as U-Boot's sleep does.\n"
		"At most 3600, to 0.01 s (2.5 is allowed); the timers and the reaper\n"
		"run meanwhile, and Ctrl-C ends it.  With 'reap auto off' time still\n"
		"passes for each cache's node timer: a 'reap' once it is due (cache\n"
		"show's reaper line says when) also drains the shared array.",
	},
	{
		"dmesg", 0, 1, do_dmesg, "dmesg [-c|-C]",
		"Print the kernel log, oldest line first, as Linux's dmesg.\n"
		"What the kernel reports on its own (slab errors, page allocation\n"
		"failures, WARN_ON, an oops, device warnings) goes to the console as\n"
		"it happens and is kept here too, each line stamped with the time\n"
		"since boot: [seconds.microseconds].  The log keeps the last 16 KiB;\n"
		"older lines are dropped whole.\n"
		"-c: print, then clear what was printed.  -C: clear, print nothing.",
	},
	{
		"md", 1, 2, do_md, "md[.b|.w|.l] ADDR [LEN]",
		"Display LEN bytes of memory from ADDR (default 256, at most 65536).\n"
		"Like U-Boot's md: 16 bytes a line, as words (.l, the default),\n"
		"halfwords (.w) or bytes (.b), then as ASCII.  ADDR must be aligned\n"
		"to the access size.  Reads use that size, so device registers can\n"
		"be dumped; registers whose reads have side effects show as 'x'.\n"
		"Unmapped addresses and bus errors end the dump with an error;\n"
		"Ctrl-C stops it.",
		.size_suffix = true,
	},
	{
		"buddyinfo", 0, 0, do_buddyinfo, "buddyinfo",
		"Free blocks per zone and order, as Linux's /proc/buddyinfo.\n"
		"Column N counts the free blocks of 2^N pages (4 KiB << N), N = 0..10.",
	},
	{
		"meminfo", 0, 0, do_meminfo, "meminfo",
		"Memory totals, as Linux's /proc/meminfo.\n"
		"MemTotal: the pages the allocators got at boot; MemFree; Slab,\n"
		"SReclaimable, SUnreclaim: pages held by slab caches; Reserved: the\n"
		"image and mem_map, never handed out.  Sizes in kB.",
	},
	{
		"pages", 1, 3, do_pages,
		"pages alloc ORDER [dma] | free ADDR ORDER | free all | list | stress [ROUNDS]",
		"Use the buddy allocator directly.\n"
		"alloc: allocate 2^ORDER pages (ORDER 0-10), from ZONE_DMA with 'dma',\n"
		"  and print the block's address.\n"
		"free: free a block that 'pages alloc' returned, with the same ORDER;\n"
		"  anything else is refused.  'free all' frees every block the shell\n"
		"  holds.\n"
		"list: the blocks the shell holds.\n"
		"stress: every online CPU at once allocates and frees random blocks\n"
		"  (orders 0-5) ROUNDS times (default 2000), checking that no block is\n"
		"  handed out twice and that the free lists end as they began (the\n"
		"  slab reaper is held off meanwhile).  Ctrl-C stops every CPU early.",
	},
	{
		"slabinfo", 0, 4, do_slabinfo, "slabinfo [NAME LIMIT BATCHCOUNT SHARED]",
		"The slab caches, as Linux's /proc/slabinfo (version 2.1).\n"
		"With arguments, set a cache's per-CPU array size (LIMIT), how many\n"
		"objects move at a time (BATCHCOUNT) and the shared array's size in\n"
		"batches (SHARED), as writing to /proc/slabinfo does; Linux's checks:\n"
		"LIMIT >= 1, 1 <= BATCHCOUNT <= LIMIT, SHARED >= 0; and an array\n"
		"(LIMIT, or SHARED x BATCHCOUNT entries) must fit kmalloc's largest\n"
		"cache: at most 1048572 entries.  Prints the cache's tunables read\n"
		"back.  All or nothing: a refused or failed tuning changes nothing.\n"
		"Unlike Linux, every refusal says why; Linux's write fails with\n"
		"EINVAL for an unknown NAME or a number it cannot read (and reads\n"
		"'10x' as 10), and succeeds without changing anything for values\n"
		"outside its checks.",
	},
	{
		"slabtop", 0, 2, do_slabtop, "slabtop [-d SECONDS]",
		"Slab totals and the caches by size, as procps' slabtop shows them.\n"
		"The header sums every cache; the rows are sorted by CACHE SIZE,\n"
		"biggest first.  With -d, clear the screen and show it again every\n"
		"SECONDS (1-3600) until a key is pressed: q ends it, Ctrl-C stops\n"
		"it; any other key ends it too and is left for the shell, so a\n"
		"command typed meanwhile runs whole.",
	},
	{
		"slabstress", 0, 3, do_slabstress, "slabstress [ROUNDS] [noshrink] [verify]",
		"Every online CPU at once kmallocs and kfrees objects of every size.\n"
		"Every cache is shrunk first.  Then each CPU, ROUNDS times (default\n"
		"2000): allocate a random size from a random kmalloc class (DMA ones\n"
		"too, up to 64 KiB), or free one, or hand one to another CPU to free.\n"
		"Objects are stamped and checked, and all freed at the end.  Then\n"
		"every cache is shrunk again: the buddy allocator must have exactly\n"
		"the free pages it had before.  With 'noshrink' the freed objects and\n"
		"slabs are left where they are, for cache_reap to give back over the\n"
		"next seconds (watch meminfo's Slab line).  With 'verify' this CPU\n"
		"also runs verify every 50 rounds of its share, the others going on\n"
		"past ROUNDS until its last walk: every walk must be OK, however\n"
		"busy they are.  Ctrl-C stops it.",
	},
	{
		"stress", 0, 4, do_stress, "stress [OPS] [CACHES] [SEED] [corrupt]",
		"Every online CPU at once runs OPS random slab operations, then checks.\n"
		"OPS per CPU (default 10000); CACHES stress caches (1-8, default 8):\n"
		"sizes 8 to 4096, with and without hwcache_align, one with a\n"
		"constructor, one with red_zone and poison; SEED (default 1) fixes\n"
		"each CPU's sequence of operations.  An operation: kmem_cache_alloc\n"
		"from a stress cache, kmalloc of a random size up to 32 KiB, free,\n"
		"hand an object to another CPU to free, kmem_cache_shrink, retune a\n"
		"stress cache as slabinfo does, or create a cache, use it and destroy\n"
		"it.  Every 32 operations a CPU lets its reaper run.  Every object\n"
		"holds a pattern of its address and cache, checked when it is freed.\n"
		"At the end everything is freed, the stress caches destroyed, every\n"
		"cache shrunk and verified, and the free pages must be as before.\n"
		"Prints each CPU's operations, the pattern mismatches, the detectors'\n"
		"reports, verify's line and the pages before and after.  'corrupt'\n"
		"flips a byte of one object and one of another's red zone, to see\n"
		"the pattern check and the detectors catch them.  Ctrl-C stops it;\n"
		"everything is still freed and checked.",
	},
	{
		"cache", 1, ARGS_UNLIMITED, do_cache,
		"cache SUBCOMMAND NAME ...",
		"Create, use and look inside slab caches.\n"
		"SUBCOMMAND: create, destroy, alloc, free, objects, show, map, dump,\n"
		"chain, shrink, trace, journal, corrupt, badfree.\n"
		"cache create NAME SIZE [ALIGN] [FLAG ...]: a new cache; NAME 1-31\n"
		"  characters, SIZE 1 to 4M, ALIGN a power of two up to 4M; FLAGs (any\n"
		"  case): hwcache_align, dma, reclaim, ctor (fill new objects with \"ctor\"),\n"
		"  and Linux's debugging: red_zone (guard words before and after each\n"
		"  object), poison (free objects filled with 0x6b), store_user (the\n"
		"  last caller of alloc and free, and a journal of events); on SLUB also\n"
		"  sanity_checks (slub_debug's F: every free checked).\n"
		"cache destroy NAME: refused while objects remain, and for the\n"
		"  general caches.\n"
		"cache alloc NAME [COUNT] [zero]: COUNT objects (default 1) on this\n"
		"  CPU; 'cpu N cache alloc ...' allocates on CPU N.\n"
		"cache free NAME ADDR [ADDR ...] | NAME all: free objects the shell\n"
		"  allocated from NAME, on this CPU.\n"
		"cache objects NAME: every object the shell holds from NAME, oldest\n"
		"  first: its address, the CPU that allocated it, its age (seconds\n"
		"  since it was handed out), its slab (the slab's first page) and its\n"
		"  index in the slab; then how many.\n"
		"cache show NAME: every field of the cache, key=value:\n"
		"  cache NAME: flags, the FLAGs it was created with (or none).\n"
		"  geometry: size asked; objsize, each object's buffer after rounding\n"
		"  and alignment (align); num objects per slab of 2^gfporder pages;\n"
		"  colour colours of colour_off bytes; slab_size bytes of management\n"
		"  (struct slab and a bufctl per object), off_slab=1 when it lives\n"
		"  in slabp_cache; obj_offset, red zone 1's bytes before each object;\n"
		"  left_over, a slab's bytes no object or on-slab management uses.\n"
		"  tunables: limit of each CPU array, batchcount moved per refill or\n"
		"  flush, shared (the shared array holds shared x batchcount).\n"
		"  cpuN: that CPU's array: avail objects (listed, entry[0] first;\n"
		"  the last is handed out next), limit, batchcount, touched (used\n"
		"  since the last reaping pass).\n"
		"  node0: slabs on the partial, full and free lists; free_objects in\n"
		"  them; free_limit (above it, frees give empty slabs back to the\n"
		"  buddy allocator); colour_next, the next new slab's colour; the shared\n"
		"  array's shared_avail of shared_limit (listed); free_touched.\n"
		"  slab ADDR (its struct slab): list; s_mem, object 0; colouroff,\n"
		"  s_mem's offset in the slab; inuse objects out of it; free, the\n"
		"  first on its free chain (end: none); page, its first page.\n"
		"  stats: allochit/allocmiss, allocations served by the CPU's array\n"
		"  or needing a refill; freehit/freemiss, frees that fit the array or\n"
		"  flushed it; grown and reaped slabs; high, most active ever;\n"
		"  active objects out of the slabs (in arrays too, as in Linux);\n"
		"  allocations, objects ever taken out of slabs (refills count\n"
		"  whole batches); errors the detectors reported; quarantined.\n"
		"  objects: active split into held by callers, in CPU arrays and in\n"
		"  the shared array (and quarantined outside the arrays).\n"
		"  reaper: on or off, and when each CPU's next reaping pass is due\n"
		"  (it moves objects between two commands; cache map says it too);\n"
		"  then when a pass next drains the node's shared array and frees\n"
		"  free slabs (every 4 s; 'reap' then does it too).\n"
		"cache map NAME: each slab's layout (c colour, M management, -\n"
		"  left-over, a mark per 32 bytes) and a mark per object, 64 to a row\n"
		"  led by the first index: # allocated, . free in the slab, N in CPU\n"
		"  N's array, s in the shared array, q quarantined.  With chain, a\n"
		"  free object in the slab shows its place on the free chain, mod 10\n"
		"  (0 is handed out first), and o marks any array's objects.\n"
		"cache dump NAME: what cache map shows, as one JSON object for tools:\n"
		"  geometry, arrays, and per slab its page, list, colouroff, inuse,\n"
		"  each object's map mark and its free chain (scripts/slabpic draws\n"
		"  it).\n"
		"cache chain NAME [SLAB]: each slab's free chain in order, from its\n"
		"  free index to END (a broken chain: where it breaks); SLAB is a\n"
		"  slab's first page, as cache show's page= prints it.\n"
		"cache shrink NAME | all: drain the arrays and free the free slabs of\n"
		"  one cache, or of every cache.\n"
		"cache trace NAME on|events|off: on, after each command (and before\n"
		"  it, for what moved between commands), one line per CPU and kind of\n"
		"  work: allocs and frees; refills, from the shared array, from slabs\n"
		"  or grown (each new slab and its colour); flushes, to the shared\n"
		"  array or to slabs; what cache_reap, kmem_cache_shrink and others\n"
		"  gave back to the slabs; slabs destroyed.  events, also each alloc,\n"
		"  free and move of the cache as it happens, on any CPU.  Either starts\n"
		"  the cache's journal, which then records until the cache is\n"
		"  destroyed; off stops the lines only.\n"
		"cache journal NAME [ADDR]: the journal's last 256 events, oldest\n"
		"  first, as #SEQ cpuN SECONDS.MICROS EVENT OBJECT CALLER; with ADDR,\n"
		"  that object's and its slab's.  CALLER is the allocator call's code\n"
		"  address, or the work that moved the object: cache_reap,\n"
		"  kmem_cache_shrink, kmem_cache_destroy, do_tune_cpucache.  Caches\n"
		"  created with store_user keep a journal from the start.\n"
		"The corruption lab, to see the debug checks catch real misuse (the\n"
		"allocator's reports are the output):\n"
		"cache corrupt NAME ADDR OFFSET BYTE: write BYTE (0-255) at ADDR+OFFSET;\n"
		"  ADDR starts an object of NAME, allocated by the shell, free or\n"
		"  quarantined; OFFSET (may be negative) stays in its buffer, red zones\n"
		"  and user word included.  Prints the old and the new byte.\n"
		"cache badfree NAME ADDR double|interior|wrongcache: free an object the\n"
		"  shell allocated from NAME wrongly, with kmem_cache_free(): twice\n"
		"  (it leaves the shell's record; without red zones the arrays are then\n"
		"  drained so free_block() meets it), at ADDR+4, or to another cache\n"
		"  (the kmalloc cache of its size; the next one for a kmalloc cache).\n"
		"  Ends with 'badfree: N reports, cache NAME errors=E'.\n"
		"The names are Linux 2.6.24's.  In later kernels (docs/versions.md):\n"
		"kmem_list3 (the node line) is kmem_cache_node; struct slab's fields\n"
		"are in struct page (since 3.13: inuse is page->active, and the\n"
		"bufctl chain behind free= a stack of freelist_idx_t at\n"
		"page->freelist); cache_grow is cache_grow_begin and cache_grow_end;\n"
		"cache_cache is kmem_cache_boot, cache_chain is slab_caches.",
	},
	{
		"kmalloc", 1, 2, do_kmalloc, "kmalloc SIZE [COUNT] | list",
		"Allocate objects of SIZE bytes with kmalloc() on this CPU.\n"
		"COUNT objects (default 1); prints their addresses and the general\n"
		"cache used.\n"
		"SIZE 0 makes COUNT kmalloc(0) calls, which return ZERO_SIZE_PTR:\n"
		"no object, nothing to free.\n"
		"list: every object the shell holds from kmalloc, oldest first, as\n"
		"'cache objects' shows them, with the SIZE asked and the general\n"
		"cache (size class) that served it; then how many.",
	},
	{
		"kfree", 1, ARGS_UNLIMITED, do_kfree, "kfree ADDR [ADDR ...]",
		"Free objects the shell allocated, with kfree(), on this CPU.",
	},
	{
		"ksize", 1, 1, do_ksize, "ksize ADDR",
		"The usable size of an object the shell allocated, and its cache.",
	},
	{
		"whatis", 1, 1, do_whatis, "whatis ADDR",
		"What an address is to the slab allocator (Solaris' ::whatis).\n"
		"Its cache and slab (on the partial, full or free list) and which\n"
		"part: the colour area, the struct slab, bufctl[i], the management's\n"
		"padding, the left-over, or object i: its red zone 1 or 2, its user\n"
		"word, its padding, or N bytes into it.  For an object, its state:\n"
		"allocated; free in cpuN's or the shared array (slot K of the\n"
		"objects there, the last is handed out next); free in its slab\n"
		"(position P on its free chain, 0 next); or quarantined.  Then its\n"
		"last user (store_user caches) with the newest alloc or free in the\n"
		"cache's journal.  Any address is safe to ask about.",
	},
	{
		"reap", 0, 2, do_reap, "reap [auto on|off]",
		"Run cache_reap() on every CPU now and show what each released.\n"
		"Under each CPU's total, each cache it released objects or slabs from.\n"
		"Like the timer's pass: an array used since the last pass is only\n"
		"marked unused; an unused one gives back a fifth of its limit; every\n"
		"4 s the node also drains its shared array and frees some free\n"
		"slabs.  'reap auto off' stops the automatic reaper (every 2 s), to\n"
		"look at a frozen state; 'reap auto on' restarts it.",
	},
	{
		"verify", 0, 1, do_verify, "verify [NAME]",
		"Check every slab cache, or NAME, for consistency (like ::kmem_verify).\n"
		"Each object must be in exactly one place: handed out, in one CPU's\n"
		"array or the shared array, on its slab's free chain, or quarantined\n"
		"by a detector.  Each slab's free chain must end after num - inuse\n"
		"objects, with no cycle and no index out of range; each slab must be\n"
		"on the list its inuse says, its pages marked as the cache's; the\n"
		"node's free_objects, num_active and the quarantine count must add\n"
		"up; free objects' red zones and poison must be intact, handed-out\n"
		"ones' red zones active.  The other CPUs are held still in an\n"
		"interrupt handler while the walk runs, so it sees one moment.\n"
		"Prints one line per problem, then 'verify: N errors', or\n"
		"'verify: OK (N caches, M slabs, K objects)'.",
	},
	{
		"slub_debug", 0, 1, do_slub_debug, "slub_debug [OPTIONS]",
		"Set SLUB's debugging for the caches created from now on.\n"
		"SLUB only: Linux's boot parameter slub_debug=OPTIONS at run time.\n"
		"No OPTIONS: print the setting.  OPTIONS: letters F (sanity_checks:\n"
		"every free checked), Z (red_zone), P (poison), U (store_user: alloc\n"
		"and free tracks), or '-' for none, or nothing for all four; then\n"
		"',PREFIX' to debug only caches whose name starts with PREFIX.  So\n"
		"'slub_debug ,' is every check on every cache, as the slub_debug\n"
		"image (make SLAB=slub SLAB_DEBUG=1) starts.  A debug cache is never\n"
		"merged.",
	},
	{
		"bench", 0, 2, do_bench, "bench [hot|batch|churn|xcpu|buddy|all] [OPS]",
		"Measure what allocations cost: slablab beside newlib-nano's malloc.\n"
		"hot:   allocate 64 B and free it at once (kmem_cache, kmalloc, malloc);\n"
		"batch: allocate OPS objects of 64 B, then free them all;\n"
		"churn: 1000 live objects of random sizes 8..2048 B (fixed seed): free\n"
		"  a random one, allocate a new one (kmalloc, malloc);\n"
		"xcpu:  allocate 64 B objects here, free them on the next online CPU;\n"
		"buddy: alloc_pages and __free_pages, order 0 and 3.\n"
		"An op is an allocation and its free (churn: one step).  Each row runs\n"
		"11 batches of OPS ops (default 10000, at most 100000) and prints the\n"
		"median, min and max per op in ns from the global timer: under QEMU\n"
		"-icount shift=0,sleep=off (make bench) that is instructions per op.\n"
		"Also the ratio to newlib, allocs (the caches' own count: 11 x OPS, plus\n"
		"any slab descriptors new off-slab slabs took from the general caches),\n"
		"hit% (from the per-CPU array), and memory: bytes requested and held\n"
		"at the peak sample.  newlib's malloc runs in a heap lent for its row\n"
		"from the buddy allocator, as large as the block slablab needed.  The\n"
		"reaper is held off; Ctrl-C stops between batches.",
	},
	{
		"smp", 0, 2, do_smp, "smp [COUNT] [call|bcast|lock|irqlock|stop]",
		"Exercise and time the SMP services on every online CPU.\n"
		"Every phase but stop in turn, or the one named:\n"
		"call:  COUNT cross-CPU calls to each other CPU, round trip times;\n"
		"bcast: COUNT calls to all CPUs at once (on_each_cpu);\n"
		"lock:  all CPUs at once (in thread context) add 1 to a spinlocked\n"
		"counter and to an atomic counter COUNT times each;\n"
		"irqlock: the same spinlocked counter from every CPU's on_each_cpu\n"
		"handler at once, holding the lock 1 us each time (16 turns per\n"
		"CPU in each call);\n"
		"stop:  COUNT stop_machine() calls from this CPU while the others\n"
		"count in a loop: while held, no counter may move.\n"
		"Every count is checked; default COUNT 1000, at most 1000000.\n"
		"Ctrl-C stops any phase within a moment.",
	},
	{
		"fault", 0, 4, do_fault,
		"fault [undef|pabt|dabt|bug [CPU [locked]]] | fault pages|slab off|every N|prob P [SEED]",
		"Raise a fault on purpose, to see how the firmware reports it.\n"
		"Without CPU the fault happens inside this command: the command\n"
		"ends with an error and the shell carries on.  With CPU it happens\n"
		"in that CPU's interrupt handler, where nothing can be unwound:\n"
		"that CPU prints an oops and stops until reboot, the others carry\n"
		"on.  CPU 0 runs the shell, so it cannot be stopped this way.  The\n"
		"fault waits until the CPU holds no spinlock (a lock it took with\n"
		"it would never be free again), unless 'locked' asks for exactly\n"
		"that: the CPU takes cache_chain_lock, which every slab command\n"
		"needs, and stops holding it; those commands then end with an\n"
		"error naming the lock and the stopped CPU instead of waiting forever.\n"
		"pages|slab: make allocations fail on purpose, as Linux's\n"
		"fail_page_alloc and failslab do: 'pages' fails page allocations\n"
		"(alloc_pages), 'slab' fails a cache's growth by a slab (cache_grow).\n"
		"'every N' fails every Nth call; 'prob P' fails a call with\n"
		"probability P percent (1-100) from a generator seeded with SEED\n"
		"(default 1), so the same run fails the same calls; 'off' stops.\n"
		"Without arguments: each injector's mode, the calls it saw and\n"
		"how many it failed since its mode was set.",
	},
	{
		"selftest", 0, 1, do_selftest, "selftest [SUITE]",
		"Test the allocators from inside, on every online CPU (KUnit style).\n"
		"Suites, run in this order, or only the one named:\n"
		"alloc:  alloc/free on every CPU at once, every kmalloc class (DMA\n"
		"  too), zeroing, constructors, object sizes, exact refill/flush counts;\n"
		"xcpu:   objects allocated on one CPU and freed on another, every pair\n"
		"  and all at once (skipped with one CPU);\n"
		"shrink: exact pages from kmem_cache_shrink, destroy refused while\n"
		"  objects remain, create/destroy cycles;\n"
		"tune:   slabinfo tuning read back, bad values refused changing nothing,\n"
		"  arrays drained on a retune without losing an object;\n"
		"debug:  each detector fired on purpose (red zones, poison, double\n"
		"  free, bad pointers, quarantine): exactly the reports expected, the\n"
		"  bad object never handed out again.  The reports are counted, not\n"
		"  printed.\n"
		"One line per test: 'ok SUITE.TEST', 'FAIL SUITE.TEST: FILE:LINE: what'\n"
		"or 'skip SUITE.TEST: why'; the last line is 'N passed, N failed' (and\n"
		"', N skipped').  Each test makes and destroys caches of its own, with\n"
		"the reaper held off; after each, every cache is shrunk and the free\n"
		"pages and the objects in use must be as before.  Ctrl-C stops it\n"
		"between tests.  Refused while fault injection (fault pages|slab) is on.",
	},
	{
		"poweroff", 0, 0, do_poweroff, "poweroff",
		"Switch the board off (QEMU exits with status 0).",
	},
	{
		"reboot", 0, 0, do_reboot, "reboot",
		"Reset the board; the firmware boots again.",
	},
};

const unsigned int shell_ncommands = sizeof(shell_commands) / sizeof(shell_commands[0]);
