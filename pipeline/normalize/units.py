"""One key per responsible unit (กลุ่ม), however a plan spells it.

Plans type the responsible group by hand, so one group appears several ways in one
document: "กลุ่มนิเทศติดตามและประเมินผลการจัดการศึกษา" in a project header,
"กลุ่มนิเทศ ติดตามและประเมินผล การจัดการศึกษา" in the summary table, "กลุ่มนิเทศ
ติดตามประเมินผล..." elsewhere. Grouping by the text as written splits one group's
budget over several rows. `unit_key` gives every spelling one key:

1. the comparison form: NFC, Thai digits as Arabic, no spaces (Thai breaks lines
   anywhere), the connective "และ" dropped (offices write it or not between the same
   words);
2. a standard group of a primary/secondary area office (สพป./สพม.) when the comparison
   form equals, abbreviates ("กลุ่มนิเทศฯ"), starts ("กลุ่มนิเทศ ติดตามและประเมินผล",
   the last words left out) or nearly equals (rapidfuzz ratio) its name:
   the key is the group's English code (`supervision`, `policy_and_planning`, ...);
3. else, within one document, the same unit as an earlier spelling that nearly equals it;
4. else the comparison form itself: a school's "ฝ่ายบริหารงานวิชาการ" or any unit not in
   the list keeps a stable key of its own, never dropped.

The `unit` column keeps the text as written; only the key is canonical.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from rapidfuzz import fuzz

from pipeline.normalize.text import compact, to_arabic_digits

# Standard groups of a สพป./สพม. office (the ministry's structure of an area office),
# code -> the name as the ministry writes it.
STANDARD_UNITS: Final[Mapping[str, str]] = {
    "administration": "กลุ่มอำนวยการ",
    "policy_and_planning": "กลุ่มนโยบายและแผน",
    "educational_promotion": "กลุ่มส่งเสริมการจัดการศึกษา",
    "personnel": "กลุ่มบริหารงานบุคคล",
    "finance_and_assets": "กลุ่มบริหารงานการเงินและสินทรัพย์",
    "supervision": "กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา",
    "distance_education_ict": "กลุ่มส่งเสริมการศึกษาทางไกล เทคโนโลยีสารสนเทศและการสื่อสาร",
    "teacher_development": "กลุ่มพัฒนาครูและบุคลากรทางการศึกษา",
    "internal_audit": "หน่วยตรวจสอบภายใน",
    "legal_affairs": "กลุ่มกฎหมายและคดี",
}
# Words offices write or leave out between the same words of a unit's name.
CONNECTIVES: Final = ("และ",)
# The Thai abbreviation mark: "กลุ่มนิเทศฯ" stands for the name it starts.
ABBREVIATION_MARK: Final = "ฯ"
# rapidfuzz ratio (0..100) from which two comparison forms are one unit: one or two
# letters typed differently in a name of 15 or more letters ("กลุ่มงานบริหารการเงิน..."
# for "กลุ่มบริหารงานการเงิน...", an extra "จัดการ").
SAME_UNIT_RATIO: Final = 90.0
# A standard name must win by this margin over the next one, so a near tie is not guessed.
STANDARD_MARGIN: Final = 3.0
# Shorter forms are compared exactly only: a few letters' difference is another unit, and
# a few first letters ("กลุ่มบริหาร") start too many names.
MIN_FUZZY_LENGTH: Final = 12


def comparison_form(text: str) -> str:
    """The unit's text as compared: NFC, Arabic digits, no spaces, no connectives."""
    value = compact(to_arabic_digits(text))
    for word in CONNECTIVES:
        value = value.replace(word, "")
    return value


_STANDARD_FORMS: Final = {code: comparison_form(name) for code, name in STANDARD_UNITS.items()}


def standard_unit(text: str) -> str | None:
    """The code of the standard office group `text` names, or None."""
    form = comparison_form(text)
    if not form:
        return None
    for code, standard in _STANDARD_FORMS.items():
        if form == standard:
            return code
    abbreviated = form.endswith(ABBREVIATION_MARK)
    stem = form.rstrip(ABBREVIATION_MARK)
    if abbreviated or len(stem) >= MIN_FUZZY_LENGTH:  # the name's first words only
        codes = [c for c, s in _STANDARD_FORMS.items() if stem and s.startswith(stem)]
        if len(codes) == 1:
            return codes[0]
        if abbreviated:
            return None
    if len(form) < MIN_FUZZY_LENGTH:
        return None
    scored = sorted(((float(fuzz.ratio(form, s)), c) for c, s in _STANDARD_FORMS.items()),
                    reverse=True)
    best, code = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if best >= SAME_UNIT_RATIO and best - runner_up >= STANDARD_MARGIN:
        return code
    return None


def unit_keys(units: Iterable[str | None]) -> dict[str, str]:
    """Key of every unit text of one document (each text -> its key).

    Texts are keyed in the order given: a standard group gets its code; another text
    joins the key of an earlier text of the document it nearly equals; else its
    comparison form is its key.
    """
    keys: dict[str, str] = {}
    own: list[str] = []  # keys of non-standard units seen so far, in order
    for text in units:
        if text is None or text in keys:
            continue
        form = comparison_form(text)
        if not form:
            continue
        code = standard_unit(text)
        if code is None:
            code = _similar(form, own) or form
            if code not in own:
                own.append(code)
        keys[text] = code
    return keys


def unit_key(text: str | None) -> str | None:
    """The key of one unit text alone (no document to cluster with)."""
    if text is None:
        return None
    return unit_keys([text]).get(text)


def _similar(form: str, seen: list[str]) -> str | None:
    if len(form) < MIN_FUZZY_LENGTH:
        return None
    for key in seen:
        if len(key) >= MIN_FUZZY_LENGTH and fuzz.ratio(form, key) >= SAME_UNIT_RATIO:
            return key
    return None
