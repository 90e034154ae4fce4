#!/usr/bin/python3
"""diffgen.py - random differential testing of discosim against QEMU.

For a seed, sequence i (i = 0..count-1) is drawn from random.Random("seed:i")
(sequence.py), packed with its neighbours into static MIPS64 programs
(program.py), and every program runs under the reference (qemu-mips64 -cpu
VR5432, strict MIPS IV) and under the simulator (discosim user --isa mips4).
Both must print the same state records (all GPRs, HI/LO, FPRs, FCSR, scratch
memory) and end the same way (exit status, or the same fatal signal).  A
sequence that dies ends its program; the rest of the batch runs again in a
fresh program.  Every non-excluded table row must be generated at least once.

Exit status: 0 all equal, 1 mismatches or missing coverage, 2 bad usage,
77 (meson's SKIP) when the simulator has no user-mode runner yet and
--skip-without-runner was given.
"""
import argparse
import multiprocessing
import os
import resource
import shlex
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import program  # noqa: E402
import rows as R  # noqa: E402
import sequence  # noqa: E402

FPU_HARNESS_ROWS = {"ldc1", "sdc1", "ctc1", "cfc1"}
OBJDUMP = "mips64-linux-gnuabi64-objdump"

_ctx = {}  # per-worker: table, have_fpu, options


def _no_core():
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


# Linux MIPS signal numbers (arch/mips/include/uapi/asm/signal.h); several
# differ from the host's, e.g. SIGBUS is 10 on MIPS and 7 on x86-64.
MIPS_SIGNALS = {1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 5: "SIGTRAP", 6: "SIGABRT",
                7: "SIGEMT", 8: "SIGFPE", 9: "SIGKILL", 10: "SIGBUS", 11: "SIGSEGV", 12: "SIGSYS",
                13: "SIGPIPE", 14: "SIGALRM", 15: "SIGTERM", 16: "SIGUSR1", 17: "SIGUSR2"}


def run_one(cmd, elf, timeout):
    """Runs `cmd + [elf]`; returns (stdout bytes, ending) where ending is
    'exit N' or the name of the fatal signal.  QEMU dies of the host signal;
    discosim exits with 128 + the MIPS signal number."""
    try:
        p = subprocess.run(cmd + [elf], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           timeout=timeout, preexec_fn=_no_core, cwd=os.path.dirname(elf))
    except subprocess.TimeoutExpired as e:
        return e.stdout or b"", "timeout"
    if p.returncode < 0:
        return p.stdout, signal.Signals(-p.returncode).name
    if p.returncode > 128 and p.returncode - 128 in MIPS_SIGNALS:
        return p.stdout, MIPS_SIGNALS[p.returncode - 128]
    return p.stdout, f"exit {p.returncode}"


def _init_worker(rows, opts):
    names = {r.name for r in rows}
    _ctx["table"] = sequence.make_table(rows)
    _ctx["have_fpu"] = FPU_HARNESS_ROWS <= names
    _ctx["opts"] = opts


def _sequences(indices):
    o = _ctx["opts"]
    return [sequence.Sequence(o.seed, i, _ctx["table"], o.length, _ctx["have_fpu"]) for i in indices]


def run_chunk(indices):
    """Runs sequences `indices` through both implementations; returns a
    summary dict (counts, endings, covered rows, mismatches)."""
    o = _ctx["opts"]
    seqs = _sequences(indices)
    res = {"run": 0, "endings": {}, "rows": set(), "mismatches": []}
    for s in seqs:
        res["rows"] |= s.rows_used()
    plain = [s for s in seqs if not s.needs_cop1x_reference(_ctx["table"])]
    cop1x = [s for s in seqs if s.needs_cop1x_reference(_ctx["table"])]
    for group, ref_cmd in ((plain, o.ref_cmd), (cop1x, o.cop1x_ref_cmd)):
        if group:
            _run_group(group, ref_cmd, res)
    return res


def reference_for(seq):
    o = _ctx["opts"]
    return o.cop1x_ref_cmd if seq.needs_cop1x_reference(_ctx["table"]) else o.ref_cmd


