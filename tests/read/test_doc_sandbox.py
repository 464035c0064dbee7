"""LibreOffice sandboxed (issue 10 item 4): a .doc that is really HTML or RTF with remote
references makes no network request, with or without a network namespace; soffice's
process group and temporary folder are gone after a timeout, Ctrl-C or the batch's
time limit."""

from __future__ import annotations

import signal
import socket
import stat
import subprocess
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest

from pipeline.errors import DocumentTimeoutError, ReadError
from pipeline.model import Paragraph
from pipeline.process import process_file
from pipeline.read import doc_convert, read_document

needs_soffice = pytest.mark.skipif(doc_convert.soffice_path() is None,
                                   reason="LibreOffice (soffice) is not installed")
PLAN_TEXT = "แผนปฏิบัติการ ประจำปีงบประมาณ 2567"
OOR = "{http://openoffice.org/2001/registry}"


class Listener:
    """A local TCP server that records the first bytes of every connection it gets."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port: int = self.socket.getsockname()[1]
        self.requests: list[bytes] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return  # closed
            with connection:
                connection.settimeout(2)
                try:
                    self.requests.append(connection.recv(200))
                except OSError:
                    self.requests.append(b"")

    def close(self) -> None:
        self.socket.close()
        self.thread.join(5)


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    with socket.create_connection(("127.0.0.1", server.port)) as probe:
        probe.sendall(b"self-test")
    for _ in range(200):  # the listener works: it saw the test's own connection
        if server.requests:
            break
        time.sleep(0.01)
    assert server.requests == [b"self-test"]
    server.requests.clear()
    yield server
    server.close()


def html_doc(path: Path, port: int) -> Path:
    """A .doc that is an HTML page referencing the listener in every way HTML can."""
    url = f"http://127.0.0.1:{port}"
    path.write_text(
        f'<html><head><link rel="stylesheet" href="{url}/style.css">'
        f"<style>@import url({url}/import.css);</style></head>"
        f'<body background="{url}/body.png"><p>{PLAN_TEXT}</p>'
        f'<img src="{url}/x.png"><img src="https://127.0.0.1:{port}/s.png">'
        f'<img src="ftp://127.0.0.1:{port}/f.png">'
        f'<iframe src="{url}/frame.html"></iframe><object data="{url}/object"></object>'
        f'<embed src="{url}/embed"><script src="{url}/script.js"></script>'
        f'<div style="background-image:url({url}/div.png)">x</div>'
        f'<table background="{url}/table.png"><tr><td>1,000</td></tr></table>'
        "</body></html>", encoding="utf-8")
    return path


def rtf_doc(path: Path, port: int) -> Path:
    """A .doc that is RTF with INCLUDEPICTURE / INCLUDETEXT fields on the listener."""
    url = f"http://127.0.0.1:{port}"
    path.write_text(
        r"{\rtf1\ansi{\field{\*\fldinst INCLUDEPICTURE " f'"{url}/pic.png"' r" \\d}"
        r"{\fldrslt picture}}\par plan\par{\field{\*\fldinst INCLUDETEXT "
        f'"{url}/include.txt"' r"}{\fldrslt text}}}", encoding="ascii")
    return path


PKG = "http://schemas.openxmlformats.org/package/2006"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DRAWING = "http://schemas.openxmlformats.org/drawingml/2006"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def docx_doc(path: Path, port: int) -> Path:
    """Office Open XML with a picture linked (r:link, TargetMode External) to the
    listener and an INCLUDEPICTURE field on it."""
    url = f"http://127.0.0.1:{port}"
    content_types = (
        f'<Types xmlns="{PKG}/content-types">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{WORD_MAIN}"/></Types>')
    package_rels = (
        f'<Relationships xmlns="{PKG}/relationships"><Relationship Id="rId1"'
        f' Type="{OFFICE_REL}/officeDocument" Target="word/document.xml"/></Relationships>')
    document_rels = (
        f'<Relationships xmlns="{PKG}/relationships"><Relationship Id="rIdImg"'
        f' Type="{OFFICE_REL}/image" Target="{url}/linked.png" TargetMode="External"/>'
        "</Relationships>")
    extent = 'cx="914400" cy="914400"'
    picture = (
        f'<wp:inline xmlns:wp="{DRAWING}/wordprocessingDrawing"><wp:extent {extent}/>'
        f'<wp:docPr id="1" name="Picture 1"/><a:graphic xmlns:a="{DRAWING}/main">'
        f'<a:graphicData uri="{DRAWING}/picture"><pic:pic xmlns:pic="{DRAWING}/picture">'
        '<pic:nvPicPr><pic:cNvPr id="1" name="linked.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip xmlns:r="{OFFICE_REL}" r:link="rIdImg"/><a:stretch>'
        '<a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext {extent}/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline>")
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
        f' INCLUDEPICTURE "{url}/field.png" \\d </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>pic</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    document = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body><w:p><w:r><w:t>{PLAN_TEXT}</w:t></w:r></w:p>"
        f"<w:p><w:r><w:drawing>{picture}</w:drawing></w:r></w:p><w:p>{field}</w:p>"
        "</w:body></w:document>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", package_rels)
        archive.writestr("word/_rels/document.xml.rels", document_rels)
        archive.writestr("word/document.xml", document)
    return path


def fodt_doc(path: Path, port: int) -> Path:
    """A flat OpenDocument text with an image and a linked section on the listener."""
    url = f"http://127.0.0.1:{port}"
    ns = "urn:oasis:names:tc:opendocument:xmlns"
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><office:document xmlns:office="{ns}:office:1.0"'
        f' xmlns:text="{ns}:text:1.0" xmlns:draw="{ns}:drawing:1.0"'
        f' xmlns:svg="{ns}:svg-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"'
        ' office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">'
        f"<office:body><office:text><text:p>{PLAN_TEXT}</text:p><text:p>"
        '<draw:frame draw:name="img" svg:width="2cm" svg:height="2cm"'
        f' text:anchor-type="as-char"><draw:image xlink:href="{url}/odt.png"'
        ' xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/></draw:frame>'
        '</text:p><text:section text:name="linked"><text:section-source'
        f' xlink:href="{url}/section.odt" xlink:type="simple"/></text:section>'
        "</office:text></office:body></office:document>", encoding="utf-8")
    return path


REMOTE_KINDS = {"html": html_doc, "docx": docx_doc, "fodt": fodt_doc}


def processes_mentioning(text: str) -> list[str]:
    """Command lines of live processes that mention `text` (e.g. a temporary folder)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if text in cmdline and state != "Z":
            found.append(cmdline)
    return found


