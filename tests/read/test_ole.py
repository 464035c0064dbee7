"""The bounded OLE compound file reader (pipeline/read/ole.py) on hand-built files: it lists
streams and reads them from the FAT and the mini stream, and a hostile structure (a chain
that loops, sectors past the end, impossible counts) is an OleFormatError, never a hang."""

from __future__ import annotations

import io
import struct

import pytest

from pipeline.read.ole import OleFile, OleFormatError
from tests.fixtures.hostile.containers import SECTOR, ole_file

BIG = bytes(range(256)) * 40  # 10,240 bytes: FAT sectors
SMALL = b"EncryptionInfo bytes" * 10  # 200 bytes: the mini stream


def ole(data: bytes) -> OleFile:
    return OleFile(io.BytesIO(data))


def test_streams_are_listed_and_read_from_fat_and_mini_stream() -> None:
    reader = ole(ole_file({"EncryptedPackage": BIG, "EncryptionInfo": SMALL}))
    assert reader.stream_names() == {"EncryptedPackage", "EncryptionInfo"}
    assert reader.read_stream("EncryptedPackage", 1 << 20) == BIG
    assert reader.read_stream("EncryptionInfo", 1 << 20) == SMALL
    assert reader.read_stream("EncryptedPackage", 12) == BIG[:12]  # no more than asked
    with pytest.raises(KeyError):
        reader.read_stream("WordDocument", 12)


def test_a_directory_chain_that_loops_is_an_error() -> None:
    data = bytearray(ole_file({"WordDocument": BIG}))
    directory = struct.unpack_from("<I", data, 0x30)[0]
    struct.pack_into("<I", data, SECTOR + 4 * directory, directory)  # FAT: points to itself
    with pytest.raises(OleFormatError, match="loops"):
        ole(bytes(data))


def test_a_stream_cut_off_by_the_end_of_the_file_is_an_error() -> None:
    data = ole_file({"WordDocument": BIG})
    reader = ole(data[: len(data) - 4 * SECTOR])
    with pytest.raises(OleFormatError, match="past the end of the file"):
        reader.read_stream("WordDocument", len(BIG))


def test_a_header_claiming_more_fat_sectors_than_the_file_holds_is_an_error() -> None:
    data = bytearray(ole_file({"WordDocument": BIG}))
    struct.pack_into("<I", data, 0x2C, 1_000_000)
    with pytest.raises(OleFormatError, match="more FAT sectors than the file holds"):
        ole(bytes(data))


def test_a_file_that_is_only_the_magic_is_an_error() -> None:
    with pytest.raises(OleFormatError, match="header missing or cut off"):
        ole(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
