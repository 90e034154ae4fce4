#!/usr/bin/python3
"""busybox_scripts.py - shell scripts (tests/guest/scripts) run by Debian's
mips64el busybox (`busybox sh _run.sh SCRIPT`) under `discosim guest` (the
little-endian dunix) and under qemu-mips64el; stdout (stderr joined to it by
_run.sh) and exit status must agree byte for byte.

usage: busybox_scripts.py --discosim D --qemu Q --busybox B --scripts DIR
                          [--guest-opt OPT]... [--check-image KEPT_FILE] SCRIPT...

--check-image: keep the guest's root image, then `e2fsck -fn` must find it
clean and `debugfs -R "cat /work/KEPT_FILE"` must give the same bytes as
that file left by the QEMU run.  Exits 77 (skipped) when busybox has not been
fetched (scripts/fetch-busybox).
"""
import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile

APPLETS = ("awk basename cat chmod cmp cp cut dirname env expr false find grep head ln ls md5sum mkdir mv od printf "
           "rm rmdir sed seq sh sleep sort stat tail tee touch tr true uniq wc xargs").split()


def status(rc):
    return 128 - rc if rc < 0 else rc


def run_qemu(a, script, tmp):
    applets = os.path.join(tmp, "applets")
    work = os.path.join(tmp, "work")
    ttmp = os.path.join(tmp, "tmp")
    for d in (applets, work, ttmp):
        os.mkdir(d)
    bb = os.path.abspath(a.busybox)
    for name in APPLETS + ["busybox"]:
        path = os.path.join(applets, name)
        with open(path, "w") as f:
            applet = "" if name == "busybox" else name + " "
            f.write(f"#!/bin/sh\nexec {a.qemu} {bb} {applet}\"$@\"\n")
        os.chmod(path, 0o755)
    for f in ("_run.sh", script):
        shutil.copy(os.path.join(a.scripts, f), work)
    env = {"APPLET_DIR": applets, "TMPDIR": ttmp, "PATH": "/usr/bin:/bin", "HOME": work}
    p = subprocess.run([a.qemu, bb, "sh", "_run.sh", script], cwd=work, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, timeout=a.timeout)
    return p.stdout, status(p.returncode), work


def run_guest(a, script, image):
    cmd = [a.discosim, "guest", "--progress", "off"] + a.guest_opt
    if image:
        cmd += ["--image", image]
    for f in ("_run.sh", script):
        cmd += ["--file", os.path.join(a.scripts, f)]
    cmd += [a.busybox, "sh", "_run.sh", script]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                       timeout=a.timeout)
    return p.stdout, p.returncode, p.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--discosim", required=True)
    ap.add_argument("--qemu", required=True)
    ap.add_argument("--busybox", required=True)
    ap.add_argument("--scripts", required=True)
    ap.add_argument("--guest-opt", action="append", default=[])
    ap.add_argument("--check-image")
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("script", nargs="+")
    a = ap.parse_args()
    if not os.access(a.busybox, os.X_OK):
        print(f"skipped: {a.busybox} missing (run scripts/fetch-busybox)")
        return 77
    failures = 0
    for script in a.script:
        with tempfile.TemporaryDirectory(prefix="guest-bb-") as tmp:
            os.mkdir(os.path.join(tmp, "q"))
            q_out, q_rc, q_work = run_qemu(a, script, os.path.join(tmp, "q"))
            image = os.path.join(tmp, "root.img") if a.check_image else None
            g_out, g_rc, g_err = run_guest(a, script, image)
            ok = True
            if q_out != g_out:
                ok = False
                print(f"FAIL {script}: output differs (qemu {len(q_out)} bytes, guest {len(g_out)} bytes)")
                for line in difflib.unified_diff(q_out.decode(errors="replace").splitlines(),
                                                 g_out.decode(errors="replace").splitlines(), "qemu", "guest",
                                                 lineterm="", n=1):
                    print("   ", line)
            if q_rc != g_rc:
                ok = False
                print(f"FAIL {script}: exit status qemu {q_rc}, guest {g_rc}")
            if not ok and g_err:
                print("guest stderr:", g_err.decode(errors="replace")[-2000:])
            if a.check_image and g_rc == q_rc:
                e2fsck = shutil.which("e2fsck") or "/usr/sbin/e2fsck"
                debugfs = shutil.which("debugfs") or "/usr/sbin/debugfs"
                fsck = subprocess.run([e2fsck, "-fn", image], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                if fsck.returncode != 0:
                    ok = False
                    print(f"FAIL {script}: e2fsck -fn exit {fsck.returncode}:\n{fsck.stdout.decode(errors='replace')}")
                else:
                    print(f"   e2fsck -fn: clean")
                cat = subprocess.run([debugfs, "-R", f"cat /work/{a.check_image}", image], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
                with open(os.path.join(q_work, a.check_image), "rb") as f:
                    want = f.read()
                if cat.stdout != want or not want:
                    ok = False
                    print(f"FAIL {script}: debugfs cat /work/{a.check_image} gave {cat.stdout!r}, qemu's file {want!r}")
                else:
                    print(f"   debugfs cat /work/{a.check_image}: {len(want)} bytes, as under qemu")
            lines = g_out.count(b"\n")
            print(f"{'ok' if ok else 'FAIL'} {script}: {lines} lines, status {g_rc}")
            failures += not ok
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
