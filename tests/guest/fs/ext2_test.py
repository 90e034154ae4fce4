#!/usr/bin/python3
"""ext2-host: dunix's ext2 file system (guest-kernels/dunix/fs/), run on the
host by the ext2h harness (under ASan/UBSan), against images made by
Debian's mke2fs and checked by e2fsck and debugfs.

  read      every file, symlink and directory of a mke2fs -d tree (1, 2 and 4
            KiB blocks; 128- and 256-byte inodes; holes; a sparse file past
            64 MiB: double and triple indirect blocks) reads back as the host has it
  write     the same operations run on the image and on a host directory (the
            model): results (byte counts, errno names) must agree; then
            e2fsck -fn is clean, debugfs rdump equals the model, debugfs stat
            agrees on link counts and sizes
  special   open-unlinked files, dir_index, extended-attribute blocks, device
            numbers, superblock state and counters, write coalescing
  ENOSPC    filling the disk stops with ENOSPC and leaves e2fsck clean
  stress    threads doing name-space and data operations concurrently
  mount     unsupported features refused (INCOMPAT) or read-only (RO_COMPAT)
  corrupt   random bytes in inode tables and directory blocks (fixed seeds):
            errors, never a crash or a sanitizer report

usage: ext2_test.py PATH/TO/ext2h
"""
import errno
import os
import random
import shutil
import subprocess
import sys
import tempfile

HARNESS = sys.argv[1]
TMP = tempfile.mkdtemp(prefix="ext2-host-")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def sh(*cmd, ok=(0,)):
    r = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
    if r.returncode not in ok:
        raise SystemExit(f"{' '.join(cmd)}: exit {r.returncode}\n{r.stdout}\n{r.stderr}")
    return r


def harness(img, lines, expect_exit=0):
    """Runs a script; returns [(command, result, [detail lines])] and stderr."""
    path = os.path.join(TMP, "script")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    r = subprocess.run([HARNESS, img, path], capture_output=True, text=True, errors="replace", timeout=300)
    if r.returncode != expect_exit or "Sanitizer" in r.stderr or "runtime error" in r.stderr:
        raise SystemExit(f"ext2h exited {r.returncode}\n{r.stdout[-3000:]}\n{r.stderr[-6000:]}")
    out, details = [], []
    for line in r.stdout.splitlines():
        if line.startswith("> "):
            details = []
        elif line.startswith("  "):
            details.append(line[2:])
        elif line.startswith("= "):
            out.append((len(out), line[2:], details))
    return out, r.stderr


def mkfs(src, img, bs, isize, size_mb, features=None):
    if os.path.exists(img):
        os.unlink(img)
    cmd = ["mke2fs", "-q", "-F", "-t", "ext2", "-b", str(bs), "-I", str(isize)]
    if features:
        cmd += ["-O", features]
    if src:
        cmd += ["-d", src]
    sh(*cmd, img, f"{size_mb}M")


def fsck_clean(img, what):
    r = subprocess.run(["e2fsck", "-fn", img], capture_output=True, text=True)
    check(r.returncode == 0, f"{what}: e2fsck -fn exit {r.returncode}:\n{r.stdout[-2000:]}")


def debugfs(img, cmd):
    return sh("debugfs", "-R", cmd, img).stdout


def pattern(n, seed):
    return random.Random(seed).randbytes(n)


