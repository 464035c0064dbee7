"""Recognise password-protected Word files before anything tries to read them.

Word saves a password-protected .docx not as a ZIP but as an OLE compound file holding the
streams `EncryptionInfo` and `EncryptedPackage` (the encrypted ZIP) [MS-OFFCRYPTO]; a
protected Word 97-2003 .doc keeps its streams but sets the fEncrypted bit of the File
Information Block at the start of its `WordDocument` stream [MS-DOC 2.5.2]. Without this
check the first reads as "a .doc named .docx, rename it" and the second fails somewhere
inside LibreOffice; both must say the file needs its password removed. (Encrypted PDFs are
recognised by pdfminer itself, see `pdf_reader`.)
"""

from __future__ import annotations

import struct
from pathlib import Path

from pipeline.errors import EncryptedDocumentError
from pipeline.read.ole import OleFile, OleFormatError

ENCRYPTED_PACKAGE_STREAMS = frozenset({"EncryptionInfo", "EncryptedPackage"})
WORD_STREAM = "WordDocument"
FIB_MAGIC = 0xA5EC  # FibBase.wIdent
FIB_FLAGS = struct.Struct("<H8xH")  # wIdent, ..., the flags word at offset 0x0A
F_ENCRYPTED = 0x0100  # FibBase bit F: encrypted (RC4 or XOR obfuscation)
ENCRYPTED_WORD = ("password-protected (encrypted) Word document: save it without a"
                  " password (Word: File > Info > Protect Document > Encrypt with Password,"
                  " clear it) and extract that copy")


def ole_encryption(path: Path) -> str | None:
    """How the OLE file at `path` is encrypted ("package" or "word97"), None if it is not
    (or its structure cannot be read: the converter will say what is wrong)."""
    try:
        with path.open("rb") as handle:
            ole = OleFile(handle)
            names = ole.stream_names()
            if names >= ENCRYPTED_PACKAGE_STREAMS:
                return "package"
            if WORD_STREAM in names:
                head = ole.read_stream(WORD_STREAM, FIB_FLAGS.size)
                if len(head) == FIB_FLAGS.size:
                    ident, flags = FIB_FLAGS.unpack(head)
                    if ident == FIB_MAGIC and flags & F_ENCRYPTED:
                        return "word97"
    except (OSError, OleFormatError, KeyError):
        return None
    return None


def check_not_encrypted(path: Path) -> None:
    """EncryptedDocumentError naming the file if it is a password-protected Word file."""
    if ole_encryption(path) is not None:
        raise EncryptedDocumentError(f"{path}: {ENCRYPTED_WORD}")
