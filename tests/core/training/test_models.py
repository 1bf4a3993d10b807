"""MLP construction, initialisation schemes and safe model files."""

import pickle

import pytest
import torch
from torch import nn

from ce_desktop.core.training import models


def test_tutorial_architecture():
    model = models.build_mlp(20, 2, (10, 10), "relu", "bce")
    linear = [m for m in model if isinstance(m, nn.Linear)]
    assert [(m.in_features, m.out_features) for m in linear] == [(20, 10), (10, 10), (10, 1)]
    assert isinstance(model[-1], nn.Sigmoid)
    assert sum(p.numel() for p in model.parameters()) == 20 * 10 + 10 + 10 * 10 + 10 + 10 + 1


@pytest.mark.parametrize(
    ("loss", "classes", "units", "last"),
    [("bce_logits", 2, 1, nn.Linear), ("ce", 4, 4, nn.Linear), ("ce", 2, 2, nn.Linear),
     ("mse", 2, 1, nn.Sigmoid), ("mse", 3, 3, nn.Softmax)],
)
def test_head_follows_the_loss(loss, classes, units, last):
    model = models.build_mlp(2, classes, (4,), "tanh", loss)
    assert isinstance(model[-1], last)
    assert model(torch.zeros(5, 2)).shape == (5, units)


def test_bce_refuses_more_than_two_classes():
    with pytest.raises(ValueError, match="needs two classes"):
        models.build_mlp(2, 3, (4,), "relu", "bce")


def test_keras_initialisation_is_glorot_uniform_with_zero_biases():
    torch.manual_seed(0)
    model = models.build_mlp(20, 2, (10, 10), "relu", "bce", init="keras")
    for layer in (m for m in model if isinstance(m, nn.Linear)):
        limit = (6 / (layer.in_features + layer.out_features)) ** 0.5
        assert float(layer.weight.abs().max()) <= limit
        assert float(layer.weight.abs().max()) > 0.8 * limit  # uses the range, not a tiny one
        assert torch.count_nonzero(layer.bias) == 0
    torch.manual_seed(0)
    default = models.build_mlp(20, 2, (10, 10), "relu", "bce")
    assert torch.count_nonzero(default[0].bias) > 0  # PyTorch's default: uniform biases


def test_same_seed_same_weights():
    torch.manual_seed(3)
    a = models.build_mlp(5, 2, (8,), "relu", "bce")
    torch.manual_seed(3)
    b = models.build_mlp(5, 2, (8,), "relu", "bce")
    for pa, pb in zip(a.parameters(), b.parameters(), strict=True):
        assert torch.equal(pa, pb)


def test_save_and_load_round_trip(tmp_path):
    model = models.build_mlp(3, 2, (4,), "relu", "bce")
    config = {"hidden": [4], "name": "模型"}
    path = models.save_model(model, config, tmp_path / "m.pt")
    loaded_config, state = models.load_payload(path)
    assert loaded_config == config
    fresh = models.build_mlp(3, 2, (4,), "relu", "bce")
    models.load_state(fresh, state, "m.pt")
    for a, b in zip(model.parameters(), fresh.parameters(), strict=True):
        assert torch.equal(a, b)


def test_a_different_architecture_is_refused_with_the_reason(tmp_path):
    path = models.save_model(models.build_mlp(3, 2, (4,), "relu", "bce"), {}, tmp_path / "m.pt")
    _, state = models.load_payload(path)
    with pytest.raises(models.ModelError, match=r"different architecture.*0.weight"):
        models.load_state(models.build_mlp(3, 2, (5,), "relu", "bce"), state, "m.pt")


class Exploit:
    """A pickle that would run code when unpickled without weights_only."""

    def __reduce__(self):
        return (print, ("this must never run",))


def test_a_pickled_payload_is_refused(tmp_path, capsys):
    path = tmp_path / "evil.pt"
    torch.save({"format": models.MODEL_FORMAT, "config": "{}", "state_dict": Exploit()}, path)
    with pytest.raises(models.ModelError, match="refused for safety"):
        models.load_payload(path)
    assert "this must never run" not in capsys.readouterr().out


def test_a_truncated_model_file_is_called_damaged(tmp_path):
    path = tmp_path / "model.pt"
    models.save_model(models.build_mlp(2, 2, (4,)), {"hidden": [4]}, path)
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(models.ModelError, match=r"model.pt is damaged or incomplete"):
        models.load_payload(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"not a model at all", "not a ce-desktop model"), (None, "does not exist")],
)
def test_foreign_or_missing_files_are_refused(tmp_path, content, message):
    path = tmp_path / "x.pt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(models.ModelError, match=message):
        models.load_payload(path)


