#!/usr/bin/python3
"""monitor_test.py - runs one monitor scenario: builds a machine description
whose disks hold the test guests' ELF files (and any data disks), boots
monitor.elf with the VM boot words (docs/monitor.md), and checks each VM's
output: its "ok" lines, no "not ok", and how it ended ("halted, status 0",
or "killed: ..." for the hostile guests).  For neighbours it also requires
the output to be exactly what the same guest prints when it runs alone.

Usage: monitor_test.py <discosim> <monitor.elf> <guest-dir> <scenario> [NAME=VALUE...]
(the dunix scenario takes kernel=DUNIX_DISCO_ELF prog=STATIC_PROGRAM)
"""
import os
import re
import subprocess
import sys
import tempfile

discosim, monitor, gdir, scenario = sys.argv[1:5]
options = dict(a.split("=", 1) for a in sys.argv[5:])


def vm(guest, vcpus=1, mem="16M", data=(), args="", limit=None, kernel=None):
    """A VM running test guest `guest`, or the ELF file `kernel`."""
    return dict(guest=guest, vcpus=vcpus, mem=mem, data=list(data), args=args, limit=limit, kernel=kernel)


def pattern_disk(sectors, seed):
    """A data disk whose every 8-byte word is (sector << 16 | word index) ^ seed."""
    out = bytearray()
    for s in range(sectors):
        for w in range(64):
            out += (((s << 16) | w) ^ seed).to_bytes(8, "big")
    return bytes(out)