def make_source(root, bs, sparse_mb):
    """The tree mke2fs -d copies in."""
    os.makedirs(root)
    sizes = [0, 1, 1023, 1024, 1025, 4095, 4097, 12 * bs - 1, 12 * bs, 12 * bs + 1, 300_000, 1_500_000]
    for i, n in enumerate(sizes):
        with open(f"{root}/f{i}", "wb") as f:
            f.write(pattern(n, i))
    deep = root
    for d in range(20):
        deep = os.path.join(deep, f"d{d}")
    os.makedirs(deep)
    with open(os.path.join(deep, "leaf.txt"), "w") as f:
        f.write("deep leaf\n")
    with open(f"{root}/hello.txt", "w") as f:
        f.write("hello\n")
    os.symlink("hello.txt", f"{root}/fastlink")
    os.symlink("./" * 40 + "hello.txt", f"{root}/slowlink")          # > 60 bytes: in a block
    os.symlink("d0/d1/d2", f"{root}/dirlink")
    os.symlink("nowhere", f"{root}/dangling")
    with open(f"{root}/holes", "wb") as f:                             # data, hole, data, hole at end
        f.write(b"A" * 5000)
        f.seek(3 * 1024 * 1024 + 7)
        f.write(b"B" * 3000)
        f.truncate(5 * 1024 * 1024)
    with open(f"{root}/sparse", "wb") as f:                            # reaches (double/triple) indirect
        for off in (0, 5 << 20, 40 << 20, sparse_mb << 20):
            f.seek(off)
            f.write(pattern(3000, off))
    os.makedirs(f"{root}/many")
    for i in range(300):
        with open(f"{root}/many/entry_with_a_long_name_{i:04d}", "w") as f:
            f.write(str(i))
    os.mkfifo(f"{root}/fifo")


def compare_trees(a, b, what, skip=("lost+found",)):
    """Files, symlinks, directories (not special files) of a and b agree."""
    def scan(root):
        out = {}
        for dirpath, dirnames, filenames in os.walk(root):
            rel = os.path.relpath(dirpath, root)
            if rel.split(os.sep)[0] in skip:
                continue
            for n in dirnames + filenames:
                p = os.path.join(dirpath, n)
                key = os.path.normpath(os.path.join(rel, n))
                if os.path.islink(p):
                    out[key] = ("link", os.readlink(p))
                elif os.path.isdir(p):
                    out[key] = ("dir",)
                elif os.path.isfile(p):
                    with open(p, "rb") as f:
                        out[key] = ("file", f.read())
        return out
    sa, sb = scan(a), scan(b)
    for k in sorted(set(sa) | set(sb)):
        if k.split(os.sep)[0] in skip:
            continue
        if sa.get(k) != sb.get(k):
            desc = lambda v: None if v is None else (v[0], len(v[1]) if v[0] == "file" else v[1:])
            check(False, f"{what}: {k}: {desc(sa.get(k))} != {desc(sb.get(k))}")
            return


class Model:
    """Runs each operation on a host directory (the model) and records the
    matching harness command and the result the model saw."""

    def __init__(self, root):
        self.root, self.cmds, self.expect, self.n = root, [], [], 0

    def p(self, path):
        return self.root + path

    def hostfile(self, data):
        self.n += 1
        path = os.path.join(TMP, f"data{self.n}")
        with open(path, "wb") as f:
            f.write(data)
        return path

    def op(self, cmd, fn):
        try:
            r = fn()
            res = str(r if isinstance(r, int) else 0)
        except OSError as e:
            res = errno.errorcode[e.errno]
        self.cmds.append(cmd)
        self.expect.append((cmd, res))

    def put(self, path, data):
        def f():
            with open(self.p(path), "wb") as fh:
                return fh.write(data)
        self.op(f"put {path} {self.hostfile(data)}", f)

    def pwrite(self, path, off, data):
        def f():
            fd = os.open(self.p(path), os.O_WRONLY)
            try:
                return os.pwrite(fd, data, off)
            finally:
                os.close(fd)
        self.op(f"pwrite {path} {off} {self.hostfile(data)}", f)

    def append(self, path, data):
        def f():
            with open(self.p(path), "ab") as fh:
                return fh.write(data)
        self.op(f"append {path} {self.hostfile(data)}", f)

    def truncate(self, path, size):
        self.op(f"truncate {path} {size}", lambda: os.truncate(self.p(path), size))

    def mkdir(self, path):
        self.op(f"mkdir {path}", lambda: os.mkdir(self.p(path)))

    def rmdir(self, path):
        self.op(f"rmdir {path}", lambda: os.rmdir(self.p(path)))

    def unlink(self, path):
        self.op(f"unlink {path}", lambda: os.unlink(self.p(path)))

    def link(self, a, b):
        self.op(f"link {a} {b}", lambda: os.link(self.p(a), self.p(b), follow_symlinks=False))

    def symlink(self, target, path):
        self.op(f"symlink {target} {path}", lambda: os.symlink(target, self.p(path)))

    def rename(self, a, b):
        self.op(f"rename {a} {b}", lambda: os.rename(self.p(a), self.p(b)))

    def get(self, path):
        out = os.path.join(TMP, "getout")
        def f():
            with open(self.p(path), "rb") as fh:
                return len(fh.read())
        self.op(f"get {path} {out}", f)


