#!/usr/bin/python3
"""identity_test.py - nothing changes but speed: every count the simulator
reports is bit-identical to the golden files in tests/identity/golden/.

The golden files were recorded at the commit before the interpreter's speed
work began (issue 11), so they prove that a faster CPU changes no instruction,
cycle, exception, stall, miss or refill count, nor any program output.  Each
case runs one program and records:

  * `discosim run` / `discosim guest`: the --stats-json document with
    host_seconds removed (the one host-dependent field) and the build, source
    and scratch directories replaced by $BUILD, $SRC and $TMP;
  * `discosim user`: the --stats lines (instructions, syscalls and, in the
    timing model, cycles, stalls and misses);
  * every run: stdout and the exit status.

The cases cover the benchmark workloads (scripts/bench) at full size in both
CPU models, the bare-metal demos and the privileged-architecture tests
(exceptions in delay slots, the TLB, interrupts) in both models, a
multiprocessor coherence test, the instruction-mix loop, user-mode programs
and guest-kernel programs (TLB refills, code loaded by disk DMA) on 1 and 8
CPUs.

  identity_test.py --build DIR [--only NAME,...]           # compare (CI)
  identity_test.py --build DIR --record [--only NAME,...]  # rewrite the golden files

Each golden file also holds the SHA-256 of the case's inputs (programs,
configuration, guest kernel).  When an input changed - the guest kernel was
edited, a workload rebuilt by another compiler - the golden counts no longer
apply: the case is reported as stale (not failed) until it is re-recorded.
Re-record with a simulator whose counts are trusted (one built before the
change under test), e.g. `--record --only NAME --discosim OLD/discosim`; and
re-record for a simulator change only when it is *meant* to change counts,
saying so in the commit message.
"""
import argparse
import concurrent.futures
import difflib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(os.path.dirname(HERE))
GOLDEN = os.path.join(HERE, 'golden')
NO_LIMIT = str(10**13)


class Case:
    """One run: `kind` is run, user or guest; `argv` follows the subcommand
    ({B} is the build directory, {S} the source directory, {T} a scratch
    directory of the case's own)."""

    def __init__(self, name, kind, argv):
        self.name, self.kind, self.argv = name, kind, argv


def bare(name, config, elf, *opts):
    return Case(name, 'run', ['--max-insns', NO_LIMIT, *opts, '{S}/configs/' + config, '{B}/' + elf])


CASES = []
for model in ('functional', 'timing'):
    m = ['--cpu-model', model]
    CASES += [
        # the benchmark workloads of scripts/bench, at full size
        bare(f'compute-bare-{model}', 'demo.toml', 'benchmarks/compute-bare.elf', *m),
        bare(f'mp8-{model}', 'bench-mp8.toml', 'benchmarks/compute-mp.elf', *m),
        Case(f'compute-user-{model}', 'user', [*m, '{B}/benchmarks/compute-user', '12']),
        Case(f'memsys-user-{model}', 'user', [*m, '{B}/benchmarks/memsys-user', '6']),
        # bare-metal demos, 1 and 8 CPUs
        bare(f'demo-hello-{model}', 'demo.toml', 'guest-kernels/demo/hello.elf', *m),
        bare(f'demo-mp-hello-{model}', 'mp8.toml', 'guest-kernels/demo/mp_hello.elf', *m),
        # exceptions (in delay slots too), TLB, interrupts and timer, modes
        bare(f'priv-exceptions-{model}', 'demo.toml', 'tests/machine/priv/priv-exceptions.elf', *m),
        bare(f'priv-tlb-{model}', 'demo.toml', 'tests/machine/priv/priv-tlb.elf', *m),
        bare(f'priv-interrupts-{model}', 'demo.toml', 'tests/machine/priv/priv-interrupts.elf', *m),
        bare(f'modes-{model}', 'demo.toml', 'tests/machine/modes.elf', *m),
        # two CPUs sharing lines across nodes (coherence, queueing)
        Case(f'pingpong-{model}', 'run', ['--max-insns', NO_LIMIT, *m, '{S}/tests/machine/timing/numa.toml',
                                           '{B}/tests/machine/timing/timing-pingpong.elf']),
        # the guest kernel: TLB refills on every page of a large working set,
        # programs loaded by disk DMA, fork and scheduling on 8 CPUs
        Case(f'guest-compute-user-{model}', 'guest',
             [*m, '--cpus', '1', '{B}/benchmarks/compute-user', '12' if model == 'functional' else '2']),
        Case(f'guest-smp-compute-8cpus-{model}', 'guest',
             [*m, '--cpus', '8', '{B}/tests/guest/smp_compute', '8', '200000']),
    ]
# the loop instantiated with the per-row execution counts
CASES.append(bare('compute-bare-tiny-insn-mix', 'demo.toml', 'benchmarks/compute-bare-tiny.elf', '--insn-mix'))
# a switch from the functional to the timing model in the middle of a run
CASES.append(bare('compute-bare-tiny-switch', 'demo.toml', 'benchmarks/compute-bare-tiny.elf',
                  '--timing-at-insns', '30000000'))
BY_NAME = {c.name: c for c in CASES}


def strip(d):
    if isinstance(d, dict):
        return {k: strip(v) for k, v in d.items() if k != 'host_seconds'}
    if isinstance(d, list):
        return [strip(v) for v in d]
    return d


