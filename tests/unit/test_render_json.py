"""msrx.render_json writes its own JSON (importing the json module costs every
--json run about a millisecond): it must be what json.dumps writes, byte for byte."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msrx.render_json import dumps

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


def _stdlib(obj: Any, indent: int | None) -> str:
    return json.dumps(obj, indent=indent, ensure_ascii=True).replace("\x7f", "\\u007f")


@settings(max_examples=300)
@given(obj=_VALUES, indent=st.sampled_from([None, 2, 0, 4]))
def test_output_is_what_json_dumps_writes(obj: Any, indent: int | None) -> None:
    text = dumps(obj, indent)
    assert text == _stdlib(obj, indent)
    assert text.isascii() and "\x7f" not in text


def test_every_character_survives_a_round_trip() -> None:
    every = "".join(map(chr, range(0x300))) + "\u2028\U0001f600"
    assert json.loads(dumps({"text": every}, 2)) == {"text": every}


@pytest.mark.parametrize("obj", [{1: "a"}, {"a": object()}, [b"bytes"], {"s": {1, 2}}])
def test_what_json_cannot_hold_is_refused(obj: Any) -> None:
    with pytest.raises(TypeError):
        dumps(obj)