def _run_group(seqs, ref_cmd, res):
    """Runs `seqs` as programs until each has run once (a sequence that
    dies ends its program; the rest start again in a new one)."""
    o = _ctx["opts"]
    with tempfile.TemporaryDirectory(prefix="diffgen-") as tmp:
        elf = os.path.join(tmp, "prog.elf")
        todo = seqs
        while todo:
            program.build(elf, todo, _ctx["have_fpu"])
            os.chmod(elf, 0o755)
            ref_out, ref_end = run_one(ref_cmd, elf, o.timeout)
            ref_recs, _ = program.split_records(ref_out)
            if o.sim_cmd:
                sim_out, sim_end = run_one(o.sim_cmd, elf, o.timeout)
                sim_recs, _ = program.split_records(sim_out)
            else:
                sim_recs, sim_end = ref_recs, ref_end
            n = min(len(ref_recs), len(sim_recs))
            bad = next((k for k in range(n) if ref_recs[k] != sim_recs[k]), None)
            if bad is not None:
                res["mismatches"].append((todo[bad].index, "state differs"))
                res["run"] += bad + 1
                todo = todo[bad + 1:]
                continue
            if len(ref_recs) != len(sim_recs) or ref_end != sim_end:
                what = f"ending differs: qemu {len(ref_recs)} records, {ref_end}; " \
                       f"discosim {len(sim_recs)} records, {sim_end}"
                res["mismatches"].append((todo[n].index if n < len(todo) else todo[-1].index, what))
            res["run"] += min(n + 1, len(todo))
            if n < len(todo):
                res["endings"][ref_end] = res["endings"].get(ref_end, 0) + 1
            todo = todo[n + 1:]


def disassemble(words, addr):
    """objdump's disassembly of `words` placed at `addr` (the oracle's text)."""
    with tempfile.NamedTemporaryFile(suffix=".bin") as f:
        f.write(b"".join(w.to_bytes(4, "big") for w in words))
        f.flush()
        out = subprocess.run([OBJDUMP, "-D", "-b", "binary", "-m", "mips:10000", "-EB",
                              f"--adjust-vma={addr:#x}", f.name], capture_output=True, text=True).stdout
    return "\n".join(l for l in out.splitlines() if l[:1] == " " and ":" in l)


def reproduce(index, outdir):
    """A stand-alone program for one sequence, both runs and the difference;
    returns the report text."""
    o = _ctx["opts"]
    seq = _sequences([index])[0]
    elf = os.path.join(outdir, f"diffgen-{o.seed}-{index}.elf")
    spans = program.build(elf, [seq], _ctx["have_fpu"])
    os.chmod(elf, 0o755)
    start, end = spans[index]
    ref_cmd = reference_for(seq)
    ref_out, ref_end = run_one(ref_cmd, elf, o.timeout)
    sim_out, sim_end = run_one(o.sim_cmd, elf, o.timeout) if o.sim_cmd else (ref_out, ref_end)
    lines = [f"== mismatch: seed {o.seed} sequence {index} (program {elf})",
             f"   rerun: {sys.argv[0]} --seed {o.seed} --first {index} --count 1",
             f"   reference: {' '.join(ref_cmd)}",
             f"   base register r{seq.base} = {program.B_VALUE:#x} (scratch at {program.B_VALUE - sequence.BASE_BIAS:#x})",
             disassemble(seq.layout(start), start),
             f"   qemu: {ref_end}, {len(ref_out) // program.RECORD} record(s);"
             f" discosim: {sim_end}, {len(sim_out) // program.RECORD} record(s)"]
    init = {n: v for n, v in program.State(program._table(seq)).fields()}
    ref_recs, _ = program.split_records(ref_out)
    sim_recs, _ = program.split_records(sim_out)
    if ref_recs and sim_recs:
        a, b = program.State(ref_recs[0]), program.State(sim_recs[0])
        for (name, va), (_, vb) in zip(a.fields(), b.fields()):
            if va != vb:
                lines.append(f"   {name:12} initial {init.get(name, 0):#018x}  qemu {va:#018x}  discosim {vb:#018x}")
    return "\n".join(lines)


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--list-rows", required=True, help="the list-rows tool (prints the ISA table)")
    ap.add_argument("--discosim", help="the discosim binary (runs `discosim user --isa mips4`)")
    ap.add_argument("--sim-cmd", help="simulator command instead of --discosim (program path appended)")
    ap.add_argument("--ref-cmd", default="qemu-mips64 -cpu VR5432", help="reference command")
    ap.add_argument("--cop1x-ref-cmd", default="qemu-mips64 -cpu 5Kf",
                    help="reference for sequences using COP1X rows (QEMU's VR5432 traps them)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--first", type=int, default=0, help="first sequence index")
    ap.add_argument("--count", type=int, default=2000, help="number of sequences")
    ap.add_argument("--length", type=int, default=16, help="blocks per sequence")
    ap.add_argument("--batch", type=int, default=40, help="sequences per program")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("--max-reports", type=int, default=10)
    ap.add_argument("--out", default=None, help="directory for reproducer programs")
    ap.add_argument("--no-coverage-check", action="store_true")
    ap.add_argument("--progress", action="store_true", help="report progress on stderr")
    ap.add_argument("--skip-without-runner", action="store_true",
                    help="exit 77 (skip) if discosim has no user-mode runner")
    ap.add_argument("--ref-only", action="store_true", help="run only the reference (harness self-check)")
    o = ap.parse_args(argv)
    o.ref_cmd = shlex.split(o.ref_cmd)
    o.cop1x_ref_cmd = shlex.split(o.cop1x_ref_cmd)
    o.list_rows = os.path.abspath(o.list_rows)
    if o.discosim:
        o.discosim = os.path.abspath(o.discosim)
    if o.sim_cmd:
        o.sim_cmd = shlex.split(o.sim_cmd)
    elif o.discosim and not o.ref_only:
        o.sim_cmd = [o.discosim, "user", "--isa", "mips4"]
    if o.ref_only:
        o.sim_cmd = None
    return o


