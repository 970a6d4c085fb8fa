"""A smaller ICU data library for the Linux bundle (called by dahe-desk.spec).

Qt's Linux wheels link ICU, and its data library `libicudata.so.NN` is 32 MB: every
locale's names, units, currencies, collations, break dictionaries and about 200 legacy
code pages. Qt draws, lays out and breaks text with its own tables; from ICU it uses
collation (QCollator), legacy codecs (QStringConverter by name) and time zone names.
This keeps the data those need for Chinese and English (root/en/zh locale bundles, the
root and Chinese collations, the GB18030, GBK and GB2312 code pages, normalization) and
drops the rest: about 2 MB instead of 32. Windows wheels use Windows' own ICU: nothing
to do there.

    python packaging/icu_data.py LIBICUDATA OUT_DIR     (prints the new library's path)

Needs a C compiler (`cc`): the data is wrapped in a shared library exporting the same
symbol (`icudtNN_dat`) as the original. Without one the spec keeps the original library.
"""

from __future__ import annotations

import fnmatch
import shutil
import struct
import subprocess
import sys
from pathlib import Path

# Items kept, as patterns on the item's name inside the package ("coll/zh.res").
KEEP = (
    # locale bundles: the languages the program shows and their parents
    "root.res", "pool.res", "res_index.res",
    "zh.res", "zh_CN.res", "zh_Hans.res", "zh_Hans_CN.res",
    "en.res", "en_001.res", "en_US.res", "en_US_POSIX.res",
    # locale-independent tables the locale and time zone code reads
    "likelySubtags.res", "supplementalData.res", "metadata.res", "plurals.res",
    "numberingSystems.res", "keyTypeData.res", "icuver.res", "icustd.res", "langInfo.res",
    "dayPeriods.res", "grammaticalFeatures.res", "genderList.res",
    "timezoneTypes.res", "metaZones.res", "windowsZones.res", "zoneinfo64.res",
    # collation (QCollator: pinyin order for zh) and time zone display names
    "coll/ucadata.icu", "coll/root.res", "coll/res_index.res", "coll/zh.res", "coll/zh_Hans*.res",
    "coll/en*.res",
    "zone/root.res", "zone/pool.res", "zone/res_index.res", "zone/zh.res", "zone/zh_Hans*.res",
    "zone/en.res",
    # converters: the alias table and the Chinese code pages (GB18030, GBK/CP936)
    "cnvalias.icu", "gb18030.cnv", "windows-936-2000.cnv", "ibm-1386_P100-2001.cnv",
    "ibm-1383_P110-1999.cnv",  # GB2312 (EUC-CN)
    # normalization and case folding beyond what is built into the ICU code
    "*.nrm", "ulayout.icu",
)  # fmt: skip


def elf_symbol(path: Path) -> tuple[str, int, int]:
    """(name, file offset, size) of the `icudt*_dat` symbol of an ELF64 little-endian library."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError(f"{path} is not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    for _name, sh_type, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if sh_type != 11:  # SHT_DYNSYM
            continue
        strtab = sections[link]
        for pos in range(offset, offset + size, entsize):
            st_name, _st_info, _other, shndx, value, st_size = struct.unpack_from("<IBBHQQ", data, pos)
            end = data.index(b"\0", strtab[4] + st_name)
            name = data[strtab[4] + st_name : end].decode()
            if name.startswith("icudt") and name.endswith("_dat") and st_size:
                section = sections[shndx]
                return name, value - section[3] + section[4], st_size
    raise ValueError(f"no icudt*_dat symbol in {path}")


def items(package: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The header and the (name, bytes) items of an ICU common data package (format CmnD)."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", package, 0)
    if (magic1, magic2) != (0xDA, 0x27) or package[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    toc = header_size
    count, = struct.unpack_from("<I", package, toc)
    entries = [struct.unpack_from("<II", package, toc + 4 + 8 * i) for i in range(count)]
    out = []
    for i, (name_offset, data_offset) in enumerate(entries):
        end_name = package.index(b"\0", toc + name_offset)
        end = toc + entries[i + 1][1] if i + 1 < count else len(package)
        out.append((package[toc + name_offset : end_name].decode("ascii"), package[toc + data_offset : end]))
    return package[:header_size], out


def pack(header: bytes, kept: list[tuple[str, bytes]]) -> bytes:
    """A common data package of `kept` (sorted by name, each item 16-byte aligned)."""
    kept = sorted(kept, key=lambda item: item[0].encode("ascii"))
    names = b""
    name_offsets = []
    table_size = 4 + 8 * len(kept)
    for name, _ in kept:
        name_offsets.append(table_size + len(names))
        names += name.encode("ascii") + b"\0"
    body_start = table_size + len(names)
    body_start += -(len(header) + body_start) % 16
    body = b""
    data_offsets = []
    for _, data in kept:
        data_offsets.append(body_start + len(body))
        body += data + b"\0" * (-len(data) % 16)
    table = struct.pack("<I", len(kept)) + b"".join(
        struct.pack("<II", n, d) for n, d in zip(name_offsets, data_offsets, strict=True)
    )
    padding = b"\0" * (body_start - table_size - len(names))
    return header + table + names + padding + body


def wanted(name: str) -> bool:
    inner = name.split("/", 1)[1]  # "icudt73l/coll/zh.res" -> "coll/zh.res"
    return any(fnmatch.fnmatchcase(inner, pattern) for pattern in KEEP)


def build(library: Path, out_dir: Path) -> Path:
    """Write OUT_DIR/<same file name>: the subset data wrapped in a shared library."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        raise RuntimeError("no C compiler (cc) to build the smaller ICU data library")
    symbol, offset, size = elf_symbol(library)
    header, all_items = items(library.read_bytes()[offset : offset + size])
    kept = [item for item in all_items if wanted(item[0])]
    out_dir.mkdir(parents=True, exist_ok=True)
    dat = out_dir / f"{symbol.removesuffix('_dat')}l.dat"  # l: little-endian, as icupkg names it
    dat.write_bytes(pack(header, kept))
    source = out_dir / "icudata.S"
    source.write_text(
        "\t.section .rodata\n"
        f"\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n"
        f'{symbol}:\n\t.incbin "{dat.name}"\n\t.size {symbol}, . - {symbol}\n'
        '\t.section .note.GNU-stack,"",@progbits\n',
        encoding="ascii",
    )
    target = out_dir / library.name
    done = subprocess.run(
        [compiler, "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", str(target), source.name],
        cwd=out_dir,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{compiler} could not build the ICU data library: {done.stderr.strip()}")
    print(
        f"icu_data: {len(kept)} of {len(all_items)} ICU data items kept, "
        f"{library.stat().st_size / 1e6:.1f} MB -> {target.stat().st_size / 1e6:.1f} MB"
    )
    return target


if __name__ == "__main__":
    print(build(Path(sys.argv[1]), Path(sys.argv[2])))