def run(vms, nodes=1, cpus=1, node_mem="64M", extra_words=(), max_insns=400_000_000, quantum=None, opts=(),
        disk_us=5, isa="mips4", timeout=110):
    with tempfile.TemporaryDirectory() as tmp:
        disks, words = [], list(extra_words)
        for i, v in enumerate(vms):
            img = open(v["kernel"] or os.path.join(gdir, v["guest"] + ".elf"), "rb").read()
            disks.append(img + b"\0" * (-len(img) % 512))
            words += [f"vm{i}.kernel={len(disks) - 1}", f"vm{i}.vcpus={v['vcpus']}", f"vm{i}.mem={v['mem']}"]
            own = []
            for d in v["data"]:
                disks.append(d)
                own.append(str(len(disks) - 1))
            if own:
                words.append(f"vm{i}.disks={','.join(own)}")
            if v["args"]:
                words.append(f"vm{i}.args={v['args']}")
            if v["limit"]:
                words.append(f"vm{i}.limit={v['limit']}")
        if quantum:
            words.append(f"mon.quantum={quantum}")
        words.append("mon.stats=1")
        cfg = os.path.join(tmp, "m.toml")
        with open(cfg, "w") as f:
            f.write(f'[machine]\nnodes = {nodes}\ncpus_per_node = {cpus}\nmemory_per_node = "{node_mem}"\n'
                    f'endian = "big"\nisa = "{isa}"\n[run]\nquantum = 1000\nmax_instructions = {max_insns}\n'
                    f'[disk_timing]\ncommand_us = {disk_us}\nmb_per_s = 1000\n')
            f.write("[boot]\nargs = [" + ", ".join(f'"{w}"' for w in words) + "]\n")
            for n, d in enumerate(disks):
                path = os.path.join(tmp, f"d{n}.img")
                open(path, "wb").write(d)
                f.write(f'[[disk]]\nimage = "{path}"\nwritable = true\n')
        p = subprocess.run([discosim, "run", cfg, monitor] + list(opts), capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr


def vm_lines(out, i, nvms):
    """VM i's console lines, with its own number written as vmN (so a run
    alone compares with the same guest as another VM's neighbour)."""
    if nvms == 1:
        lines = [l for l in out.splitlines() if not l.startswith("disco:")]
    else:
        lines = [l[len(f"[vm{i}] "):] for l in out.splitlines() if l.startswith(f"[vm{i}] ")]
    return [l.replace(f"vm{i}", "vmN") for l in lines]


failures = []


def expect(cond, what):
    if not cond:
        failures.append(what)


def check_vm(out, i, nvms, min_ok=1, killed=None):
    lines = vm_lines(out, i, nvms)
    bad = [l for l in lines if l.startswith("not ok")]
    expect(not bad, f"vm{i}: {bad}")
    oks = sum(1 for l in lines if l.startswith("ok - "))
    expect(oks >= min_ok, f"vm{i}: {oks} ok lines, want at least {min_ok}")
    if killed:
        expect(re.search(rf"^disco: vm{i} killed: .*{killed}", out, re.M), f"vm{i} not killed for '{killed}'")
    else:
        expect(f"disco: vm{i} halted, status 0" in out, f"vm{i} did not halt with status 0")
    return lines


SCENARIOS = {}


def scenario_fn(f):
    SCENARIOS[f.__name__] = f
    return f


@scenario_fn
def hello():
    rc, out, err = run([vm("hello", args="a b")])
    lines = check_vm(out, 0, 1, min_ok=0)
    expect("hello from vmN: 1 vCPU(s), 16 MiB, 0 disk(s)" in lines, "hello line")
    expect("argv[2] = b" in lines, "boot words reach the guest")
    expect(any(l.startswith("sum ") for l in lines), "memory sum")
    expect(rc == 0, f"exit status {rc}")
    return out, err


@scenario_fn
def cp0():
    rc, out, err = run([vm("cp0")])
    check_vm(out, 0, 1, min_ok=32)
    expect("ERETs fused with the TLB write before them: 1)" in out, "tlbwr; eret in one exit")
    expect(stat(out, "idle") == 1, "one idle exit")
    expect(rc == 0, f"exit status {rc}")
    return out, err


@scenario_fn
def user():
    rc, out, err = run([vm("user")])
    check_vm(out, 0, 1, min_ok=8)
    expect(rc == 0, f"exit status {rc}")
    return out, err


@scenario_fn
def disk():
    rc, out, err = run([vm("disk", data=[pattern_disk(64, 0x1234)], args="seed=1234")])
    lines = check_vm(out, 0, 1, min_ok=22)
    expect("console write: one call for the whole line" in lines, "MC_CONSOLE_WRITE's line")
    expect(rc == 0, f"exit status {rc}")
    return out, err


def solo(guest, **kw):
    rc, out, err = run([vm(guest, **kw)])
    return vm_lines(out, 0, 1)


@scenario_fn
def disk_blocking():
    """A disk request blocks only its vCPU: with a slow disk (2 ms a command)
    the CPU idles - or runs the neighbour - instead of polling."""
    rc, out, err = run([vm("disk", data=[pattern_disk(64, 9)], args="seed=9")], disk_us=2000)
    check_vm(out, 0, 1, min_ok=20)
    m = re.search(r"idle cycles (\d+)", out)
    expect(m and int(m.group(1)) > 1_000_000, "the CPU idled while the disk worked (4 commands of 2 ms)")
    ref = solo("hello", args="neighbour")
    rc2, out2, err2 = run([vm("disk", data=[pattern_disk(64, 9)], args="seed=9"), vm("hello", args="neighbour")],
                          disk_us=2000)
    check_vm(out2, 0, 2, min_ok=20)
    expect(check_vm(out2, 1, 2, min_ok=0) == ref, "the neighbour's output changed")
    m = re.search(r"idle cycles (\d+)", out2)
    expect(m and int(m.group(1)) < int(re.search(r"idle cycles (\d+)", out).group(1)), "the neighbour used the disk time")
    expect(rc == 0 and rc2 == 0, f"exit status {rc}, {rc2}")
    return out + out2, err + err2


@scenario_fn
def two_vms():
    """Two VMs of different sizes at once, on two CPUs of two nodes: each
    prints exactly what it prints alone."""
    a, b = solo("hello", mem="16M", args="left"), solo("disk", mem="32M", data=[pattern_disk(64, 0x77)], args="seed=77")
    rc, out, err = run([vm("hello", mem="16M", args="left"), vm("disk", mem="32M", data=[pattern_disk(64, 0x77)],
                        args="seed=77")], nodes=2, cpus=1, node_mem="64M")
    expect(check_vm(out, 0, 2, min_ok=0) == a, "vm0's output differs from its solo run")
    expect(check_vm(out, 1, 2, min_ok=20) == b, "vm1's output differs from its solo run")
    # NUMA: a page is allocated on the node of the CPU that first touches it.  CPU 0 loaded
    # both kernels; then vm0 ran on CPU 0 (node 0) and vm1 on CPU 1 (node 1).
    nodes = {int(m.group(1)): [int(x) for x in m.group(2).split()]
             for m in re.finditer(r"^disco: vm(\d) pages by node: ([\d ]+)$", out, re.M)}
    expect(nodes.get(0, [0, 1])[1] == 0 and nodes[0][0] > 3000, f"vm0's pages by node {nodes.get(0)}")
    expect(nodes.get(1, [0, 0])[1] > 0, f"vm1's pages by node {nodes.get(1)}: none on its CPU's node")
    expect(rc == 0, f"exit status {rc}")
    return out, err


@scenario_fn
def smp():
    """More vCPUs than CPUs: 4 vCPUs on 2 CPUs, next to a 1-vCPU VM; then
    3 vCPUs on 1 CPU."""
    rc, out, err = run([vm("smp", vcpus=4, mem="16M"), vm("hello", mem="8M")], cpus=2, quantum=20000)
    lines = check_vm(out, 0, 2, min_ok=8)
    expect("smp: 4 vCPUs" in lines, "smp banner")
    check_vm(out, 1, 2, min_ok=0)
    expect(rc == 0, f"exit status {rc}")
    rc2, out2, err2 = run([vm("smp", vcpus=3)], cpus=1, quantum=20000)
    check_vm(out2, 0, 1, min_ok=7)
    expect(rc2 == 0, f"exit status {rc2}")
    return out + out2, err + err2


CONTAINED = "forge kseg tlbkernel io flood eret status tlbindex bigpage regpage"


@scenario_fn
def hostile():
    """Every contained attack, in a VM next to a neighbour whose output must
    not change; the attacker sees the right exceptions and halts normally."""
    ref = solo("hello", args="neighbour")
    rc, out, err = run([vm("hostile", args=CONTAINED), vm("hello", args="neighbour")], cpus=2)
    check_vm(out, 0, 2, min_ok=31)
    expect(check_vm(out, 1, 2, min_ok=0) == ref, "the neighbour's output changed")
    expect("disco: all VMs halted" in out, "the monitor did not survive")
    expect(rc == 0, f"exit status {rc}")
    return out, err


@scenario_fn
def hostile_kill():
    """A runaway loop with interrupts off (killed at its CPU-time limit) and an
    exception with no vector (killed at once), each sharing one CPU with a
    neighbour that must finish with unchanged output."""
    ref = solo("hello", args="neighbour")
    outs, errs = "", ""
    for attack, why in (("loop", "CPU-time limit"), ("bev", "BEV")):
        rc, out, err = run([vm("hostile", args=attack, limit=20_000_000), vm("hello", args="neighbour")], cpus=1)
        check_vm(out, 0, 2, min_ok=0, killed=why)
        expect(check_vm(out, 1, 2, min_ok=0) == ref, f"{attack}: the neighbour's output changed")
        expect("disco: all VMs halted" in out, f"{attack}: the monitor did not survive")
        expect(rc == 255, f"{attack}: exit status {rc}, want 255 (the killed VM's)")
        outs, errs = outs + out, errs + err
    return outs, errs


def stat(out, name, vmid=0):
    m = re.search(rf"^disco: vm{vmid} exits:.* {name}=(\d+)/", out, re.M)
    return int(m.group(1)) if m else 0


@scenario_fn
def l2tlb():
    """Misses of guest-mapped pages are served by the refill handler from
    the L2TLB, window misses from the pmap, none reflected to the guest."""
    rc, out, err = run([vm("tlbmany")])
    check_vm(out, 0, 1, min_ok=3)
    m = re.search(r"refills in assembly: window (\d+) l2tlb (\d+)", out)
    expect(m and int(m.group(2)) > 20, "L2TLB hits in the refill handler")
    expect(m and int(m.group(1)) > 20, "window refills from the pmap in the refill handler")
    expect(stat(out, "tlb-reflect") == 0, "no TLB miss reflected")
    expect(rc == 0, f"exit status {rc}")
    return out, err


@scenario_fn
def regpage():
    rc, out, err = run([vm("regpage")])
    check_vm(out, 0, 1, min_ok=12)
    expect(rc == 0, f"exit status {rc}")
    return out, err


@scenario_fn
def hints():
    rc, out, err = run([vm("hints", vcpus=2)], cpus=2)
    check_vm(out, 0, 1, min_ok=11)
    expect(re.search(r"pages returned 3$", out, re.M), "three pages returned to the allocator")
    expect(rc == 0, f"exit status {rc}")
    return out, err


@scenario_fn
def bench():
    """The cost of each monitor path (printed for the record; the bounds only
    catch a path gone badly wrong)."""
    rc, out, err = run([vm("bench")])
    costs = {m.group(1): int(m.group(2)) for m in re.finditer(r"^bench (\w+).*: (\d+) cycles each$", out, re.M)}
    print(" ".join(f"{k}={v}" for k, v in costs.items()))
    for k, bound in (("mfc0", 1500), ("mcall", 1500), ("tlbp", 3000), ("tlbwi", 2500), ("reflected", 20000), ("load", 100)):
        expect(k in costs and costs[k] < bound, f"{k}: {costs.get(k)} cycles, bound {bound}")
    expect(rc == 0, f"exit status {rc}")
    return out, err


@scenario_fn
def fpu():
    """Two VMs using the FPU time-share one CPU with a short slice."""
    rc, out, err = run([vm("fpu"), vm("fpu")], cpus=1, quantum=20000)
    check_vm(out, 0, 2, min_ok=1)
    check_vm(out, 1, 2, min_ok=1)
    expect(stat(out, "interrupt", 0) > 10, "the VMs were switched")
    expect(rc == 0, f"exit status {rc}")
    return out, err

@scenario_fn
def determinism():
    """The same machine twice gives the same output, statistics included
    (a 3-vCPU VM and a disk VM time-sharing 2 CPUs)."""
    vms = [vm("smp", vcpus=3), vm("disk", data=[pattern_disk(64, 5)], args="seed=5")]
    a = run(vms, cpus=2, quantum=20000)
    b = run(vms, cpus=2, quantum=20000)
    expect(a[1] == b[1] and a[1], "two runs differ")
    check_vm(a[1], 0, 2, min_ok=7)
    check_vm(a[1], 1, 2, min_ok=20)
    return a[1], a[2]


@scenario_fn
def timing():
    """The CP0, user-mode and SMP guests under the timing CPU model
    (caches and stalls change the time, not the architecture)."""
    outs, errs = "", ""
    for guest, vcpus, n in (("cp0", 1, 30), ("user", 1, 8), ("smp", 2, 7)):
        rc, out, err = run([vm(guest, vcpus=vcpus)], cpus=2, opts=["--cpu-model", "timing"])
        check_vm(out, 0, 1, min_ok=n)
        expect(rc == 0, f"{guest}: exit status {rc}")
        outs, errs = outs + out, errs + err
    return outs, errs


@scenario_fn
def lockstep():
    """The monitor and its guests under --lockstep: a functional checker one
    instruction behind finds no difference (two VMs, 3 vCPUs on 2 CPUs)."""
    rc, out, err = run([vm("smp", vcpus=2), vm("cp0")], cpus=2, opts=["--lockstep"])
    check_vm(out, 0, 2, min_ok=7)
    check_vm(out, 1, 2, min_ok=30)
    expect("no difference" in err, "lockstep found a difference")
    expect(rc == 0, f"exit status {rc}")
    return out, err


@scenario_fn
def dunix():
    """The dunix guest kernel's Disco port under the monitor: a static Linux
    program (fork, exec, wait, signals) in two VMs of 2 vCPUs on 2 CPUs, then
    in 8 VMs of 1 vCPU on 4 CPUs of 4 nodes (1 GiB: RAM above the I/O
    window), each VM with its own copy of the root image, prints exactly what
    it prints under the bare kernel (which also builds the image)."""
    prog = options["prog"]
    with tempfile.TemporaryDirectory() as tmp:
        image = os.path.join(tmp, "root.img")
        bare = subprocess.run([discosim, "guest", "--cpus", "2", "--image", image, prog, "/bin/" + os.path.basename(prog)],
                              capture_output=True, text=True, timeout=300)
        root = open(image, "rb").read()
    name = os.path.basename(prog)
    outs, errs = "", ""
    # (VMs, vCPUs each, nodes, CPUs per node, memory per VM, per node)
    for nvms, vcpus, nodes, cpus, mem, node_mem in ((2, 2, 1, 2, "128M", "512M"), (8, 1, 4, 1, "64M", "256M")):
        args = f"root=0 init=/bin/{name} cwd=/work quiet cpus={vcpus} -- /bin/{name}"
        vms = [vm(None, vcpus=vcpus, mem=mem, data=[root], args=args, kernel=options["kernel"]) for _ in range(nvms)]
        rc, out, err = run(vms, nodes=nodes, cpus=cpus, node_mem=node_mem, isa="r2", max_insns=4_000_000_000,
                           timeout=600)
        for i in range(nvms):
            lines = vm_lines(out, i, nvms)
            expect(lines == bare.stdout.splitlines(), f"{nvms} VMs: vm{i}: output differs from the bare kernel's")
            expect(f"disco: vm{i} halted, status {bare.returncode}" in out, f"{nvms} VMs: vm{i}: status differs")
        expect(rc == bare.returncode, f"{nvms} VMs: exit status {rc}, bare {bare.returncode}")
        outs, errs = outs + out, errs + err
    return outs, errs


out, err = SCENARIOS[scenario]()
for f in failures:
    print("FAIL:", f)
if failures or os.environ.get("MONITOR_TEST_VERBOSE"):
    print("---- stdout\n" + out + "---- stderr\n" + err)
sys.exit(1 if failures else 0)
