"""The batch workflow's sample sheet: a TSV with the header `id msa structure chain query_row`.

One row per protein. `structure`, `chain` and `query_row` may be empty; relative paths are
relative to the sheet's own folder. Problems are reported as `SampleSheetError` naming the
file and the line, so the workflow stops before anything runs.
"""

import csv
import os
import re
from dataclasses import dataclass
from typing import List, Optional

COLUMNS = ("id", "msa", "structure", "chain", "query_row")
# ids become folder names and Slurm job names
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class SampleSheetError(ValueError):
    pass


@dataclass(frozen=True)
class Sample:
    id: str
    msa: str  # absolute path
    structure: Optional[str]  # absolute path, or None
    chain: Optional[str]  # author chain id, or None for the structure's first protein chain
    query_row: int  # 0-based row of the MSA that is the query


def read_sample_sheet(path: str) -> List[Sample]:
    base = os.path.dirname(os.path.abspath(path))
    try:
        with open(path, newline="") as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise SampleSheetError(f"{path}: cannot read the sample sheet ({e.strerror})") from None

    def fail(line_number, problem):
        raise SampleSheetError(f"{path}:{line_number}: {problem}")

    # Blank lines and lines starting with '#' are comments.
    numbered = [(i + 1, line) for i, line in enumerate(lines) if line.strip() and not line.startswith("#")]
    if not numbered:
        raise SampleSheetError(f"{path}: empty sample sheet (expected the header {' '.join(COLUMNS)})")
    header_line, header = numbered[0]
    names = [name.strip() for name in next(csv.reader([header], delimiter="\t"))]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        fail(header_line, f"header lacks {', '.join(missing)} (expected tab-separated: {' '.join(COLUMNS)})")
    where = {name: names.index(name) for name in COLUMNS}

    def resolve(value):
        return os.path.normpath(os.path.join(base, value))

    samples, seen = [], {}
    for line_number, line in numbered[1:]:
        fields = next(csv.reader([line], delimiter="\t"))
        if len(fields) > len(names):
            fail(line_number, f"{len(fields)} fields, the header has {len(names)}")
        fields += [""] * (len(names) - len(fields))
        get = lambda column: fields[where[column]].strip()  # noqa: E731
        sample_id = get("id")
        if not ID_PATTERN.match(sample_id):
            fail(line_number, f"id '{sample_id}' must be letters, digits, '.', '_' or '-' (it names a folder)")
        if sample_id in seen:
            fail(line_number, f"id '{sample_id}' already used on line {seen[sample_id]}")
        seen[sample_id] = line_number
        if not get("msa"):
            fail(line_number, f"'{sample_id}' has no msa")
        structure = get("structure") or None
        chain = get("chain") or None
        if chain and not structure:
            fail(line_number, f"'{sample_id}' has a chain but no structure")
        query_row = get("query_row") or "0"
        if not query_row.isdigit():
            fail(line_number, f"'{sample_id}': query_row must be a whole number >= 0, got '{query_row}'")
        samples.append(
            Sample(
                id=sample_id,
                msa=resolve(get("msa")),
                structure=resolve(structure) if structure else None,
                chain=chain,
                query_row=int(query_row),
            )
        )
    if not samples:
        raise SampleSheetError(f"{path}: no samples below the header")
    return samples
