#!/usr/bin/python3
"""vm_tables_test.py - a machine description with [[vm]] tables boots the
Disco monitor, which creates exactly those virtual machines: two VMs of
different sizes running dunix's Disco port from one shared kernel disk, each
with its own root file system, each printing what the program prints on the
bare machine.

usage: vm_tables_test.py DISCOSIM MONITOR_ELF DUNIX_DISCO_ELF PROGRAM
"""
import os
import subprocess
import sys
import tempfile


def main():
    discosim, monitor, kernel, program = sys.argv[1:5]
    with tempfile.TemporaryDirectory() as tmp:
        elf = open(kernel, "rb").read()
        open(os.path.join(tmp, "k.img"), "wb").write(elf + b"\0" * (-len(elf) % 512))
        root = os.path.join(tmp, "root")
        os.makedirs(os.path.join(root, "sbin"))
        os.makedirs(os.path.join(root, "tmp"))
        os.makedirs(os.path.join(root, "dev"))
        with open(program, "rb") as src, open(os.path.join(root, "sbin", "init"), "wb") as dst:
            dst.write(src.read())
        os.chmod(os.path.join(root, "sbin", "init"), 0o755)
        for img in ("a.img", "b.img"):
            subprocess.run(["mke2fs", "-q", "-t", "ext2", "-b", "4096", "-d", root, os.path.join(tmp, img), "32M"],
                           check=True, env=dict(os.environ, PATH=os.environ.get("PATH", "") + ":/usr/sbin:/sbin"))
        cfg = os.path.join(tmp, "m.toml")
        with open(cfg, "w") as f:
            f.write('[machine]\nnodes = 2\ncpus_per_node = 1\nmemory_per_node = "256M"\nisa = "r2"\n'
                    '[[disk]]\nimage = "k.img"\n[[disk]]\nimage = "a.img"\nwritable = true\n'
                    '[[disk]]\nimage = "b.img"\nwritable = true\n'
                    '[[vm]]\nkernel_disk = 0\ndisks = [1]\nvcpus = 2\nmemory = "64M"\n'
                    'args = ["root=0", "init=/sbin/init", "quiet"]\n'
                    '[[vm]]\nkernel_disk = 0\ndisks = [2]\nmemory = "32M"\n'
                    'args = ["root=0", "init=/sbin/init", "quiet"]\n')
        p = subprocess.run([discosim, "run", cfg, monitor], capture_output=True, text=True, timeout=240)
        bare = subprocess.run([discosim, "guest", program], capture_output=True, text=True, timeout=240)
    out = p.stdout.splitlines()
    failed = []
    if p.returncode != 0:
        failed.append(f"exit status {p.returncode}: {p.stderr.strip()[-300:]}")
    for i, (vcpus, mem) in enumerate([(2, 64), (1, 32)]):
        banner = f"disco: vm{i}: {vcpus} vCPU{'s' if vcpus > 1 else ''}, {mem} MiB, kernel from disk 0"
        if not any(l.startswith(banner) for l in out):
            failed.append(f"no line '{banner}...'")
        lines = [l[len(f"[vm{i}] "):] for l in out if l.startswith(f"[vm{i}] ")]
        if lines != bare.stdout.splitlines():
            failed.append(f"vm{i} printed {lines}, the bare kernel {bare.stdout.splitlines()}")
    for f in failed:
        print("FAIL", f)
    if failed:
        sys.exit(1)
    print(f"ok: two [[vm]] tables, two VMs, {len(bare.stdout.splitlines())} lines each as on the bare machine")


if __name__ == "__main__":
    main()
