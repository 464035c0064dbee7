"""Header fields written as a row of tick boxes: keep the option that is ticked.

School forms print every value of ลักษณะโครงการ with a box before it and tick one
("☑ โครงการต่อเนื่อง ☐ โครงการใหม่", "( / ) โครงการใหม่ (  ) โครงการต่อเนื่อง",
"■ ต่อเนื่อง □ ใหม่"). Read as text, the field names every option; the value is only
the ticked one. A form where no box is ticked states no value: that is null and a
finding, never the list of options.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.normalize.text import clean_text
from pipeline.normalize.vocabulary.plan import CHECKED_BOX_RE, UNCHECKED_BOX_RE

_BOX_RE = re.compile(f"(?P<checked>{CHECKED_BOX_RE.pattern})|(?P<empty>{UNCHECKED_BOX_RE.pattern})")
# What separates options besides their boxes ("☑ ใหม่ , ☐ ต่อเนื่อง").
_OPTION_PUNCTUATION = " ,;/"


@dataclass(frozen=True)
class Option:
    text: str
    checked: bool


@dataclass(frozen=True)
class Choice:
    """A field's value read through its boxes; `options` is empty when it has none."""

    written: str
    options: tuple[Option, ...] = ()

    @property
    def is_boxed(self) -> bool:
        return bool(self.options)

    @property
    def checked(self) -> list[str]:
        return [o.text for o in self.options if o.checked]

    @property
    def value(self) -> str | None:
        """The ticked options (several are joined by ", "); the text as written when the
        field has no boxes; None when boxes are printed and none is ticked."""
        if not self.is_boxed:
            return self.written or None
        return ", ".join(self.checked) or None


def read_choice(text: str | None) -> Choice:
    """The options a field's text lists behind boxes, each with whether it is ticked.

    Text before the first box is not an option ("ต่อเนื่อง ☑" keeps no value before a
    box); a box followed by no words is ignored.
    """
    written = clean_text(text or "")
    boxes = list(_BOX_RE.finditer(written))
    if not boxes:
        return Choice(written)
    options = []
    for box, following in zip(boxes, [*boxes[1:], None], strict=True):
        end = following.start() if following is not None else len(written)
        label = written[box.end():end].strip(_OPTION_PUNCTUATION)
        if label:
            options.append(Option(clean_text(label), box.group("checked") is not None))
    return Choice(written, tuple(options))
