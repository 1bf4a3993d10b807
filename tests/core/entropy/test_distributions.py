"""Presets and the proportional editing that the distribution editors rely on."""

import numpy as np
import pytest

from ce_desktop.core.entropy import distributions as d


@pytest.mark.parametrize("name", d.PRESETS)
@pytest.mark.parametrize("k", [2, 5, 12])
def test_every_preset_is_a_distribution(name, k):
    p = d.preset(name, k)
    assert p.sum() == pytest.approx(1.0)
    assert np.all(p >= 0)
    assert p.size == (d.DIE_FACES if "die" in name else k)


def test_preset_shapes():
    np.testing.assert_allclose(d.preset("uniform", 4), [0.25] * 4)
    np.testing.assert_array_equal(d.preset("one-hot", 3), [1, 0, 0])
    peaked = d.preset("peaked", 4)
    assert peaked[0] > 0.5 and np.all(np.diff(peaked) < 0)
    assert d.preset("loaded die", 2)[5] == 0.5
    with pytest.raises(ValueError, match="unknown preset"):
        d.preset("biased", 3)


def test_set_probability_rescales_the_others_proportionally():
    p = np.array([0.2, 0.3, 0.5])
    out = d.set_probability(p, 0, 0.6)
    np.testing.assert_allclose(out, [0.6, 0.4 * 0.3 / 0.8, 0.4 * 0.5 / 0.8])
    assert out.sum() == pytest.approx(1.0)
    np.testing.assert_array_equal(p, [0.2, 0.3, 0.5])  # input untouched


def test_set_probability_from_certainty_shares_the_rest_equally():
    out = d.set_probability([1.0, 0.0, 0.0], 0, 0.4)
    np.testing.assert_allclose(out, [0.4, 0.3, 0.3])
    out = d.set_probability([1.0, 0.0, 0.0], 2, 0.5)
    np.testing.assert_allclose(out, [0.5, 0.0, 0.5])


def test_set_probability_clips_and_rejects():
    np.testing.assert_allclose(d.set_probability([0.5, 0.5], 1, 1.7), [0.0, 1.0])
    np.testing.assert_allclose(d.set_probability([0.5, 0.5], 1, -3), [1.0, 0.0])
    with pytest.raises(ValueError, match="class 5"):
        d.set_probability([0.5, 0.5], 5, 0.1)
    with pytest.raises(ValueError, match="number"):
        d.set_probability([0.5, 0.5], 0, float("nan"))


def test_resize_keeps_proportions_and_falls_back_to_uniform():
    np.testing.assert_allclose(d.resize([0.2, 0.3, 0.5], 2), [0.4, 0.6])
    np.testing.assert_allclose(d.resize([0.5, 0.5], 4), [0.5, 0.5, 0, 0])
    np.testing.assert_allclose(d.resize([0.0, 0.0, 1.0], 2), [0.5, 0.5])


def test_one_hot_helpers():
    np.testing.assert_array_equal(d.one_hot(4, 2), [0, 0, 1, 0])
    assert d.is_one_hot([0, 1.0, 0])
    assert not d.is_one_hot([0.5, 0.5])
