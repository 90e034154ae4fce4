#!/usr/bin/python3
"""run.py - run every benchmark workload on discosim and on QEMU, in the same
run, and report guest instructions, host seconds and MIPS for each, and the
ratio discosim/QEMU; and discosim's timing CPU model against its functional
model, on one CPU and on an eight-CPU machine.  `scripts/bench` is the
documented front end.

  benchmarks/run.py [--build DIR] [--reps N] [--only a,b] [--json FILE]
  benchmarks/run.py --smoke [--only a,b]     # tiny sizes, one run, checks only

Workloads (built by `ninja -C DIR`, see benchmarks/meson.build):
  compute-bare  bare-metal kernel: `discosim run configs/demo.toml` vs
                qemu-system-mips64 -M malta -cpu VR5432 (same source, linked
                with the Malta platform hooks)
  compute-user  static Linux program: `discosim user` vs qemu-mips64
  memsys-user   static Linux program (strided array, memcpy, small syscalls)
  compute-bare-timing   compute-bare with `--cpu-model timing`
  mp8           compute-mp.elf on configs/bench-mp8.toml (2 nodes x 4 CPUs):
                every CPU runs the compute kernel on its own copy of its
                data; MIPS is the aggregate over the 8 CPUs
  mp8-timing    the same with `--cpu-model timing`
The timing rows report their slowdown against the functional row of the same
program (its MIPS / theirs); choosing a timing row with --only runs that
functional row too.  The mp8 rows have no QEMU timing (QEMU's Malta starts
one CPU), but their output is still checked against QEMU running the same
kernel on one CPU, and every one of the 8 CPUs must have run it.

Instruction counts come from discosim's statistics JSON (exact).  QEMU runs
the identical, deterministic program, so the same count is used for it.
Host seconds are the CPU time (user+system) of the whole process, start-up
included, on both sides: on a shared machine CPU time is far steadier than
wall-clock time (both are in the JSON).  The median over the repetitions is
reported.  The JSON also keeps discosim's own run-loop wall time (bare metal
only: the user runner reports no time).  Every run's console output and exit
status are checked: both simulators must print the same lines and exit 0, or
the script fails.
"""
import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QEMU_SYSTEM = ['qemu-system-mips64', '-M', 'malta', '-cpu', 'VR5432', '-m', '64', '-nographic',
               '-nic', 'none', '-vga', 'none', '-no-reboot', '-semihosting', '-kernel']
NO_LIMIT = str(10**13)  # --max-insns: far beyond any workload


class Workload:
    """One program run on both simulators; `args` are its guest arguments.
    Bare-metal workloads run on `config` in CPU model `model` and must keep
    all `cpus` CPUs busy.  `qemu_timed`: QEMU runs the same instructions, so
    its time is comparable (otherwise QEMU only checks the output).
    `baseline`: the functional row a timing row is compared with."""

    def __init__(self, name, kind, elf, ref_elf, args, tiny_elf=None, tiny_ref_elf=None, tiny_args=None,
                 config='demo.toml', model='functional', cpus=1, qemu_timed=True, baseline=None):
        self.name, self.kind = name, kind
        self.elf, self.ref_elf, self.args = elf, ref_elf, args
        self.tiny_elf = tiny_elf or elf
        self.tiny_ref_elf = tiny_ref_elf or ref_elf
        self.tiny_args = tiny_args if tiny_args is not None else args
        self.config, self.model, self.cpus = config, model, cpus
        self.qemu_timed, self.baseline = qemu_timed, baseline


MP = dict(config='bench-mp8.toml', cpus=8, qemu_timed=False)
WORKLOADS = [
    Workload('compute-bare', 'bare', 'compute-bare.elf', 'compute-bare-malta.elf', [],
             'compute-bare-tiny.elf', 'compute-bare-tiny-malta.elf'),
    Workload('compute-user', 'user', 'compute-user', 'compute-user', ['12'], tiny_args=['1']),
    Workload('memsys-user', 'user', 'memsys-user', 'memsys-user', ['6'], tiny_args=['1']),
    Workload('compute-bare-timing', 'bare', 'compute-bare.elf', 'compute-bare-malta.elf', [],
             'compute-bare-tiny.elf', 'compute-bare-tiny-malta.elf', model='timing', baseline='compute-bare'),
    Workload('mp8', 'bare', 'compute-mp.elf', 'compute-mp-malta.elf', [],
             'compute-mp-tiny.elf', 'compute-mp-tiny-malta.elf', **MP),
    Workload('mp8-timing', 'bare', 'compute-mp.elf', 'compute-mp-malta.elf', [],
             'compute-mp-tiny.elf', 'compute-mp-tiny-malta.elf', model='timing', baseline='mp8', **MP),
]
BY_NAME = {w.name: w for w in WORKLOADS}


def fail(msg):
    print(f'bench: {msg}', file=sys.stderr)
    sys.exit(1)


