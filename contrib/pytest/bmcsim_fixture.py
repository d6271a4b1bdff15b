"""A pytest fixture for bmcsimd: start it on a free port, drive it through
its control API over the unix socket, with the Python standard library
only (http.client over AF_UNIX).

    from bmcsim_fixture import bmcsim          # or copy this file
    def test_power(bmcsim):
        bmcsim.put("/v1/bmcs/default/power", {"state": "off"})
        assert bmcsim.get("/v1/bmcs/default/power")["state"] == "off"
        # your code under test talks IPMI to ("127.0.0.1", bmcsim.port)

Environment: BMCSIMD (the program, default "bmcsimd" on PATH) and
BMCSIM_CONFIG (the INI file, default the installed default.ini).
"""
import http.client
import json
import os
import socket
import subprocess
import tempfile
import time

import pytest


class UnixHTTPConnection(http.client.HTTPConnection):
    """http.client over a unix socket: the API's default listener."""

    def __init__(self, path, timeout=10):
        super().__init__("bmcsim", timeout=timeout)
        self.unix_path = path

    def connect(self):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(self.timeout)
        s.connect(self.unix_path)
        self.sock = s


class ApiError(Exception):
    def __init__(self, status, problem):
        super().__init__("%d %s" % (status, problem))
        self.status = status
        self.problem = problem


class Bmcsim:
    """A running bmcsimd: .port (UDP, IPMI), .socket (the control API)."""

    def __init__(self, program, config, workdir):
        self.workdir = workdir
        self.state_dir = os.path.join(workdir, "state")
        os.mkdir(self.state_dir)
        self.socket = os.path.join(self.state_dir, "control.sock")
        self.ready_file = os.path.join(workdir, "ready")
        self.log = open(os.path.join(workdir, "bmcsimd.log"), "w+")
        self.proc = subprocess.Popen(
            [program, "-c", config, "--listen", "127.0.0.1:0",
             "--state-dir", self.state_dir, "--ready-file", self.ready_file],
            stdout=self.log, stderr=subprocess.STDOUT)
        self._wait_ready(30)
        with open(self.ready_file) as f:
            self.endpoints = dict(line.split() for line in f if line.strip())
        first = next(iter(self.endpoints.values()))
        self.port = int(first.rsplit(":", 1)[1])

    def _wait_ready(self, timeout):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                self.log.seek(0)
                raise RuntimeError("bmcsimd exited:\n" + self.log.read())
            try:
                if self.request("GET", "/readyz", check=False)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError("bmcsimd not ready after %ss" % timeout)

    def request(self, method, path, body=None, check=True):
        conn = UnixHTTPConnection(self.socket)
        try:
            data = json.dumps(body) if body is not None else None
            headers = {"Content-Type": "application/json"} if data else {}
            conn.request(method, path, body=data, headers=headers)
            resp = conn.getresponse()
            raw = resp.read()
            value = json.loads(raw) if raw else None
        finally:
            conn.close()
        if check and not 200 <= resp.status < 300:
            raise ApiError(resp.status, value)
        return resp.status, value

    def get(self, path):
        return self.request("GET", path)[1]

    def put(self, path, body):
        return self.request("PUT", path, body)[1]

    def post(self, path, body=None):
        return self.request("POST", path, body)[1]

    def delete(self, path):
        return self.request("DELETE", path)[1]

    def reset(self):
        """Every BMC back to its INI state: a clean start for each test."""
        return self.post("/v1/reset")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
        self.log.close()


def _default_config():
    for p in (os.environ.get("BMCSIM_CONFIG"),
              "/usr/local/share/bmcsim/sim-configs/default.ini",
              "/usr/share/bmcsim/sim-configs/default.ini"):
        if p and os.path.exists(p):
            return p
    raise RuntimeError("set BMCSIM_CONFIG to a bmcsim.ini(5) file")


@pytest.fixture(scope="session")
def bmcsim_daemon():
    """One bmcsimd for the whole session."""
    with tempfile.TemporaryDirectory(prefix="bmcsim-") as workdir:
        sim = Bmcsim(os.environ.get("BMCSIMD", "bmcsimd"),
                     _default_config(), workdir)
        try:
            yield sim
        finally:
            sim.stop()


@pytest.fixture
def bmcsim(bmcsim_daemon):
    """The session's bmcsimd, every BMC reset to its INI state first."""
    bmcsim_daemon.reset()
    return bmcsim_daemon