def write_ops(m, bs):
    """The scripted modifications (paths relative to the image root)."""
    m.put("/new1", pattern(10_000, 101))
    m.put("/f3", pattern(777, 102))                       # replace: truncate + write
    m.append("/hello.txt", b"more\n" * 300)
    m.pwrite("/f10", 5000, pattern(20_000, 103))          # overwrite and extend
    m.pwrite("/holes", 4 << 20, b"C" * 100)               # fill into a hole
    m.pwrite("/newhole", 0, b"x")                         # ENOENT: pwrite does not create
    m.put("/newhole", b"start")
    m.pwrite("/newhole", 9 * bs * 1024 + 3, b"end")      # far past EOF: a hole (double indirect with 1K)
    m.truncate("/f11", 5000)                              # shrink: frees direct + indirect blocks
    m.truncate("/f11", 2_000_000)                         # grow: a hole, zeros
    m.truncate("/sparse", 6 << 20)
    m.truncate("/f9", 3)
    m.mkdir("/n1")
    m.mkdir("/n1/n2")
    m.mkdir("/n1")                                        # EEXIST
    m.rmdir("/n1")                                        # ENOTEMPTY
    m.rmdir("/f1")                                        # ENOTDIR
    m.unlink("/n1")                                       # EISDIR
    m.put("/n1/n2/inner", b"inner")
    m.link("/n1/n2/inner", "/n1/inner-link")
    m.link("/f2", "/many/f2-link")
    m.link("/n1", "/n1-link")                             # EPERM
    m.symlink("n1/n2/inner", "/fast2")
    m.symlink("n1/" + "./" * 100 + "n2/inner", "/slow2")
    m.symlink("loop2", "/loop1")
    m.symlink("loop1", "/loop2")
    m.get("/loop1")                                       # ELOOP
    for i in range(41):                                   # a chain: 40 links are followed, 41 are not
        m.symlink(f"s{i + 1}" if i < 40 else "hello.txt", f"/s{i}")
    m.get("/s1")
    m.get("/s0")                                          # ELOOP
    m.get("/fast2")
    m.get("/slow2")
    m.get("/dirlink/d3/d4/d5/d6/d7/d8/d9/d10/d11/d12/d13/d14/d15/d16/d17/d18/d19/leaf.txt")
    m.get("/d0/d1/../d1/./d2/../../d0/d1/d2/d3/d4/d5/d6/d7/d8/d9/d10/d11/d12/d13/d14/d15/d16/d17/d18/d19/leaf.txt")
    m.get("/hello.txt/x")                                 # ENOTDIR
    m.get("/" + "n" * 256)                                # ENAMETOOLONG
    m.unlink("/f4")
    m.unlink("/f4")                                       # ENOENT
    m.unlink("/dangling")
    m.rename("/f5", "/f6")                                # replace a file
    m.rename("/n1/n2/inner", "/moved-inner")              # between directories
    m.mkdir("/e1")
    m.mkdir("/e2")
    m.rename("/e1", "/e2")                                # replace an empty directory
    m.rename("/n1", "/e2/n1")                             # a directory to a new parent: "..", nlinks
    m.rename("/e2", "/e2/n1/n2/x")                        # EINVAL: into its own subtree
    m.rename("/e2/n1", "/d0")                             # ENOTEMPTY
    m.rename("/f7", "/d0")                                # EISDIR
    m.rename("/e2/n1", "/f8")                             # ENOTDIR
    m.rename("/f8", "/f8")                                # same: nothing
    m.rename("/f2", "/many/f2-link")                      # hard links to one inode: nothing
    m.rename("/nothing", "/x")                            # ENOENT
    m.rmdir("/e2/n1/n2")
    m.rmdir("/d0/d1/d2/d3/d4/d5/d6/d7/d8/d9/d10/d11/d12/d13/d14/d15/d16/d17/d18/d19")  # ENOTEMPTY
    m.unlink("/d0/d1/d2/d3/d4/d5/d6/d7/d8/d9/d10/d11/d12/d13/d14/d15/d16/d17/d18/d19/leaf.txt")
    m.rmdir("/d0/d1/d2/d3/d4/d5/d6/d7/d8/d9/d10/d11/d12/d13/d14/d15/d16/d17/d18/d19")
    m.mkdir("/bulk")                                      # many entries: several blocks
    for i in range(250):
        m.put(f"/bulk/file-number-{i:05d}", str(i).encode())
    for i in range(0, 250, 2):
        m.unlink(f"/bulk/file-number-{i:05d}")            # merge into previous / inode 0
    for i in range(60):
        m.put(f"/bulk/a-much-longer-file-name-that-needs-split-{i:03d}", b"z" * i)
    for i in range(0, 300, 3):                            # the indexed directory
        m.unlink(f"/many/entry_with_a_long_name_{i:04d}")
    m.put("/many/added-after-index", b"added")


