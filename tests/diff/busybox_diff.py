#!/usr/bin/python3
"""busybox_diff.py - busybox applets (Debian's busybox-static for mips64el, a
little-endian n64 program) under qemu-mips64el and under `discosim user`;
stdout and exit status must agree byte for byte.

usage: busybox_diff.py --discosim D --qemu Q --busybox B
Exits 77 (meson: skipped) when busybox has not been fetched
(scripts/fetch-busybox).  Only applets that run in one process are used:
the runner has no fork/exec, so `sh -c` scripts stick to builtins.
"""
import argparse
import os
import subprocess
import sys
import tempfile

GUEST_ENV = {"PATH": "/usr/bin:/bin", "HOME": "/", "LC_ALL": "C"}

TEXT = b"".join(b"line %d: the %s fox %d\n" % (i, [b"quick", b"lazy", b"brown"][i % 3], (i * 7919) % 1000)
                for i in range(400))
NUMBERS = b"".join(b"%d\n" % ((i * 2654435761) % 100003) for i in range(2000))

# (name, arguments after "busybox", stdin)
CASES = [
    ("echo", ["echo", "hello", "world"], b""),
    ("echo-e", ["echo", "-e", "tab\\tnewline\\nend"], b""),
    ("printf", ["printf", "%05d|%-6s|%x|%.3f\\n", "42", "ab", "255", "3.14159"], b""),
    ("sh-arith", ["sh", "-c", "x=6; y=7; echo $((x*y)) $((1<<40)) $((-17/5)) $((-17%5))"], b""),
    ("sh-loops", ["sh", "-c", "i=0; s=0; while [ $i -lt 200 ]; do i=$((i+1)); s=$((s+i*i)); done; echo $s; "
                  "for w in alpha beta gamma; do echo ${#w}:$w; done"], b""),
    ("sh-functions", ["sh", "-c", "f() { echo \"f($#):$*\"; return 3; }; f a 'b c'; echo rc=$?; "
                      "case foo.txt in *.txt) echo text;; *) echo other;; esac; set -- x y; shift; echo $1"], b""),
    ("sh-strings", ["sh", "-c", "v=abcdefgh; echo ${v#abc} ${v%gh} ${v:2:3} ${#v}; "
                    "test -n \"$v\" && echo nonempty; [ 3 -gt 2 ] || echo never; read a b; echo \"$b/$a\""],
     b"first second third\n"),
    ("sh-exit", ["sh", "-c", "echo before; exit 7"], b""),
    ("awk", ["awk", "{ n[$4]++; s += $5 } END { for (k in n) c++; printf \"%d %d %.3f\\n\", NR, c, s / NR }"], TEXT),
    ("awk-builtins", ["awk", "BEGIN { printf \"%.6f %d %d\\n\", 22 / 7, int(-3.7), 1048576 * 1048576; x = sprintf(\"%c\", 65); "
                      "print x, length(\"hello\"), substr(\"discosim\", 3, 4), toupper(\"mips\"); "
                      "n = split(\"a:b:c\", parts, \":\"); print n, parts[3] }"], b""),
    ("sort-n", ["sort", "-n"], NUMBERS),
    ("sort-r-u", ["sort", "-r", "-u"], TEXT),
    ("sort-k", ["sort", "-k", "5,5n", "-k", "2"], TEXT),
    ("uniq-c", ["uniq", "-c"], b"a\na\nb\nc\nc\nc\na\n"),
    ("wc", ["wc"], TEXT),
    ("sed", ["sed", "-e", "s/fox/cat/g", "-e", "/lazy/d", "-e", "5q"], TEXT),
    ("sed-regex", ["sed", "-n", "s/^line \\([0-9]*\\)1: .* \\([0-9]*\\)$/\\2-\\1/p"], TEXT),
    ("tr", ["tr", "a-z", "A-Z"], TEXT[:500]),
    ("tr-d", ["tr", "-d", "aeiou\\n"], TEXT[:500]),
    ("od", ["od", "-A", "x", "-t", "x1", "-c", "-N", "64"], TEXT),
    ("cut", ["cut", "-d", " ", "-f", "2,4"], TEXT[:800]),
    ("head-tail", ["tail", "-n", "3"], TEXT),
    ("sha256sum", ["sha256sum"], TEXT),
    ("md5sum", ["md5sum"], TEXT),
    ("sha1sum", ["sha1sum"], NUMBERS),
    ("base64", ["base64"], TEXT[:1000]),
    ("gzip", ["gzip", "-c", "-9"], TEXT),
    ("bc", ["bc"], b"2^100\n17%5\n123456789*987654321\n(7+5)/3\n"),
    ("dc", ["dc", "-e", "2 64 ^ p 10 3 / p"], b""),
    ("seq", ["seq", "-s", ",", "1", "3", "40"], b""),
    ("expr", ["expr", "12345", "*", "6789"], b""),
    ("factor", ["factor", "600851475143", "9999999967"], b""),
    ("xxd", ["xxd", "-l", "48"], TEXT),
    ("crc32", ["crc32"], TEXT),
    ("false", ["false"], b""),
]


def status(rc):
    return 128 - rc if rc < 0 else rc


def run(cmd, stdin, cwd):
    p = subprocess.run(cmd, input=stdin, capture_output=True, env=GUEST_ENV, cwd=cwd, timeout=120)
    return p.stdout, status(p.returncode), p.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--discosim", required=True)
    ap.add_argument("--qemu", required=True)
    ap.add_argument("--busybox", required=True)
    ap.add_argument("--cpu-model", default="functional", help="discosim's CPU model (functional or timing)")
    a = ap.parse_args()
    if not os.path.exists(a.busybox):
        print(f"skipped: {a.busybox} not found (run scripts/fetch-busybox)")
        return 77
    busybox = os.path.abspath(a.busybox)
    a.discosim = os.path.abspath(a.discosim)

    failures = 0
    cases = list(CASES)
    with tempfile.TemporaryDirectory() as tmp:
        # gzip round trip: what discosim's gzip wrote must gunzip to the input.
        gz = run([a.discosim, "user", "--cpu-model", a.cpu_model, "--", busybox, "gzip", "-c"], TEXT, tmp)[0]
        cases.append(("gunzip", ["gunzip", "-c"], gz))
        for name, args, stdin in cases:
            q_out, q_rc, _ = run([a.qemu, busybox] + args, stdin, tmp)
            s_out, s_rc, s_err = run([a.discosim, "user", "--cpu-model", a.cpu_model, "--", busybox] + args, stdin, tmp)
            same = q_out == s_out and q_rc == s_rc
            if name == "gunzip":
                same = same and s_out == TEXT
            print(f"{'ok  ' if same else 'FAIL'} {name}: exit {s_rc} (qemu {q_rc}), {len(s_out)} bytes")
            if not same:
                failures += 1
                print(f"  qemu:     {q_out[:300]!r}\n  discosim: {s_out[:300]!r}")
                if s_err:
                    print("  discosim stderr: " + s_err.decode(errors="replace").strip()[:500])
    print(f"{len(cases) - failures}/{len(cases)} applet runs agree")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
