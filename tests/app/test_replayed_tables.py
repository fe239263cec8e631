"""Tables that are no widget, grids and plain ones, are drawn once per page and content and
replayed on later runs (ui/print_css): their key must be the same when a run builds the same table again, or every
rerun would rebuild every table (and fill the cache with copies)."""

from ui import print_css
from ui.navigation import PAGES


def test_a_rerun_rebuilds_no_table(open_page, monkeypatch):
    print_css._drawn.clear()
    print_css._copy.clear()
    print_css._plain.clear()
    built = []
    real = print_css.copy_of
    monkeypatch.setattr(print_css, "copy_of",
                        lambda shown, *kind: built.append(1) or real(shown, *kind))
    rebuilt = {}
    for script, title, _icon in PAGES:
        at = open_page(script, dia_ban="692", ky="2024-09-30")
        first = len(built)
        at.run()
        rebuilt[title] = len(built) - first
    assert sum(rebuilt.values()) == 0, rebuilt
    assert built, "no table was built at all: the check above would hold for no reason"
