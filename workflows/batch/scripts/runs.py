"""What the summary and the report read back from one finished run folder.

A run is given on the command line as ID:METHOD:DIR; DIR holds contacts.npy and, when the
protein has a structure, evaluation.json (both written by axialscope-cli). Standard library
only, so the scripts run with Debian's python3 as it is.
"""

import array
import ast
import json
import os
import struct
import sys
from dataclasses import dataclass
from typing import List, Optional

RANGES = ("short", "medium", "long")
CUTOFFS = ("P@L", "P@L/2", "P@L/5")
SUMMARY_COLUMNS = ["id", "method", "L"] + [f"{r}_{c}" for r in RANGES for c in CUTOFFS]


@dataclass
class Run:
    id: str
    method: str
    dir: str

    @property
    def evaluation_path(self) -> str:
        return os.path.join(self.dir, "evaluation.json")

    def evaluation(self) -> Optional[dict]:
        if not os.path.exists(self.evaluation_path):
            return None
        with open(self.evaluation_path) as f:
            return json.load(f)


def parse_runs(arguments: List[str]) -> List[Run]:
    runs = []
    for a in arguments:
        parts = a.split(":", 2)
        if len(parts) != 3 or not all(parts):
            sys.exit(f"expected ID:METHOD:DIR, got '{a}'")
        runs.append(Run(*parts))
    return runs


def read_npy_matrix(path: str):
    """A float32 .npy of shape (L, L) or (1, L, L), as (L, list of L*L floats, row-major)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:6] != b"\x93NUMPY":
        raise ValueError(f"{path}: not a .npy file")
    major = data[6]
    header_length = struct.unpack("<H" if major == 1 else "<I", data[8:10] if major == 1 else data[8:12])[0]
    start = (10 if major == 1 else 12) + header_length
    header = ast.literal_eval(data[(10 if major == 1 else 12) : start].decode("latin1"))
    if header["descr"] != "<f4" or header["fortran_order"]:
        raise ValueError(f"{path}: expected little-endian float32 in C order, got {header}")
    shape = tuple(header["shape"])
    if shape[:1] == (1,) and len(shape) == 3:
        shape = shape[1:]
    if len(shape) != 2 or shape[0] != shape[1]:
        raise ValueError(f"{path}: expected an L x L matrix, got shape {header['shape']}")
    values = array.array("f")
    values.frombytes(data[start : start + 4 * shape[0] * shape[1]])
    if sys.byteorder != "little":
        values.byteswap()
    return shape[0], values


def npy_length(path: str) -> int:
    """L of an L x L (or 1 x L x L) .npy, from its header alone."""
    with open(path, "rb") as f:
        head = f.read(4096)
    header = ast.literal_eval(head[10 : 10 + struct.unpack("<H", head[8:10])[0]].decode("latin1"))
    return int(header["shape"][-1])


def summary_row(run: Run) -> dict:
    """One summary.tsv row: the numbers exactly as axialscope-cli wrote them (None = no value)."""
    evaluation = run.evaluation()
    row = {"id": run.id, "method": run.method}
    if evaluation is None:
        row["L"] = npy_length(os.path.join(run.dir, "contacts.npy"))
        for r in RANGES:
            for c in CUTOFFS:
                row[f"{r}_{c}"] = None
        return row
    row["L"] = evaluation["L"]
    for r in RANGES:
        for c in CUTOFFS:
            row[f"{r}_{c}"] = evaluation["precision"][r][c]
    return row


def format_value(value) -> str:
    """Numbers in their shortest exact form (repr), so summary.tsv equals evaluation.json."""
    if value is None:
        return "NA"
    return repr(value) if isinstance(value, float) else str(value)


def read_summary(path: str) -> List[dict]:
    with open(path) as f:
        lines = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    header, rows = lines[0], lines[1:]
    out = []
    for fields in rows:
        row = dict(zip(header, fields))
        for key in header[2:]:
            row[key] = None if row[key] == "NA" else (int(row[key]) if key == "L" else float(row[key]))
        out.append(row)
    return out
