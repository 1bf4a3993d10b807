"""Messages from the core: English text for logs and the command line, the user's language
in the interface (core/messages.py, ui/language.translated)."""

import ast
import pickle
from pathlib import Path

import pytest

from ce_desktop.core import messages
from ce_desktop.core.data import DataError, load_csv
from ce_desktop.core.messages import QT_TRANSLATE_NOOP, InvalidInput, Listing, Message
from ce_desktop.core.training.config import TrainConfig
from ce_desktop.core.training.models import ModelError, load_model
from ce_desktop.ui.common import language
from ce_desktop.ui.common.language import translated

CORE = Path(messages.__file__).resolve().parent
#: The core's exceptions whose first argument must be a translatable template.
EXPLAINED = {"DataError", "LoadCancelled", "ModelError", "ExperimentError", "StoreError",
             "NotAStoreError", "InvalidInput"}


@pytest.fixture
def chinese(qapp):
    assert language.install("zh_CN", qapp)
    yield
    language.remove(qapp)


def test_message_is_the_english_text_and_keeps_its_template():
    message = Message("line {line}: {cell!r} is not a number", line=3, cell="abc")
    assert message == "line 3: 'abc' is not a number"
    assert message.template == "line {line}: {cell!r} is not a number"
    assert message.values == {"line": 3, "cell": "abc"}
    copy = pickle.loads(pickle.dumps(message))
    assert (copy, copy.template, copy.values) == (message, message.template, message.values)


def test_a_message_without_values_keeps_its_braces():
    assert Message("a {literal} brace") == "a {literal} brace"


def test_listing_joins_with_a_comma_and_pickles():
    listing = Listing([Message("class {n!r} has 1 row", n="a"), "b"])
    assert listing == "class 'a' has 1 row, b"
    assert pickle.loads(pickle.dumps(listing)).items == listing.items


def test_explained_error_is_still_the_builtin_error_with_english_text():
    error = InvalidInput(QT_TRANSLATE_NOOP("core", "batch size must be at least 1"))
    assert isinstance(error, ValueError)
    assert str(error) == "batch size must be at least 1"
    assert error.message.template == "batch size must be at least 1"


def test_translated_passes_plain_text_and_foreign_errors_through(chinese):
    assert translated("plain") == "plain"
    assert translated(OSError("disk full")) == "disk full"
    assert translated(ValueError()) == ""


def test_english_interface_shows_the_english_text(qapp, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,0\nabc,1\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_csv(bad)
    assert translated(caught.value) == str(caught.value) == (
        "line 3, column 'x': 'abc' is not a number")


def test_csv_error_in_chinese_names_line_and_column(chinese, tmp_path):
    bad = tmp_path / "坏.csv"
    bad.write_text("特征,类别\n1,0\nabc,1\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_csv(bad)
    assert str(caught.value) == "line 3, column '特征': 'abc' is not a number"
    assert translated(caught.value) == "第 3 行，列 '特征'：'abc' 不是数字"


def test_nested_messages_and_listings_are_translated(chinese, tmp_path):
    short = tmp_path / "short.csv"
    short.write_text("x,y\n" + "".join(f"{i},{i % 2 if i < 40 else 'c'}\n" for i in range(41)),
                     encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_csv(short)
    assert str(caught.value).endswith("class 'c' has 1 row")
    text = translated(caught.value)
    assert text.startswith("行数太少：每个类别至少需要 5 行")
    assert text.endswith("类别 'c' 只有 1 行")


def test_config_and_model_errors_in_chinese(chinese, tmp_path):
    with pytest.raises(ValueError) as caught:
        TrainConfig(lr=0).validate()
    assert translated(caught.value) == "lr 必须在 1e-06 与 100000 之间，而不是 0"
    with pytest.raises(ValueError) as caught:
        TrainConfig.from_dict({"learning_rate": 1})
    assert translated(caught.value) == "未知的设置项：learning_rate"
    junk = tmp_path / "junk.pt"
    junk.write_bytes(b"not a model")
    with pytest.raises(ModelError) as caught:
        load_model(junk)
    assert "junk.pt" in translated(caught.value)
    assert "不是 ce-desktop 的模型文件" in translated(caught.value)


def test_a_translation_that_lost_a_placeholder_falls_back_to_english(chinese, monkeypatch):
    from PySide6.QtCore import QCoreApplication

    monkeypatch.setattr(QCoreApplication, "translate",
                        staticmethod(lambda context, text: "缺少 {missing}"))
    message = Message("line {line}", line=2)
    assert translated(message) == "line 2"


def core_raises() -> list[tuple[str, int, ast.expr]]:
    """(file, line, first argument) of every call that builds one of EXPLAINED in the core."""
    found = []
    for path in sorted(CORE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in EXPLAINED):
                found.append((str(path.relative_to(CORE)), node.lineno,
                              node.args[0] if node.args else None))
    return found


def test_every_core_error_is_built_from_a_marked_template():
    calls = core_raises()
    assert len(calls) > 50
    for name, line, first in calls:
        marked = (isinstance(first, ast.Call) and isinstance(first.func, ast.Name)
                  and first.func.id == "QT_TRANSLATE_NOOP"
                  and isinstance(first.args[1], ast.Constant))
        # A module constant, or TrainConfig.validate's loop over its marked templates.
        constant = isinstance(first, ast.Name) and (first.id.isupper() or first.id == "template")
        assert marked or constant, f"{name}:{line} builds its message without QT_TRANSLATE_NOOP"


def test_an_experiment_with_a_bad_distribution_explains_itself_in_chinese(chinese, tmp_path):
    import json

    from ce_desktop.core.experiment import FORMAT, ExperimentError, load_experiment
    from ce_desktop.core.training.config import PRESETS

    path = tmp_path / "bad.json"
    path.write_text(json.dumps({
        "format": FORMAT,
        "entropy": {"p": [0.5, 0.4], "q": [0.5, 0.5]},
        "trainer": PRESETS["tutorial"].to_dict(),
    }), encoding="utf-8")
    with pytest.raises(ExperimentError) as caught:
        load_experiment(path)
    assert str(caught.value) == "entropy.p: p sums to 0.9, not 1"
    assert translated(caught.value) == "entropy.p：p 的和是 0.9，而不是 1"