def test_image(bs, isize, sparse_mb, index_dirs):
    tag = f"{bs}B blocks, {isize}B inodes"
    print(f"--- {tag}")
    base = os.path.join(TMP, f"img{bs}_{isize}")
    src, img = base + "-src", base + ".img"
    make_source(src, bs, sparse_mb)
    mkfs(src, img, bs, isize, 48)
    if index_dirs:
        sh("e2fsck", "-fyD", img, ok=(0, 1))
        check("0x1000" in debugfs(img, "stat /many").split("Flags:")[1][:10], f"{tag}: /many indexed")

    # read: everything mke2fs put in
    out, _ = harness(img, ["mount ro", f"dump / {base}-dump", "stat /fifo", "stat /sparse", "umount"])
    check(out[1][1].isdigit(), f"{tag}: dump: {out[1][1]}")
    compare_trees(src, base + "-dump", f"{tag}: read back")
    check("mode=10644" in out[2][2][0], f"{tag}: fifo mode {out[2][2]}")
    check(f"size={os.path.getsize(src + '/sparse')}" in out[3][2][0], f"{tag}: sparse size {out[3][2]}")

    # write: the same operations on the model and the image
    model = base + "-model"
    shutil.copytree(src, model, symlinks=True, ignore=shutil.ignore_patterns("fifo"))
    os.mkdir(model + "/lost+found")                       # mke2fs made one (not compared, but a link of /)
    m = Model(model)
    write_ops(m, bs)
    out, err = harness(img, ["mount"] + m.cmds + ["open 1 /new1", "unlink /new1", f"getslot 1 {TMP}/slot",
                                                  "close 1", "sync", "diskstats", "umount"])
    for (cmd, want), (_, got, _) in zip(m.expect, out[1:]):
        check(want == got, f"{tag}: {cmd}: image says {got}, host says {want}")
    extra = out[1 + len(m.expect):]
    check(extra[2][1] == "10000" and open(f"{TMP}/slot", "rb").read() == pattern(10_000, 101),
          f"{tag}: an open unlinked file stays readable: {extra[2][1]}")
    os.unlink(model + "/new1")
    stats = dict(kv.split("=") for kv in extra[5][2][0].split())
    if bs < 4096:  # (4 KiB buffers are whole pages: only physically adjacent pages could coalesce)
        check(int(stats["max_write"]) > bs // 512, f"{tag}: writes coalesced (largest {stats['max_write']} sectors)")
    fsck_clean(img, tag)
    check("clean" in sh("dumpe2fs", "-h", img).stdout.split("Filesystem state:")[1].split("\n")[0],
          f"{tag}: clean after unmount")

    # debugfs sees what the model has
    os.makedirs(base + "-rdump")
    debugfs(img, f"rdump / {base}-rdump")
    compare_trees(model, base + "-rdump", f"{tag}: debugfs rdump vs model")
    for path in ["/f2", "/many/f2-link", "/e2/n1", "/e2", "/f11", "/holes", "/moved-inner", "/bulk", "/"]:
        st = os.lstat(model + path)
        text = debugfs(img, f"stat {path}")
        links = int(text.split("Links:")[1].split()[0])
        size = int(text.split("Size:")[1].split()[0])
        check(links == st.st_nlink, f"{tag}: {path}: debugfs links {links}, model {st.st_nlink}")
        if not os.path.isdir(model + path):
            check(size == st.st_size, f"{tag}: {path}: debugfs size {size}, model {st.st_size}")
    if index_dirs:
        check("0x1000" not in debugfs(img, "stat /many").split("Flags:")[1][:10], f"{tag}: index flag cleared")
    # and the harness reads back the model after a remount
    out, _ = harness(img, ["mount", f"dump / {base}-dump2", "umount"])
    compare_trees(model, base + "-dump2", f"{tag}: re-read vs model")


def test_special():
    print("--- devices, extended attributes, superblock state")
    img = os.path.join(TMP, "special.img")
    src = os.path.join(TMP, "special-src")
    os.makedirs(src)
    for i in range(3):
        with open(f"{src}/x{i}", "w") as f:
            f.write("x")
    mkfs(src, img, 1024, 128, 4)
    sh("debugfs", "-w", "-R", "ea_set /x0 user.big " + "v" * 300, img)    # 128-byte inodes: an EA block
    sh("debugfs", "-w", "-R", "ea_set /x1 user.big " + "w" * 300, img)
    mnt0 = int(sh("dumpe2fs", "-h", img).stdout.split("Mount count:")[1].split()[0])
    out, _ = harness(img, ["mount", "mknod /cdev c 4 5", "mknod /bdev b 300 70000", "mknod /pipe p 0 0",
                           "unlink /x0", "stat /cdev", "stat /bdev", "statfs", "sync"])
    check(out[5][2][0].split()[5] == f"rdev={(5 & 0xff) | (4 << 8)}", f"cdev rdev {out[5][2]}")
    hdr = sh("dumpe2fs", "-h", img).stdout
    check("not clean" in hdr.split("Filesystem state:")[1].split("\n")[0], "not clean while mounted")
    check(int(hdr.split("Mount count:")[1].split()[0]) == mnt0 + 1, "mount count incremented")
    free_blocks = int(hdr.split("Free blocks:")[1].split()[0])
    bfree = int(out[7][2][0].split("bfree=")[1].split()[0])
    check(free_blocks == bfree, f"superblock free blocks {free_blocks} == statfs {bfree}")
    out, _ = harness(img, ["mount", "umount"])
    fsck_clean(img, "special")
    check("04:05" in debugfs(img, "stat /cdev"), "old device encoding")
    check("300:70000" in debugfs(img, "stat /bdev"), "new device encoding")


def test_enospc():
    for bs in (1024, 4096):
        print(f"--- ENOSPC, {bs}B blocks")
        img = os.path.join(TMP, f"full{bs}.img")
        mkfs(None, img, bs, 256, 3)
        out, _ = harness(img, ["mount", "mkdir /d", "fill /d/big 10000", "fill /small 100", "mkdir /d2",
                               "statfs", "umount"])
        total = int(out[2][1])
        check(out[2][2] == ["stopped=ENOSPC"] and total > 1_000_000, f"fill: {out[2]}")
        check(out[3][1] == "ENOSPC" or int(out[3][1]) < bs, f"second file: {out[3]}")
        check("bfree=0 " in out[5][2][0], f"statfs full: {out[5][2]}")
        fsck_clean(img, f"full {bs}")
        data = sh("debugfs", "-R", "cat /d/big", img).stdout.encode("latin-1", "replace") if False else \
            subprocess.run(["debugfs", "-R", "cat /d/big", img], capture_output=True).stdout
        want = bytes(((i * 7 + 1) & 0xff) for i in range(total))
        check(data == want, f"full {bs}: debugfs cat of the filled file ({len(data)} bytes, wrote {total})")
        out, _ = harness(img, ["mount", "unlink /d/big", "put /after " + os.path.join(TMP, "data1"), "umount"])
        check(out[1][1] == "0" and out[2][1].isdigit(), f"after freeing: {out}")
        fsck_clean(img, f"freed {bs}")


def test_stress():
    print("--- concurrency")
    img = os.path.join(TMP, "stress.img")
    mkfs(None, img, 1024, 256, 32)
    out, _ = harness(img, ["mount", "stress 4 60", "umount"])
    check(out[1][1] == "0", f"stress: {out[1]}")
    fsck_clean(img, "stress")


def test_mount_refusals():
    print("--- features")
    img = os.path.join(TMP, "feat.img")
    sh("mke2fs", "-q", "-F", "-t", "ext4", img, "8M")
    out, err = harness(img, ["mount"])
    check(out[0][1] == "EINVAL" and "INCOMPAT" in err, f"ext4 refused: {out} {err}")
    mkfs(None, img, 1024, 256, 8, features="huge_file")
    out, err = harness(img, ["mount", "mkdir /x", "umount"])
    check(out[0][1] == "0" and out[1][1] == "EROFS" and "read-only" in err, f"huge_file read-only: {out} {err}")
    with open(img, "r+b") as f:                                              # not ext2 at all
        f.seek(1024 + 56)
        f.write(b"\0\0")
    out, _ = harness(img, ["mount"])
    check(out[0][1] == "EINVAL", f"bad magic: {out}")


def test_corrupt():
    src = os.path.join(TMP, "img1024_256-src")
    for seed in range(6):
        print(f"--- corrupt image, seed {seed}")
        img = os.path.join(TMP, "corrupt.img")
        mkfs(src, img, 1024, 256 if seed % 2 else 128, 48)
        rng = random.Random(seed)
        text = sh("dumpe2fs", img).stdout
        itable = int(text.split("Inode table at ")[1].split("-")[0])
        dirblocks = [int(b) for b in debugfs(img, "blocks /many").split()[:4]] + \
                    [int(debugfs(img, "blocks /").split()[0]), int(debugfs(img, "blocks /d0").split()[0])]
        with open(img, "r+b") as f:
            for _ in range(40):                                              # the first inode-table blocks
                f.seek(itable * 1024 + rng.randrange(0, 8 * 1024))
                f.write(rng.randbytes(rng.randrange(1, 8)))
            for b in rng.sample(dirblocks, 3):                               # directory blocks
                for _ in range(6):
                    f.seek(b * 1024 + rng.randrange(0, 1024))
                    f.write(rng.randbytes(rng.randrange(1, 6)))
        data = os.path.join(TMP, "data1")
        out, err = harness(img, ["mount", "walk /", "ls /many", "put /many/new " + data, "mkdir /many/newdir",
                                 "rename /many/entry_with_a_long_name_0007 /moved", "unlink /f3", "unlink /f11",
                                 "truncate /sparse 0", "rmdir /d0", "fill /fill 100000", "walk /", "umount"])
        check(out[0][1] == "0", f"seed {seed}: mounted {out[0]}")
        check("corrupt" in err, f"seed {seed}: corruption reported")


def main():
    try:
        test_image(1024, 256, 70, index_dirs=True)
        test_image(1024, 128, 70, index_dirs=False)
        test_image(2048, 128, 20, index_dirs=True)
        test_image(4096, 256, 20, index_dirs=False)
        test_special()
        test_enospc()
        test_stress()
        test_mount_refusals()
        test_corrupt()
    finally:
        if not failures:
            shutil.rmtree(TMP, ignore_errors=True)
    if failures:
        print(f"{len(failures)} failures; files kept in {TMP}")
        sys.exit(1)
    print("all passed")


if __name__ == "__main__":
    main()
