"""Statements a click runs, compiled once: on SQLite they run straight on the driver's connection.

SQLAlchemy's execution of a Core statement (its cache lookup, parameters, context, result and
events, and the greenlet hop to the driver and back) cost several times what SQLite takes to
run it; a click runs four such statements (docs/benchmarks.md). A `Prepared` statement keeps its
SQL, the order of its parameters and SQLAlchemy's own bind and result processors for each
column, taken from SQLAlchemy's compiled form, so what is stored and what is read back is what
SQLAlchemy itself would store and read (tests/storage/test_prepared.py compares the two). On
PostgreSQL the statement goes through SQLAlchemy as before: one code path in the repositories.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError, InvalidRequestError, StatementError
from sqlalchemy.sql.dml import UpdateBase
from sqlalchemy.sql.selectable import Select

_Processor = Callable[[Any], Any] | None


@dataclass(frozen=True)
class Outcome:
    """A statement's rows (processed values, in its columns' order) and its row count."""

    keys: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    rowcount: int

    def first(self) -> dict[str, Any] | None:
        return dict(zip(self.keys, self.rows[0], strict=True)) if self.rows else None

    def scalar(self) -> Any:
        """The first column of the one row, or None if there is none."""
        return self.rows[0][0] if self.rows else None


@dataclass(frozen=True)
class _Compiled:
    sql: str
    names: tuple[str, ...]  # a value for each `?`, in order
    defaults: Mapping[str, Any]  # values the statement itself holds (literals)
    binds: Mapping[str, Callable[[Any], Any]]
    keys: tuple[str, ...]
    results: tuple[_Processor, ...]

    def parameters(self, given: Mapping[str, Any]) -> tuple[Any, ...]:
        values = []
        for name in self.names:
            value = given[name] if name in given else self.defaults[name]
            process = self.binds.get(name)
            # None too, as SQLAlchemy does: a JSON column stores None as 'null', not NULL.
            values.append(value if process is None else process(value))
        return tuple(values)

    def rows(self, raw: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        results = self.results
        return [
            tuple(v if p is None else p(v) for p, v in zip(results, row, strict=True))
            for row in raw
        ]


class Prepared:
    """A Core statement (a select, or an insert/update with or without RETURNING), built once."""

    def __init__(self, statement: Select[Any] | UpdateBase) -> None:
        self.statement = statement
        self._compiled: _Compiled | None = None

    def compiled_for(self, dialect: Dialect) -> _Compiled:
        if self._compiled is None:
            self._compiled = _compile(self.statement, dialect)
        return self._compiled


def _compile(statement: Select[Any] | UpdateBase, dialect: Dialect) -> _Compiled:
    compiled: Any = statement.compile(dialect=dialect)
    if dialect.paramstyle != "qmark" or compiled.positiontup is None:
        raise ValueError("prepared statements run straight on SQLite only")
    binds = compiled.bind_names.items()
    defaults = {name: bind.effective_value for bind, name in binds if not bind.required}
    columns = list(statement.exported_columns)
    return _Compiled(
        sql=compiled.string,
        names=tuple(compiled.positiontup),
        defaults=defaults,
        binds=dict(compiled._bind_processors),
        keys=tuple(str(column.key) for column in columns),
        results=tuple(column.type._cached_result_processor(dialect, None) for column in columns),
    )


def run_on_sqlite(
    compiled: _Compiled, parameters: Mapping[str, Any]
) -> Callable[[sqlite3.Connection], Outcome]:
    """The statement as work for storage.sqlite_driver's connection."""
    values = compiled.parameters(parameters)

    def run(raw: sqlite3.Connection) -> Outcome:
        if not raw.in_transaction:  # the statement would be committed on its own
            raise InvalidRequestError("SQLite's connection is not in a transaction")
        cursor = raw.cursor()
        try:
            cursor.execute(compiled.sql, values)
            rows = cursor.fetchall() if cursor.description else []
            return Outcome(compiled.keys, compiled.rows(rows), cursor.rowcount)
        finally:
            cursor.close()

    return run


def as_sqlalchemy_error(compiled: _Compiled, error: Exception) -> StatementError:
    """The driver's error as SQLAlchemy would raise it (sqlalchemy.exc.IntegrityError, ...);
    another (a bind processor's, say) as the sqlalchemy.exc.StatementError it raises."""
    return DBAPIError.instance(compiled.sql, None, error, sqlite3.Error)
