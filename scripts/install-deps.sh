#!/bin/sh
# install-deps.sh - install the Debian packages slablab needs, if missing.
#
# Idempotent: checks each package with dpkg-query and calls apt-get only
# when something is missing (apt-get update first, as a fresh machine's
# package lists may be empty).  Works as root or through sudo.
#
#   scripts/install-deps.sh           everything `make run`, `make image`,
#                                     `make test` and `make fuzz` use (u-boot-tools:
#                                     mkimage; clang and its runtime: libFuzzer)
#   scripts/install-deps.sh --check   list what is missing; exit 1 if anything
#   scripts/install-deps.sh --bench-host [--check]
#                                     also what `make bench-host` uses: the
#                                     allocators it compares against, callgrind
#                                     and Debian's matplotlib for the charts
set -eu

PACKAGES="make gcc libc6-dev gcc-arm-none-eabi libnewlib-arm-none-eabi
qemu-system-arm gdb-multiarch libcmocka-dev python3 python3-matplotlib git
u-boot-tools clang libclang-rt-14-dev"
if [ "${1:-}" = "--bench-host" ]; then
	PACKAGES="$PACKAGES libjemalloc-dev libgoogle-perftools-dev libmimalloc-dev
valgrind"
	shift
fi

missing=""
for pkg in $PACKAGES; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	case "$status" in
	*"install ok installed"*) ;;
	*) missing="$missing $pkg" ;;
	esac
done

if [ -z "$missing" ]; then
	exit 0
fi
if [ "${1:-}" = "--check" ]; then
	echo "missing:$missing"
	exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "install-deps: need root or sudo to install:$missing" >&2
	exit 1
fi

echo "install-deps: installing$missing"
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	--no-install-recommends $missing >/dev/null
echo "install-deps: done"