def main(argv):
    o = parse_args(argv)
    if o.sim_cmd and o.skip_without_runner:
        probe = subprocess.run(o.sim_cmd[:2] + ["--help"], capture_output=True)
        if probe.returncode != 0:
            print(f"diffgen: {' '.join(o.sim_cmd[:2])} is not available yet: skipped")
            return 77
    if not o.sim_cmd and not o.ref_only:
        print("diffgen: give --discosim, --sim-cmd or --ref-only", file=sys.stderr)
        return 2
    rows = R.load_rows(o.list_rows)
    _init_worker(rows, o)
    idx = list(range(o.first, o.first + o.count))
    chunks = [idx[i:i + o.batch] for i in range(0, len(idx), o.batch)]
    total = {"run": 0, "endings": {}, "rows": set(), "mismatches": []}
    with multiprocessing.Pool(o.jobs, _init_worker, (rows, o)) as pool:
        for done, res in enumerate(pool.imap_unordered(run_chunk, chunks), 1):
            if o.progress and done % max(1, len(chunks) // 50) == 0:
                print(f"diffgen: {done * o.batch}/{len(idx)} sequences, "
                      f"{len(total['mismatches'])} mismatch(es)", file=sys.stderr, flush=True)
            total["run"] += res["run"]
            total["rows"] |= res["rows"]
            total["mismatches"] += res["mismatches"]
            for k, v in res["endings"].items():
                total["endings"][k] = total["endings"].get(k, 0) + v
    failed = False
    ends = ", ".join(f"{k} {v}" for k, v in sorted(total["endings"].items()))
    print(f"diffgen: seed {o.seed}: {total['run']} sequences run "
          f"({sum(total['endings'].values())} ended by a fault: {ends or 'none'}); "
          f"{len(total['mismatches'])} mismatch(es); FPU state {'compared' if _ctx['have_fpu'] else 'absent'}")
    if total["mismatches"]:
        failed = True
        outdir = o.out or tempfile.mkdtemp(prefix="diffgen-repro-")
        os.makedirs(outdir, exist_ok=True)
        for index, what in sorted(total["mismatches"])[:o.max_reports]:
            print(f"-- sequence {index}: {what}")
            print(reproduce(index, outdir))
    missing = sorted(r.name for r in rows if r.role != "excluded" and r.name not in total["rows"])
    print(f"diffgen: {len(total['rows'])} table rows generated; not drawn at random: "
          f"{' '.join(sorted(r.name for r in rows if r.role == 'excluded'))}")
    if missing and not o.no_coverage_check:
        failed = True
        print(f"diffgen: table rows never generated: {' '.join(missing)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
