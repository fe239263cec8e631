"""The one error type for bad input: it names the file, the row and the column, in Vietnamese."""

from __future__ import annotations


class InputError(Exception):
    """A table that cannot be taken in as it is. Nothing has been written when it is raised."""

    def __init__(self, message: str, file: str | None = None, row: int | None = None,
                 column: str | None = None, cell: str | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.row = row
        self.column = column
        self.cell = cell  # the cell as written, when one cell is at fault

    def located(self, file: str | None = None, row: int | None = None,
                column: str | None = None, cell: str | None = None) -> "InputError":
        """Fill in where the fault is, keeping what is already known."""
        self.file = self.file or file
        self.row = self.row if self.row is not None else row
        self.column = self.column or column
        self.cell = self.cell if self.cell is not None else cell
        return self

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(f"tệp {self.file}")
        if self.row is not None:
            where.append(f"dòng {self.row}")
        if self.column:
            where.append(f"cột «{self.column}»")
        prefix = "Lỗi dữ liệu" + (f" ({', '.join(where)})" if where else "")
        return f"{prefix}: {self.message}"


def report(problems: list[InputError] | None, error: InputError) -> None:
    """Raise `error`, or, for a check that lists every problem of a file at once
    (checking.py), add it to `problems` so that reading goes on past it."""
    if problems is None:
        raise error
    problems.append(error)


class StoreError(InputError):
    """The store cannot be read or written as asked (missing, busy, full, read-only, too old).

    A kind of InputError so that the CLI ends with exit 2 and pages show a notice; the message
    says what to do. Nothing stored has been changed when it is raised.
    """
