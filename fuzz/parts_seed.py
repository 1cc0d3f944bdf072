#!/usr/bin/env python3
"""Turns .xlsx/.ods files into seeds for the workbook_parts target: each
entry of the zip becomes a line `@@@ <name>` followed by its content.

    python3 parts_seed.py OUT_DIR FILE...
"""
import hashlib
import os
import sys
import zipfile


def main() -> None:
    out, files = sys.argv[1], sys.argv[2:]
    os.makedirs(out, exist_ok=True)
    for path in files:
        with zipfile.ZipFile(path) as z:
            blob = b"".join(
                b"@@@ " + name.encode() + b"\n" + z.read(name) + b"\n"
                for name in z.namelist()
            )
        name = hashlib.sha1(blob).hexdigest()
        with open(os.path.join(out, name), "wb") as f:
            f.write(blob)
        print(f"{path} -> {name} ({len(blob)} bytes)")


if __name__ == "__main__":
    main()
