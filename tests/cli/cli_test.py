#!/usr/bin/python3
"""cli_test.py - the discosim command line refuses bad input with one line.

Every case runs the real binary and checks: non-zero exit status, exactly one
line on stderr that names the problem, and no crash (no signal, no sanitizer
report).  Usage: cli_test.py <discosim> <hello.elf> <demo.toml>
"""
import os
import subprocess
import sys
import tempfile

discosim, hello, demo_cfg = sys.argv[1:4]
failures = []


def run(args, expect_in_stderr, expect_code=None):
    p = subprocess.run([discosim] + args, capture_output=True, text=True, timeout=60)
    lines = [l for l in p.stderr.splitlines() if l.strip()]
    ok = (p.returncode > 0 and (expect_code is None or p.returncode == expect_code)
          and len(lines) == 1 and expect_in_stderr in lines[0])
    if not ok:
        failures.append(f"{args}: exit {p.returncode}, stderr {p.stderr!r}; wanted one line with {expect_in_stderr!r}")


with tempfile.TemporaryDirectory() as tmp:
    def write(name, data):
        path = os.path.join(tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    not_elf = write("not.elf", b"hello, world\n" * 10)
    truncated = write("trunc.elf", open(hello, "rb").read()[:200])
    x86 = "/bin/true"
    bad_toml = write("bad.toml", b"[machine\n")
    bad_key = write("key.toml", b"[machine]\ncpus = 2\n")
    big_mem = write("mem.toml", b"[machine]\nnodes = 8\nmemory_per_node = \"128G\"\n")  # 16 MiB past 2^40
    little = write("little.toml", b"[machine]\nendian = \"little\"\n")
    bad_cache = write("cache.toml", b"[memory]\nl2_line = 96\n")
    bad_model = write("model.toml", b"[run]\ncpu_model = \"detailed\"\n")
    old_ckpt = write("old.ckpt", b"discosim-checkpoint-1\n" + bytes(64))
    boot_nonstring = write("boot1.toml", b"[boot]\nargs = [\"root=0\", 7]\n")
    boot_huge = write("boot2.toml", b"[boot]\nenv = [" + b", ".join([b'"X=' + b"y" * 2000 + b'"'] * 17) + b"]\n")

    run([], "subcommand", 2)
    run(["frobnicate"], "frobnicate", 2)
    run(["run"], "required", 2)
    run(["run", demo_cfg], "required", 2)
    run(["run", demo_cfg, hello, "--max-insns", "lots"], "lots", 2)
    run(["run", os.path.join(tmp, "missing.toml"), hello], "cannot open file")
    run(["run", demo_cfg, os.path.join(tmp, "missing.elf")], "cannot open file")
    run(["run", demo_cfg, not_elf], "not an ELF file")
    run(["run", demo_cfg, truncated], "truncated")
    run(["run", demo_cfg, x86], "not a MIPS ELF file")
    run(["run", bad_toml, hello], "bad.toml:1:")
    run(["run", bad_key, hello], "unknown key 'cpus'")
    run(["run", big_mem, hello], "the top of RAM must stay below 2^40")
    run(["run", little, hello], "big-endian but the machine is little-endian")
    run(["run", bad_cache, hello], "cache.toml:")
    run(["run", bad_model, hello], "cpu_model must be")
    run(["resume", demo_cfg, old_ckpt], "checkpoint format 1 was written by another version")
    run(["run", boot_nonstring, hello], "boot1.toml: [boot] args must be an array of strings")
    run(["run", boot_huge, hello], "boot2.toml: boot arguments need")
    run(["run", demo_cfg, hello, "--boot-env", "=x"], "--boot-env wants NAME=VALUE")
    run(["run", demo_cfg, hello, "--cpu-model", "detailed"], "detailed", 2)
    run(["run", demo_cfg, hello, "--isa", "mips64r6"], "--isa", 2)
    run(["run", demo_cfg, hello, "--lockstep", "--lockstep-inject", "0x7fffffff"], "is not RAM")
    run(["user", "--cpu-model", "detailed", hello], "--cpu-model must be")
    run(["disasm", not_elf], "not an ELF file")
    run(["run", demo_cfg, hello, "--stats-json", os.path.join(tmp, "no", "such", "dir.json")], "cannot write")

    # --help succeeds and lists the subcommands.
    p = subprocess.run([discosim, "--help"], capture_output=True, text=True)
    if p.returncode != 0 or "run" not in p.stdout or "disasm" not in p.stdout:
        failures.append(f"--help: exit {p.returncode}, stdout {p.stdout!r}")

for f in failures:
    print("FAIL:", f)
print(f"{16 + 1 - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
