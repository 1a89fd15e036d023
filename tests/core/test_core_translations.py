"""Every sentence the core can show a person has a Russian and a Ukrainian translation that fills in the same fields.

The GUI shows core errors and notices in the user's language by looking their English template up in
resources/i18n/core_<lang>.json; a template missing there would reach a Russian user in English.
"""

from __future__ import annotations

import ast
import json
import string
from importlib.resources import files
from pathlib import Path

import pytest

from azr_desktop.core import errors

CORE = Path(errors.__file__).parent
LANGUAGES = ("ru", "uk")


def _message_classes(cls: type = errors.AZRError) -> set[str]:
    return {cls.__name__}.union(*(_message_classes(sub) for sub in cls.__subclasses__()))


MESSAGE_CLASSES = _message_classes() | {errors.Text.__name__}


def _templates(node: ast.expr) -> list[str] | None:
    """The literal templates an argument can be (a string, or a choice between strings); None if not literal."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _templates(node.body), _templates(node.orelse)
        return body + orelse if body is not None and orelse is not None else None
    return None


def _message_calls() -> list[tuple[str, ast.expr]]:
    """``(where, template argument)`` of every call of an ``AZRError`` class or ``Text`` in the core."""
    calls = []
    for path in sorted(CORE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args:
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in MESSAGE_CLASSES:
                    calls.append((f"{path.name}:{node.lineno}", node.args[0]))
    return calls


CALLS = _message_calls()
TEMPLATES = {t for _, arg in CALLS for t in _templates(arg) or ()}


def _fields(template: str) -> set[tuple[str, str, str | None]]:
    """Each placeholder with its format spec and conversion, e.g. ``("value", "g", None)``."""
    return {(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(template) if name is not None}


def _catalog(lang: str) -> dict[str, str]:
    return json.loads((files("azr_desktop") / "resources" / "i18n" / f"core_{lang}.json").read_text(encoding="utf-8"))


def test_core_messages_are_literal_templates_never_f_strings():
    """An f-string (or a variable) hides the template from the catalog; ``"a" if c else "b"`` is fine."""
    assert len(CALLS) > 80
    assert [where for where, arg in CALLS if _templates(arg) is None] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_core_template_has_a_translation_with_the_same_fields(lang):
    catalog = _catalog(lang)
    assert sorted(TEMPLATES - catalog.keys()) == [], f"untranslated in core_{lang}.json"
    assert sorted(catalog.keys() - TEMPLATES) == [], f"unused in core_{lang}.json"
    for template, translated in catalog.items():
        assert translated.strip() and translated != template, template
        assert _fields(translated) == _fields(template), template


def test_a_message_keeps_its_template_and_fields_and_reads_as_english():
    error = errors.ConfigError("{name} must be at least {lo:g}, got {value!r}", name="lr", lo=0.5, value="x")
    assert str(error) == "lr must be at least 0.5, got 'x'"
    assert error.template == "{name} must be at least {lo:g}, got {value!r}"
    assert error.fields == {"name": "lr", "lo": 0.5, "value": "x"}
    note = errors.Text("{count} book(s)", count=2)
    assert note == "2 book(s)" and note.template == "{count} book(s)" and note.fields == {"count": 2}
    assert str(errors.BookError("braces {stay} as written")) == "braces {stay} as written"
