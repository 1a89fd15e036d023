"""Placeholders of translated strings are filled in one pass, as Qt's QString::arg does."""

from __future__ import annotations

from azr_desktop.gui.i18n import fill


def test_values_containing_placeholders_are_left_alone():
    assert fill("Exported iteration %1 to %2 (%3).", 20, "/tmp/50%3 off %1", "1.2 MB") == (
        "Exported iteration 20 to /tmp/50%3 off %1 (1.2 MB)."
    )


def test_order_many_placeholders_and_missing_values():
    assert fill("%2 before %1", "a", "b") == "b before a"
    assert fill("%1%10%11", *range(1, 12)) == "11011"
    assert fill("%1 and %2", "only one") == "only one and %2"
