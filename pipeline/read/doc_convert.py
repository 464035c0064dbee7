"""Legacy Word 97 (.doc) input, converted to .docx by LibreOffice in a temporary folder.

LibreOffice is an optional system package: without it, .doc files get a clear error
that says how to install it, and the rest of the batch goes on.

A file named .doc can be anything LibreOffice opens (HTML, RTF, ...), and those formats
can reference remote content (images, style sheets, frames, linked files) that
LibreOffice would fetch while converting. So soffice runs sandboxed:

- with a fresh profile of its own whose settings turn off macros, links to remote
  content and every remote content provider (http, https, WebDAV, FTP, ...);
- in a network namespace of its own (no interface but a downed loopback) when `unshare`
  is permitted here; where it is not, the profile alone keeps it offline and the reason
  is logged once (`network_isolation().note`);
- in a process group of its own, killed as a whole on timeout, error or Ctrl-C, with its
  temporary folder (profile, scratch files, output) removed.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

from pipeline.errors import MissingToolError, ReadError
from pipeline.limits import DEFAULT_LIMITS, Limits
from pipeline.model import Document

log = logging.getLogger(__name__)

INSTALL_HINT = (
    "install LibreOffice to read .doc files"
    " (Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui)"
)
# How long the one-off `unshare` probe may take before it counts as "not available".
NAMESPACE_PROBE_TIMEOUT = 10.0
# URL schemes whose LibreOffice content providers read only local data; every other
# provider the installation registers (http, https, WebDAV, FTP, GIO, CMIS, ...) is
# removed from the conversion profile.
LOCAL_URL_SCHEMES = frozenset({
    "file", "vnd.sun.star.hier", "vnd.sun.star.pkg", "vnd.sun.star.zip",
    "vnd.sun.star.expand", "vnd.sun.star.tdoc", "vnd.sun.star.help",
    "vnd.sun.star.extension", "vnd.libreoffice.image", "private",
})
# The remote providers of LibreOffice's own registry (ucb/source/ucp/*.xcu), removed even
# when the installation's registry cannot be read.
KNOWN_REMOTE_PROVIDERS = (
    "Provider3", "Provider4", "Provider4a", "Provider6",
    "Provider12", "Provider12a", "Provider12b",
)
PROVIDER_DATA = ("/org.openoffice.ucb.Configuration/ContentProviders/Local/SecondaryKeys"
                 "/Office/ProviderData")
SECURITY = "/org.openoffice.Office.Common/Security/Scripting"
# Profile settings, as (configuration path, property, value).
PROFILE_SETTINGS: tuple[tuple[str, str, str], ...] = (
    (SECURITY, "MacroSecurityLevel", "3"),  # very high: only signed macros from trusted places
    (SECURITY, "DisableMacrosExecution", "true"),
    (SECURITY, "BlockUntrustedRefererLinks", "true"),  # no remote images of a document
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "0"),  # never update links
    ("/org.openoffice.Office.Common/Misc", "FirstRun", "false"),
)
XCU_HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry"'
    ' xmlns:xs="http://www.w3.org/2001/XMLSchema"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
)
OOR = "{http://openoffice.org/2001/registry}"


@dataclass(frozen=True)
class NetworkIsolation:
    """How soffice is kept off the network: the command words that start it in a network
    namespace of its own (empty when that is not permitted here), and why not."""

    prefix: tuple[str, ...]
    note: str = ""


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@functools.cache
def network_isolation() -> NetworkIsolation:
    """Probe once whether `unshare` may give a child its own network namespace.

    As root `unshare --net` suffices; otherwise an unprivileged user namespace
    (`--map-root-user`) is needed, which some kernels and containers refuse.
    """
    unshare = shutil.which("unshare")
    if unshare is None:
        return _not_isolated("unshare not found")
    prefix = (unshare, "--net") if os.geteuid() == 0 else (unshare, "--net", "--map-root-user")
    try:
        probe = subprocess.run([*prefix, "true"], capture_output=True,
                               timeout=NAMESPACE_PROBE_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return _not_isolated(f"unshare failed: {exc}")
    if probe.returncode != 0:
        reason = probe.stderr.decode(errors="replace").strip() or f"exit code {probe.returncode}"
        return _not_isolated(f"unshare not permitted: {reason}")
    return NetworkIsolation(prefix)


def _not_isolated(reason: str) -> NetworkIsolation:
    note = (f"LibreOffice runs without a network namespace ({reason}); its profile alone"
            " keeps remote loading off")
    log.warning(note)
    return NetworkIsolation((), note)


def profile_settings_xcu(soffice: str) -> str:
    """The registrymodifications.xcu of a conversion profile: macros off, remote links
    blocked, and every content provider that can reach the network removed."""
    items = [f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse">'
             f"<value>{value}</value></prop></item>" for path, name, value in PROFILE_SETTINGS]
    remote = sorted(set(KNOWN_REMOTE_PROVIDERS) | installed_remote_providers(soffice))
    items += [f'<item oor:path="{PROVIDER_DATA}"><node oor:name={quoteattr(name)}'
              ' oor:op="remove"/></item>' for name in remote]
    return XCU_HEADER + "\n".join(items) + "\n</oor:items>\n"


def installed_remote_providers(soffice: str) -> frozenset[str]:
    """Names of the content providers the installation registers for non-local schemes.

    Read from its share/registry/*.xcd (next to program/soffice), so that providers of
    optional packages (GIO, CMIS, ...) are removed too; empty when not readable.
    """
    registry = Path(os.path.realpath(soffice)).parent.parent / "share" / "registry"
    return _remote_providers_in(registry)


@functools.cache
def _remote_providers_in(registry: Path) -> frozenset[str]:
    names: set[str] = set()
    for xcd in sorted(registry.glob("*.xcd")):
        try:
            root = ET.parse(xcd).getroot()
        except (OSError, ET.ParseError):
            continue
        for data in root.iter("node"):
            if data.get(f"{OOR}name") != "ProviderData":
                continue
            for provider in data.findall("node"):
                scheme = _provider_scheme(provider)
                if scheme is not None and scheme.lower() not in LOCAL_URL_SCHEMES:
                    names.add(provider.get(f"{OOR}name", ""))
    names.discard("")
    return frozenset(names)


def _provider_scheme(provider: ET.Element) -> str | None:
    for prop in provider.findall("prop"):
        if prop.get(f"{OOR}name") == "URLTemplate":
            value = prop.find("value")
            return (value.text or "") if value is not None else ""
    return None


def write_profile(profile: Path, soffice: str) -> None:
    """Create the fresh profile before soffice first starts, so no setting of the user's
    own profile (or LibreOffice's defaults) applies to untrusted input."""
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(profile_settings_xcu(soffice),
                                                    encoding="utf-8")


def convert_doc_to_docx(path: Path, out_dir: Path, *, timeout: float = 120.0) -> Path:
    """Run `soffice --headless --convert-to docx` sandboxed, with a time limit."""
    soffice = soffice_path()
    if soffice is None:
        raise MissingToolError(f"{path}: cannot read .doc: LibreOffice (soffice) not found; "
                               f"{INSTALL_HINT}")
    returncode, stderr = run_soffice_sandboxed(soffice, path, out_dir,
                                               convert_to="docx:MS Word 2007 XML",
                                               timeout=timeout)
    if returncode is None:
        raise ReadError(f"{path}: LibreOffice did not convert the .doc within {timeout:.0f}s")
    if returncode != 0:
        detail = stderr.strip().splitlines()
        raise ReadError(f"{path}: LibreOffice could not convert the .doc"
                        f" ({detail[-1] if detail else 'exit code ' + str(returncode)})")
    converted = out_dir / f"{path.stem}.docx"
    if not converted.exists():
        raise ReadError(f"{path}: LibreOffice produced no .docx (damaged or not a Word file?)")
    return converted


def run_soffice_sandboxed(soffice: str, path: Path, out_dir: Path, *, convert_to: str,
                          timeout: float) -> tuple[int | None, str]:
    """`soffice --convert-to CONVERT_TO` of `path` into `out_dir` (a fresh folder the
    caller removes), sandboxed: a fresh profile (macros and remote loading off) in
    `out_dir`, a network namespace where permitted, HOME and TMPDIR inside `out_dir`,
    its process group killed whatever happens. Its exit code (None on timeout) and
    stderr; every caller of LibreOffice goes through here."""
    profile = out_dir / "profile"
    write_profile(profile, soffice)
    command = [
        *network_isolation().prefix,
        soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
        "--norestore", "--convert-to", convert_to, "--outdir", str(out_dir), str(path),
    ]
    scratch = out_dir / "scratch"
    scratch.mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(out_dir), "TMPDIR": str(scratch)}
    return run_in_own_group(command, timeout=timeout, env=env,
                            log_path=out_dir / "soffice.log")


def run_in_own_group(command: list[str], *, timeout: float, env: dict[str, str],
                     log_path: Path) -> tuple[int | None, str]:
    """Run a command as the leader of a new session; its exit code (None on timeout) and
    the text it wrote to stderr.

    The whole process group is killed afterwards in every case (timeout, error,
    KeyboardInterrupt, the batch's time limit): soffice starts helper processes that a
    kill of the first one would leave running. Output goes to a file, not a pipe, so a
    helper that keeps the pipe open cannot hold up a conversion that has finished.
    """
    with log_path.open("w+b") as stderr:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=stderr,
                                   stderr=stderr, env=env, start_new_session=True)
        try:
            returncode: int | None = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            returncode = None
        finally:
            kill_group(process)
        stderr.seek(0)
        return returncode, stderr.read().decode(errors="replace")


def kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill every process of the group `process` leads and reap the leader."""
    with contextlib.suppress(ProcessLookupError, PermissionError):  # the group is gone
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def read_doc(path: Path, *, timeout: float = 120.0,
             limits: Limits = DEFAULT_LIMITS) -> Document:
    from pipeline.read.docx_reader import read_docx

    with tempfile.TemporaryDirectory(prefix="plan-doc-") as tmp:
        converted = convert_doc_to_docx(path, Path(tmp), timeout=timeout)
        document = read_docx(converted, limits)
    document.source_path = str(path)
    document.source_format = "doc"
    return document
