#!/usr/bin/python3
"""guest.py - the guest kernel's figures (issue 8): what its mechanisms cost
in simulated cycles, how long it takes to boot, and how fast the host runs a
program under `discosim guest` compared with `discosim user`.

  benchmarks/guest.py [--build DIR] [--reps N] [--json FILE]
  benchmarks/guest.py --smoke        # small sizes, one run, checks only (CI)

Figures:
  syscall       cycles per getppid() round trip (guest_micro.c)
  tlb refill    cycles per TLB refill, from the statistics (refill-handler
                cycles / refills) and, as a cross-check, guest_micro.c's extra
                time per load that misses the TLB
  fork+exec     cycles per fork + execve + exit + wait4 of a small program
  boot          power-on to init's first instruction: instructions and cycles
                (boot option bootphase: statistics phase 0xB007), and the host
                seconds of a whole run of a program that exits at once
  compute       MIPS of compute-user (benchmarks/workloads/compute_user.c)
                under `discosim guest` against `discosim user`: the guest run
                also simulates the kernel and its boot, every instruction of
                which counts; target: at least 0.9x

Simulated time comes from the guest's CLOCK_MONOTONIC, which dunix keeps in
simulated nanoseconds; it is turned into cycles with the machine's clock.
Host seconds are the child's CPU time (user+system), median over --reps.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BOOT_PHASE = 0xB007


def fail(msg):
    print(f'bench-guest: {msg}', file=sys.stderr)
    sys.exit(1)


def timed(cmd):
    """Runs cmd; returns (cpu seconds, exit status, stdout, stderr)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        p = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        out.seek(0), err.seek(0)
        text = [f.read().decode(errors='replace') for f in (out, err)]
    return usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status), text[0], text[1]


def guest(discosim, program, args, stats, kernel_args=()):
    cmd = [discosim, 'guest', '--stats-json', stats]
    for a in kernel_args:
        cmd += ['--kernel-arg', a]
    sec, rc, out, err = timed(cmd + [program] + list(args))
    if rc != 0:
        fail(f'discosim guest {os.path.basename(program)} exited {rc}: {err.strip()[-400:]}')
    with open(stats) as f:
        return sec, out, json.load(f)


def micro(discosim, bdir, n, tmp):
    prog = os.path.join(bdir, 'benchmarks', 'guest-micro')
    _, out, st = guest(discosim, prog, [str(n)], os.path.join(tmp, 'micro.json'))
    mhz = st['config']['clock_mhz']
    vals = dict(re.findall(r'^(\w+)_ns ([\d.]+)$', out, re.M))
    for key in ('syscall', 'tlbmiss', 'fork_exec_wait'):
        if key not in vals:
            fail(f'guest-micro printed no {key}_ns: {out.strip()}')
    refills = sum(c['tlb']['refills'] for c in st['cpus'])
    refill_cycles = sum(c['tlb']['refill_cycles'] for c in st['cpus'])
    return {'syscall_cycles': float(vals['syscall']) * mhz / 1000,
            'tlb_refill_cycles': refill_cycles / refills,
            'tlb_miss_extra_cycles': float(vals['tlbmiss']) * mhz / 1000,
            'fork_exec_wait_cycles': float(vals['fork_exec_wait']) * mhz / 1000,
            'tlb_refills': refills, 'clock_mhz': mhz}


def boot(discosim, bdir, tmp, reps):
    prog = os.path.join(bdir, 'benchmarks', 'guest-micro')
    secs, phase = [], None
    for _ in range(reps):
        sec, _, st = guest(discosim, prog, ['child'], os.path.join(tmp, 'boot.json'), ['bootphase'])
        secs.append(sec)
        phase = next((p for p in st['phases'] if p['id'] == BOOT_PHASE), None)
        if not phase:
            fail('no boot phase in the statistics: does the kernel know the bootphase option?')
    c = phase['cpus']
    return {'boot_instructions': sum(x['instructions'] for x in c),
            'boot_cycles': max(sum(x['cycles'].values()) for x in c),
            'boot_run_host_seconds': statistics.median(secs)}


