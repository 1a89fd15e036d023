"""Events as JSON lines (``azr-desktop train --json``, read by the GUI for runs of several processes): each one reads
back as the event written, a ``Text`` with its template and fields (the reader translates it), a plan as tuples."""

from __future__ import annotations

import dataclasses

from azr_desktop.core import events as ev
from azr_desktop.core.errors import Text


def _one_of_each() -> list[ev.Event]:
    """An event of every kind the core has, with values of the kinds its fields hold (None where allowed)."""
    values = {"int": 7, "float": 0.25, "str": 'héllo "quoted"\nline', "bool": True}
    made = []
    for cls in vars(ev).values():
        if isinstance(cls, type) and issubclass(cls, ev.Event) and cls is not ev.Event:
            fields = {}
            for f in dataclasses.fields(cls):
                kind = f.type.split(" | ")[0]
                fields[f.name] = values.get(kind)
                if "tuple" in f.type:
                    fields[f.name] = ((0, 0.0), (10, 3e-4))
                if kind == "Text":
                    fields[f.name] = Text("{model} has {count} book(s) in {where}", model="Tiny", count=2,
                                          where=Text("the folder {path}", path="/tmp/x"))
            made.append(cls(**fields))
    return made


def test_every_event_reads_back_from_its_json_line_as_the_same_event():
    events = _one_of_each()
    assert {type(e).__name__ for e in events} >= {"Started", "Step", "Eval", "Notice", "SelfPlayStep", "Finished"}
    for event in events:
        line = ev.to_json(event)
        assert "\n" not in line
        back = ev.from_json(line)
        assert back == event and type(back) is type(event)
        assert [type(getattr(back, f.name)) for f in dataclasses.fields(back)] == [
            type(getattr(event, f.name)) for f in dataclasses.fields(event)
        ]
    notice = ev.from_json(ev.to_json(next(e for e in events if isinstance(e, ev.Notice))))
    assert notice.message.template == "{model} has {count} book(s) in {where}"
    assert notice.message.fields["where"].template == "the folder {path}"
    assert notice.message.fields["count"] == 2


def test_lines_that_are_not_events_read_as_none():
    for line in ("", "not json", "[1, 2]", '{"event": "Nothing"}', '{"event": "Eval", "iter": 1}',
                 '{"event": "Notice", "level": "info", "message": {"template": "{x}", "fields": {"y": 1}}}'):
        assert ev.from_json(line) is None
