"""Loss landscapes of a trained network: directions, batched grids, interpolation, PCA paths.

Nothing here touches the caller's model: parameters are read once (detached copies) and
every grid point is evaluated on copies of the weights, so the model's values, its
``requires_grad`` flags and its train/eval mode are exactly as they were.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils import parameters_to_vector

from ce_desktop.core.landscape.events import GridUpdate
from ce_desktop.core.messages import QT_TRANSLATE_NOOP, InvalidInput
from ce_desktop.core.training.config import LOSSES

#: Elementwise layers that act the same on a batch of models as on one.
_ELEMENTWISE = (nn.ReLU, nn.Tanh, nn.Sigmoid, nn.GELU, nn.LeakyReLU, nn.Identity, nn.ELU)
#: Activations one chunk of grid points may hold (bytes): small enough to stay in cache.
#: On the tutorial model's 51 × 51 grid: 1 MB 0.29 s, 2 MB 0.23 s, 3 MB 0.21 s, 4 MB 0.28 s,
#: 6 MB 0.77 s, 24 MB about 0.9 s (medians of 4, one session).
_CHUNK_BYTES = 3 * 2**20
#: In-place versions of elementwise layers: fresh large buffers cost page faults.
_IN_PLACE = {nn.ReLU: torch.relu_, nn.Tanh: torch.tanh_, nn.Sigmoid: torch.sigmoid_}


def flat_parameters(model: nn.Module) -> torch.Tensor:
    """A detached copy of the model's parameters as one vector (parameters_to_vector order)."""
    return parameters_to_vector(model.parameters()).detach().clone()


def filter_normalized_direction(
    model: nn.Module, generator: torch.Generator, include_biases: bool = False
) -> torch.Tensor:
    """A Gaussian direction with each filter rescaled to its weights' norm (Li et al. 2018).

    A filter is one row of a weight matrix (one output unit). One-dimensional parameters
    (biases) get a zero direction unless ``include_biases``, in which case their Gaussian
    direction is rescaled to the norm of the whole bias vector.
    """
    parts = []
    for param in model.parameters():
        weights = param.detach()
        direction = torch.randn(weights.shape, generator=generator, dtype=weights.dtype)
        if weights.dim() <= 1:
            if include_biases:
                direction *= weights.norm() / direction.norm().clamp_min(1e-12)
            else:
                direction.zero_()
        else:
            rows = direction.reshape(weights.shape[0], -1)
            target = weights.reshape(weights.shape[0], -1).norm(dim=1, keepdim=True)
            rows *= target / rows.norm(dim=1, keepdim=True).clamp_min(1e-12)
        parts.append(direction.reshape(-1))
    return torch.cat(parts)


# --------------------------------------------------------------------------- evaluation


Criterion = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]
"""loss(output (n, k), labels (n,)) → mean loss: the trainer's ``make_criterion`` form."""


