"""Shared test setup: offline pythainlp, extracted fixture plans."""

from __future__ import annotations

import os

os.environ["PYTHAINLP_OFFLINE"] = "1"

import pytest

from pipeline.records import PlanData
from tests.helpers import extracted, fixture_docx


@pytest.fixture(scope="session")
def yasothon() -> PlanData:
    return extracted(fixture_docx("yasothon2-fy2563"))
