"""A PostgreSQL server of one test's own, to stop and start while every other test goes on with the shared one.

Made with the installed server's own programs (initdb, pg_ctl) in a temporary folder: stopping it disturbs no other
test, so the test that restarts the database runs beside the rest of the suite. It listens on a Unix socket in that
folder only, so no other test can take its address while it is down.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import tempfile
from glob import glob
from pathlib import Path

PORT = 5432  # names the socket file in the server's own folder; no TCP port is opened


def server_programs() -> Path | None:
    """The folder holding both initdb and pg_ctl (the newest installed version), or None."""
    on_path = shutil.which("initdb")
    candidates = [Path(on_path).parent] if on_path else []
    candidates += sorted((Path(folder) for folder in glob("/usr/lib/postgresql/*/bin")),
                         key=lambda folder: [int(part) for part in re.findall(r"\d+", folder.parent.name)],
                         reverse=True)
    return next((folder for folder in candidates if (folder / "initdb").exists() and (folder / "pg_ctl").exists()),
                None)


def why_not_here() -> str | None:
    """None when a private server can be made here, else why not."""
    if server_programs() is None:
        return "PostgreSQL's initdb and pg_ctl are not installed here"
    if os.geteuid() == 0:
        # PostgreSQL refuses to run as root: the server runs as the `postgres` user.
        if shutil.which("runuser") is None:
            return "running as root without runuser, so the server cannot run as another user"
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no `postgres` user to run the server as"
    return None


class PrivatePostgres:
    """initdb, start, stop, start again, remove."""

    def __init__(self) -> None:
        programs = server_programs()
        if programs is None:
            raise RuntimeError(why_not_here())
        self.programs = programs
        self.folder = Path(tempfile.mkdtemp(prefix="coach-pg-"))
        self.data = self.folder / "data"
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        try:
            if self._as:
                owner = pwd.getpwnam("postgres")
                os.chown(self.folder, owner.pw_uid, owner.pw_gid)
            self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8")
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@/postgres?host={self.folder}&port={PORT}"

    def start(self) -> None:
        options = (f"-p {PORT} -k {self.folder} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
                   "-c full_page_writes=off")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "server.log"), "-w",
                  "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def close(self) -> None:
        subprocess.run([*self._as, str(self.programs / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60, check=False)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self, program: str, *args: str) -> None:
        subprocess.run([*self._as, str(self.programs / program), *args], check=True, capture_output=True,
                       timeout=120, cwd=self.folder)
