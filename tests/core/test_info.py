"""The information-theory core against independent oracles, edges and properties."""

import math

import numpy as np
import pytest
import scipy.special
import scipy.stats
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.metrics import log_loss

from ce_desktop.core import info
from ce_desktop.core.info import Unit

BASES = [2, math.e, 10]
RNG = np.random.default_rng(2022)


def random_distribution(k: int, rng=RNG, zeros: int = 0) -> np.ndarray:
    p = rng.dirichlet(np.ones(k))
    if zeros:
        p[rng.choice(k, size=zeros, replace=False)] = 0.0
        p /= p.sum()
    return p


# --- oracles -------------------------------------------------------------------------


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("k", [1, 2, 3, 7, 12])
def test_entropy_matches_scipy(base, k):
    for zeros in range(min(k - 1, 3) + 1):
        p = random_distribution(k, zeros=zeros)
        assert info.entropy(p, base) == pytest.approx(scipy.stats.entropy(p, base=base), abs=1e-12)


@pytest.mark.parametrize("base", BASES)
def test_cross_entropy_and_kl_match_scipy(base):
    for k in (2, 5, 12):
        for zeros in (0, 1):
            p = random_distribution(k, zeros=zeros)
            q = random_distribution(k)
            expected_kl = scipy.special.rel_entr(p, q).sum() / math.log(base)
            assert info.kl_divergence(p, q, base) == pytest.approx(expected_kl, abs=1e-12)
            assert info.kl_divergence(p, q, base) == pytest.approx(
                scipy.stats.entropy(p, q, base=base), abs=1e-12
            )
            expected_ce = scipy.stats.entropy(p, base=base) + scipy.stats.entropy(p, q, base=base)
            assert info.cross_entropy(p, q, base) == pytest.approx(expected_ce, abs=1e-12)


def test_entropy_and_cross_entropy_work_row_wise():
    p = np.stack([random_distribution(4) for _ in range(5)])
    q = np.stack([random_distribution(4) for _ in range(5)])
    np.testing.assert_allclose(info.entropy(p), scipy.stats.entropy(p, base=2, axis=1))
    np.testing.assert_allclose(
        info.kl_divergence(p, q), scipy.stats.entropy(p, q, base=2, axis=1), atol=1e-12
    )


def test_binary_cross_entropy_matches_sklearn_and_torch():
    y = RNG.integers(0, 2, size=500)
    p = RNG.uniform(0.001, 0.999, size=500)
    assert info.binary_cross_entropy(y, p) == pytest.approx(log_loss(y, p), rel=1e-12)
    torch_value = F.binary_cross_entropy(
        torch.tensor(p, dtype=torch.float64), torch.tensor(y, dtype=torch.float64)
    ).item()
    assert info.binary_cross_entropy(y, p) == pytest.approx(torch_value, rel=1e-12)
    assert info.binary_cross_entropy(y, p, base=2) == pytest.approx(torch_value / math.log(2))


def test_binary_cross_entropy_soft_labels_match_torch():
    y = RNG.uniform(0, 1, size=200)
    p = RNG.uniform(0.01, 0.99, size=200)
    expected = F.binary_cross_entropy(torch.tensor(p), torch.tensor(y)).item()
    assert info.binary_cross_entropy(y, p) == pytest.approx(expected, rel=1e-12)


def test_categorical_cross_entropy_matches_sklearn_for_indices_and_one_hot():
    k, n = 5, 300
    probs = np.stack([random_distribution(k) for _ in range(n)])
    labels = RNG.integers(0, k, size=n)
    expected = log_loss(labels, probs, labels=list(range(k)))
    assert info.categorical_cross_entropy(labels, probs) == pytest.approx(expected, rel=1e-10)
    one_hot = np.eye(k)[labels]
    assert info.categorical_cross_entropy(one_hot, probs) == pytest.approx(expected, rel=1e-10)
    assert info.categorical_cross_entropy(labels, probs, base=10) == pytest.approx(
        expected / math.log(10), rel=1e-10
    )