def _criterion(loss: str, clip_eps: float = 0.0, criterion: Criterion | None = None,
               ) -> Callable[[torch.Tensor, torch.Tensor], torch.Tensor]:
    """Per-model mean loss of outputs (m, k, n) against labels (n,) → (m,).

    The plain losses are batched here; any other ``criterion`` (label smoothing, class
    weights) is applied model by model, exactly as the trainer applies it.
    """
    if loss not in LOSSES:
        raise ValueError(f"unknown loss {loss!r}; choose one of {', '.join(LOSSES)}")
    if criterion is not None:
        def each(output: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
            return torch.stack([criterion(one.T, y) for one in output])

        return each

    def bce(output: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        # F.binary_cross_entropy for 0/1 labels (logs clamped at −100 as it clamps them),
        # in half the passes over memory.
        p = output[:, 0]
        if clip_eps:
            p = p.clamp(clip_eps, 1 - clip_eps)
        chosen = torch.where(y.to(torch.bool), p, 1 - p)
        return chosen.log_().clamp_min_(-100.0).mean(1).neg_()

    def bce_logits(output: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        target = y.to(output.dtype).expand(output.shape[0], -1)
        return F.binary_cross_entropy_with_logits(output[:, 0], target, reduction="none").mean(1)

    def ce(output: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        target = y.expand(output.shape[0], -1)
        return F.cross_entropy(output, target, reduction="none").mean(1)

    def mse(output: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        if output.shape[1] == 1:
            target = y.to(output.dtype).expand(output.shape[0], -1)
            return ((output[:, 0] - target) ** 2).mean(1)
        target = F.one_hot(y, output.shape[1]).T.to(output.dtype)
        return ((output - target) ** 2).mean(dim=(1, 2))

    return {"bce": bce, "bce_logits": bce_logits, "ce": ce, "mse": mse}[loss]


class _PlaneEvaluator:
    """Mean loss of θ = base + a·d1 + b·d2 for many (a, b) at once.

    A ``Sequential`` of ``Linear`` and elementwise layers is evaluated for a whole chunk of
    grid points with batched matrix products. Its first layer is linear in (a, b), so its
    pre-activations for every point are one combination of three products W·Xᵀ computed
    once. Activations are held feature-major, (points, units, samples): a batch of small
    weight matrices times long rows is 5–7× faster on CPU than the sample-major layout.
    Any other model falls back to one functional forward pass per point.
    """

    def __init__(self, model: nn.Module, base: torch.Tensor, d1: torch.Tensor,
                 d2: torch.Tensor, loss: str, clip_eps: float = 0.0,
                 criterion: Criterion | None = None) -> None:
        params = list(model.parameters())
        total = sum(p.numel() for p in params)
        for name, vector in (("base", base), ("d1", d1), ("d2", d2)):
            if vector.dim() != 1 or vector.numel() != total:
                raise ValueError(
                    f"{name} must be a flat vector of the model's {total} parameters, "
                    f"got shape {tuple(vector.shape)}"
                )
        self.model = model
        self.criterion = _criterion(loss, clip_eps, criterion)
        self.shapes = [p.shape for p in params]
        dtype = params[0].dtype if params else torch.float32
        # (3, P): the plane's origin and its two directions, one row each.
        self.plane = torch.stack([v.detach().to(dtype) for v in (base, d1, d2)])
        self.layers = self._layers(model)
        self._inputs: tuple[torch.Tensor, torch.Tensor] | None = None
        self._buffers: dict[int, torch.Tensor] = {}
        self._chunk = 1

    def _layers(self, model: nn.Module) -> list | None:
        """[("linear", W stack (3,out,in), b stack (3,out)) | ("act", module)] or None."""
        if not isinstance(model, nn.Sequential):
            return None
        planes = _split_rows(self.plane, self.shapes)  # in parameters() order
        layers = []
        for module in model:
            if isinstance(module, nn.Linear):
                weight = planes.pop(0)
                bias = planes.pop(0) if module.bias is not None else None
                if bias is None:
                    bias = torch.zeros(3, module.out_features, dtype=weight.dtype)
                layers.append(("linear", weight, bias))
            elif isinstance(module, _ELEMENTWISE):
                layers.append(("act", module))
            elif isinstance(module, nn.Softmax) and module.dim in (1, -1):
                layers.append(("softmax", None))
            else:
                return None
        if planes or not layers or layers[0][0] != "linear":
            return None
        return layers

    def set_data(self, X: torch.Tensor) -> None:
        """Precompute what depends only on the inputs (the first layer's three products)."""
        if self.layers is None:
            self._inputs = (X, X)
            return
        _, weight, bias = self.layers[0]
        # (3, h, n): W₀·Xᵀ + b₀, D1·Xᵀ + d1_b, D2·Xᵀ + d2_b.
        products = torch.matmul(weight, X.T) + bias[:, :, None]
        self._inputs = (X, products.reshape(3, -1))

    def chunk_size(self, n: int) -> int:
        width = max(self.plane.shape[1] // max(n, 1), 1)
        if self.layers is not None:
            width = max(layer[1].shape[1] for layer in self.layers if layer[0] == "linear")
        self._chunk = int(max(1, min(512, _CHUNK_BYTES // (4 * max(n, 1) * max(width, 1)))))
        return self._chunk

    def _buffer(self, index: int, rows: int, width: int) -> torch.Tensor:
        """A reused (rows, width) buffer for layer ``index``'s output.

        Fresh multi-megabyte tensors per chunk are mmapped and unmapped by malloc each
        time; the page faults made a 51 × 51 grid three times slower (0.86 s against 0.28 s
        with the allocator told to keep its memory).
        """
        buffer = self._buffers.get(index)
        if buffer is None or buffer.shape[0] < rows or buffer.shape[1] != width:
            buffer = torch.empty(max(rows, self._chunk), width, dtype=self.plane.dtype)
            self._buffers[index] = buffer
        return buffer[:rows]

    def losses(self, a: torch.Tensor, b: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """Mean loss for each (a[i], b[i]); call :meth:`set_data` first."""
        X, first = self._inputs
        coefficients = torch.stack([torch.ones_like(a), a, b], dim=1).to(self.plane.dtype)
        if self.layers is None:
            return self._losses_one_by_one(coefficients, X, y)
        m, n = len(a), X.shape[0]
        hidden = torch.mm(coefficients, first, out=self._buffer(0, m, first.shape[1]))
        hidden = hidden.view(m, -1, n)
        for index, layer in enumerate(self.layers[1:], start=1):
            if layer[0] == "linear":
                _, weight, bias = layer
                w = (coefficients @ weight.reshape(3, -1)).reshape(m, *weight.shape[1:])
                out = self._buffer(index, m, weight.shape[1] * n).view(m, -1, n)
                hidden = torch.bmm(w, hidden, out=out).add_((coefficients @ bias)[:, :, None])
            elif layer[0] == "softmax":
                hidden = torch.softmax(hidden, dim=1)
            else:
                in_place = _IN_PLACE.get(type(layer[1]))
                hidden = in_place(hidden) if in_place else layer[1](hidden)
        return self.criterion(hidden, y)

    def _losses_one_by_one(self, coefficients: torch.Tensor, X: torch.Tensor,
                           y: torch.Tensor) -> torch.Tensor:
        from torch.func import functional_call

        names = [name for name, _ in self.model.named_parameters()]
        out = []
        for row in coefficients:
            vector = row @ self.plane
            parts = _split_rows(vector[None], self.shapes)
            params = {name: part[0] for name, part in zip(names, parts, strict=True)}
            output = functional_call(self.model, params, (X,))
            out.append(self.criterion(output.T[None], y)[0])
        return torch.stack(out)


def _split_rows(plane: torch.Tensor, shapes: Sequence[torch.Size]) -> list[torch.Tensor]:
    """Each parameter's slice of the (rows, P) plane, shaped (rows, *parameter shape)."""
    sizes = [int(np.prod(shape)) for shape in shapes]
    return [part.reshape(-1, *shape) for part, shape in
            zip(torch.split(plane, sizes, dim=1), shapes, strict=True)]


def _as_inputs(X: torch.Tensor | np.ndarray, y: torch.Tensor | np.ndarray,
               dtype: torch.dtype) -> tuple[torch.Tensor, torch.Tensor]:
    X = torch.as_tensor(X).to(dtype)
    y = torch.as_tensor(y).to(torch.int64)
    if X.dim() != 2 or y.dim() != 1 or X.shape[0] != y.shape[0]:
        raise ValueError(
            f"X must be (n, features) and y (n,); got {tuple(X.shape)} and {tuple(y.shape)}"
        )
    if X.shape[0] == 0:
        raise ValueError("no samples to evaluate the loss on")
    return X, y


def _coefficient_vector(values: Sequence[float] | np.ndarray, name: str) -> torch.Tensor:
    array = np.asarray(values, dtype=np.float64).reshape(-1)
    if array.size == 0 or not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be a non-empty sequence of finite numbers")
    return torch.as_tensor(array)


def loss_grid(
    model: nn.Module,
    X: torch.Tensor | np.ndarray,
    y: torch.Tensor | np.ndarray,
    d1: torch.Tensor,
    d2: torch.Tensor,
    alphas: Sequence[float] | np.ndarray,
    betas: Sequence[float] | np.ndarray,
    loss: str = "bce",
    *,
    clip_eps: float = 0.0,
    criterion: Criterion | None = None,
) -> np.ndarray:
    """Mean loss at θ + alphas[i]·d1 + betas[j]·d2, shape ``(len(alphas), len(betas))``.

    θ is the model's parameters; the model itself is left exactly as it was. ``clip_eps``
    clips probabilities as Keras does; ``criterion`` replaces the plain loss with the
    trainer's own (label smoothing, class weights).
    """
    updates = progressive_loss_grid(model, X, y, Plane(d1, d2, alphas, betas), loss,
                                    levels=False, clip_eps=clip_eps, criterion=criterion)
    return _last(updates).values


def _last(updates: Iterator[GridUpdate]) -> GridUpdate:
    return deque(updates, maxlen=1)[0]


# --------------------------------------------------------------------------- progressive


def refinement_strides(n_alphas: int, n_betas: int, coarsest_points: int = 5) -> list[int]:
    """Strides from a coarse sub-grid (≥ ``coarsest_points`` per side) down to 1.

    Each stride divides the one before it and both ``n − 1``, so every coarse point is a
    point of every finer grid and each sub-grid spans the full range.
    """
    spans = (n_alphas - 1, n_betas - 1)
    divisors = [s for s in range(1, max(min(spans), 1) + 1)
                if all(span % s == 0 for span in spans)]
    usable = [s for s in divisors if all(span // s + 1 >= coarsest_points for span in spans)]
    if not usable or min(spans) < 1:
        return [1]
    chain = [max(usable)]
    while chain[-1] != 1:
        chain.append(max(s for s in divisors if s < chain[-1] and chain[-1] % s == 0))
    return chain


@dataclass(frozen=True)
class Plane:
    """The grid points base + alphas[i]·d1 + betas[j]·d2 in a network's parameter space."""

    d1: torch.Tensor
    d2: torch.Tensor
    alphas: Sequence[float] | np.ndarray
    betas: Sequence[float] | np.ndarray
    base: torch.Tensor | None = None
    """The plane's origin, a flat parameter vector; None: the model's own parameters θ."""


def progressive_loss_grid(
    model: nn.Module,
    X: torch.Tensor | np.ndarray,
    y: torch.Tensor | np.ndarray,
    plane: Plane,
    loss: str = "bce",
    *,
    should_stop: Callable[[], bool] = lambda: False,
    levels: bool = True,
    clip_eps: float = 0.0,
    criterion: Criterion | None = None,
) -> Iterator[GridUpdate]:
    """:func:`loss_grid` on ``plane``, coarse first: one update per chunk of points, each
    level refining the last in place. ``should_stop`` is polled between chunks."""
    alphas_t = _coefficient_vector(plane.alphas, "alphas")
    betas_t = _coefficient_vector(plane.betas, "betas")
    theta = flat_parameters(model) if plane.base is None else plane.base.detach()
    evaluator = _PlaneEvaluator(model, theta, plane.d1, plane.d2, loss, clip_eps, criterion)
    X, y = _as_inputs(X, y, evaluator.plane.dtype)
    chunk = evaluator.chunk_size(X.shape[0])
    na, nb = len(alphas_t), len(betas_t)
    strides = refinement_strides(na, nb) if levels else [1]
    values = np.full((na, nb), np.nan)
    computed = np.zeros((na, nb), dtype=bool)
    done, total = 0, na * nb
    with torch.no_grad():
        evaluator.set_data(X)
        coarser = None
        for stride in strides:
            rows, cols = np.meshgrid(np.arange(0, na, stride), np.arange(0, nb, stride),
                                     indexing="ij")
            todo = ~computed[rows, cols]
            pending_rows, pending_cols = rows[todo], cols[todo]
            for begin in range(0, len(pending_rows), chunk):
                if should_stop():
                    return
                r = pending_rows[begin:begin + chunk]
                c = pending_cols[begin:begin + chunk]
                losses = evaluator.losses(alphas_t[r], betas_t[c], y)
                values[r, c] = losses.double().numpy()
                computed[r, c] = True
                done += len(r)
                finished = begin + chunk >= len(pending_rows)
                yield GridUpdate(stride, _display(values, stride, coarser), done, total,
                                 finished)
            if not len(pending_rows):
                yield GridUpdate(stride, _display(values, stride, coarser), done, total, True)
            coarser = stride


def _display(values: np.ndarray, stride: int, coarser: int | None) -> np.ndarray:
    """The stride's sub-grid, each missing point showing its nearest coarser point."""
    sub = values[::stride, ::stride].copy()
    if coarser is None:
        return sub
    missing = np.isnan(sub)
    if missing.any():
        def nearest(n: int) -> np.ndarray:
            index = np.round(np.arange(0, n, stride) / coarser).astype(int) * coarser
            return np.minimum(index, (n - 1) // coarser * coarser)

        fill = values[np.ix_(nearest(values.shape[0]), nearest(values.shape[1]))]
        sub[missing] = fill[missing]
    return sub


# --------------------------------------------------------------------------- 1-D and paths


def interpolation_losses(
    model: nn.Module,
    start: torch.Tensor | np.ndarray,
    end: torch.Tensor | np.ndarray,
    X: torch.Tensor | np.ndarray,
    y: torch.Tensor | np.ndarray,
    ts: Sequence[float] | np.ndarray,
    loss: str = "bce",
    *,
    clip_eps: float = 0.0,
    criterion: Criterion | None = None,
) -> np.ndarray:
    """Mean loss along (1 − t)·start + t·end (Goodfellow et al. 2015); the model only
    supplies the architecture."""
    start_t = torch.as_tensor(np.asarray(start, dtype=np.float32)).reshape(-1)
    end_t = torch.as_tensor(np.asarray(end, dtype=np.float32)).reshape(-1)
    line = Plane(end_t - start_t, torch.zeros_like(start_t), ts, [0.0], base=start_t)
    updates = progressive_loss_grid(model, X, y, line, loss, levels=False, clip_eps=clip_eps,
                                    criterion=criterion)
    return _last(updates).values[:, 0]


@dataclass(frozen=True)
class TrajectoryPlane:
    """The PCA plane of a training path, centred on its final point."""

    d1: np.ndarray
    d2: np.ndarray
    explained_variance_ratio: np.ndarray
    coordinates: np.ndarray
    """(T, 2): each point of the path, θ_t − θ_final projected onto (d1, d2)."""


def trajectory_plane(trajectory: np.ndarray) -> TrajectoryPlane:
    """Two orthonormal directions that best span the path's moves relative to its end.

    As Li et al. (2018) do: PCA of the matrix of θ_t − θ_final. The plane depends on the
    path, so two runs compare only on shared (e.g. random) directions.
    """
    from sklearn.decomposition import PCA

    path = np.asarray(trajectory, dtype=np.float64)
    if path.ndim != 2 or path.shape[0] < 3:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "core", "a PCA plane needs at least three points of the training path (the initial "
            "weights and two epochs); got {count}"), count=path.shape[0] if path.ndim else 0)
    moves = path - path[-1]
    if np.linalg.matrix_rank(moves - moves.mean(axis=0)) < 2:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "core", "the training path is a straight line: there is no plane to show"))
    pca = PCA(n_components=2, svd_solver="full").fit(moves)
    directions = pca.components_
    return TrajectoryPlane(
        d1=directions[0].astype(np.float32),
        d2=directions[1].astype(np.float32),
        explained_variance_ratio=pca.explained_variance_ratio_.copy(),
        coordinates=moves @ directions.T,
    )


def axes_around(coordinates: np.ndarray, size: int, margin: float = 0.25) -> tuple[
        np.ndarray, np.ndarray]:
    """Grid axes that hold every point (and the origin) with a margin on each side."""
    points = np.vstack([np.asarray(coordinates, dtype=np.float64).reshape(-1, 2),
                        np.zeros((1, 2))])
    low, high = points.min(axis=0), points.max(axis=0)
    pad = np.maximum((high - low) * margin, 1e-3)
    return (np.linspace(low[0] - pad[0], high[0] + pad[0], size),
            np.linspace(low[1] - pad[1], high[1] + pad[1], size))