def timed(cmd):
    """Runs cmd; returns ((cpu seconds, wall seconds), exit status, stdout,
    stderr).  CPU seconds are the child's user+system time (os.wait4), which
    a shared, loaded machine disturbs far less than wall-clock time."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        text = [f.read().decode(errors='replace') for f in (out, err)]
    return (usage.ru_utime + usage.ru_stime, wall), p.returncode, text[0], text[1]


def has_user_runner(discosim):
    p = subprocess.run([discosim, 'user', '--help'], capture_output=True, text=True)
    return p.returncode == 0


def discosim_cmd(discosim, w, elf, args, stats_path):
    if w.kind == 'bare':
        return [discosim, 'run', '--stats-json', stats_path, '--max-insns', NO_LIMIT, '--cpu-model', w.model,
                os.path.join(ROOT, 'configs', w.config), elf]
    return [discosim, 'user', '--stats', elf] + args


def qemu_cmd(w, ref_elf, args):
    if w.kind == 'bare':
        return QEMU_SYSTEM + [ref_elf]
    return ['qemu-mips64', ref_elf] + args


def run_once(discosim, w, bdir, tiny):
    """One run on each simulator; checks outputs; returns a record."""
    elf = os.path.join(bdir, 'benchmarks', w.tiny_elf if tiny else w.elf)
    ref = os.path.join(bdir, 'benchmarks', w.tiny_ref_elf if tiny else w.ref_elf)
    args = w.tiny_args if tiny else w.args
    for path in (elf, ref):
        if not os.path.exists(path):
            fail(f'{path} is missing: build with `ninja -C {bdir}` first')
    with tempfile.TemporaryDirectory() as tmp:
        stats_path = os.path.join(tmp, 'stats.json')
        d_sec, d_rc, d_out, d_err = timed(discosim_cmd(discosim, w, elf, args, stats_path))
        if d_rc != 0:
            fail(f'{w.name}: discosim exited {d_rc}: {d_err.strip()[-400:]}')
        if w.kind == 'bare':
            with open(stats_path) as f:
                stats = json.load(f)
            check_cpus(w, stats)
        else:  # the user runner prints its count: "discosim: N instructions retired"
            m = re.search(r'(\d+) instructions retired', d_err)
            if not m:
                fail(f'{w.name}: `discosim user --stats` printed no instruction count')
            stats = {'total_instructions': int(m.group(1)), 'host_seconds': None}
    q_sec, q_rc, q_out, q_err = timed(qemu_cmd(w, ref, args))
    if q_rc != 0:
        fail(f'{w.name}: QEMU exited {q_rc}: {q_err.strip()[-400:]}')
    d_lines, q_lines = d_out.replace('\r', '').split(), q_out.replace('\r', '').split()
    if d_lines != q_lines:
        fail(f'{w.name}: discosim and QEMU printed different results:\n  discosim: {d_out.strip()}\n'
             f'  qemu:     {q_out.strip()}')
    return {'insns': stats['total_instructions'], 'discosim_seconds': d_sec[0], 'discosim_wall': d_sec[1],
            'discosim_loop_seconds': stats['host_seconds'], 'qemu_seconds': q_sec[0], 'qemu_wall': q_sec[1],
            'output': d_out.strip()}


def check_cpus(w, stats):
    """The run used the intended model, and each of the workload's CPUs
    retired at least half as many instructions as the busiest one."""
    if stats['cpu_model'] != w.model:
        fail(f'{w.name}: ran in the {stats["cpu_model"]} model, not {w.model}')
    counts = [c['instructions'] for c in stats['cpus']]
    if len(counts) != w.cpus or min(counts) < max(counts) // 2:
        fail(f'{w.name}: expected {w.cpus} CPUs running the kernel, got instructions per CPU {counts}')


def machine_description():
    cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')),
               platform.processor())
    qemu = subprocess.run(['qemu-mips64', '--version'], capture_output=True, text=True).stdout.split('\n')[0]
    commit = subprocess.run(['git', '-C', ROOT, 'rev-parse', '--short', 'HEAD'], capture_output=True,
                            text=True).stdout.strip()
    return {'host_cpu': cpu, 'host_cores': os.cpu_count(), 'kernel': platform.release(), 'qemu': qemu,
            'discosim_commit': commit}


def summarise(w, runs):
    insns = runs[0]['insns']
    if any(r['insns'] != insns for r in runs):
        fail(f'{w.name}: instruction count changed between runs (not deterministic)')
    d = statistics.median(r['discosim_seconds'] for r in runs)
    loops = [r['discosim_loop_seconds'] for r in runs if r['discosim_loop_seconds'] is not None]
    d_loop = statistics.median(loops) if loops else None
    q = statistics.median(r['qemu_seconds'] for r in runs) if w.qemu_timed else None
    return {'workload': w.name, 'kind': w.kind, 'args': w.args, 'config': w.config if w.kind == 'bare' else None,
            'cpu_model': w.model, 'cpus': w.cpus, 'instructions': insns, 'reps': len(runs),
            'discosim_seconds': d, 'discosim_seconds_min': min(r['discosim_seconds'] for r in runs),
            'discosim_loop_seconds': d_loop, 'qemu_seconds': q,
            'qemu_seconds_min': min(r['qemu_seconds'] for r in runs) if q else None,
            'discosim_wall_seconds': statistics.median(r['discosim_wall'] for r in runs),
            'qemu_wall_seconds': statistics.median(r['qemu_wall'] for r in runs) if q else None,
            'discosim_mips': insns / d / 1e6, 'discosim_loop_mips': insns / d_loop / 1e6 if d_loop else None,
            'qemu_mips': insns / q / 1e6 if q else None,
            'ratio_discosim_to_qemu': (insns / d) / (insns / q) if q else None,
            'baseline': w.baseline, 'slowdown_vs_functional': None, 'output': runs[0]['output']}


def compare_with_baselines(rows):
    """Timing rows: same output as their functional row (the timing model
    changes when instructions complete, never what they compute), and the
    slowdown = functional MIPS / timing MIPS."""
    by_name = {r['workload']: r for r in rows}
    for r in rows:
        base = by_name.get(r['baseline'])
        if base is None:
            continue
        if r['output'].split() != base['output'].split():
            fail(f'{r["workload"]} printed other results than {base["workload"]}:\n  {r["output"]}\n  {base["output"]}')
        r['slowdown_vs_functional'] = base['discosim_mips'] / r['discosim_mips']


def print_table(rows):
    def opt(v, spec):
        return format(v, spec) if v is not None else format('-', spec.split('.')[0].rstrip(',') + 's')
    head = f'{"workload":19} {"cpus":>4} {"model":10} {"guest insns":>14} {"discosim s":>10} {"MIPS":>7} ' \
           f'{"qemu s":>8} {"MIPS":>7} {"dsim/qemu":>9} {"slowdown":>8}'
    print(head)
    print('-' * len(head))
    for r in rows:
        print(f'{r["workload"]:19} {r["cpus"]:>4} {r["cpu_model"]:10} {r["instructions"]:>14,} '
              f'{r["discosim_seconds"]:>10.3f} {r["discosim_mips"]:>7.1f} {opt(r["qemu_seconds"], ">8.3f")} '
              f'{opt(r["qemu_mips"], ">7.1f")} {opt(r["ratio_discosim_to_qemu"], ">9.3f")} '
              f'{opt(r["slowdown_vs_functional"], ">8.2f")}')
    print('(host seconds: median CPU time of the whole process; MIPS = guest instructions of all CPUs / that;\n'
          ' slowdown = MIPS of the functional row of the same program / MIPS of the timing row)')


def main():
    ap = argparse.ArgumentParser(description='discosim vs QEMU benchmark runner')
    ap.add_argument('--build', default=os.path.join(ROOT, 'build'), help='meson build directory')
    ap.add_argument('--reps', type=int, default=3, help='repetitions per workload (median reported)')
    ap.add_argument('--only', default='', help='comma-separated workload names')
    ap.add_argument('--json', default='', help='write the results here')
    ap.add_argument('--smoke', action='store_true', help='tiny sizes, one run, check results only')
    opts = ap.parse_args()

    discosim = os.path.join(opts.build, 'discosim')
    if not os.path.exists(discosim):
        fail(f'{discosim} is missing: run `meson setup {opts.build} && ninja -C {opts.build}`')
    wanted = opts.only.split(',') if opts.only else [w.name for w in WORKLOADS]
    unknown = [n for n in wanted if n not in BY_NAME]
    if unknown:
        fail(f'no workload named {", ".join(unknown)} (workloads: {", ".join(BY_NAME)})')
    if not opts.smoke:  # a timing row needs its functional row for the slowdown
        wanted += [BY_NAME[n].baseline for n in wanted if BY_NAME[n].baseline]
    chosen = [w for w in WORKLOADS if w.name in wanted]
    user_ok = has_user_runner(discosim)
    skipped = [w.name for w in chosen if w.kind == 'user' and not user_ok]
    chosen = [w for w in chosen if w.kind != 'user' or user_ok]
    if skipped:
        print(f'bench: `discosim user` is not available; skipping {", ".join(skipped)}', file=sys.stderr)
    if not chosen:
        sys.exit(77)  # meson's "skipped"

    if opts.smoke:
        for w in chosen:
            r = run_once(discosim, w, opts.build, tiny=True)
            print(f'{w.name}: ok, {w.cpus} CPU(s), {w.model}, {r["insns"]:,} instructions: {r["output"]}')
        return

    rows = []
    for w in chosen:
        runs = [run_once(discosim, w, opts.build, tiny=False) for _ in range(opts.reps)]
        rows.append(summarise(w, runs))
    compare_with_baselines(rows)
    print_table(rows)
    if opts.json:
        os.makedirs(os.path.dirname(os.path.abspath(opts.json)), exist_ok=True)
        with open(opts.json, 'w') as f:
            json.dump({'schema': 'discosim-bench/2', 'date': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()),
                       'machine': machine_description(), 'results': rows}, f, indent=2)
            f.write('\n')
        print(f'results written to {opts.json}')


if __name__ == '__main__':
    main()
