#!/usr/bin/python3
"""guest_test.py - `discosim guest` (sim/guest/, docs/guest.md) end to end.

What the command hands the machine, seen by a bare-metal stand-in kernel
(programs/cmd_stand_in_kernel.c, booted with --kernel) so no guest kernel stands
in between:
  boot-args     root=0 init=/bin/NAME cwd=/work quiet cpus=N -- ARGS, and
                PATH, HOME, --env as the boot environment
  cpus          --cpus N on a config with 2 CPUs per node: ceil(N/2) nodes
  config        --config: its disks follow the image (disk 1..), its [boot] is replaced
  console       the input file's bytes then ^D (two after a last line without newline)
  panic         status 250 plus dunix's panic line: "discosim: guest: kernel panic";
                status 250 alone is just a status
  disk-size     default content x 2 + 32 MiB in whole MiB; --disk-size
  machine       byte order and ISA level from the ELF header (--stats-json)
  layout        the image's tree, modes, owners, times (debugfs), e2fsck -fn
  reproducible  the same inputs build the same bytes, whatever the host's file times,
                whoever builds them (root or uid 65534)
  reuse         --reuse-image boots an existing image untouched
  scratch       the temporary image and staging tree are removed
Under dunix (the default kernel, next to the binary), against qemu-mips64
running the same binary: stdout and exit status agree for arguments and
environment, files given with --file, standard input (a file, or nothing:
end of file), exit codes and signals, a program with heap, fork, pipes and
threads on one and two CPUs and in the timing model; the image kept with
--image passes e2fsck -fn afterwards and holds what the program wrote.

usage: guest_test.py --discosim D --stand-in ELF --stand-in-el ELF --programs DIR
                     [--qemu Q] [--busybox BUSYBOX]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ap = argparse.ArgumentParser()
ap.add_argument("--discosim", required=True)
ap.add_argument("--stand-in", required=True)
ap.add_argument("--stand-in-el", required=True)
ap.add_argument("--programs", required=True, help="directory holding the built cmd_* programs")
ap.add_argument("--qemu", default="")
ap.add_argument("--busybox", default="")
opt = ap.parse_args()

EPOCH = 1767225600
failures = []
passed = 0


def check(cond, what):
    global passed
    if cond:
        passed += 1
    else:
        failures.append(what)


def prog(name):
    return os.path.join(opt.programs, "cmd_" + name)


def guest(args, stdin_file=None, env=None, timeout=300):
    """Runs `discosim guest ARGS`; returns (status, stdout bytes, stderr text)."""
    p = subprocess.run([opt.discosim, "guest"] + args, capture_output=True, timeout=timeout,
                       env=env, stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout, p.stderr.decode(errors="replace")


def stand_in(args, kernel=None, **kw):
    """Boots the stand-in kernel; returns (status, its lines, stderr)."""
    rc, out, err = guest(["--kernel", kernel or opt.stand_in] + args, **kw)
    return rc, out.decode(errors="replace").splitlines(), err


def debugfs(image, request):
    return subprocess.run(["debugfs", "-R", request, image], capture_output=True, text=True).stdout


def inode_fields(image, path):
    """mode, uid, gid, and the four times of `path` in `image` (debugfs stat)."""
    text = debugfs(image, f"stat {path}")
    m = re.search(r"Type: (\w+)\s+Mode:\s+(\d+)", text)
    u = re.search(r"User:\s+(\d+)\s+Group:\s+(\d+)", text)
    times = re.findall(r"(ctime|atime|mtime|crtime): 0x([0-9a-f]+)", text)
    return (m and (m.group(1), int(m.group(2), 8)), u and (int(u.group(1)), int(u.group(2))),
            {k: int(v, 16) for k, v in times})


def e2fsck_clean(image):
    p = subprocess.run(["e2fsck", "-fn", image], capture_output=True, text=True)
    return p.returncode == 0, p.stdout + p.stderr


with tempfile.TemporaryDirectory(prefix="guest-test-") as tmp:
    def path(*parts):
        return os.path.join(tmp, *parts)

    def write(name, data, mode=0o644):
        p = path(name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data)
        os.chmod(p, mode)
        return p

    # ---- boot-args ---------------------------------------------------------
    rc, lines, err = stand_in(["--env", "GUEST_VAR=x y", prog("args_env"), "a", "-b", "--", "c"])
    want = ["arg root=0", "arg init=/bin/cmd_args_env", "arg cwd=/work", "arg quiet", "arg cpus=1", "arg --",
            "arg a", "arg -b", "arg --", "arg c",
            "env PATH=/bin:/usr/bin", "env HOME=/work", "env GUEST_VAR=x y", "cpus 1", "disks 1"]
    check(rc == 0 and lines[:len(want)] == want, f"boot-args: status {rc}, {lines}, {err!r}")
    rc, lines, err = stand_in(["--", prog("args_env"), "--x"])
    check(rc == 0 and "arg --x" in lines and "arg init=/bin/cmd_args_env" in lines,
          f"boot-args after --: status {rc}, {lines}, {err!r}")

    # ---- cpus --------------------------------------------------------------
    two_per_node = write("two.toml", b'[machine]\ncpus_per_node = 2\nmemory_per_node = "64M"\n')
    for n, board in [(1, 2), (3, 4), (4, 4), (5, 6)]:
        rc, lines, err = stand_in(["--config", two_per_node, "--cpus", str(n), prog("args_env")])
        check(rc == 0 and f"arg cpus={n}" in lines and f"cpus {board}" in lines,
              f"cpus {n}: status {rc}, {lines}, {err!r}")

    # ---- config ------------------------------------------------------------
    write("extra.img", bytes(1 << 20))
    cfg = write("disk.toml", b'[machine]\nmemory_per_node = "128M"\n[[disk]]\nimage = "extra.img"\n'
                             b'[boot]\nargs = ["bogus"]\nenv = ["X=1"]\n')
    rc, lines, err = stand_in(["--config", cfg, prog("args_env")])
    check(rc == 0 and "disks 2" in lines and "disk 1 sectors 2048" in lines and "arg bogus" not in lines
          and "env X=1" not in lines, f"config: status {rc}, {lines}, {err!r}")

    # ---- console -----------------------------------------------------------
    for name, data, want in [("nl.txt", b"hi\n", "console 68 69 0a 04"), ("nonl.txt", b"hi", "console 68 69 04 04"),
                             ("empty.txt", b"", "console 04"), (None, None, "console 04")]:
        args = ["--console-input", write(name, data)] if name else []
        rc, lines, err = stand_in(args + [prog("args_env")])
        check(rc == 0 and want in lines, f"console {name}: status {rc}, {lines}, {err!r}")

    # ---- panic -------------------------------------------------------------
    rc, lines, err = stand_in([prog("args_env"), "panic"])
    check(rc == 250 and err == "discosim: guest: kernel panic\n", f"panic: status {rc}, stderr {err!r}")
    rc, lines, err = stand_in([prog("args_env"), "exit=250"])
    check(rc == 250 and err == "", f"status 250 without a panic: status {rc}, stderr {err!r}")
    rc, lines, err = stand_in([prog("args_env"), "exit=7"])
    check(rc == 7 and err == "", f"exit 7: status {rc}, stderr {err!r}")

    # ---- disk-size ---------------------------------------------------------
    rc, lines, err = stand_in([prog("args_env")])
    sectors = [int(l.split()[3]) for l in lines if l.startswith("disk 0 sectors")]
    check(rc == 0 and sectors and sectors[0] * 512 % (1 << 20) == 0 and 32 << 20 < sectors[0] * 512 < 40 << 20,
          f"default disk size: {sectors}")
    rc, lines, err = stand_in(["--disk-size", "40M", prog("args_env")])
    check(rc == 0 and "disk 0 sectors 81920" in lines, f"--disk-size 40M: {lines}, {err!r}")

    # ---- machine: byte order and ISA from the ELF header ------------------
    def machine_of(program, kernel=None):
        stats = path("stats.json")
        rc, _, err = stand_in(["--stats-json", stats, program], kernel=kernel)
        c = json.load(open(stats))["config"] if rc == 0 else {}
        return c.get("endian"), c.get("isa"), err

    check(machine_of(prog("args_env"))[:2] == ("big", "r2"), f"machine, MIPS64R2: {machine_of(prog('args_env'))}")
    mips4 = write("mips4_prog", b"", 0o755)
    data = bytearray(open(prog("args_env"), "rb").read())
    data[48] = (data[48] & 0x0f) | 0x30  # e_flags (big-endian): EF_MIPS_ARCH_4
    open(mips4, "wb").write(data)
    check(machine_of(mips4)[:2] == ("big", "mips4"), f"machine, MIPS IV: {machine_of(mips4)}")
    if opt.busybox and os.path.exists(opt.busybox):
        m = machine_of(opt.busybox, kernel=opt.stand_in_el)
        check(m[:2] == ("little", "r2"), f"machine, little-endian busybox: {m}")

    # ---- layout ------------------------------------------------------------
    write("in/input.txt", b"input\n")
    write("in/tool.sh", b"#!/bin/sh\n", 0o700)
    write("in/tree/a.txt", b"a\n", 0o600)
    write("in/tree/deeper/b.txt", b"b\n")
    os.symlink("a.txt", path("in/tree/link"))
    image = path("layout.img")
    rc, lines, err = stand_in(["--image", image, "--file", path("in/input.txt"), "--file", path("in/tool.sh"),
                               "--file", path("in/input.txt") + ":sub/renamed.txt",
                               "--file", path("in/input.txt") + ":/etc/abs.txt", "--file", path("in/tree"),
                               prog("args_env")])
    check(rc == 0, f"layout: status {rc}, {err!r}")
    clean, report = e2fsck_clean(image)
    check(clean, f"layout: e2fsck -fn: {report}")
    d, f = "directory", "regular"
    for p, mode in [("/", (d, 0o755)), ("/bin", (d, 0o755)), ("/bin/cmd_args_env", (f, 0o755)),
                    ("/work", (d, 0o755)), ("/tmp", (d, 0o1777)), ("/dev", (d, 0o755)),
                    ("/work/input.txt", (f, 0o644)), ("/work/tool.sh", (f, 0o755)),
                    ("/work/sub/renamed.txt", (f, 0o644)), ("/etc/abs.txt", (f, 0o644)), ("/work/tree", (d, 0o755)),
                    ("/work/tree/a.txt", (f, 0o644)), ("/work/tree/deeper/b.txt", (f, 0o644)),
                    ("/work/tree/link", ("symlink", 0o777))]:
        m, owner, times = inode_fields(image, p)
        check(m == mode and owner == (0, 0) and set(times.values()) == {EPOCH},
              f"layout {p}: type and mode {m} owner {owner} times {times}")
    check(debugfs(image, "cat /work/sub/renamed.txt") == "input\n", "layout: renamed copy's contents")
    check(debugfs(image, "stat /work/tree/link").find("Fast link dest: \"a.txt\"") >= 0, "layout: symlink target")
    dev = [l.split()[-1] for l in debugfs(image, "ls -l /dev").splitlines() if l.strip()]
    check(dev == [".", ".."], f"layout: /dev is not empty: {dev}")

    # ---- reproducible ------------------------------------------------------
    def build(name, extra=()):
        img = path(name)
        rc, _, err = stand_in(["--image", img, "--file", path("in")] + list(extra) + [prog("args_env")])
        check(rc == 0, f"reproducible {name}: status {rc}, {err!r}")
        return open(img, "rb").read()

    first = build("r1.img")
    for root, dirs, files in os.walk(path("in")):
        for n in dirs + files:
            os.utime(os.path.join(root, n), (1e9, 1.2e9), follow_symlinks=False)
    check(build("r2.img") == first, "reproducible: a second build (other host times) differs")
    # Built by an unprivileged user: mke2fs copies owners, the fix-up makes them 0:0.
    if os.geteuid() == 0 and shutil.which("setpriv"):
        nobody = path("nobody")
        os.mkdir(nobody)
        os.chmod(tmp, 0o755)
        os.chmod(nobody, 0o777)
        # A readable copy of in/: same names and contents, modes that normalise the same
        # (0700 -> 0755, 0600 -> 0644), other times.
        shutil.copytree(path("in"), os.path.join(nobody, "in"), symlinks=True)
        for root, dirs, files in os.walk(os.path.join(nobody, "in")):
            for n in dirs + files:
                q = os.path.join(root, n)
                if not os.path.islink(q):
                    os.chmod(q, os.stat(q).st_mode | 0o444 | (0o111 if os.stat(q).st_mode & 0o100 else 0))
        img = os.path.join(nobody, "r.img")
        p = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", opt.discosim, "guest",
                            "--kernel", opt.stand_in, "--image", img, "--file", os.path.join(nobody, "in"),
                            prog("args_env")],
                           capture_output=True, env=dict(os.environ, TMPDIR=nobody), stdin=subprocess.DEVNULL)
        same = os.path.exists(img) and open(img, "rb").read() == first
        check(p.returncode == 0 and same, f"reproducible: built by uid 65534: status {p.returncode}, "
                                          f"{p.stderr!r}, same bytes {same}")
    write("in/input.txt", b"input, changed\n")
    check(build("r3.img") != first, "reproducible: a changed input gives the same image")

    # ---- reuse -------------------------------------------------------------
    kept = open(path("r3.img"), "rb").read()
    rc, _, err = stand_in(["--image", path("r3.img"), "--reuse-image", "--file", path("in/tool.sh"),
                           prog("args_env")])
    check(rc == 0 and open(path("r3.img"), "rb").read() == kept, f"reuse: image rebuilt or status {rc} {err!r}")
    rc, _, err = stand_in(["--image", path("r3.img"), prog("args_env")])
    check(rc == 0 and open(path("r3.img"), "rb").read() != kept, "reuse: without --reuse-image, no rebuild")

    # ---- scratch -----------------------------------------------------------
    scratch = path("scratch")
    os.mkdir(scratch)
    rc, _, err = stand_in([prog("args_env")], env=dict(os.environ, TMPDIR=scratch))
    check(rc == 0 and os.listdir(scratch) == [], f"scratch: left behind {os.listdir(scratch)}, {err!r}")

    # ---- under dunix, against qemu ----------------------------------------
    def qemu(program, args, env, stdin_file=None, cwd=None):
        if not opt.qemu:
            return None
        with open(stdin_file or os.devnull, "rb") as stdin:
            p = subprocess.run([opt.qemu, "-cpu", "MIPS64R2-generic", program] + args, stdin=stdin,
                               capture_output=True, env=env, cwd=cwd, timeout=120)
        return (128 - p.returncode if p.returncode < 0 else p.returncode), p.stdout

    def against_qemu(name, program, args, guest_opts=(), env=(), stdin_file=None, cwd=None):
        genv = ["--env=" + e for e in env]
        rc, out, err = guest(list(guest_opts) + genv + ([] if not stdin_file else ["--console-input", stdin_file])
                             + [program] + args)
        q = qemu(program, args, dict([("PATH", "/bin:/usr/bin"), ("HOME", "/work")] + [e.split("=", 1) for e in env]),
                 stdin_file, cwd)
        if q is None:  # no qemu-mips64: nothing to compare with
            return rc, out
        check((rc, out) == q, f"{name}: guest status {rc} stdout {out!r} stderr {err!r}; qemu {q}")
        return rc, out

    against_qemu("args and environment", prog("args_env"), ["one", "two words", "", "exit=5"],
                 env=["GUEST_VAR=v=w", "EMPTY_VAR="])

    work = path("qemu-work")
    os.makedirs(work + "/data/sub")
    for n, d in [("input.txt", b"input line one\n"), ("data/a.txt", b"alpha\nbeta\n"), ("data/b.txt", b"bravo\n"),
                 ("data/sub/c.txt", b"deep\n")]:
        open(os.path.join(work, n), "wb").write(d)
    kept = path("files.img")
    against_qemu("--file", prog("files"), [],
                 ["--image", kept, "--file", work + "/input.txt", "--file", work + "/data"], cwd=work)
    clean, report = e2fsck_clean(kept)
    check(clean, f"--file: e2fsck -fn on the kept image after the run: {report}")
    written = debugfs(kept, "cat /work/out/result.txt")
    check(written == "".join(f"line {i} of the result\n" for i in range(1000)),
          f"--file: what the program wrote: {written[:80]!r}...")

    lines = write("lines.txt", b"first line\nsecond\n\nlast, no newline")
    against_qemu("stdin from a file", prog("stdin_count"), [], stdin_file=lines)
    against_qemu("stdin: nothing (end of file)", prog("stdin_count"), [])

    for args in [["exit", "0"], ["exit", "3"], ["exit", "255"], ["signal", "15"], ["signal", "9"], ["segv"], ["abort"]]:
        against_qemu("status " + " ".join(args), prog("status"), args)

    against_qemu("heap, fork, pipe, threads", prog("work"), [])
    against_qemu("heap, fork, pipe, threads on 2 CPUs", prog("work"), [], ["--cpus", "2"])
    rc, out, err = guest(["--cpu-model", "timing", "--stats", prog("args_env"), "timing"])
    check(rc == 0 and b'argv[1] "timing"' in out and "cpu0" in err, f"timing model: {rc} {out!r} {err[:200]!r}")

    if opt.busybox and os.path.exists(opt.busybox):
        rc, out, err = guest([opt.busybox, "sh", "-c", "echo $((6 * 7)); exit 3"])
        check((rc, out) == (3, b"42\n"), f"little-endian busybox sh: {rc} {out!r} {err!r}")

for f in failures:
    print("FAIL:", f)
print(f"{passed} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
