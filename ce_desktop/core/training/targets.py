"""What the losses compare the model's output with, and how they weigh each row: one
definition for the autograd criterion (:mod:`trainer`) and the fused step (:mod:`fused`)."""

from __future__ import annotations

import torch

from ce_desktop.core.training.config import TrainConfig


def binary_targets(y: torch.Tensor, eps: float) -> torch.Tensor:
    """0/1 labels as floats; label smoothing for two classes pulls them towards ½ by ε/2, as
    Keras does."""
    targets = y.to(torch.float32)
    return targets * (1 - eps) + eps / 2 if eps else targets


def clipped(p: torch.Tensor, clip: float) -> torch.Tensor:
    """A probability clipped to [clip, 1 − clip] as Keras clips it (0: unclipped)."""
    return p.clamp(clip, 1 - clip) if clip else p


def binary_row_weights(y: torch.Tensor, pos_weight: float) -> torch.Tensor | None:
    """Binary cross-entropy's weight of each row: ``pos_weight`` on class 1 (None for 1)."""
    return None if pos_weight == 1 else torch.where(y == 1, pos_weight, 1.0)


def class_weights(config: TrainConfig, n_classes: int) -> torch.Tensor | None:
    """Cross-entropy's class weights: the positive weight on class 1 of two classes."""
    if config.pos_weight != 1 and n_classes == 2:
        return torch.tensor([1.0, config.pos_weight])
    return None
