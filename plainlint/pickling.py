"""Pickling a dataclass as a call to its constructor with its fields' values.

Workers send their results (findings, counts) to the main process, and the helper its
pages to the workers, by pickle. A slotted dataclass is otherwise pickled as its state
and rebuilt by dataclasses' ``__setstate__``, which loops over ``fields()`` for every
object: sending wcag-html's 647 results cost 0.22 s that way, and 0.11 s this way.
"""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter
from typing import TypeVar

T = TypeVar("T", bound=type)


def by_fields(cls: T) -> T:
    """Class decorator (above ``@dataclass``): pickle as ``cls(*field values)``. For
    classes whose constructor takes every field, in order, and does nothing else."""
    names = [f.name for f in fields(cls)]
    assert len(names) > 1, "attrgetter of one name gives a value, not a tuple"
    values = attrgetter(*names)

    def __reduce__(self):
        return cls, values(self)

    cls.__reduce__ = __reduce__
    return cls