def inputs(discosim, build, case):
    """The SHA-256 of every file the case reads: the files named on its
    command line and, for a guest run, the guest kernel."""
    named = {a.replace('{B}', '$BUILD').replace('{S}', '$SRC'): a.replace('{B}', build).replace('{S}', SRC)
             for a in case.argv if a.startswith(('{B}', '{S}'))}
    if case.kind == 'guest':  # the kernel next to the simulator
        named['$BUILD/guest-kernels/dunix/dunix.elf'] = os.path.join(os.path.dirname(discosim), 'guest-kernels',
                                                                     'dunix', 'dunix.elf')
    out = {}
    for key, path in named.items():
        with open(path, 'rb') as f:
            out[key] = hashlib.sha256(f.read()).hexdigest()
    return out


def run_case(discosim, build, case):
    """Runs one case; returns its record (a JSON-able dict)."""
    # /tmp/identity-XXXXXXXX: a Linux program sees its own path (argv[0],
    # readlink /proc/self/exe) and its instruction count depends on the
    # path's length, so user programs run from a copy at a path of fixed length.
    with tempfile.TemporaryDirectory(prefix='identity-', dir='/tmp') as tmp:
        subst = lambda s: s.replace('{B}', build).replace('{S}', SRC).replace('{T}', tmp)
        argv = [subst(a) for a in case.argv]
        if case.kind == 'user':
            prog = next(i for i, a in enumerate(argv) if a.startswith(build))
            shutil.copy(argv[prog], tmp)
            argv[prog] = os.path.join(tmp, os.path.basename(argv[prog]))
        stats_path = os.path.join(tmp, 'stats.json')
        if case.kind == 'run':
            cmd = [discosim, 'run', '--stats-json', stats_path] + argv
        elif case.kind == 'guest':
            cmd = [discosim, 'guest', '--progress', 'off', '--stats-json', stats_path,
                   '--image', os.path.join(tmp, 'root.img')] + argv
        else:
            cmd = [discosim, 'user', '--stats'] + argv
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                           timeout=600)
        norm = lambda s: s.replace(tmp, '$TMP').replace(build, '$BUILD').replace(SRC, '$SRC')
        rec = {'inputs': inputs(discosim, build, case), 'command': [norm(a) for a in cmd[1:]],
               'exit_status': p.returncode,
               'stdout': norm(p.stdout.decode(errors='replace'))}
        if case.kind == 'user':
            rec['stats'] = [l for l in p.stderr.decode(errors='replace').splitlines() if l.startswith('discosim: ')]
        else:
            if not os.path.exists(stats_path):
                rec['stats'] = None
                rec['stderr'] = p.stderr.decode(errors='replace')[-2000:]
            else:
                with open(stats_path) as f:
                    stats = strip(json.load(f))
                # `discosim guest` names its configuration by the absolute path
                # of the source tree the binary was built from
                src = stats.get('config', {}).get('source', '')
                if case.kind == 'guest' and os.path.isabs(src):
                    stats['config']['source'] = os.path.join('$SRC', *src.split(os.sep)[-2:])
                rec['stats'] = json.loads(norm(json.dumps(stats)))
        return rec


def dump(rec):
    return json.dumps(rec, indent=1, sort_keys=True) + '\n'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--build', required=True, help='meson build directory')
    ap.add_argument('--only', default='', help='comma-separated case names')
    ap.add_argument('--record', action='store_true', help='write the golden files instead of comparing')
    ap.add_argument('--jobs', type=int, default=2)
    ap.add_argument('--discosim', help='the simulator (default: BUILD/discosim; a guest kernel is looked up '
                    'next to it, in guest-kernels/dunix/)')
    a = ap.parse_args()
    build = os.path.abspath(a.build)
    discosim = os.path.abspath(a.discosim) if a.discosim else os.path.join(build, 'discosim')
    names = a.only.split(',') if a.only else [c.name for c in CASES]
    unknown = [n for n in names if n not in BY_NAME]
    if unknown:
        print(f'identity: no case named {", ".join(unknown)}', file=sys.stderr)
        return 2
    os.makedirs(GOLDEN, exist_ok=True)
    failed, stale = [], []
    with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as pool:
        futures = {n: pool.submit(run_case, discosim, build, BY_NAME[n]) for n in names}
        for n in names:
            rec = futures[n].result()
            path = os.path.join(GOLDEN, n + '.json')
            if a.record:
                with open(path, 'w') as f:
                    f.write(dump(rec))
                print(f'recorded {n}: exit {rec["exit_status"]}')
                continue
            if not os.path.exists(path):
                print(f'FAIL {n}: no golden file {os.path.relpath(path, SRC)}')
                failed.append(n)
                continue
            with open(path) as f:
                want = f.read()
            if json.loads(want).get('inputs') != rec['inputs']:
                print(f'STALE {n}: its inputs changed since {os.path.relpath(path, SRC)} was recorded '
                      f'(re-record it: see the top of {os.path.relpath(__file__, SRC)})')
                stale.append(n)
                continue
            got = dump(rec)
            if got == want:
                print(f'ok {n}')
            else:
                diff = list(difflib.unified_diff(want.splitlines(), got.splitlines(), 'golden', 'now', lineterm='', n=1))
                print(f'FAIL {n}: differs from {os.path.relpath(path, SRC)}:\n' + '\n'.join(diff[:40]))
                failed.append(n)
    if failed:
        print(f'{len(failed)} of {len(names)} cases differ: {", ".join(failed)}')
        return 1
    if stale:
        print(f'{len(stale)} of {len(names)} cases stale (inputs changed): {", ".join(stale)}')
    print(f'all {len(names) - len(stale)} current cases identical to the golden statistics' if not a.record else 'done')
    return 0


if __name__ == '__main__':
    sys.exit(main())