def test_a_plain_state_dict_from_elsewhere_is_refused(tmp_path):
    path = tmp_path / "other.pt"
    torch.save(nn.Linear(2, 1).state_dict(), path)
    with pytest.raises(models.ModelError, match="not a ce-desktop model"):
        models.load_payload(path)
    path.write_bytes(pickle.dumps([1, 2, 3]))
    with pytest.raises(models.ModelError):
        models.load_payload(path)


def test_load_model_rebuilds_the_architecture_from_the_file(tmp_path):
    config = {"hidden": [6, 4], "activation": "tanh", "loss": "ce", "init": "keras"}
    model = models.build_mlp(5, 3, (6, 4), "tanh", "ce", "keras")
    path = models.save_model(model, config, tmp_path / "m.pt")
    loaded, loaded_config = models.load_model(path)
    assert loaded_config == config
    x = torch.randn(7, 5)
    assert torch.equal(loaded(x), model(x))
    # A config that disagrees with the weights is refused, not half-loaded.
    bad = models.save_model(model, config | {"hidden": [6, 5]}, tmp_path / "bad.pt")
    with pytest.raises(models.ModelError, match="different architecture"):
        models.load_model(bad)
    broken = models.save_model(model, {"hidden": [6, 4]}, tmp_path / "broken.pt")
    with pytest.raises(models.ModelError, match="does not describe a model"):
        models.load_model(broken)


def _file_with_weights(tmp_path, state, config=None):
    path = tmp_path / "crafted.pt"
    torch.save({"format": models.MODEL_FORMAT,
                "config": '{"hidden": [4], "loss": "bce_logits"}' if config is None else config,
                "state_dict": state}, path)
    return path


@pytest.mark.parametrize(("weight", "message"), [
    (torch.tensor([[1.0, float("nan")]]), "not finite numbers"),
    (torch.tensor([[1.0, float("inf")]]), "not finite numbers"),
    (torch.ones(2, 2, dtype=torch.complex64), "dense real weights"),
    (torch.ones(2, 2, dtype=torch.int64), "dense real weights"),
    (torch.ones(4, 4).to_sparse(), "dense real weights"),
    # One stored number claiming 400 million: a 2.5 KB file must not get them.
    (torch.ones(1).expand(20_000, 20_000), "not stored in full"),
    (torch.ones(5_000, 5_000), "more than 20,000,000 weights"),
])
def test_weights_that_are_not_plain_finite_numbers_are_refused(tmp_path, weight, message):
    with pytest.raises(models.ModelError, match=message):
        models.load_payload(_file_with_weights(tmp_path, {"0.weight": weight}))


def test_a_model_file_with_settings_out_of_range_is_refused(tmp_path):
    model = models.build_mlp(3, 2, (4,), "relu", "bce")
    path = models.save_model(model, {"hidden": [4], "epochs": 1e10}, tmp_path / "m.pt")
    with pytest.raises(models.ModelError, match=r"m\.pt: epochs must lie between"):
        models.load_model(path)


def test_a_pipe_or_folder_is_refused_as_a_model_file_without_reading_it(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.pt")
    for path in (tmp_path / "pipe.pt", tmp_path):
        with pytest.raises(models.ModelError, match="not a regular file"):
            models.load_payload(path)


def test_a_model_is_written_whole_or_not_at_all(tmp_path, monkeypatch):
    model = models.build_mlp(3, 2, (4,), "relu", "bce")
    path = models.save_model(model, {"hidden": [4]}, tmp_path / "m.pt")
    before = path.read_bytes()

    def disk_full(payload, file):
        with open(file, "wb") as out:
            out.write(b"PK\x03\x04 half a zip")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(torch, "save", disk_full)
    with pytest.raises(OSError, match="No space left"):
        models.save_model(model, {"hidden": [4]}, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.pt"]


@pytest.mark.parametrize(("where", "reason"), [
    ("missing/m.pt", "its folder does not exist"), (".", "it is a folder")])
def test_where_a_model_cannot_be_written_is_said_before_training(tmp_path, where, reason):
    with pytest.raises(models.ModelError, match=reason):
        models.check_writable(tmp_path / where)
    assert models.check_writable(tmp_path / "m.pt") == tmp_path / "m.pt"
