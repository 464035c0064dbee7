"""Check a .docx package's sizes by inflating it, before python-docx reads it.

A ZIP's central directory says how large each member is, but nothing makes it true: a
member declaring 300 kB can inflate to 2 GiB, and `zipfile.ZipFile.read` (which
python-docx calls) inflates a whole member in one call before cutting it to the declared
size. So every member is inflated here once, in 1 MB pieces, counting the bytes; the
count stops one byte past what the directory declares or what the limits allow, so a bomb
costs a few MB of memory and the time to inflate its declared size.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import BinaryIO

from pipeline.errors import LimitExceededError, ReadError
from pipeline.limits import Limits, describe

LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature ... name length, extra length
LOCAL_SIGNATURE = b"PK\x03\x04"
END_RECORD = struct.Struct("<4s6xHI")  # signature ... total entries, directory size
END_SIGNATURE = b"PK\x05\x06"
ZIP64_LOCATOR_SIGNATURE = b"PK\x06\x07"
ZIP64_RECORD_SIGNATURE = b"PK\x06\x06"
END_SEARCH = END_RECORD.size + 8 + 0xFFFF  # the end record, then a comment of up to 64 kB
# zipfile keeps one ZipInfo (~400 bytes) per directory entry: a directory of many entries
# costs memory before any check on them can run. Word's entries average ~100 bytes; a
# directory over `docx_members` x 512 bytes is refused whatever count it declares.
DIRECTORY_BYTES_PER_MEMBER = 512
RAW_CHUNK = 1 << 16  # compressed bytes read at a time
INFLATED_CHUNK = 1 << 20  # most bytes one inflate step may produce
XML_SUFFIXES = (".xml", ".rels")
# Word writes only these; others (bzip2, lzma) would need their own bounded inflater.
READABLE_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflated"}


@dataclass(frozen=True)
class MemberSize:
    name: str
    declared: int
    inflated: int  # counted; at most one byte past `declared` or the budget given


def check_package(handle: BinaryIO, limits: Limits) -> list[MemberSize]:
    """Every member's size, measured; LimitExceededError or ReadError (no path: the caller
    names the file) when the package is larger than the limits or lies about its sizes."""
    _check_directory(handle, limits)
    with zipfile.ZipFile(handle) as archive:
        members = archive.infolist()
    _check_declared(members, limits)
    budget = limits.docx_unpacked_bytes
    sizes: list[MemberSize] = []
    for info in members:
        cap = min(info.file_size, budget)
        inflated = inflate_counting(handle, info, cap + 1)
        if inflated > info.file_size:
            raise ReadError(
                f"damaged or hostile .docx (a 'zip bomb'?): {info.filename} inflates past"
                f" the {info.file_size:,} bytes its ZIP directory declares (stopped after"
                f" {inflated:,} bytes)")
        budget -= inflated
        sizes.append(MemberSize(info.filename, info.file_size, inflated))
    return sizes


def _check_directory(handle: BinaryIO, limits: Limits) -> None:
    """Refuse a central directory of more than `docx_members` entries (by its end record's
    count, and by its size), before zipfile builds an object for each."""
    handle.seek(0, 2)
    size = handle.tell()
    handle.seek(max(0, size - END_SEARCH))
    tail = handle.read(END_SEARCH)
    at = tail.rfind(END_SIGNATURE)
    if at < 0 or len(tail) - at < END_RECORD.size:
        return  # zipfile says what is wrong
    _, entries, directory_bytes = END_RECORD.unpack_from(tail, at)
    if entries == 0xFFFF and at >= 20 and tail[at - 20:at - 16] == ZIP64_LOCATOR_SIGNATURE:
        (record_at,) = struct.unpack_from("<Q", tail, at - 12)
        handle.seek(record_at)
        record = handle.read(48)
        if len(record) == 48 and record.startswith(ZIP64_RECORD_SIGNATURE):
            entries, directory_bytes = struct.unpack_from("<QQ", record, 32)
    limit = limits.docx_members
    if entries > limit or directory_bytes > limit * DIRECTORY_BYTES_PER_MEMBER:
        seen = (f"a ZIP directory of {entries:,} entries" if entries > limit else
                f"a ZIP directory of {directory_bytes:,} bytes (more than {limit:,} entries"
                f" of {DIRECTORY_BYTES_PER_MEMBER} bytes)")
        raise LimitExceededError("docx_members", seen, f"{limit:,}")


def _check_declared(members: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Refuse before inflating anything what the directory itself says is too large."""
    total = sum(info.file_size for info in members)
    if total > limits.docx_unpacked_bytes:
        raise LimitExceededError("docx_unpacked_bytes",
                                 f"the .docx unpacks to {describe(total, '_bytes')}",
                                 describe(limits.docx_unpacked_bytes, "_bytes"))
    for info in members:
        if info.flag_bits & 0x1:
            raise ReadError(f"the .docx holds an encrypted ZIP member ({info.filename});"
                            " Word never writes one: damaged or not a Word file")
        if info.compress_type not in READABLE_METHODS:
            raise ReadError(f"{info.filename} in the .docx uses ZIP compression method"
                            f" {info.compress_type}, which Word never writes")
        if info.filename.lower().endswith(XML_SUFFIXES) and \
                info.file_size > limits.xml_part_bytes:
            raise LimitExceededError("xml_part_bytes",
                                     f"the XML part {info.filename} of"
                                     f" {describe(info.file_size, '_bytes')}",
                                     describe(limits.xml_part_bytes, "_bytes"))


def inflate_counting(handle: BinaryIO, info: zipfile.ZipInfo, stop_after: int) -> int:
    """Bytes the member inflates to, counted piecewise; stops once past `stop_after`.

    Reads the same compressed bytes `zipfile` would (`compress_size` from the directory,
    after the local header) without keeping what they inflate to.
    """
    handle.seek(info.header_offset)
    header = handle.read(LOCAL_HEADER.size)
    if len(header) < LOCAL_HEADER.size:
        raise ReadError(f"damaged ZIP: the local header of {info.filename} is cut off")
    signature, name_length, extra_length = LOCAL_HEADER.unpack(header)
    if signature != LOCAL_SIGNATURE:
        raise ReadError(f"damaged ZIP: no local header where {info.filename} should start")
    handle.seek(info.header_offset + LOCAL_HEADER.size + name_length + extra_length)
    if info.compress_type == zipfile.ZIP_STORED:
        return min(info.compress_size, info.file_size)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    left = info.compress_size
    total = 0
    try:
        while left > 0 and not inflater.eof and total <= stop_after:
            raw = handle.read(min(RAW_CHUNK, left))
            if not raw:
                break
            left -= len(raw)
            total += len(inflater.decompress(raw, INFLATED_CHUNK))
            while inflater.unconsumed_tail and total <= stop_after:
                total += len(inflater.decompress(inflater.unconsumed_tail, INFLATED_CHUNK))
    except zlib.error as exc:
        raise ReadError(f"damaged ZIP: {info.filename} cannot be inflated ({exc})") from exc
    return total
