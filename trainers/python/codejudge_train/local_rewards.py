"""Local reward functions, used by examples and the smoke benchmark when no reward server URL is
given. They stand in for the harness and are labelled as such in the metrics; real training asks
the reward server."""
from __future__ import annotations

import re


def exact_answer(record: dict, completion: str) -> float:
    """1 when the completion, stripped, is the record's `answer`."""
    return float(completion.strip() == str(record.get("answer", "")).strip())


def first_number(record: dict, completion: str) -> float:
    """1 when the first number in the completion equals the record's `answer`."""
    m = re.search(r"-?\d+", completion)
    return float(bool(m) and m.group(0) == str(record.get("answer", "")).strip())


def digit_fraction(record: dict, completion: str) -> float:
    """The fraction of characters that are digits: a dense signal any random model can climb."""
    text = completion.strip()
    return sum(ch.isdigit() for ch in text) / len(text) if text else 0.0


FUNCTIONS = {"exact_answer": exact_answer, "first_number": first_number, "digit_fraction": digit_fraction}


def lookup(name: str):
    if name not in FUNCTIONS:
        raise ValueError(f"reward.function: expected one of {', '.join(FUNCTIONS)}, got {name!r}")
    return FUNCTIONS[name]
