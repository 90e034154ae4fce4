#!/usr/bin/python3
"""bootargs_test.py - the boot-argument block (docs/board.md, "Boot protocol").

bootargs.elf prints argc, the argv/envp addresses it found in $a1/$a2, each
string with its address, and the OR of every other register at entry.  For
each case the expected output is computed here from the documented layout:
at physical 0x8000, argv[0..argc] (argv[0] = the ELF file's name, NULL at the
end), envp[] (NULL at the end), then the NUL-terminated strings, argv's then
envp's; pointers are ckseg0 addresses.  Cases: no arguments, config
[boot] args and env, command-line words (with -- before '-' words) and
--boot-env, both together (the command line's after the config's), a
little-endian machine, and a resume - which must keep the block of the run
the checkpoint came from, whatever the resume's config says.  Also the
one-line errors: a non-string element, a block over 32 KiB, an ELF segment
over the block, a bad --boot-env.

Usage: bootargs_test.py <discosim> <bootargs.elf> <bootargs-el.elf>
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

discosim, elf_be, elf_le = sys.argv[1:4]
failures = []
KSEG0 = 0xFFFFFFFF80000000
BASE = 0x8000


def expected(argv, envp):
    argv_at = BASE
    envp_at = argv_at + 8 * (len(argv) + 1)
    s = envp_at + 8 * (len(envp) + 1)
    lines = [f"argc {len(argv)} argv 0x{KSEG0 | argv_at:x} envp 0x{KSEG0 | envp_at:x} others 0x0"]
    for i, a in enumerate(argv):
        lines.append(f'argv[{i}] 0x{KSEG0 | s:x} "{a}"')
        s += len(a.encode()) + 1
    lines.append("argv[argc] 0x0")
    for i, e in enumerate(envp):
        lines.append(f'envp[{i}] 0x{KSEG0 | s:x} "{e}"')
        s += len(e.encode()) + 1
    lines.append(f"envc {len(envp)}")
    return lines


def toml_list(words):
    return "[" + ", ".join(json.dumps(w) for w in words) + "]"


def run(args, label, ok=True):
    p = subprocess.run([discosim] + args, capture_output=True, text=True, timeout=60)
    if ok and p.returncode != 0:
        failures.append(f"{label}: exit {p.returncode}, stderr {p.stderr.strip()[-300:]!r}")
    return p


def one_line_error(args, want, label):
    p = run(args, label, ok=False)
    lines = [ln for ln in p.stderr.splitlines() if ln.strip()]
    if p.returncode == 0 or len(lines) != 1 or want not in lines[0]:
        failures.append(f"{label}: exit {p.returncode}, stderr {p.stderr!r}; wanted one line with {want!r}")


with tempfile.TemporaryDirectory() as tmp:
    def config(name, text):
        path = os.path.join(tmp, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    # The program under another name: argv[0] is the file's name, not a fixed word.
    kernel = os.path.join(tmp, "vmunix")
    shutil.copy(elf_be, kernel)

    def case(label, cfg_args, cfg_env, cli, cli_env, endian="big", elf=kernel, name="vmunix"):
        text = f'[machine]\nendian = "{endian}"\n'
        if cfg_args is not None or cfg_env is not None:
            text += "[boot]\n"
            if cfg_args is not None:
                text += f"args = {toml_list(cfg_args)}\n"
            if cfg_env is not None:
                text += f"env = {toml_list(cfg_env)}\n"
        cfg = config(label.replace(" ", "-") + ".toml", text)
        extra = []
        for e in cli_env:
            extra += ["--boot-env", e]
        dash = [w for w in cli if w.startswith("-")]
        words = [w for w in cli if not w.startswith("-")]
        argv = [name] + (cfg_args or []) + words + dash
        p = run(["run", cfg, elf] + words + extra + (["--"] + dash if dash else []), label)
        want = expected(argv, (cfg_env or []) + cli_env)
        if p.stdout.splitlines() != want:
            failures.append(f"{label}:\n got:  {p.stdout.splitlines()}\n want: {want}")

    case("no arguments", None, None, [], [])
    case("empty boot table", [], [], [], [])
    case("config", ["root=0", "init=/bin/prog", "--", "a", "b"], ["HOME=/", "TERM=vt100"], [], [])
    case("command line", None, None, ["x", "y z", "-v", "--long"], ["A=1", "B=two words"])
    case("both", ["root=0"], ["HOME=/"], ["single"], ["TERM=dumb"])
    case("little-endian", ["root=0", "é"], ["HOME=/"], ["w"], ["X="], endian="little", elf=elf_le,
         name="bootargs-el.elf")
    big = ["a" * 100] * 300  # 300 * (101 + 8) bytes: just under 32 KiB with argv[0]
    case("nearly full block", big, None, [], [])

    # Resume: the block is RAM, restored from the checkpoint, never rewritten.
    first_cfg = config("ck1.toml", '[run]\nquantum = 10\n[boot]\nargs = ["first"]\nenv = ["RUN=1"]\n')
    other_cfg = config("ck2.toml", '[run]\nquantum = 10\n[boot]\nargs = ["second", "third"]\n')
    ck = os.path.join(tmp, "boot.ckpt")
    a = run(["run", first_cfg, kernel, "cli", "--checkpoint-at", "20", "--checkpoint", ck,
             "--stop-at-checkpoint"], "checkpoint")
    b = run(["resume", other_cfg, ck], "resume")
    want = expected(["vmunix", "first", "cli"], ["RUN=1"])
    if a.stdout:
        failures.append(f"checkpoint: taken after the program printed {a.stdout!r}")
    if (a.stdout + b.stdout).splitlines() != want:
        failures.append(f"resume:\n got:  {(a.stdout + b.stdout).splitlines()}\n want: {want}")

    # One-line errors.
    one_line_error(["run", config("nonstring.toml", '[boot]\nargs = ["a", 2]\n'), kernel],
                   "[boot] args must be an array of strings", "non-string element")
    one_line_error(["run", config("nonarray.toml", '[boot]\nenv = "HOME=/"\n'), kernel],
                   "[boot] env must be an array of strings", "env not an array")
    one_line_error(["run", config("badenv.toml", '[boot]\nenv = ["HOME"]\n'), kernel],
                   "[boot] env entries must be NAME=VALUE", "env entry without =")
    one_line_error(["run", config("key.toml", '[boot]\nargv = ["a"]\n'), kernel],
                   "unknown key 'argv' in [boot]", "unknown key")
    huge = config("huge.toml", "[boot]\nargs = " + toml_list(["b" * 1000] * 33) + "\n")
    one_line_error(["run", huge, kernel], "more than the 32768-byte block at 0x8000", "over-large block (config)")
    one_line_error(["run", config("plain.toml", "[machine]\n"), kernel] + ["c" * 1000] * 33,
                   "more than the 32768-byte block", "over-large block (command line)")
    one_line_error(["run", config("plain2.toml", "[machine]\n"), kernel, "--boot-env", "NOEQUALS"],
                   "--boot-env wants NAME=VALUE", "bad --boot-env")

    # An ELF with a segment over the block (kseg0 0x8000_0000, 64 KiB) is refused.
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "diff", "gen"))
    from elf64 import write_elf, PF_R, PF_X  # noqa: E402
    low = os.path.join(tmp, "low.elf")
    write_elf(low, 0xFFFFFFFF80000000, [(0xFFFFFFFF80000000, bytes(0x10000), PF_R | PF_X)])
    one_line_error(["run", config("plain3.toml", "[machine]\n"), low], "overlaps the boot-argument block",
                   "ELF over the block")

for f in failures:
    print("FAIL:", f)
print("boot arguments:", "FAIL" if failures else "ok")
sys.exit(1 if failures else 0)
