"""seatmap.mapping.seats_to_map: every map option reaches map_spec (no option is dropped)."""

import dataclasses
import inspect

import pytest

from seatmap import mapping
from seatmap.mapspec import MapOptions


class _Stop(Exception):
    pass


def test_every_map_option_is_a_parameter_passed_to_map_spec(monkeypatch):
    """A MapOptions field is added once in mapspec and once as a parameter of seats_to_map,
    which passes it on by name: a field it forgot would keep its default here."""
    fields = [f.name for f in dataclasses.fields(MapOptions)]
    params = inspect.signature(mapping.seats_to_map).parameters
    assert set(fields) <= set(params), set(fields) - set(params)
    given = {name: object() for name in fields}  # a distinct value per option
    seen = {}

    def fake_map_spec(seats, options):
        seen.update(vars(options))
        raise _Stop

    monkeypatch.setattr(mapping, "map_spec", fake_map_spec)
    with pytest.raises(_Stop):
        mapping.seats_to_map(2024, **given)
    assert [name for name in fields if seen[name] is not given[name]] == []
