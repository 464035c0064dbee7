"""Document-level facts: plan title, issuing organization, fiscal year.

They are printed on the cover and repeated in page headers/footers
("แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. ๒๕๖3  หน้า ๑๙๖"); a plan excerpt without its cover
still carries them in the footer, and the project periods tell the year as a last resort.

The organization is the body that issues the plan, found in this order of evidence:
1. the name printed right after the plan title on a cover or footer line
   ("แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. 2566 โรงเรียนบ้านนา", "... ของโรงเรียนบ้านนา");
2. the first short cover line that is a name (not a sentence, not a common noun such as
   "โรงเรียนขนาดเล็ก");
3. a name in the page headers/footers;
4. the name most often printed after the plan title in the body ("คำนำ แผนปฏิบัติการ...
   ของโรงเรียนบ้านเขาจีน");
5. the name the body prints most often, leaving out parents ("สังกัดสำนักงานเขต...").
An abbreviated name ("สพป.ยส.2", "สพม.๒๘", "รร.บ้านนา") is expanded against the full
names printed anywhere in the document by matching its letters in order
(ยส in ยโสธร) and its district number (Thai digits read as Arabic).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract.vocab import (
    FISCAL_YEAR_RE,
    OF_WORD,
    ORGANIZATION_ABBREVIATIONS,
    ORGANIZATION_FULL_PREFIXES,
    ORGANIZATION_GENERIC_WORDS,
    ORGANIZATION_NAME_END_WORDS,
    ORGANIZATION_SINGLETONS,
    ORGANIZATION_STOP_WORDS,
    PAGE_FURNITURE_RE,
    PARENT_MARKERS,
    PLAN_TITLE_RE,
)
from pipeline.normalize.academic_year import ACADEMIC_YEAR_RE
from pipeline.normalize.text import clean_text, compact, to_arabic_digits
from pipeline.normalize.words import thai_words_of

COVER_LINES = 60
MIN_BE_YEAR, MAX_BE_YEAR = 2480, 2700
# A cover or footer line longer than this is a sentence, not a name or a title.
MAX_NAME_LINE_CHARS = 120
# A cover's names are printed within these many lines before/after its title line.
COVER_BEFORE_TITLE, COVER_AFTER_TITLE = 3, 10
# Generic words of at least this length also reject a compound they start ("ขนาดเล็ก").
MIN_GENERIC_PREFIX = 3
# A name's words after its prefix are read from at most this many characters (after the
# spaces that follow the prefix): no real name is longer, and reading the whole rest of a
# long line for every prefix on it grows with the square of the line (issue 10 item 6).
NAME_WINDOW_CHARS = 400
_SPACES_RE = re.compile(r"\s*")
# The text after a plan title in which the name printed after it is looked for: its dates
# in brackets, dashes, the prefix and the name's window.
AFTER_TITLE_WINDOW_CHARS = 2 * NAME_WINDOW_CHARS

_ABBREVIATION_RE = re.compile(
    r"(?<![ก-๙])("
    + "|".join(re.escape(a) for a in sorted(ORGANIZATION_ABBREVIATIONS, key=len, reverse=True))
    + r")\.\s?"
)
# "มหาวิทยาลัย" is a university, not a "วิทยาลัย"
_FULL_RE = re.compile(
    r"(?<!มหา)(?:" + "|".join(re.escape(p) for p in ORGANIZATION_FULL_PREFIXES) + ")")
_TITLE_START_RE = re.compile(r"^\s*(?:[0-9๐-๙]{1,4}\s+)?(แผนปฏิบัติการ)")
# The title and its year: "แผนปฏิบัติการ ประจำปีงบประมาณ พ.ศ. 2566", "... ประจำปีการศึกษา 2566"
_TITLE_WITH_YEAR_RE = re.compile(
    r"แผนปฏิบัติการ\s*(?:(?:ประจำ)?\s*ปี\s*(?:งบประมาณ|การศึกษา)?\s*(?:พ\s*\.\s*ศ\s*\.?)?"
    r"\s*[0-9๐-๙]{4})?"
)
# Leading spaces possessive: two \s* around the optional พ.ศ. split a run of spaces n**2 ways.
_YEAR_CONTINUATION_RE = re.compile(r"^\s*+(?:พ\s*\.\s*ศ\s*\.?)?\s*[0-9๐-๙]{4}")
_DATES_IN_BRACKETS_RE = re.compile(r"^\s*\([^)]{0,60}\)")
_DISTRICT_RE = re.compile(r"\.?(?:เขต)?\.?\s*([0-9]{1,3})\.?$")
_DIGITS_ONLY_RE = re.compile(r"^[0-9๐-๙]{1,3}$")
_TRAILING_PUNCTUATION = " ,;:”“\"'’‘"
# What a text must start with (or contain) for its words to be among these vocabularies.
_GENERIC_STARTS = tuple(sorted(ORGANIZATION_GENERIC_WORDS))
_NAME_END_STARTS = tuple(sorted(ORGANIZATION_NAME_END_WORDS))
_NAME_END_RE = re.compile("|".join(re.escape(w) for w in sorted(ORGANIZATION_NAME_END_WORDS)))
_DASHES = " -–—:,"


@dataclass(frozen=True)
class PlanMeta:
    title: str | None
    organization: str | None
    fiscal_year: int | None
    # the year (BE) of a plan written for an academic year ("ประจำปีการศึกษา 2566"): a
    # school's periods without a year are in it, not in a fiscal year
    academic_year: int | None = None


@dataclass(frozen=True)
class OrgName:
    """An organization name as printed, with the parts abbreviation matching compares."""

    text: str  # as written (cleaned)
    expansion: str  # the full prefix, an abbreviation expanded ("สพป." -> สำนักงาน...)
    letters: str  # the name after the prefix: compact, no dots, no district ("ยโสธร", "ยส")
    district: str | None  # "2" of "เขต ๒" / "สพป.ยส.2", Arabic digits
    abbreviated: bool
    dotted: bool = False  # the name itself is abbreviated ("ยส.") and cannot be spelled out
    parent: bool = False  # printed after "สังกัด": the body's parent

    @property
    def key(self) -> str:
        """Equal for the same body however it is spaced or its digits written."""
        district = f"เขต{self.district}" if self.district else ""
        return compact(self.expansion) + self.letters + district


def read_meta(lines: Sequence[str], furniture: Sequence[str],
              cover: Sequence[str] | None = None) -> PlanMeta:
    """`lines` are the document's paragraphs, `cover` those before its first project (the
    first COVER_LINES paragraphs when not given), `furniture` its header/footer texts."""
    body = _cleaned(lines)
    front = _cleaned(lines[:COVER_LINES] if cover is None else cover[:COVER_LINES])
    edges = _cleaned(furniture)
    title = plan_title(front) or plan_title(edges)
    everything = [*front, *edges, *([title] if title else [])]
    return PlanMeta(
        title=title,
        organization=organization(cover_page(front), edges, body),
        fiscal_year=_fiscal_year(everything) or _fiscal_year(body),
        academic_year=_academic_year(title),
    )


def _cleaned(lines: Iterable[str]) -> list[str]:
    return [text for text in (clean_text(line) for line in lines) if text]


# -- title ----------------------------------------------------------------------------


def plan_title(lines: Sequence[str]) -> str | None:
    """The first line that starts with the plan title, cut after its fiscal year and
    without page furniture; "แผนปฏิบัติการ" alone is joined to a next line that carries
    the year ("ประจำปีงบประมาณ พ.ศ. 2566")."""
    for i, raw in enumerate(lines):
        line = strip_page_furniture(raw)
        start = _TITLE_START_RE.match(line)
        if start is None or len(line) > MAX_NAME_LINE_CHARS:
            continue
        title = line[start.start(1):]
        with_year = _TITLE_WITH_YEAR_RE.match(title)
        if with_year and with_year.end() > len("แผนปฏิบัติการ") + 1 and re.search(
                r"[0-9๐-๙]{4}$", with_year.group(0)):
            return with_year.group(0).strip(_DASHES)
        title = _before_organization(title)
        following = strip_page_furniture(lines[i + 1]) if i + 1 < len(lines) else ""
        return _joined_with_year(title, following).strip(_DASHES)
    return None


def strip_page_furniture(line: str) -> str:
    """The line without "หน้า N", "- N -" and a bare page number at either end.

    Whitespace is collapsed before the page number is looked for: on a run of spaces
    (or of dashes, each pair replaced by a space) `\\s+` would be tried from every space
    of the run to its end, quadratic in the line."""
    text = clean_text(PAGE_FURNITURE_RE.sub(" ", line))
    text = re.sub(r"^\s*[0-9๐-๙]{1,4}\s+(?=\D)", "", text)
    if not FISCAL_YEAR_RE.search(text[-12:]):
        text = re.sub(r"(?<=\D)(?<!เขต)\s+[0-9๐-๙]{1,3}\s*$", "", text)
    return clean_text(text)


def _before_organization(title: str) -> str:
    cut = len(title)
    for match in (_FULL_RE.search(title), _ABBREVIATION_RE.search(title)):
        if match:
            cut = min(cut, match.start())
    text = title[:cut].rstrip()
    if text.endswith(OF_WORD):
        text = text[: -len(OF_WORD)]
    return text.rstrip()


def _joined_with_year(title: str, following: str) -> str:
    year = FISCAL_YEAR_RE.match(following)
    if year:  # Thai puts no space inside "แผนปฏิบัติการประจำปีงบประมาณ"
        return title + following[: year.end()]
    year = _YEAR_CONTINUATION_RE.match(following)
    if year and FISCAL_YEAR_RE.search(title + " " + following[: year.end()]):
        return f"{title} {following[: year.end()].strip()}"
    return title


# -- organization ---------------------------------------------------------------------


def organization(cover: Sequence[str], furniture: Sequence[str],
                 body: Sequence[str]) -> str | None:
    """The full name of the body that issues the plan (see the module docstring)."""
    short_cover = [line for line in cover if len(line) <= MAX_NAME_LINE_CHARS]
    short_edges = [strip_page_furniture(line) for line in furniture]
    short_edges = [line for line in short_edges if 0 < len(line) <= MAX_NAME_LINE_CHARS]
    # the cover before the page furniture: a footer may be cut or wrapped on the page
    # ("...โรงเรียนบ้านดอนแก้ว" / "วิทยา" in a PDF), a cover line is printed whole
    chosen = (
        _first(_after_title(line, whole_line=True) for line in short_cover)
        or _first(_cover_name(line) for line in short_cover)
        or _first(_after_title(line, whole_line=True) for line in short_edges)
        or _first(n for n in _names(short_edges, whole_line=True)
                  if n.expansion not in ORGANIZATION_SINGLETONS)
    )
    if chosen is not None and not chosen.abbreviated:
        return chosen.text  # what `expand` gives a full name, without reading the body
    known = [*_names(short_cover, whole_line=True), *_names(short_edges, whole_line=True),
             *_names(body, whole_line=False)]
    if chosen is not None:
        return expand(chosen, known)
    after_title = [n for n in (_after_title(line, whole_line=False) for line in body) if n]
    return (_most_frequent(after_title, known)
            or _most_frequent([n for n in _names(body, whole_line=False)
                               if not n.parent and n.expansion not in ORGANIZATION_SINGLETONS],
                              known))


def _first(names: Iterable[OrgName | None]) -> OrgName | None:
    return next((n for n in names if n is not None), None)


def _most_frequent(names: Sequence[OrgName], known: Sequence[OrgName]) -> str | None:
    """The expanded name met most often (the first of equals), spelled as most often."""
    full = _full_names(known)
    districts = _districts_by_whole(full)
    by_name: dict[OrgName, str] = {}  # each distinct name expanded once: not once a mention
    for n in names:
        if n not in by_name:
            by_name[n] = _expand(n, full, districts)
    expanded = [by_name[n] for n in names]
    if not expanded:
        return None
    keys = Counter(_text_key(text) for text in expanded)
    best = max(keys.values())
    winner = next(_text_key(t) for t in expanded if keys[_text_key(t)] == best)
    return Counter(t for t in expanded if _text_key(t) == winner).most_common(1)[0][0]


def _text_key(text: str) -> str:
    return to_arabic_digits(compact(text))


def _cover_name(line: str) -> OrgName | None:
    """A cover line that is a name: it starts with one (or with "ของ" and one) and holds
    nothing else but words that end a name ("กระทรวงศึกษาธิการ", "อำเภอ...")."""
    text = line.removeprefix(OF_WORD).lstrip()
    found = _names_in(text, whole_line=True)
    if not found or found[0][0] != 0:
        return None
    name = found[0][1]
    rest = clean_text(text)[len(name.text):].split()
    if rest and not (rest[0].startswith(ORGANIZATION_STOP_WORDS) or _FULL_RE.match(rest[0])
                     or _ABBREVIATION_RE.match(rest[0])):
        return None  # a sentence that starts with a name
    return name


def cover_page(front: Sequence[str]) -> list[str]:
    """The lines around the plan title among the front lines: a name on the cover is
    printed near the title; without a title line there is no cover to read."""
    for i, line in enumerate(front):
        if _TITLE_START_RE.match(strip_page_furniture(line)):
            return list(front[max(0, i - COVER_BEFORE_TITLE): i + COVER_AFTER_TITLE])
    return []


def _after_title(line: str, whole_line: bool) -> OrgName | None:
    """The name printed right after the plan title and its year on the same line."""
    for title in PLAN_TITLE_RE.finditer(line):
        with_year = _TITLE_WITH_YEAR_RE.match(line, title.start())
        after = max(title.end(), with_year.end() if with_year else 0)
        # only a name opening the rest counts: read a window, not the rest of a long line
        # once per title on it
        rest = line[after: after + AFTER_TITLE_WINDOW_CHARS]
        dates = _DATES_IN_BRACKETS_RE.match(rest)  # "(1 ตุลาคม 2565 - 30 กันยายน 2566)"
        if dates:
            rest = rest[dates.end():]
        rest = rest.lstrip(_DASHES).removeprefix(OF_WORD).lstrip()
        found = _names_in(rest, whole_line)
        if found and found[0][0] == 0:
            return found[0][1]
    return None


def _names(lines: Iterable[str], whole_line: bool) -> list[OrgName]:
    return [name for line in lines for _, name in _names_in(line, whole_line)]


def _names_in(line: str, whole_line: bool) -> list[tuple[int, OrgName]]:
    """Every organization name in the line, with where it starts."""
    found: list[tuple[int, OrgName]] = []
    taken_until = 0
    starts = sorted(
        [(m.start(), m.end(), m.group(0), False) for m in _FULL_RE.finditer(line)]
        + [(m.start(), m.end(), m.group(1), True) for m in _ABBREVIATION_RE.finditer(line)]
    )
    for start, end, prefix, abbreviated in starts:
        if start < taken_until:
            continue
        name = _name_at(line, start, end, prefix, abbreviated, whole_line)
        if name is None:
            continue
        found.append((start, name))
        taken_until = start + len(name.text)
    return found


def _name_at(line: str, start: int, end: int, prefix: str, abbreviated: bool,
             whole_line: bool) -> OrgName | None:
    expansion = ORGANIZATION_ABBREVIATIONS[prefix] if abbreviated else prefix
    rest = line[end: _after_spaces(line, end) + NAME_WINDOW_CHARS]
    parent = line[:start].rstrip().endswith(PARENT_MARKERS)
    if expansion in ORGANIZATION_SINGLETONS:  # complete as it stands: "สพฐ." is the OBEC
        return OrgName(line[start:end].strip(), expansion, "", None, abbreviated,
                       parent=parent)
    if not rest.strip() or _is_generic(rest):
        return None
    # in running text "โรงเรียน ครู และ..." is not a name; "มัธยมศึกษา เขต 28" is
    if rest[0].isspace() and not (abbreviated or whole_line or re.match(r"\s*เขต", rest)):
        return None
    written = _name_words(rest, whole_line)
    if not written:
        return None
    letters, district = _letters_and_district(written)
    if not letters and district is None:
        return None
    gap = rest[: len(rest) - len(rest.lstrip())]
    return OrgName(clean_text(line[start:end] + gap + written), expansion, letters, district,
                   abbreviated, dotted="." in written.rstrip("."), parent=parent)


def _after_spaces(line: str, at: int) -> int:
    spaces = _SPACES_RE.match(line, at)
    return spaces.end() if spaces else at


def _is_generic(rest: str) -> bool:
    text = rest.strip()
    if not text.startswith(_GENERIC_STARTS):
        return False  # its first word, a prefix of it, cannot be or start with one
    first = _first_words(text)[0]
    return first in ORGANIZATION_GENERIC_WORDS or any(
        first.startswith(word) for word in ORGANIZATION_GENERIC_WORDS
        if len(word) >= MIN_GENERIC_PREFIX)


@lru_cache(maxsize=4096)
def _first_words(text: str) -> tuple[str, ...]:
    """The words of `text` (of its first 80 characters), by pythainlp's tokenizer.

    The words are pieces of the text in order and the first starts it (when the text
    does not start with a space), so callers ask only about texts where a vocabulary word
    occurs where it could be asked about: most texts never load the word list."""
    words = tuple(thai_words_of(text[:80]))
    return words or ("",)


def _name_words(rest: str, whole_line: bool) -> str:
    """The words of the name after its prefix, as written.

    The first word always belongs to it (trimmed where the next Thai word is glued on:
    "บ้านเขาจีนเล่มนี้"), then "เขต N" and a bracketed second name; on a cover or footer
    line (`whole_line`) every further word up to a stop word ("กระทรวง", "อำเภอ", "หน้า")
    or a number, so "มัธยมศึกษาศรีสะเกษ ยโสธร" keeps both provinces.
    """
    words = rest.split()
    if not words:
        return ""
    first = _trim_glued(words[0])
    taken = [first.rstrip(_TRAILING_PUNCTUATION)]
    if first != words[0]:
        return taken[0]
    i = 1
    while i < len(words):
        word = words[i].rstrip(_TRAILING_PUNCTUATION)
        if _is_district_word(word, taken[-1]):
            taken.append(word)
        elif word.startswith("("):
            close = next((j for j in range(i, min(i + 4, len(words))) if ")" in words[j]), None)
            if close is not None:
                taken.extend(words[i: close + 1])
            break
        elif not whole_line or _ends_name(word):
            break
        else:
            taken.append(word)
        i += 1
    return " ".join(t for t in taken if t)


def _is_district_word(word: str, previous: str) -> bool:
    """"เขต", "เขต2", or the number after "เขต"."""
    if word == "เขต" or (word.startswith("เขต") and _DIGITS_ONLY_RE.match(word[3:])):
        return True
    return _DIGITS_ONLY_RE.match(word) is not None and previous.endswith("เขต")


def _ends_name(word: str) -> bool:
    return (word.startswith(ORGANIZATION_STOP_WORDS)
            or (word.startswith(_NAME_END_STARTS)
                and _first_words(word)[0] in ORGANIZATION_NAME_END_WORDS)
            or _DIGITS_ONLY_RE.match(word) is not None
            or FISCAL_YEAR_RE.match(word) is not None or _FULL_RE.match(word) is not None
            or _ABBREVIATION_RE.match(word) is not None or word[:1] in "-–—/")


def _trim_glued(word: str) -> str:
    """A name glued to the words after it in running text ("บ้านหยงสตาร์ได้จัด")."""
    if _NAME_END_RE.search(word, 1, 80) is None:
        return word  # no end word after the first character: none is a word after the first
    words = _first_words(word)
    for i, w in enumerate(words[1:], start=1):
        if w in ORGANIZATION_NAME_END_WORDS:
            return "".join(words[:i])
    return word


def _letters_and_district(written: str) -> tuple[str, str | None]:
    text = to_arabic_digits(compact(written))
    district = None
    match = _DISTRICT_RE.search(text)
    if match:
        district = str(int(match.group(1)))
        text = text[: match.start()]
    return text.replace(".", "").strip(_TRAILING_PUNCTUATION), district


# -- expansion ------------------------------------------------------------------------


def expand(name: OrgName, known: Sequence[OrgName]) -> str:
    """The full name an abbreviation stands for, as printed in the document; else its
    prefix spelled out when the rest is a whole word ("สพป.ยโสธร เขต 2"); else as written."""
    full = _full_names(known)
    return _expand(name, full, _districts_by_whole(full))


def _full_names(known: Sequence[OrgName]) -> list[OrgName]:
    return [k for k in known if not k.abbreviated]


def _districts_by_whole(full: Sequence[OrgName]) -> dict[str, set[str | None]]:
    """The districts printed for each full name without its district: worked out once per
    document, not once per pair of names."""
    districts: dict[str, set[str | None]] = {}
    for k in full:
        districts.setdefault(_whole(k), set()).add(k.district)
    return districts


def _whole(name: OrgName) -> str:
    return compact(name.expansion) + name.letters


def _expand(name: OrgName, full: Sequence[OrgName],
            districts: dict[str, set[str | None]]) -> str:
    if not name.abbreviated:
        return name.text
    scored = [(score, k) for k in full if (score := _match_score(name, k, districts)) > 0]
    if scored:
        best = max(score for score, _ in scored)
        candidates = [k for score, k in scored if score == best]
        keys = Counter(k.key for k in candidates)
        winner = keys.most_common(1)[0][0]
        spellings = Counter(k.text for k in candidates if k.key == winner)
        return spellings.most_common(1)[0][0]
    if name.expansion in ORGANIZATION_SINGLETONS:
        return name.expansion
    if name.dotted or 0 < len(name.letters) < MIN_GENERIC_PREFIX:
        return name.text
    written = name.text[len(_abbreviation_prefix(name.text)):].strip()
    if not name.letters:  # "สพม.๒๘": a numbered office, digits as written
        return f"{name.expansion} เขต {re.sub(r'[^0-9๐-๙]', '', written)}"
    return clean_text(name.expansion + written)


def _abbreviation_prefix(text: str) -> str:
    match = _ABBREVIATION_RE.match(text)
    return match.group(0) if match else ""


def _match_score(name: OrgName, full: OrgName, districts: dict[str, set[str | None]]) -> int:
    """3: same name; 2: the full name starts with the abbreviation's letters; 1: the
    letters appear in order in it, the first letter first ("ยส" in "ยโสธร"); 0: no match.
    The district must be the same; an abbreviation without one matches only when every
    full name of that body has the same district."""
    whole = _whole(full)
    prefix = compact(name.expansion)
    if not whole.startswith(prefix):
        return 0
    rest = whole[len(prefix):]
    if name.district is None:
        if len(districts.get(whole, ())) > 1:
            return 0
    elif name.district != full.district:
        return 0
    letters = name.letters
    if letters == rest:
        return 3
    if letters and rest.startswith(letters):
        return 2
    if letters and rest[:1] == letters[:1] and _is_subsequence(letters, rest):
        return 1
    return 0


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(c in chars for c in short)


# -- fiscal year ----------------------------------------------------------------------


def _academic_year(title: str | None) -> int | None:
    """The year of a title written for an academic year ("แผนปฏิบัติการประจำปีการศึกษา
    2566"). Only the title counts: the body names past academic years in passing
    ("ผลการคัดกรองปีการศึกษา 2565")."""
    match = ACADEMIC_YEAR_RE.search(compact(title or ""))  # "ปี การศึกษา พ . ศ . 2566" too
    if match is None:
        return None
    year = int(to_arabic_digits(match.group(1)))
    return year if MIN_BE_YEAR <= year <= MAX_BE_YEAR else None


def _fiscal_year(lines: Sequence[str]) -> int | None:
    """The most frequent "ประจำปีงบประมาณ พ.ศ. NNNN" year (BE) among the lines."""
    years: Counter[int] = Counter()
    for line in lines:
        for match in FISCAL_YEAR_RE.finditer(line):
            year = int(to_arabic_digits(match.group(1)))
            if MIN_BE_YEAR <= year <= MAX_BE_YEAR:
                years[year] += 1
    if not years:
        return None
    best = max(years.values())
    return min(year for year, count in years.items() if count == best)