def compute(discosim, bdir, tmp, size, reps):
    prog = os.path.join(bdir, 'benchmarks', 'compute-user')
    g_secs, u_secs, g_insns, u_insns = [], [], None, None
    for _ in range(reps):
        sec, out_g, st = guest(discosim, prog, [str(size)], os.path.join(tmp, 'compute.json'))
        g_secs.append(sec)
        g_insns = st['total_instructions']
        sec, rc, out_u, err = timed([discosim, 'user', '--stats', prog, str(size)])
        if rc != 0:
            fail(f'discosim user compute-user exited {rc}: {err.strip()[-300:]}')
        m = re.search(r'(\d+) instructions retired', err)
        if not m:
            fail('discosim user --stats printed no instruction count')
        u_insns = int(m.group(1))
        u_secs.append(sec)
        if out_g.split() != out_u.split():
            fail(f'compute-user printed different results:\n  guest: {out_g.strip()}\n  user:  {out_u.strip()}')
    g_mips = g_insns / statistics.median(g_secs) / 1e6
    u_mips = u_insns / statistics.median(u_secs) / 1e6
    return {'guest_instructions': g_insns, 'user_instructions': u_insns,
            'guest_mips': g_mips, 'user_mips': u_mips, 'guest_over_user': g_mips / u_mips}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--build', default=os.path.join(ROOT, 'build'))
    ap.add_argument('--reps', type=int, default=3)
    ap.add_argument('--json')
    ap.add_argument('--smoke', action='store_true', help='small sizes, one repetition, checks only')
    a = ap.parse_args()
    discosim = os.path.join(a.build, 'discosim')
    for p in (discosim, os.path.join(a.build, 'benchmarks', 'guest-micro'),
              os.path.join(a.build, 'benchmarks', 'compute-user')):
        if not os.path.exists(p):
            fail(f'{p} is missing: build with `ninja -C {a.build}` first')
    reps = 1 if a.smoke else a.reps
    with tempfile.TemporaryDirectory() as tmp:
        r = micro(discosim, a.build, 2000 if a.smoke else 20000, tmp)
        r.update(boot(discosim, a.build, tmp, reps))
        r.update(compute(discosim, a.build, tmp, 1 if a.smoke else 12, reps))
    # Sanity bounds a working kernel always meets; the figures themselves are
    # measured, never asserted.
    if not (50 < r['syscall_cycles'] < 20000 and 10 < r['tlb_refill_cycles'] < 200 and
            r['fork_exec_wait_cycles'] > r['syscall_cycles'] and r['boot_instructions'] > 0):
        fail(f'implausible figures: {r}')
    print(f"syscall round trip        {r['syscall_cycles']:10.0f} cycles")
    print(f"TLB refill                {r['tlb_refill_cycles']:10.1f} cycles "
          f"({r['tlb_refills']} refills; extra per missing load {r['tlb_miss_extra_cycles']:.1f})")
    print(f"fork+exec+exit+wait       {r['fork_exec_wait_cycles']:10.0f} cycles")
    print(f"boot to first user insn   {r['boot_instructions']:10d} instructions, {r['boot_cycles']} cycles; "
          f"whole run {r['boot_run_host_seconds']:.3f} host s")
    print(f"compute-user              guest {r['guest_mips']:.1f} MIPS, user {r['user_mips']:.1f} MIPS: "
          f"{r['guest_over_user']:.2f}x")
    if a.json:
        r['date'] = time.strftime('%Y-%m-%d')
        r['commit'] = subprocess.run(['git', '-C', ROOT, 'rev-parse', '--short', 'HEAD'], capture_output=True,
                                     text=True).stdout.strip()
        with open(a.json, 'w') as f:
            json.dump(r, f, indent=1, sort_keys=True)


if __name__ == '__main__':
    main()
