"""A minimal, bounded reader of OLE compound files (the container of .doc files and of
password-protected .docx files), enough to list stream names and read a stream's start.

[MS-CFB] in brief: a header (sector size, the first 109 FAT sector numbers, where the
directory and the mini FAT start), then sectors. The FAT chains sectors into streams; the
directory is a stream of 128-byte entries (name, type, first sector, size); streams under
4096 bytes live in 64-byte mini sectors inside the root entry's stream, chained by the
mini FAT. No library in the environment reads it (olefile is not installed), and a
hostile file can claim any count or chain, so every sector number is checked against the
file's size, every chain is followed at most once around (loops are errors) and no read
is larger than what the caller asks for.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import BinaryIO

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEADER = struct.Struct("<8s16sHHHHH6sIIIIIIIII")
HEADER_DIFAT_ENTRIES = 109
DIFAT_OFFSET = 0x4C
DIRECTORY_ENTRY = struct.Struct("<64sHBBIII16sIQQIQ")
ENTRY_SIZE = 128
END_OF_CHAIN = 0xFFFFFFFE
FREE_SECTOR = 0xFFFFFFFF
NO_STREAM = 0xFFFFFFFF
MAX_REGULAR_SECTOR = 0xFFFFFFFA
STREAM, ROOT = 2, 5
MINI_SECTOR_SIZE = 64


class OleFormatError(ValueError):
    """The file says it is an OLE compound file but its structure is damaged."""


@dataclass(frozen=True)
class OleEntry:
    name: str
    kind: int  # 1 storage, 2 stream, 5 root
    start: int
    size: int


class OleFile:
    """The directory of a compound file, and bounded reads of its streams."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        handle.seek(0, 2)
        self._file_size = handle.tell()
        self._read_header()
        self._fat = self._read_fat()
        self.entries = self._read_directory()
        self._mini_fat: list[int] | None = None

    # -- structure ----------------------------------------------------------------------

    def _read_header(self) -> None:
        self._handle.seek(0)
        raw = self._handle.read(512)
        if len(raw) < 512 or not raw.startswith(OLE_MAGIC):
            raise OleFormatError("not an OLE compound file (header missing or cut off)")
        (_, _, _, major, byte_order, sector_shift, mini_shift, _, _, n_fat, first_dir, _,
         self._mini_cutoff, first_mini_fat, n_mini_fat, first_difat, n_difat
         ) = HEADER.unpack_from(raw)
        if byte_order != 0xFFFE or (major, sector_shift) not in ((3, 9), (4, 12)) \
                or mini_shift != 6:
            raise OleFormatError("damaged OLE header (unknown version or sector size)")
        self._version = major
        self._sector_size: int = 1 << sector_shift
        self._n_sectors = max(0, (self._file_size - self._sector_size + self._sector_size - 1)
                              // self._sector_size)
        if n_fat > self._n_sectors or n_difat > self._n_sectors \
                or n_mini_fat > self._n_sectors:
            raise OleFormatError("damaged OLE header (more FAT sectors than the file holds)")
        self._n_fat, self._first_dir = n_fat, first_dir
        self._first_mini_fat, self._first_difat = first_mini_fat, first_difat
        self._difat_head = list(struct.unpack_from(f"<{HEADER_DIFAT_ENTRIES}I", raw,
                                                   DIFAT_OFFSET))

    def _sector(self, number: int) -> bytes:
        if number >= self._n_sectors:
            raise OleFormatError(f"sector {number} lies past the end of the file")
        self._handle.seek((number + 1) * self._sector_size)
        data: bytes = self._handle.read(self._sector_size)
        return data + b"\0" * (self._sector_size - len(data))  # the last may be short

    def _ints(self, data: bytes) -> list[int]:
        return list(struct.unpack(f"<{len(data) // 4}I", data))

    def _read_fat(self) -> list[int]:
        numbers = [n for n in self._difat_head if n <= MAX_REGULAR_SECTOR]
        seen: set[int] = set()
        sector = self._first_difat
        while len(numbers) < self._n_fat and sector <= MAX_REGULAR_SECTOR:
            if sector in seen:
                raise OleFormatError("the DIFAT chain loops")
            seen.add(sector)
            entries = self._ints(self._sector(sector))
            numbers.extend(n for n in entries[:-1] if n <= MAX_REGULAR_SECTOR)
            sector = entries[-1]
        fat: list[int] = []
        for number in numbers[: self._n_fat]:
            fat.extend(self._ints(self._sector(number)))
        return fat

    def _chain(self, start: int, table: list[int], limit: int) -> list[int]:
        """Sector numbers of the chain from `start`, at most `limit` of them, no loops."""
        chain: list[int] = []
        seen: set[int] = set()
        sector = start
        while sector != END_OF_CHAIN and len(chain) < limit:
            if sector >= len(table) or sector in seen:
                raise OleFormatError("a sector chain loops or leaves the file")
            seen.add(sector)
            chain.append(sector)
            sector = table[sector]
        return chain

    def _read_directory(self) -> list[OleEntry]:
        entries: list[OleEntry] = []
        for sector in self._chain(self._first_dir, self._fat, self._n_sectors):
            data = self._sector(sector)
            for offset in range(0, len(data), ENTRY_SIZE):
                entry = self._entry(data[offset:offset + ENTRY_SIZE])
                if entry is not None:
                    entries.append(entry)
        if not entries or entries[0].kind != ROOT:
            raise OleFormatError("the OLE directory has no root entry")
        return entries

    def _entry(self, raw: bytes) -> OleEntry | None:
        (name, name_length, kind, _, _, _, _, _, _, _, _, start, size
         ) = DIRECTORY_ENTRY.unpack(raw)
        if kind == 0:
            return None  # an unused slot
        if self._version == 3:
            size &= 0xFFFFFFFF  # version 3 files may leave garbage in the high half
        length = min(max(name_length - 2, 0), 62)  # bytes, without the closing NUL
        return OleEntry(name[:length].decode("utf-16-le", "replace"), kind, start, size)

    # -- streams ------------------------------------------------------------------------

    def stream_names(self) -> set[str]:
        return {e.name for e in self.entries if e.kind == STREAM}

    def read_stream(self, name: str, max_bytes: int) -> bytes:
        """The first `max_bytes` bytes of the stream called `name` (KeyError if none)."""
        entry = next((e for e in self.entries if e.kind == STREAM and e.name == name), None)
        if entry is None:
            raise KeyError(name)
        wanted = min(entry.size, max_bytes)
        if entry.size < self._mini_cutoff:
            return self._read_mini(entry.start, wanted)
        n = -(-wanted // self._sector_size)
        data = b"".join(self._sector(s) for s in self._chain(entry.start, self._fat, n))
        return data[:wanted]

    def _read_mini(self, start: int, wanted: int) -> bytes:
        if self._mini_fat is None:
            chain = self._chain(self._first_mini_fat, self._fat, self._n_sectors)
            self._mini_fat = [n for s in chain for n in self._ints(self._sector(s))]
        root = self.entries[0]
        per_sector = self._sector_size // MINI_SECTOR_SIZE
        mini = self._chain(start, self._mini_fat, -(-wanted // MINI_SECTOR_SIZE))
        container = self._chain(root.start, self._fat, self._n_sectors)
        pieces: list[bytes] = []
        for number in mini:
            index, within = divmod(number, per_sector)
            if index >= len(container):
                raise OleFormatError("a mini sector lies past the mini stream")
            sector = self._sector(container[index])
            pieces.append(sector[within * MINI_SECTOR_SIZE:(within + 1) * MINI_SECTOR_SIZE])
        return b"".join(pieces)[:wanted]
