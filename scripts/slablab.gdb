# slablab.gdb - gdb settings for the firmware, loaded by `make gdb` once it is
# attached (scheduler-locking needs a running target).
#
# QEMU shows each CPU as a gdb thread: `info threads`, `thread 3`.
# The image is built with -O2 -g3, so function arguments are visible at
# a function's entry and conditional breakpoints on them work, e.g.
#     break kmem_cache_create if size == 20 && align == 8
# (tests/qemu/test_gdb.py runs that session).  For stepping line by line
# use `make debug DEBUG=1` and `make gdb DEBUG=1`: the -O0 image.

set pagination off
set confirm off
set print pretty on
set print symbol-filename on
# each CPU is a thread: let `step` and `next` stay on the CPU being stepped
# (otherwise the other CPUs run too, and a breakpoint they hit moves gdb
# to their thread in the middle of a `next`)
set scheduler-locking step
set history save on
set history filename build/.gdb_history

# slab info|cache|percpu|shared|lists|map|dump|whatis|walk|verify, buddy info|free:
# the allocator's structures read from memory, in the shell's formats.
source scripts/gdb/slablab.py

# cpus: the CPU layer's view of every CPU (boot/smp.c).
define cpus
  set $i = 0
  while $i < 4
    printf "cpu%d state %d mpidr 0x%08x\n", $i, cpu_info[$i].state, cpu_info[$i].mpidr
    set $i = $i + 1
  end
end
document cpus
Show each CPU's state (0 absent, 1 offline, 2 online, 3 stopped) and MPIDR.
end
