"""The bundled curriculum: it validates cleanly and keeps the seed page's figures."""

from __future__ import annotations

import re

import pytest
from conftest import BUNDLED

from tutor.loader import load_curriculum, read_curriculum
from tutor.model import Curriculum
from tutor.progress import topic_page

# The seed page's prerequisite chain, root first. Its second "Division as Equal Sharing" carries
# a distinguishing title here, because titles are unique.
SPINE = [
    "Counting to 10", "Counting to 20", "Understanding Zero", "The Number Zero",
    "Counting to Five", "One-to-One Correspondence", "Combining Small Groups Within 5",
    "Addition Within 10", "Addition Within 20", "Two-Digit Addition Without Regrouping",
    "Two-Digit Addition with Regrouping", "Addition Within 100",
    "Repeated Addition as Multiplication", "Multiplication Facts Within 100",
    "Division as Equal Sharing", "Division as Grouping (Measurement Division)",
    "Division: Grouping (Repeated Subtraction) Model", "Division: Fair Sharing Model",
    "Division as Equal Sharing (Partitive)", "Division as Grouping", "Basic Division Facts",
    "Division Facts Within 100", "Two-Digit by One-Digit Division", "Division with Remainders",
    "Remainders and Quotients in Division", "Division Word Problems",
    "Introduction to Long Division", "Factors and Multiples", "Prime and Composite Numbers",
    "Equivalent Fractions", "Relating Fractions and Decimals", "Decimal Place Value",
    "Reading and Writing Decimals", "Comparing and Ordering Decimals",
    "Adding and Subtracting Decimals", "Multiplying Decimals", "Dividing Decimals",
    "Dividing Fractions", "Mixed Number Arithmetic", "Order of Operations",
    "Integer Order of Operations", "Variable Expressions", "Combining Like Terms",
    "One-Step Equations", "Two-Step Equations", "Solving Multi-Step Equations",
    "Equations with Variables on Both Sides", "Literal Equations", "Slope-Intercept Form",
    "Point-Slope Form", "Writing Linear Equations", "Parallel and Perpendicular Line Slopes",
    "Graphing Linear Equations", "Piecewise Functions", "Step Functions",
    "Composition of Functions", "Inverse Functions", "Radical Functions and Graphs",
    "Rational Exponents", "Exponential Functions and Graphs", "Geometric Sequences and Series",
    "Sigma Notation", "Expected Value", "Linear Regression in Machine Learning",
    "Neural Network Fundamentals", "Representation Learning",
]  # fmt: skip


@pytest.fixture(scope="module")
def bundled() -> Curriculum:
    return load_curriculum(BUNDLED)


def test_bundled_curriculum_validates_strictly() -> None:
    curriculum, problems = read_curriculum(BUNDLED)
    assert [str(p) for p in problems] == []
    assert curriculum is not None


def test_spine_is_the_seed_chain(bundled: Curriculum) -> None:
    assert len(SPINE) == 66
    page = topic_page(bundled, "representation-learning")
    assert page.level == "graduate"
    assert page.depth == 65
    assert page.unlocks == 3
    assert page.longest_path == 66
    assert [step["title"] for step in page.chain] == SPINE
    assert [p["id"] for p in page.prerequisites] == ["neural-network-fundamentals"]
    assert set(page.tags) >= {"representation", "embeddings", "latent-features"}
    assert page.ancestor_count >= 400  # the seed page says 404


def test_every_spine_topic_keeps_its_place(bundled: Curriculum) -> None:
    """Each spine topic's longest chain is the spine up to it: a branch that joined too deep
    would take over the chain and show up here first."""
    chain = bundled.chain("representation-learning")
    for n, topic_id in enumerate(chain):
        assert bundled.depth_of(topic_id) == n, topic_id
        assert bundled.chain(topic_id) == chain[: n + 1]
        if n:
            assert bundled.prerequisites_of(topic_id)[0] == chain[n - 1]


def test_what_representation_learning_unlocks(bundled: Curriculum) -> None:
    for dependent in bundled.dependents_of("representation-learning"):
        assert bundled.topic(dependent).level == "graduate"
        assert bundled.depth_of(dependent) == 66


def test_every_topic_has_full_content(bundled: Curriculum) -> None:
    for topic in bundled.topics:
        assert topic.core_idea and topic.explainer, topic.id
        assert len(topic.questions) >= 5, topic.id
        assert all(q.explanation for q in topic.questions), topic.id


def test_no_orphans(bundled: Curriculum) -> None:
    """Every topic leads to Representation Learning, or is built on it, or leads to a topic
    built on it (such as the matrix factorisation behind word embeddings)."""
    root = bundled.index["representation-learning"]
    above = bundled.descendant_indices([root]) | {root}
    connected = above | bundled.ancestor_indices(above)
    assert [t.id for i, t in enumerate(bundled.topics) if i not in connected] == []


def test_no_near_duplicate_titles(bundled: Curriculum) -> None:
    """Titles that look alike must differ by a number or an antonym (the spine's own
    look-alikes, such as Counting to 10 / Counting to 20); anything else is a near-duplicate."""
    from tutor.analysis import near_duplicate_titles

    found, _ = near_duplicate_titles(bundled)
    titles = {t.id: t.title for t in bundled.topics}
    assert [(titles[a], titles[b]) for a, b, _ in found] == []


def test_prerequisites_are_direct(bundled: Curriculum) -> None:
    """No topic lists a prerequisite that another of its prerequisites already implies."""
    from tutor.analysis import redundant_edges

    assert redundant_edges(bundled) == []


# Awkward or wrong maths typography that templated items can produce: "1x", "0v", "2x + -7",
# "(x − -4)²". Each item is rendered with many draws; the few deliberate exceptions are listed.
_TYPOGRAPHY = [
    (re.compile(r"(?<![\d.,/²³⁴])1[a-zθ](?![a-zA-Z²³])"), "a coefficient 1"),
    (re.compile(r"(?<![\d.,/])0[a-z](?![a-zA-Z])"), "a coefficient 0"),
    (re.compile(r"[+−-] [-−]\d|[+−-] [+−]|[+−] -\d"), "a sign before a negative number"),
]
_TYPOGRAPHY_ALLOWED = {
    ("multiplying-by-10-100-and-1000", "times-hundred"),  # "0s fill the tens"
    ("making-groups-of-ten", "bundles-and-loose"),  # "count by 1s"
}


def test_templated_items_read_like_maths(bundled: Curriculum) -> None:
    from tutor.questions import instantiate

    found = []
    for topic in bundled.topics:
        for q in topic.questions:
            if not q.templated or (topic.id, q.id) in _TYPOGRAPHY_ALLOWED:
                continue
            for seed in range(40):
                inst = instantiate(q, seed)
                text = " | ".join([inst.prompt, inst.hint or "", inst.explanation or "", *inst.choices])
                for rx, what in _TYPOGRAPHY:
                    m = rx.search(text)
                    if m:
                        found.append(f"{topic.id}/{q.id}: {what}: ...{text[max(0, m.start() - 20):m.end() + 10]}")
                        break
                else:
                    continue
                break
    assert found == []
