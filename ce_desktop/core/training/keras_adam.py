"""Adam and AdamW with ε where Keras puts it: on the raw √v, not the bias-corrected √v̂.

Keras 3 updates θ ← θ − αₜ·m / (√v + ε) with αₜ = α·√(1 − β₂ᵗ) / (1 − β₁ᵗ); PyTorch
updates θ ← θ − α·m̂ / (√v̂ + ε). The two agree when PyTorch's ε is ε / √(1 − β₂ᵗ) at step
t, so these optimisers set that before every step and keep PyTorch's (fused) kernels.
"""

from __future__ import annotations

import math

import torch


class _EpsilonOnRawSecondMoment:
    """Mixin for torch's Adam family: rescale each group's ε before every step."""

    param_groups: list[dict]

    def _remember_epsilon(self) -> None:
        for group in self.param_groups:
            group["keras_eps"] = group["eps"]
            group["keras_step"] = 0

    def step(self, closure=None):
        for group in self.param_groups:
            group["keras_step"] += 1
            beta2 = group["betas"][1]
            group["eps"] = group["keras_eps"] / math.sqrt(1 - beta2 ** group["keras_step"])
        return super().step(closure)  # type: ignore[misc]


class KerasAdam(_EpsilonOnRawSecondMoment, torch.optim.Adam):
    def __init__(self, params, **kwargs) -> None:
        super().__init__(params, **kwargs)
        self._remember_epsilon()


class KerasAdamW(_EpsilonOnRawSecondMoment, torch.optim.AdamW):
    def __init__(self, params, **kwargs) -> None:
        super().__init__(params, **kwargs)
        self._remember_epsilon()
