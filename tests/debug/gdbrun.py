"""gdbrun.py - run discosim with its gdb stub and the real gdb-multiarch in
batch mode, with bounded timeouts (shared by the debug suite's tests)."""
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time


def need_gdb(gdb):
    if not os.path.exists(gdb) and not shutil.which(gdb):
        raise SystemExit(f"FAIL: {gdb}: gdb-multiarch is not installed (scripts/deps.txt)")


class Session:
    """discosim started with --gdb unix:SOCK --gdb-wait; gdb() runs a batch script against it."""

    def __init__(self, cmd, tmp, wait=True, endpoint=None, tail=()):
        self.sock = os.path.join(tmp, "gdb.sock")
        self.endpoint = endpoint or "unix:" + self.sock
        self.stats = os.path.join(tmp, "stats.json")
        user = len(cmd) > 1 and cmd[1] == "user"  # the user-mode runner has neither statistics file nor progress
        args = cmd + ["--gdb", self.endpoint] + ([] if user else ["--stats-json", self.stats, "--progress", "off"])
        if wait:
            args.append("--gdb-wait")
        args += list(tail)  # `guest`: the program and its arguments follow the options
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 10
        while self.endpoint.startswith("unix:") and not os.path.exists(self.sock):
            if time.time() > deadline or self.proc.poll() is not None:
                raise SystemExit("FAIL: discosim did not start listening: " + self.proc.stderr.read())
            time.sleep(0.02)

    def gdb(self, gdb, script, timeout=60):
        with tempfile.NamedTemporaryFile("w", suffix=".gdb", delete=False) as f:
            f.write("set pagination off\nset confirm off\nset width 0\n" + script)
        try:
            r = subprocess.run([gdb, "-batch", "-nx", "-x", f.name], capture_output=True, text=True,
                               timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise SystemExit(f"FAIL: gdb did not finish within {timeout} s")
        finally:
            os.unlink(f.name)
        return r.stdout + r.stderr

    def finish(self, timeout=60):
        """Waits for discosim; returns (exit status, stdout, stderr, statistics without host time)."""
        try:
            out, err = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.communicate()
            raise SystemExit(f"FAIL: discosim did not finish within {timeout} s (killed)")
        return self.proc.returncode, out, err, load_stats(self.stats)


def load_stats(path):
    if not os.path.exists(path):
        return None
    def strip(d):
        if isinstance(d, dict):
            return {k: strip(v) for k, v in d.items() if k not in ("host_seconds", "image")}  # host-side values
        if isinstance(d, list):
            return [strip(x) for x in d]
        return d
    return strip(json.load(open(path)))


def plain_run(cmd, tmp, tail=()):
    """The same run without gdb: (exit status, stdout, statistics)."""
    stats = os.path.join(tmp, "plain.json")
    r = subprocess.run(cmd + ["--stats-json", stats, "--progress", "off"] + list(tail), capture_output=True,
                       text=True, timeout=120)
    return r.returncode, r.stdout, load_stats(stats)


class Rsp:
    """A minimal remote-protocol client, for what batch gdb cannot do (Ctrl-C at a chosen moment)."""

    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.settimeout(20)
        self.s.connect(path)
        self.buf = b""

    def _byte(self):
        if not self.buf:
            self.buf = self.s.recv(4096)
            if not self.buf:
                raise EOFError
        b, self.buf = self.buf[:1], self.buf[1:]
        return b

    def send(self, payload):
        data = payload.encode()
        self.s.sendall(b"$" + data + b"#%02x" % (sum(data) & 0xff))
        assert self._byte() == b"+"

    def recv(self):
        while self._byte() != b"$":
            pass
        data = b""
        while (b := self._byte()) != b"#":
            data += b
        self._byte(), self._byte()
        self.s.sendall(b"+")
        return data.decode()

    def ask(self, payload):
        self.send(payload)
        return self.recv()
