from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize.formulas import Formula, find_formula, find_formulas
from pipeline.normalize.text import to_thai_digits


def formula(text: str, *factors: int | str) -> Formula:
    values = tuple(Decimal(f) for f in factors)
    product = Decimal(1)
    for value in values:
        product *= value
    return Formula(text, values, product.quantize(Decimal("0.01")))


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        pytest.param(
            "ค่าอาหารและเครื่องดื่มของผู้เข้าร่วมประชุม จำนวน ๒๒๐ คน x 30บาท x 6 ครั้ง",
            formula("๒๒๐ คน x 30บาท x 6 ครั้ง", 220, 30, 6),
            id="๒๒๐-คน-x-30บาท-x-6-ครั้ง",
        ),
        pytest.param(
            "ค่าอาหาร  อาหารว่างและเครื่องดื่มผู้เข้าร่วมประชุม ๒๒๐ คน X ๑2๐ บาท  ๒ ครั้ง",
            formula("๒๒๐ คน X ๑2๐ บาท ๒ ครั้ง", 220, 120, 2),
            id="last-factor-without-operator",
        ),
        pytest.param(
            "  (18คน X ๓3 บาท X๒มื้อ )",
            formula("18คน X ๓3 บาท X๒มื้อ", 18, 33, 2),
            id="(18คน-X-๓3-บาท-X๒มื้อ)",
        ),
        pytest.param(
            "- ค่าอาหารกลางวัน  ( 18คน X ๑๒๐ บาท )",
            formula("18คน X ๑๒๐ บาท", 18, 120),
            id="two-factors",
        ),
        pytest.param(
            "(37คนX๓0บาท X๒มื้อ)", formula("37คนX๓0บาท X๒มื้อ", 37, 30, 2), id="no-spaces-at-all"
        ),
        pytest.param(
            " (37 คน x ๑๒๐บาท X๑มื้อ)",
            formula("37 คน x ๑๒๐บาท X๑มื้อ", 37, 120, 1),
            id="mixed-x-and-X",
        ),
        pytest.param(
            "(จำนวน ๓5 คน*๓๕ บาท*๔๐ ครั้ง)",
            formula("๓5 คน*๓๕ บาท*๔๐ ครั้ง", 35, 35, 40),
            id="asterisk-operator",
        ),
        pytest.param(
            "  ( ๖0 คน x 18๐ x ๒ วัน)",
            formula("๖0 คน x 18๐ x ๒ วัน", 60, 180, 2),
            id="factor-without-unit",
        ),
        pytest.param("30 คน × 120 บาท", formula("30 คน × 120 บาท", 30, 120), id="times-sign"),
        pytest.param("30 คน คูณ 120 บาท", formula("30 คน คูณ 120 บาท", 30, 120), id="คูณ-word"),
        pytest.param(
            "ค่าอาหาร 30 คน x 120 บาท/คน/วัน x 2 วัน = 7,200 บาท",
            formula("30 คน x 120 บาท/คน/วัน x 2 วัน", 30, 120, 2),
            id="rate-unit-and-result-after",
        ),
        pytest.param(
            "30 คน x 120 บาท 3,600 บาท",
            formula("30 คน x 120 บาท", 30, 120),
            id="juxtaposed-baht-is-a-result-not-a-factor",
        ),
        pytest.param(
            "ค่าเช่ารถ 1,200 x 2 คัน", formula("1,200 x 2 คัน", 1200, 2), id="thousands-separator"
        ),
        pytest.param(
            "ค่าวัสดุ 2.5 x 4 ชุด", formula("2.5 x 4 ชุด", "2.5", 4), id="decimal-factor"
        ),
        pytest.param(
            "กระดาษ A4 จำนวน 10 รีม x 120 บาท",
            formula("10 รีม x 120 บาท", 10, 120),
            id="paper-size-a4-is-not-a-factor",
        ),
        pytest.param(
            "ป้าย ขนาด 1x2 เมตร จำนวน 2 ป้าย x 500 บาท",
            formula("2 ป้าย x 500 บาท", 2, 500),
            id="size-skipped-cost-found",
        ),
    ],
)
def test_find_formula(item: str, expected: Formula) -> None:
    assert find_formula(item) == expected