@pytest.fixture
def own_tempdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder read_doc uses, to check that nothing is left in it."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture(params=["namespace", "profile-only"])
def isolation_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways soffice can run here: in its own network namespace, and the fallback
    where only the profile settings keep it offline (forced, so it is always tested)."""
    if request.param == "namespace":
        if not doc_convert.network_isolation().prefix:
            pytest.skip(doc_convert.network_isolation().note)
    else:
        monkeypatch.setattr(doc_convert, "network_isolation",
                            lambda: doc_convert.NetworkIsolation((), "forced in the test"))
    return str(request.param)


@pytest.mark.soffice
@needs_soffice
@pytest.mark.parametrize("kind", sorted(REMOTE_KINDS))
def test_unsandboxed_soffice_fetches_the_remote_references(listener: Listener,
                                                           tmp_path: Path, kind: str) -> None:
    """The hostile .doc files are real: plain soffice with a fresh default profile
    fetches their references (so zero requests below means the sandbox stopped them)."""
    doc = REMOTE_KINDS[kind](tmp_path / f"remote-{kind}.doc", listener.port)
    soffice = doc_convert.soffice_path()
    assert soffice is not None
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                    "--headless", "--convert-to", "docx", "--outdir", str(tmp_path / "out"),
                    str(doc)], capture_output=True, timeout=180, check=True)
    fetched = {request.split(b" ")[1] for request in listener.requests if b" " in request}
    assert fetched & {b"/style.css", b"/x.png", b"/linked.png", b"/odt.png"}


@pytest.mark.soffice
@needs_soffice
def test_opendocument_doc_with_remote_links_makes_no_request(
    listener: Listener, tmp_path: Path, own_tempdir: Path, isolation_mode: str
) -> None:
    """A .doc that is really a flat OpenDocument text (LibreOffice goes by the content,
    not the name) with a linked image and a linked section: no request, the text comes."""
    doc = fodt_doc(tmp_path / "remote-odt.doc", listener.port)
    document = read_document(doc)
    assert listener.requests == []
    assert PLAN_TEXT in [b.text for b in document.blocks if isinstance(b, Paragraph)]
    assert list(own_tempdir.iterdir()) == []
    assert processes_mentioning(str(own_tempdir)) == []


def test_zip_named_doc_is_refused_before_libreoffice(listener: Listener,
                                                    tmp_path: Path) -> None:
    """A .doc that is really OOXML with remote links never reaches LibreOffice: the
    format check refuses it with a clear error (and no request)."""
    doc = docx_doc(tmp_path / "remote-docx.doc", listener.port)
    with pytest.raises(ReadError, match=r"content is Word \.docx"):
        read_document(doc)
    assert listener.requests == []


@pytest.mark.soffice
@needs_soffice
def test_review_page_images_of_a_docx_make_no_request(
    listener: Listener, tmp_path: Path, own_tempdir: Path, isolation_mode: str
) -> None:
    """The review page renders a .docx through LibreOffice too: same sandbox."""
    from pipeline.review.images import docx_page_images

    images = docx_page_images(docx_doc(tmp_path / "remote.docx", listener.port))
    assert listener.requests == []
    assert len(images) == 1
    assert list(own_tempdir.iterdir()) == []


@pytest.mark.soffice
@needs_soffice
def test_html_doc_with_remote_references_makes_no_request(
    listener: Listener, tmp_path: Path, own_tempdir: Path, isolation_mode: str
) -> None:
    doc = html_doc(tmp_path / "remote-html.doc", listener.port)
    document = read_document(doc)
    assert listener.requests == []
    assert document.source_format == "doc"
    assert PLAN_TEXT in [b.text for b in document.blocks if isinstance(b, Paragraph)]
    assert list(own_tempdir.iterdir()) == []
    assert processes_mentioning(str(own_tempdir)) == []


@pytest.mark.soffice
@needs_soffice
def test_rtf_doc_with_includepicture_makes_no_request(
    listener: Listener, tmp_path: Path, own_tempdir: Path, isolation_mode: str
) -> None:
    doc = rtf_doc(tmp_path / "remote-rtf.doc", listener.port)
    data = process_file(doc)  # through the batch's path: a document or an error row
    assert listener.requests == []
    assert data.document.source_format == "doc"
    assert data.document.status in {"ok", "partial", "failed"}
    assert all(str(doc) in error.message for error in data.errors)
    assert [e.error_type for e in data.errors if e.stage == "read"] == []
    assert list(own_tempdir.iterdir()) == []


FAKE_SOFFICE = """#!/bin/sh
# Like soffice: a helper process in the background, then a long wait.
sleep 600 &
echo $! > "$FAKE_SOFFICE_CHILD"
if [ -n "$FAKE_SOFFICE_FAIL" ]; then echo "Error: source file could not be loaded" >&2; exit 1; fi
sleep 600
"""


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `soffice` on PATH that never finishes and starts a child; returns the file its
    child's pid is written to."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "soffice"
    script.write_text(FAKE_SOFFICE)
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    child_file = tmp_path / "child.pid"
    monkeypatch.setenv("FAKE_SOFFICE_CHILD", str(child_file))
    return child_file


def wait_for_pid(child_file: Path) -> int:
    for _ in range(500):
        if child_file.exists() and child_file.read_text().strip():
            return int(child_file.read_text())
        time.sleep(0.01)
    raise AssertionError("the fake soffice did not start its child")


def is_running(pid: int) -> bool:
    """True while `pid` is a live (not zombie) process; gives it a moment to die."""
    for _ in range(200):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return False
        if state == "Z":
            return False
        time.sleep(0.01)
    return True


def test_timeout_kills_soffice_and_its_children_and_removes_the_temp_folder(
    fake_soffice: Path, tmp_path: Path, own_tempdir: Path
) -> None:
    doc = tmp_path / "slow.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(ReadError) as info:
        doc_convert.read_doc(doc, timeout=2)
    assert str(info.value) == f"{doc}: LibreOffice did not convert the .doc within 2s"
    assert not is_running(wait_for_pid(fake_soffice))
    assert list(own_tempdir.iterdir()) == []
    assert processes_mentioning(str(own_tempdir)) == []


def test_failure_kills_soffice_children_and_removes_the_temp_folder(
    fake_soffice: Path, tmp_path: Path, own_tempdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """soffice exits with an error but leaves a helper behind: the helper is killed, the
    error is quoted, the temporary folder is gone."""
    monkeypatch.setenv("FAKE_SOFFICE_FAIL", "1")
    doc = tmp_path / "bad.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(ReadError) as info:
        doc_convert.read_doc(doc, timeout=60)
    assert str(info.value) == (f"{doc}: LibreOffice could not convert the .doc"
                               " (Error: source file could not be loaded)")
    assert not is_running(wait_for_pid(fake_soffice))
    assert list(own_tempdir.iterdir()) == []


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, DocumentTimeoutError])
def test_ctrl_c_or_batch_time_limit_kills_soffice_group_and_removes_the_temp_folder(
    fake_soffice: Path, tmp_path: Path, own_tempdir: Path,
    interruption: type[BaseException],
) -> None:
    """Ctrl-C (KeyboardInterrupt) and the batch's SIGALRM (DocumentTimeoutError) arrive
    while soffice runs: both end its whole process group before they propagate."""
    doc = tmp_path / "slow.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise interruption("stop")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 1.5)
    try:
        with pytest.raises(interruption):
            doc_convert.read_doc(doc, timeout=600)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert not is_running(wait_for_pid(fake_soffice))
    assert list(own_tempdir.iterdir()) == []


def test_no_unshare_falls_back_with_a_note(monkeypatch: pytest.MonkeyPatch,
                                          caplog: pytest.LogCaptureFixture) -> None:
    real_which = doc_convert.shutil.which
    monkeypatch.setattr(doc_convert.shutil, "which",
                        lambda name: None if name == "unshare" else real_which(name))
    doc_convert.network_isolation.cache_clear()
    try:
        isolation = doc_convert.network_isolation()
    finally:
        doc_convert.network_isolation.cache_clear()
    assert isolation.prefix == ()
    assert isolation.note == ("LibreOffice runs without a network namespace (unshare not"
                              " found); its profile alone keeps remote loading off")
    assert isolation.note in caplog.text


def test_refused_unshare_falls_back_with_its_reason(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    refusing = tmp_path / "unshare"
    refusing.write_text("#!/bin/sh\necho 'unshare: unshare failed: Operation not permitted'"
                        " >&2\nexit 1\n")
    refusing.chmod(0o755)
    monkeypatch.setattr(doc_convert.shutil, "which",
                        lambda name: str(refusing) if name == "unshare" else None)
    doc_convert.network_isolation.cache_clear()
    try:
        isolation = doc_convert.network_isolation()
    finally:
        doc_convert.network_isolation.cache_clear()
    assert isolation.prefix == ()
    assert "unshare not permitted: unshare: unshare failed: Operation not permitted" \
        in isolation.note


def _settings(xcu: str) -> tuple[dict[tuple[str, str], str], set[str]]:
    root = ET.fromstring(xcu)
    props: dict[tuple[str, str], str] = {}
    removed: set[str] = set()
    for item in root.iter("item"):
        path = item.get(f"{OOR}path", "")
        for prop in item.findall("prop"):
            props[path, prop.get(f"{OOR}name", "")] = prop.findtext("value", "")
        removed |= {n.get(f"{OOR}name", "") for n in item.findall("node")
                    if n.get(f"{OOR}op") == "remove"}
    return props, removed


def test_profile_turns_macros_and_remote_loading_off(tmp_path: Path) -> None:
    """With an installation registry that also registers a GIO (smb) provider, the
    profile removes it as well as LibreOffice's own http/https/WebDAV/FTP providers,
    and keeps the local ones."""
    program = tmp_path / "lo" / "program"
    program.mkdir(parents=True)
    (program / "soffice").write_text("")
    registry = tmp_path / "lo" / "share" / "registry"
    registry.mkdir(parents=True)
    (registry / "gnome.xcd").write_text(
        '<oor:data xmlns:oor="http://openoffice.org/2001/registry"><oor:component-data'
        ' oor:name="Configuration" oor:package="org.openoffice.ucb"><node'
        ' oor:name="ContentProviders"><node oor:name="Local"><node oor:name="SecondaryKeys">'
        '<node oor:name="Office"><node oor:name="ProviderData">'
        '<node oor:name="ProviderGio"><prop oor:name="URLTemplate"><value>smb</value></prop>'
        '</node><node oor:name="ProviderFile"><prop oor:name="URLTemplate"><value>file'
        "</value></prop></node></node></node></node></node></node></oor:component-data>"
        "</oor:data>")
    (registry / "broken.xcd").write_text("<not xml")
    props, removed = _settings(doc_convert.profile_settings_xcu(str(program / "soffice")))
    security = "/org.openoffice.Office.Common/Security/Scripting"
    assert props[security, "MacroSecurityLevel"] == "3"
    assert props[security, "DisableMacrosExecution"] == "true"
    assert props[security, "BlockUntrustedRefererLinks"] == "true"
    assert props["/org.openoffice.Office.Writer/Content/Update", "Link"] == "0"
    assert removed == {"ProviderGio", "Provider3", "Provider4", "Provider4a", "Provider6",
                       "Provider12", "Provider12a", "Provider12b"}


@needs_soffice
def test_installed_registry_remote_providers_are_found() -> None:
    """On the real installation: the http (WebDAV) and FTP providers are found by their
    scheme, and no local one (file, packages) is among them."""
    soffice = doc_convert.soffice_path()
    assert soffice is not None
    found = doc_convert.installed_remote_providers(soffice)
    assert {"Provider3", "Provider6", "Provider12"} <= found
    assert {"Provider1", "Provider2", "Provider8"}.isdisjoint(found)
