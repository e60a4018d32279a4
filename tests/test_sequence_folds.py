"""`names.index(key)` and `names.count(key)` on a sequence known element by element fold to the
number Python computes: a loss that picks one of a network's outputs by name then reads that
output only (the others' saved tensors, written in place, are not in its backward)."""

from __future__ import annotations

from gradguard.analysis.interp.builtin_folds import fold_sequence_search
from gradguard.analysis.values import UNKNOWN, ConstVal, ListObj, TupleVal

NAMES = TupleVal((ConstVal("blurred"), ConstVal("magnitude"), ConstVal("magnitude")))


def test_index_and_count_of_known_names() -> None:
    assert fold_sequence_search(NAMES, "index", [ConstVal("magnitude")]) == ConstVal(1)
    assert fold_sequence_search(NAMES, "count", [ConstVal("magnitude")]) == ConstVal(2)
    assert fold_sequence_search(NAMES, "count", [ConstVal("edges")]) == ConstVal(0)


def test_no_answer_where_python_is_not_certain() -> None:
    # not found: `index` raises ValueError
    assert fold_sequence_search(NAMES, "index", [ConstVal("edges")]) is None
    # an unknown element before the match may be equal to the key
    mixed = TupleVal((UNKNOWN, ConstVal("magnitude")))
    assert fold_sequence_search(mixed, "index", [ConstVal("magnitude")]) is None
    assert fold_sequence_search(mixed, "count", [ConstVal("magnitude")]) is None
    # but one after it does not matter to `index`
    after = TupleVal((ConstVal("magnitude"), UNKNOWN))
    assert fold_sequence_search(after, "index", [ConstVal("magnitude")]) == ConstVal(0)
    assert fold_sequence_search(NAMES, "index", [UNKNOWN]) is None
    assert fold_sequence_search(NAMES, "index", []) is None


def test_lists_only_while_their_elements_are_known_in_order() -> None:
    names = ListObj()
    for name in ("a", "b"):
        names.add(ConstVal(name))
    assert fold_sequence_search(names, "index", [ConstVal("b")]) == ConstVal(1)
    names.insert(None, ConstVal("c"))  # an unknown position: the order is lost
    assert fold_sequence_search(names, "index", [ConstVal("b")]) is None
