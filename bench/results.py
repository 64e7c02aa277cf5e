"""Updating one `## <area>` section of bench/RESULTS.md without touching the others.

Every benchmark owns one section; rerunning it replaces that section's body in place, so the
file always holds the latest figures per area and the header stays as written.
"""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"

HEADER = """# Benchmark results

Conventions for every row below:

- **Machine**: `uname -m`, number of cores (`nproc`) and Python version, as printed by the
  script; the shared development box has 2 cores and is noisy (other work runs beside it).
- **Date**: UTC date of the run.
- **Median of N runs**: each figure is the median over the runs the script states (`--runs`),
  each run on fresh temporary databases; single runs are not reported.
- **Ratio**: our figure against the named baseline *measured in the same run* on the same
  machine and data, so noise affects both sides alike. Its direction is stated per section.
- **Data**: the synthetic corpus from `bench/synth.py` (deterministic per `--n` and `--seed`)
  unless a section says otherwise. Rerun any row with the command given in its section.
"""


def write_section(title: str, body: str, path: Path = RESULTS) -> None:
    """Replace (or append) the section headed `## {title}` with `body`."""
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    heading = f"## {title}"
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() == heading), None)
    section = [heading, "", *body.rstrip("\n").splitlines(), ""]
    if start is None:
        if lines and lines[-1].strip():
            lines.append("")
        lines.extend(section)
    else:
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines)
        )
        lines[start:end] = section
    path.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")