@pytest.mark.parametrize("eps", [0.0, 0.1, 0.3, 1.0])
def test_label_smoothing_matches_torch_cross_entropy(eps):
    k, n = 4, 64
    logits = RNG.normal(size=(n, k)) * 3
    labels = RNG.integers(0, k, size=n)
    expected = F.cross_entropy(
        torch.tensor(logits), torch.tensor(labels), label_smoothing=eps
    ).item()
    smoothed = info.label_smoothing(np.eye(k)[labels], eps)
    ours = info.categorical_cross_entropy(smoothed, info.softmax(logits))
    assert ours == pytest.approx(expected, rel=1e-10)


def test_softmax_matches_torch_and_is_stable_for_huge_logits():
    logits = RNG.normal(size=(10, 6)) * 5
    for temperature in (0.1, 1.0, 4.0):
        expected = torch.softmax(torch.tensor(logits) / temperature, dim=-1).numpy()
        np.testing.assert_allclose(info.softmax(logits, temperature), expected, rtol=1e-12)
    huge = info.softmax([1e4, -1e4, 0.0])
    np.testing.assert_array_equal(huge, [1.0, 0.0, 0.0])
    tie = info.softmax([1e4, 1e4])
    np.testing.assert_allclose(tie, [0.5, 0.5])
    # Huge logits through the loss: −log softmax of the true class, as torch computes it.
    logits = np.array([[1e4, -1e4, 0.0]])
    expected = F.cross_entropy(torch.tensor(logits), torch.tensor([2])).item()
    assert expected == pytest.approx(1e4)
    assert info.categorical_cross_entropy([2], info.softmax(logits)) == math.inf


def test_perplexity_is_effective_number_of_classes_in_every_base():
    for base in BASES:
        assert info.perplexity([0.25] * 4, base) == pytest.approx(4.0)
        assert info.perplexity([1.0, 0.0], base) == pytest.approx(1.0)
    p = random_distribution(6)
    assert info.perplexity(p, 2) == pytest.approx(math.exp(scipy.stats.entropy(p)))


# --- edges -----------------------------------------------------------------------------


def test_fair_coin_is_one_bit_and_certainty_is_zero():
    assert info.entropy([0.5, 0.5]) == 1.0
    assert info.entropy([0.5, 0.5], base=math.e) == pytest.approx(math.log(2))
    assert info.entropy([1.0, 0.0]) == 0.0
    assert math.copysign(1.0, info.entropy([1.0, 0.0])) == 1.0  # +0, never "−0"
    assert info.entropy([1.0]) == 0.0  # one class


