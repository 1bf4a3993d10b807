"""The training step written out for the MLPs :func:`models.build_mlp` builds.

A batch of 32 rows through a 20-10-10-1 network is a few thousand multiply-adds: the
time of an autograd step goes to the dispatcher, the autograd graph and the optimiser's
Python, not to arithmetic. :class:`FusedStep` does the same step with as few torch calls
as it can: the forward pass with ``addmm``, the backward pass written out for Linear +
activation + the loss head (with the backward kernels autograd itself calls where they
exist), and for Adam/AdamW one call of torch's fused Adam kernel on the same state the
optimiser keeps. Whatever does not depend on the weights (targets, weights of the rows,
the 1/n of the mean) is prepared once per epoch for the shuffled rows.

:func:`plan` says whether a network and configuration are covered; the trainer falls back
to its autograd step otherwise. The per-batch losses are not computed during the epoch:
:func:`batch_losses` recomputes them from the outputs the step returns, once per epoch.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from ce_desktop.core.training.config import BINARY_LOSSES, TrainConfig
from ce_desktop.core.training.targets import (
    binary_row_weights,
    binary_targets,
    class_weights,
    clipped,
)

aten = torch.ops.aten

#: Activation name → (module type, forward, backward(grad, input, output) → grad of input).
#: The backward kernels are the ones autograd calls for these modules.
_ACTIVATIONS: dict[type[nn.Module], tuple[Callable, Callable]] = {
    nn.ReLU: (torch.relu, lambda g, z, a: aten.threshold_backward.default(g, a, 0)),
    nn.Tanh: (torch.tanh, lambda g, z, a: aten.tanh_backward.default(g, a)),
    nn.Sigmoid: (torch.sigmoid, lambda g, z, a: aten.sigmoid_backward.default(g, a)),
    nn.GELU: (F.gelu, lambda g, z, a: aten.gelu_backward.default(g, z)),
    nn.LeakyReLU: (F.leaky_relu,
                   lambda g, z, a: aten.leaky_relu_backward.default(g, z, 0.01, False)),
}


@dataclass(frozen=True)
class Plan:
    """How the fused step will run a network: its layers, activation and optimiser form."""

    linears: tuple[nn.Linear, ...]
    activation: type[nn.Module]
    head: str
    """"sigmoid", "softmax" or "none": the module after the last Linear."""
    optimizer: str
    """"adam", "adamw" (the fused kernel, called here) or "torch" (the optimiser's step)."""


def plan(model: nn.Module, config: TrainConfig) -> Plan | str:
    """A :class:`Plan`, or why the fused step does not cover this network/configuration."""
    if not isinstance(model, nn.Sequential):
        return "the network is not a Sequential"
    modules = list(model)
    head = "none"
    if modules and isinstance(modules[-1], nn.Sigmoid):
        head, modules = "sigmoid", modules[:-1]
    elif modules and isinstance(modules[-1], nn.Softmax):
        if modules[-1].dim != 1:
            return "a softmax over another dimension than the classes"
        head, modules = "softmax", modules[:-1]
    if len(modules) % 2 != 1:
        return "the layers are not Linear, activation, …, Linear"
    linears = tuple(modules[0::2])
    activations = modules[1::2]
    if not all(type(m) is nn.Linear and m.bias is not None for m in linears):
        return "a layer is not a Linear with a bias"
    kinds = {type(m) for m in activations}
    if len(kinds) > 1:
        return "the hidden layers use different activations"
    activation = kinds.pop() if kinds else nn.ReLU
    if activation not in _ACTIVATIONS:
        return f"no written-out backward for {activation.__name__}"
    if activation is nn.GELU and any(m.approximate != "none" for m in activations):
        return "GELU's tanh approximation"
    if activation is nn.LeakyReLU and any(m.negative_slope != 0.01 or m.inplace
                                          for m in activations):
        return "a LeakyReLU slope other than 0.01"
    for p in model.parameters():
        if p.dtype != torch.float32 or p.device.type != "cpu" or not p.is_contiguous():
            return "parameters that are not contiguous float32 on the CPU"
    expected = {"bce": "sigmoid", "bce_logits": "none", "ce": "none",
                "mse": "sigmoid" if linears[-1].out_features == 1 else "softmax"}
    if expected.get(config.loss) != head:
        return f"the output layer does not match the {config.loss} loss"
    # Adam and AdamW: torch's fused kernel, as make_optimizer builds them (fused=True);
    # SGD and RMSprop: the optimiser's own step on the written-out gradients.
    kind = "torch"
    if config.optimizer in ("adam", "adamw") and hasattr(torch, "_fused_adamw_"):
        kind = config.optimizer
    return Plan(linears, activation, head, kind)


class FusedStep:
    """One training step of a covered network: :meth:`prepare` once per epoch with the
    shuffled labels, then :meth:`__call__` per batch; it returns the network's output on
    the batch (before the update), as the model would compute it."""

    def __init__(self, plan: Plan, config: TrainConfig, n_classes: int,
                 optimizer: Callable[[], torch.optim.Optimizer]) -> None:
        self.plan = plan
        self.config = config
        self.n_classes = n_classes
        self._optimizer = optimizer
        self.forward, self.backward = _ACTIVATIONS[plan.activation]
        self.keep_input = plan.activation in (nn.GELU, nn.LeakyReLU)
        self.params = [t for linear in plan.linears for t in (linear.weight, linear.bias)]
        self.grads = [torch.zeros_like(p) for p in self.params]
        # The optimiser state, in the form torch's fused Adam keeps it (so that the
        # optimiser, if it is ever built, carries on from it).
        self.steps = [torch.zeros((), dtype=torch.float32) for _ in self.params]
        self.exp_avgs = [torch.zeros_like(p) for p in self.params]
        self.exp_avg_sqs = [torch.zeros_like(p) for p in self.params]
        self.t = 0
        self._one = torch.ones(())
        self._alpha: torch.Tensor
        self._beta: torch.Tensor
        self._target: torch.Tensor | None = None
        self._weight: torch.Tensor | None = None

    # -- per epoch ---------------------------------------------------------------------

    def prepare(self, y: torch.Tensor, batch_size: int) -> None:
        """Everything of the loss's gradient that depends only on the (shuffled) labels;
        and the weights as plain tensors (early stopping may have replaced their data)."""
        cfg = self.config
        self._weights = [linear.weight.detach() for linear in self.plan.linears]
        self._biases = [linear.bias.detach() for linear in self.plan.linears]
        self._transposed = [w.t() for w in self._weights]
        n = len(y)
        # 1/n of each row's batch: the last batch may be shorter.
        inv = torch.full((n, 1), 1.0 / batch_size)
        tail = n % batch_size
        if tail:
            inv[n - tail:] = 1.0 / tail
        eps = cfg.label_smoothing
        loss = cfg.loss
        if loss in BINARY_LOSSES:
            target = binary_targets(y, eps)[:, None]
            if loss == "bce":
                self._target = target
                weights = binary_row_weights(y, cfg.pos_weight)
                self._weight = None if weights is None else weights[:, None]
                self._alpha = inv  # only the 1/n is used (inside the kernel's mean)
                return
            # d/dz of BCE with logits: (pw·t + 1 − t)·σ(z) − pw·t, over n.
            pw_t = target * cfg.pos_weight if cfg.pos_weight != 1 else target
            self._alpha = (pw_t + 1 - target) * inv if cfg.pos_weight != 1 else inv
            self._beta = pw_t * inv
            return
        k = self.plan.linears[-1].out_features
        if loss == "mse":
            if k == 1:  # d/dp of (p − y)², over n
                self._alpha = 2 * inv
                self._beta = 2 * y.to(torch.float32)[:, None] * inv
            else:  # d/dP of the mean over n·K of (P − onehot)²
                self._alpha = 2 * inv / k
                self._beta = 2 * F.one_hot(y, k).to(torch.float32) * inv / k
            return
        # Cross-entropy with label smoothing ε and class weights c (S = Σc), over the
        # batch's Σ c[y]: d/dz = P·((1−ε)c[y] + εS/K) − ((1−ε)c[y]·onehot + εc/K).
        onehot = F.one_hot(y, k).to(torch.float32)
        c = class_weights(cfg, self.n_classes)
        if c is not None:
            cy = c[y][:, None]
            batch = torch.arange(n) // batch_size
            norm = torch.zeros(int(batch[-1]) + 1).index_add_(0, batch, cy[:, 0])[batch]
            scale = 1.0 / norm[:, None]
            self._alpha = ((1 - eps) * cy + eps * float(c.sum()) / k) * scale
            self._beta = ((1 - eps) * cy * onehot + eps * c / k) * scale
        else:
            self._alpha = inv
            self._beta = ((1 - eps) * onehot + eps / k) * inv

    # -- per batch ---------------------------------------------------------------------

    def __call__(self, x: torch.Tensor, begin: int, end: int) -> torch.Tensor:
        weights, biases, transposed = self._weights, self._biases, self._transposed
        last = len(weights) - 1
        inputs = [x]
        pre: list[torch.Tensor | None] = []
        a = x
        for i in range(last):
            z = torch.addmm(biases[i], a, transposed[i])
            a = self.forward(z)
            pre.append(z if self.keep_input else None)
            inputs.append(a)
        z = torch.addmm(biases[last], a, transposed[last])
        head = self.plan.head
        loss = self.config.loss
        if loss == "bce":
            output = torch.sigmoid(z)
            clip = self.config.clip_eps
            q = clipped(output, clip)
            weight = None if self._weight is None else self._weight[begin:end]
            g = aten.binary_cross_entropy_backward.default(
                self._one, q, self._target[begin:end], weight, 1)
            if clip:
                g = torch.where((output >= clip) & (output <= 1 - clip), g, 0.0)
            g = aten.sigmoid_backward.default(g, output)
        elif head == "none":  # bce_logits, ce: the output is z
            output = z
            s = torch.sigmoid(z) if loss == "bce_logits" else torch.softmax(z, 1)
            g = s.mul(self._alpha[begin:end]).sub_(self._beta[begin:end])
        else:  # mse on sigmoid or softmax output
            output = torch.sigmoid(z) if head == "sigmoid" else torch.softmax(z, 1)
            g = output.mul(self._alpha[begin:end]).sub_(self._beta[begin:end])
            if head == "sigmoid":
                g = aten.sigmoid_backward.default(g, output)
            else:
                g = aten._softmax_backward_data.default(g, output, 1, torch.float32)
        grads = self.grads
        for i in range(last, -1, -1):
            torch.mm(g.t(), inputs[i], out=grads[2 * i])
            torch.sum(g, 0, out=grads[2 * i + 1])
            if i:
                g = self.backward(torch.mm(g, weights[i]), pre[i - 1], inputs[i])
        self._update()
        return output

    def _update(self) -> None:
        kind = self.plan.optimizer
        if kind == "torch":
            for p, g in zip(self.params, self.grads, strict=True):
                p.grad = g
            self._optimizer().step()
            return
        cfg = self.config
        self.t += 1
        eps = cfg.adam_eps
        if cfg.adam_eps_form == "keras":  # see keras_adam: ε on the raw √v
            eps = eps / math.sqrt(1 - 0.999 ** self.t)
        torch._foreach_add_(self.steps, 1)
        fused = torch._fused_adamw_ if kind == "adamw" else torch._fused_adam_
        fused(self.params, self.grads, self.exp_avgs, self.exp_avg_sqs, [], self.steps,
              lr=cfg.lr, beta1=0.9, beta2=0.999, weight_decay=cfg.weight_decay, eps=eps,
              amsgrad=False, maximize=False, grad_scale=None, found_inf=None)

    def hand_over(self, optimizer: torch.optim.Optimizer) -> None:
        """Give a newly built Adam optimiser this step's state, as if it had run it."""
        if self.plan.optimizer == "torch":
            return
        for p, step, m, v in zip(self.params, self.steps, self.exp_avgs, self.exp_avg_sqs,
                                 strict=True):
            optimizer.state[p] = {"step": step, "exp_avg": m, "exp_avg_sq": v}
        group = optimizer.param_groups[0]
        if "keras_step" in group:
            group["keras_step"] = self.t


def row_losses(output: torch.Tensor, y: torch.Tensor, config: TrainConfig,
               n_classes: int) -> tuple[torch.Tensor, torch.Tensor | None]:
    """(loss of each row, its share of the batch's normaliser or None for 1): a batch's
    mean loss, as :func:`trainer.make_criterion` computes it, is Σ loss / Σ share."""
    eps = config.label_smoothing
    loss = config.loss
    if loss in BINARY_LOSSES:
        target = binary_targets(y, eps)
        if loss == "bce":
            return F.binary_cross_entropy(clipped(output[:, 0], config.clip_eps), target,
                                          weight=binary_row_weights(y, config.pos_weight),
                                          reduction="none"), None
        pos_weight = None if config.pos_weight == 1 else torch.tensor(config.pos_weight)
        return F.binary_cross_entropy_with_logits(output[:, 0], target, pos_weight=pos_weight,
                                                  reduction="none"), None
    if loss == "ce":
        class_weight = class_weights(config, n_classes)
        losses = F.cross_entropy(output, y, weight=class_weight, label_smoothing=eps,
                                 reduction="none")
        return losses, None if class_weight is None else class_weight[y]
    if output.shape[1] == 1:
        return (output[:, 0] - y.to(torch.float32)) ** 2, None
    return ((output - F.one_hot(y, n_classes).to(torch.float32)) ** 2).mean(1), None


def batch_losses(output: torch.Tensor, y: torch.Tensor, config: TrainConfig, n_classes: int,
                 batch_size: int) -> torch.Tensor:
    """The mean loss of each batch of an epoch (float64), from the outputs the step
    returned and the labels in the order the batches took them."""
    n = len(y)
    losses, shares = row_losses(output, y, config, n_classes)
    batch = torch.arange(n) // batch_size
    count = int(batch[-1]) + 1
    sums = torch.zeros(count, dtype=torch.float64).index_add_(0, batch, losses.double())
    if shares is None:
        shares = torch.ones(n)
    norms = torch.zeros(count, dtype=torch.float64).index_add_(0, batch, shares.double())
    return sums / norms
