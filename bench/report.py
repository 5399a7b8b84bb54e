"""Plain-text tables for the benchmark output: aligned columns, numbers right-aligned."""

from __future__ import annotations

from collections.abc import Sequence

Cell = str | int | float | None


def fmt(value: Cell, digits: int = 2) -> str:
    """One cell: ints with thousands separators, floats with `digits` decimals, None as '-'."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return value


def table(headers: Sequence[str], rows: Sequence[Sequence[Cell]], *, indent: str = "  ") -> str:
    """An aligned table: the first column left-aligned, the others right-aligned."""
    cells = [list(headers)] + [[fmt(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        parts = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
        return indent + "  ".join(parts).rstrip()

    rule = indent + "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def section(title: str) -> str:
    """A section heading followed by an underline."""
    return f"\n{title}\n{'=' * len(title)}"


def ratio(numerator: float, denominator: float) -> str:
    """`numerator / denominator` as '12.3x' (or '-' when the denominator is zero)."""
    if denominator <= 0:
        return "-"
    value = numerator / denominator
    return f"{value:,.0f}x" if value >= 100 else f"{value:,.1f}x"
