"""The explorer's readouts: consistent with the core functions and with scipy."""

import math

import numpy as np
import pytest
import scipy.stats

from ce_desktop.core.entropy import explorer
from ce_desktop.core.info import Unit


@pytest.mark.parametrize("unit", list(Unit))
def test_compare_matches_scipy(unit):
    p = np.array([0.1, 0.2, 0.3, 0.4])
    q = np.array([0.4, 0.3, 0.2, 0.1])
    c = explorer.compare(p, q, unit)
    b = unit.base
    assert c.entropy_p == pytest.approx(scipy.stats.entropy(p, base=b))
    assert c.entropy_q == pytest.approx(scipy.stats.entropy(q, base=b))
    assert c.kl_pq == pytest.approx(scipy.stats.entropy(p, q, base=b))
    assert c.kl_qp == pytest.approx(scipy.stats.entropy(q, p, base=b))
    assert c.cross_entropy == pytest.approx(c.entropy_p + c.kl_pq)
    assert c.contributions.sum() == pytest.approx(c.cross_entropy)
    np.testing.assert_allclose(c.contributions, -p * np.log(q) / math.log(b))
    assert c.log_k == pytest.approx(math.log(4, b))
    assert c.perplexity_p == pytest.approx(math.exp(scipy.stats.entropy(p)))
    assert c.infinite_classes == ()


def test_compare_flags_classes_that_make_cross_entropy_infinite():
    c = explorer.compare([0.5, 0.25, 0.25], [0.5, 0.5, 0.0])
    assert c.cross_entropy == math.inf and c.kl_pq == math.inf
    assert c.infinite_classes == (2,)
    assert math.isfinite(c.kl_qp)
    assert c.contributions[2] == math.inf and c.contributions[0] == pytest.approx(0.5)


def test_coin():
    fair = explorer.coin(0.5)
    assert fair.entropy == 1.0 and fair.surprise_heads == 1.0 and fair.surprise_tails == 1.0
    sure = explorer.coin(1.0)
    assert sure.entropy == 0.0 and sure.surprise_heads == 0.0 and sure.surprise_tails == math.inf
    nats = explorer.coin(0.25, Unit.NATS)
    assert nats.surprise_heads == pytest.approx(math.log(4))
    assert nats.entropy == pytest.approx(scipy.stats.entropy([0.25, 0.75]))
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        explorer.coin(1.5)


def test_binary_entropy_curve_peaks_at_one_bit():
    p, h = explorer.binary_entropy_curve(Unit.BITS, points=101)
    assert p[0] == 0 and p[-1] == 1 and h[0] == 0 and h[-1] == 0
    assert h.max() == 1.0 and p[h.argmax()] == 0.5
    _, h_nats = explorer.binary_entropy_curve(Unit.NATS, points=101)
    assert h_nats.max() == pytest.approx(math.log(2))


@pytest.mark.parametrize("unit", list(Unit))
def test_coin_surprise_curves_agree_with_coin_point_by_point(unit):
    p, heads, tails = explorer.coin_surprise_curves(unit, points=101)
    assert p[0] == 0.0 and p[-1] == 1.0 and len(p) == 101
    expected = [explorer.coin(float(x), unit) for x in p]
    np.testing.assert_allclose(heads, [c.surprise_heads for c in expected], rtol=1e-12)
    np.testing.assert_allclose(tails, [c.surprise_tails for c in expected], rtol=1e-12)
    assert heads[0] == np.inf and tails[-1] == np.inf
    # The fair coin: one bit of surprise either way.
    assert heads[50] == pytest.approx(math.log(2) / math.log(unit.base))