@pytest.mark.parametrize(
    "item",
    [
        pytest.param("-ผู้บริหารระดับสูง กระทรวงศึกษาธิการ จำนวน  1 ป้าย ขนาด 1.00x 1.12 เมตร",
                     id="ขนาด-1.00x-1.12-เมตร"),
        pytest.param("3. จัดทำป้ายไวนิลงานวันสำคัญ ขนาด 2.60 x4.40 เมตร ขนาด 2.50 x4.40 เมตร",
                     id="2.60-x4.40-เมตร"),
        pytest.param("ป้ายไวนิล 120 x 240 ซม.", id="centimetres"),
        pytest.param("banner 60 x 90 cm", id="cm"),
        pytest.param("ขนาด 120 x 240", id="size-cue-without-unit"),
        pytest.param("จัดระบบข้อมูลสารสนเทศ (Big Data System)", id="Big-Data"),
        pytest.param("1 - 30 ต.ค.62", id="date-range"),
        pytest.param("๑ ตุลาคม ๒๕๖2 ถึง ๓๐ กันยายน ๒๕๖3", id="full-date-range"),
        pytest.param("50,000", id="single-number"),
        pytest.param("30 คน x", id="dangling-operator"),
        pytest.param("", id="empty"),
    ],
)
def test_not_a_formula(item: str) -> None:
    assert find_formula(item) is None


def test_find_formulas_in_a_packed_cell() -> None:
    cell = "- ค่าอาหารว่าง (18คน X ๓3 บาท X๒มื้อ )\n- ค่าอาหารกลางวัน  ( 18คน X ๑๒๐ บาท )"
    assert find_formulas(cell) == [
        formula("18คน X ๓3 บาท X๒มื้อ", 18, 33, 2),
        formula("18คน X ๑๒๐ บาท", 18, 120),
    ]


@settings(database=None)
@given(
    st.lists(st.integers(min_value=1, max_value=9999), min_size=2, max_size=4),
    st.sampled_from(["x", "X", "×", "*"]),
    st.booleans(),
)
def test_formula_value_is_the_product(factors: list[int], operator: str, thai: bool) -> None:
    units = ["คน", "บาท", "มื้อ", "ครั้ง"]
    written = f" {operator} ".join(f"{n} {unit}" for n, unit in zip(factors, units, strict=False))
    if thai:
        written = to_thai_digits(written)
    found = find_formula(f"ค่าอาหาร ({written})")
    assert found == formula(written, *factors)


@pytest.mark.parametrize(
    ("text", "factors", "value"),
    [
        # Big Data project, item 1: costed in words, no amount in its row
        ("· ค่าอาหารว่าง/อาหารกลางวัน/จำนวน 30 คน 3 วันๆละ 180 บาท/คน/วัน", (30, 3, 180), 16200),
        ("ค่าอาหารว่าง/อาหารกลางวัน/จำนวน  15 คน 15 วันๆละ180 บาท/คน/วัน", (15, 15, 180), 40500),
        ("ค่าตอบแทนวิทยากร ๒ คนๆ ละ ๓,๖๐๐ บาท", (2, 3600), 7200),
    ],
)
def test_rate_written_in_words_is_a_formula(
    text: str, factors: tuple[int, ...], value: int
) -> None:
    formula = find_formula(text)
    assert formula is not None
    assert formula.factors == tuple(Decimal(f) for f in factors)
    assert formula.value == Decimal(value)


@pytest.mark.parametrize(
    "text",
    [
        # the head count is restated per batch: not guessed
        "· ค่าอาหารว่าง/อาหารกลางวัน/จำนวน 120 คน 2 รุ่นๆ ละ 105 คน/รุ่น วันละ 180 บาท/คน/วัน",
        "ค่าอาหารกลางวันรายหัวๆ ละ ๑๒๐ บาท",  # a price with no count
    ],
)
def test_rate_without_a_clear_product_is_not_a_formula(text: str) -> None:
    assert find_formula(text) is None
