# _run.sh SCRIPT - runs SCRIPT (a file in the current directory) with busybox sh,
# every applet it uses reachable through PATH and stderr joined to stdout.
#
# In the guest the image holds only /bin/busybox, so the applets become
# symbolic links to it in /tmp/applets (busybox picks the applet from
# argv[0]).  Under QEMU the driver sets APPLET_DIR to a directory of host
# wrappers that start qemu-mips64el on the same busybox, since QEMU cannot
# execve a MIPS program itself (nor can an applet that busybox re-executes
# through /proc/self/exe: the scripts do not make xargs or find -exec run
# sh).  TMPDIR is /tmp in the guest, a scratch
# directory under QEMU.
exec 2>&1
APPLETS="awk basename cat chmod cmp cp cut dirname env expr false find grep head ln ls md5sum mkdir mv od printf rm
rmdir sed seq sh sleep sort stat tail tee touch tr true uniq wc xargs"
if [ -z "$APPLET_DIR" ]; then
  APPLET_DIR=/tmp/applets
  busybox mkdir -p "$APPLET_DIR"
  for a in $APPLETS busybox; do busybox ln -s /bin/busybox "$APPLET_DIR/$a"; done
fi
export PATH="$APPLET_DIR"
export TMPDIR="${TMPDIR:-/tmp}"
export LC_ALL=C
. "./$1"