def test_q_zero_where_p_positive_is_infinite_not_nan():
    assert info.cross_entropy([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert info.kl_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf
    # The other direction is finite: q puts no mass where p has none to miss.
    assert info.kl_divergence([1.0, 0.0], [0.5, 0.5]) == pytest.approx(1.0)
    # p = 0 where q = 0 costs nothing (0 · log 0 = 0).
    assert info.cross_entropy([1.0, 0.0], [1.0, 0.0]) == 0.0
    assert info.kl_divergence([1.0, 0.0], [1.0, 0.0]) == 0.0
    terms = info.cross_entropy_terms([0.5, 0.5, 0.0], [1.0, 0.0, 0.0])
    assert terms[0] == 0.0 and terms[1] == math.inf and terms[2] == 0.0


def test_binary_cross_entropy_is_not_clipped():
    assert info.binary_cross_entropy([1], [0.0]) == math.inf
    assert info.binary_cross_entropy([0], [1.0]) == math.inf
    assert info.binary_cross_entropy([1, 0], [1.0, 0.0]) == 0.0
    # An uninformed classifier scores ln 2 nats = 1 bit: cross-entropy is not bounded by 1.
    assert info.binary_cross_entropy([1, 0], [0.5, 0.5]) == pytest.approx(math.log(2))
    assert info.binary_cross_entropy([1], [1e-9]) > 20


def test_categorical_cross_entropy_edges():
    assert info.categorical_cross_entropy([0], [[1.0]]) == 0.0  # one class
    assert info.categorical_cross_entropy([1], [[1.0, 0.0]]) == math.inf
    assert info.categorical_cross_entropy(1, [0.2, 0.8]) == pytest.approx(-math.log(0.8))
    # y_true with as many dimensions as p_pred is a one-hot row, not two indices.
    assert info.categorical_cross_entropy([0, 1], [0.25, 0.75]) == pytest.approx(-math.log(0.75))
    assert math.copysign(1.0, info.categorical_cross_entropy([0], [[1.0]])) == 1.0
    assert math.copysign(1.0, info.binary_cross_entropy([1], [1.0])) == 1.0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: info.entropy([0.5, -0.5, 1.0]), "negative entry"),
        (lambda: info.entropy([0.5, 0.4]), "sums to 0.9"),
        (lambda: info.entropy([]), "empty"),
        (lambda: info.entropy([0.5, float("nan"), 0.5]), "NaN"),
        (lambda: info.entropy(["a", "b"]), "numbers"),
        (lambda: info.entropy(0.5), "single number"),
        (lambda: info.entropy([0.5, 0.5], base=1), "base"),
        (lambda: info.entropy([[0.5, 0.5], [0.3, 0.3]]), "row 1 sums"),
        (lambda: info.cross_entropy([0.5, 0.5], [0.2, 0.3, 0.5]), "shape"),
        (lambda: info.kl_divergence([0.5, 0.5], [1.2, -0.2]), "q has a negative entry"),
        (lambda: info.binary_cross_entropy([1, 0], [0.5]), "shape"),
        (lambda: info.binary_cross_entropy([1, 2], [0.5, 0.5]), "outside [0, 1]"),
        (lambda: info.binary_cross_entropy([1, 0], [1.5, 0.5]), "p_pred has the value 1.5"),
        (lambda: info.binary_cross_entropy([], []), "empty"),
        (lambda: info.categorical_cross_entropy([3], [[0.5, 0.5]]), "outside 0..1"),
        (lambda: info.categorical_cross_entropy([-1], [[0.5, 0.5]]), "outside 0..1"),
        (lambda: info.categorical_cross_entropy([0.5], [[0.5, 0.5]]), "not a class index"),
        (lambda: info.categorical_cross_entropy([0, 1], [[0.5, 0.5]]), "2 labels but"),
        (lambda: info.categorical_cross_entropy([[1, 0]], [[0.5, 0.3]]), "sums to"),
        (lambda: info.categorical_cross_entropy([[1, 0, 0]], [[0.5, 0.5]]), "shape"),
        (lambda: info.softmax([1.0, 2.0], temperature=0), "temperature"),
        (lambda: info.label_smoothing([1.0, 0.0], 1.5), "eps"),
    ],
)
def test_bad_input_raises_a_named_value_error(call, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        call()


def test_units():
    assert Unit.from_base(2) is Unit.BITS
    assert Unit.from_base(math.e) is Unit.NATS
    assert Unit.from_base(10) is Unit.BANS
    assert Unit.BITS.name_for(1.0) == "bit" and Unit.BITS.name_for(0.5) == "bits"
    assert info.entropy([0.5, 0.5], Unit.NATS) == pytest.approx(math.log(2))
    with pytest.raises(ValueError, match="no named unit"):
        Unit.from_base(3)


# --- properties ------------------------------------------------------------------------


@st.composite
def distribution_pairs(draw):
    k = draw(st.integers(1, 12))
    weights = st.floats(0.0, 1.0, allow_nan=False)
    raw_p = draw(arrays(float, k, elements=weights))
    raw_q = draw(arrays(float, k, elements=st.floats(1e-3, 1.0)))
    if raw_p.sum() == 0:
        raw_p[0] = 1.0
    return raw_p / raw_p.sum(), raw_q / raw_q.sum()


@settings(max_examples=300, deadline=None)
@given(distribution_pairs(), st.sampled_from(BASES))
def test_information_inequalities_and_identity(pair, base):
    p, q = pair
    h_p = info.entropy(p, base)
    h_pq = info.cross_entropy(p, q, base)
    kl = info.kl_divergence(p, q, base)
    tol = 1e-9
    assert kl >= 0.0
    assert h_pq >= h_p - tol
    assert h_pq == pytest.approx(h_p + kl, abs=tol)
    assert -tol <= h_p <= math.log(len(p)) / math.log(base) + tol
    assert info.perplexity(p, base) <= len(p) + tol
