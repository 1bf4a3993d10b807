import math

import numpy as np
import pytest

from ce_desktop.core.training.series import bits_learned, ema


def test_ema_matches_the_recurrence_and_pandas_convention():
    x = [1.0, 3.0, 2.0, 6.0]
    out = ema(x, 0.5)
    np.testing.assert_allclose(out, [1.0, 2.0, 2.0, 4.0])
    np.testing.assert_allclose(ema(x, 1.0), x)
    with pytest.raises(ValueError, match="smoothing"):
        ema(x, 0)


def test_bits_learned():
    assert bits_learned(math.log(2), math.log(2)) == 0
    assert bits_learned(math.log(2), 0.0) == pytest.approx(1.0)
    assert bits_learned(math.log(2), 1.0) < 0  # worse than guessing
