"""Data sets: the tutorial's split, the synthetic 2-D sets and CSV loading with its errors."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler

from ce_desktop.core.data import (
    DATASETS,
    DataError,
    Dataset,
    load_csv,
    make_dataset,
    tutorial_split,
)

SYNTHETIC = ("moons", "circles", "xor", "spiral", "blobs")
PARTS = ("train", "val", "test")


def parts(ds: Dataset) -> list[tuple[np.ndarray, np.ndarray]]:
    return [(getattr(ds, f"X_{p}"), getattr(ds, f"y_{p}")) for p in PARTS]


def assert_same(a: Dataset, b: Dataset) -> None:
    for (xa, ya), (xb, yb) in zip(parts(a), parts(b), strict=True):
        np.testing.assert_array_equal(xa, xb)
        np.testing.assert_array_equal(ya, yb)
    assert (a.feature_names, a.class_names) == (b.feature_names, b.class_names)


# --------------------------------------------------------------------------- tutorial


@pytest.fixture(scope="module")
def tutorial() -> Dataset:
    return tutorial_split()


@pytest.fixture(scope="module")
def tutorial_raw() -> tuple[np.ndarray, np.ndarray]:
    return make_classification(n_samples=10000, n_informative=10, random_state=2022)


def test_tutorial_shapes_dtypes_and_names(tutorial):
    assert tutorial.X_train.shape == (6300, 20)
    assert tutorial.X_val.shape == (2700, 20)
    assert tutorial.X_test.shape == (1000, 20)
    assert (tutorial.y_train.shape, tutorial.y_val.shape, tutorial.y_test.shape) == (
        (6300,), (2700,), (1000,)
    )
    for X, y in parts(tutorial):
        assert X.dtype == np.float32
        assert y.dtype == np.int64
    assert tutorial.name == "tutorial"
    assert tutorial.feature_names == tuple(f"x{i}" for i in range(1, 21))
    assert tutorial.feature_names[0] == "x1" and tutorial.feature_names[-1] == "x20"
    assert tutorial.class_names == ("0", "1")
    assert (tutorial.n_features, tutorial.n_classes) == (20, 2)
    assert tutorial.is_binary and not tutorial.is_2d


def test_tutorial_test_part_is_the_last_thousand_rows(tutorial, tutorial_raw):
    X, y = tutorial_raw
    np.testing.assert_array_equal(tutorial.X_test, X[9000:].astype(np.float32))
    np.testing.assert_array_equal(tutorial.y_test, y[9000:])


def test_tutorial_train_and_val_follow_the_tutorials_split_unstandardised(tutorial, tutorial_raw):
    X, y = tutorial_raw
    X_train, X_val, y_train, y_val = train_test_split(
        X[:9000], y[:9000], test_size=0.3, random_state=2022
    )
    np.testing.assert_array_equal(tutorial.X_train, X_train.astype(np.float32))
    np.testing.assert_array_equal(tutorial.X_val, X_val.astype(np.float32))
    np.testing.assert_array_equal(tutorial.y_train, y_train)
    np.testing.assert_array_equal(tutorial.y_val, y_val)
    # Raw features: make_classification's columns are not centred on the training rows.
    assert np.abs(tutorial.X_train.mean(axis=0)).max() > 0.1


def test_tutorial_is_deterministic_and_reachable_by_name(tutorial):
    assert_same(tutorial_split(), tutorial)
    assert_same(make_dataset("tutorial"), tutorial)


def test_tutorial_class_prior(tutorial):
    prior = tutorial.class_prior()
    np.testing.assert_allclose(prior, np.bincount(tutorial.y_train) / 6300)
    assert prior.shape == (2,)
    assert prior.sum() == pytest.approx(1.0)


# --------------------------------------------------------------------------- Dataset itself


def small_dataset(y_train, n_classes=3) -> Dataset:
    y_train = np.asarray(y_train)
    return Dataset(
        name="small",
        X_train=np.zeros((len(y_train), 2)), y_train=y_train,
        X_val=np.zeros((1, 2)), y_val=np.array([0]),
        X_test=np.zeros((1, 2)), y_test=np.array([1]),
        feature_names=("a", "b"),
        class_names=tuple(str(c) for c in range(n_classes)),
    )


def test_class_prior_counts_training_labels_including_absent_classes():
    ds = small_dataset([0, 0, 0, 1])
    np.testing.assert_allclose(ds.class_prior(), [0.75, 0.25, 0.0])
    assert (ds.n_classes, ds.is_binary, ds.is_2d) == (3, False, True)


def test_dataset_normalises_dtypes():
    ds = small_dataset([0, 1, 2, 1])
    assert ds.X_train.dtype == np.float32 and ds.y_train.dtype == np.int64
    assert ds.y_val.dtype == np.int64


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"X_val": np.zeros((1, 3))}, r"X_val has shape \(1, 3\); expected \(n, 2\)"),
        ({"y_test": np.array([0, 1])}, r"y_test has shape \(2,\); expected \(1,\)"),
        ({"y_val": np.array([3])}, r"y_val has labels outside 0\.\.2"),
    ],
)
def test_dataset_rejects_inconsistent_parts(change, message):
    fields = dict(
        name="bad", X_train=np.zeros((2, 2)), y_train=np.array([0, 1]),
        X_val=np.zeros((1, 2)), y_val=np.array([0]),
        X_test=np.zeros((1, 2)), y_test=np.array([0]),
        feature_names=("a", "b"), class_names=("0", "1", "2"),
    )
    with pytest.raises(ValueError, match=message):
        Dataset(**{**fields, **change})


# --------------------------------------------------------------------------- synthetic


@pytest.mark.parametrize("name", SYNTHETIC)
def test_synthetic_sets_are_2d_split_60_20_20_and_standardised_on_train(name):
    ds = make_dataset(name, n_samples=1000, seed=3)
    k = 3 if name == "blobs" else 2
    assert ds.name == name
    assert ds.is_2d and ds.feature_names == ("x1", "x2")
    assert ds.class_names == tuple(str(c) for c in range(k))
    assert [len(y) for _, y in parts(ds)] == [600, 200, 200]
    for X, y in parts(ds):
        assert X.dtype == np.float32 and X.shape == (len(y), 2)
        assert y.dtype == np.int64
        assert set(np.unique(y)) == set(range(k))
    np.testing.assert_allclose(ds.X_train.mean(axis=0), 0.0, atol=1e-5)
    np.testing.assert_allclose(ds.X_train.std(axis=0), 1.0, atol=1e-4)
    # The scaler saw only the training rows, so the other parts are not centred exactly.
    assert np.all(ds.X_val.mean(axis=0) != 0) and np.all(ds.X_test.mean(axis=0) != 0)
    assert np.abs(ds.X_test.mean(axis=0)).max() < 0.3


@pytest.mark.parametrize("name", SYNTHETIC)
def test_synthetic_sets_are_balanced_and_stratified(name):
    ds = make_dataset(name, n_samples=1001, seed=1)
    k = ds.n_classes
    counts = np.bincount(np.concatenate([y for _, y in parts(ds)]), minlength=k)
    assert counts.sum() == 1001
    assert counts.max() - counts.min() <= 1
    for _, y in parts(ds):
        # Stratified: each part's class counts are within one row of the overall share.
        expected = counts / counts.sum() * len(y)
        assert np.all(np.abs(np.bincount(y, minlength=k) - expected) <= 1)
    np.testing.assert_allclose(ds.class_prior(), 1 / k, atol=0.01)


@pytest.mark.parametrize("name", SYNTHETIC)
def test_synthetic_sets_are_deterministic_per_seed(name):
    a = make_dataset(name, seed=7)
    assert_same(a, make_dataset(name, seed=7))
    b = make_dataset(name, seed=8)
    assert not np.array_equal(a.X_train, b.X_train)
    assert not np.array_equal(a.y_train, b.y_train)


@pytest.mark.parametrize("k", [3, 4, 5])
def test_blobs_have_the_requested_number_of_classes(k):
    ds = make_dataset("blobs", n_classes=k, n_samples=600)
    assert ds.n_classes == k and not ds.is_binary
    assert ds.class_names == tuple(str(c) for c in range(k))
    assert set(np.unique(ds.y_train)) == set(range(k))
    assert np.bincount(ds.y_train).tolist() == [360 // k] * k


@pytest.mark.parametrize("k", [1, 2, 6])
def test_blobs_reject_other_class_counts(k):
    with pytest.raises(ValueError, match=f"3 to 5 classes, got {k}"):
        make_dataset("blobs", n_classes=k)


@pytest.mark.parametrize("name", ["moons", "xor", "spiral"])
def test_n_classes_is_ignored_by_binary_sets(name):
    ds = make_dataset(name, n_classes=5)
    assert ds.is_binary


@pytest.mark.parametrize("name", ["xor", "spiral", "circles"])
def test_nonlinear_sets_defeat_a_linear_model_but_not_a_local_one(name):
    ds = make_dataset(name, noise=0.0, n_samples=1000)
    linear = LogisticRegression().fit(ds.X_train, ds.y_train).score(ds.X_test, ds.y_test)
    local = KNeighborsClassifier(5).fit(ds.X_train, ds.y_train).score(ds.X_test, ds.y_test)
    assert linear < 0.7
    assert local > 0.95


@pytest.mark.parametrize("name", SYNTHETIC)
def test_noise_makes_the_classes_overlap(name):
    def knn_accuracy(noise: float) -> float:
        ds = make_dataset(name, noise=noise, n_samples=1000)
        return KNeighborsClassifier(5).fit(ds.X_train, ds.y_train).score(ds.X_test, ds.y_test)

    clean, noisy = knn_accuracy(0.0), knn_accuracy(1.0)
    assert clean > 0.95
    assert noisy < clean - 0.2


def test_unknown_name_lists_the_data_sets():
    with pytest.raises(ValueError, match="unknown data set 'mnist'") as info:
        make_dataset("mnist")
    for name in DATASETS:
        assert name in str(info.value)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"noise": -0.1}, "noise must be"),
        ({"noise": float("nan")}, "noise must be"),
        ({"n_samples": 19}, "n_samples >= 20"),
        ({"n_samples": 49, "name": "blobs", "n_classes": 5}, "n_samples >= 50"),
    ],
)
def test_make_dataset_rejects_bad_parameters(kwargs, message):
    kwargs = {"name": "moons", **kwargs}
    with pytest.raises(ValueError, match=message):
        make_dataset(kwargs.pop("name"), **kwargs)


def test_smallest_allowed_synthetic_set_has_every_class_in_every_part():
    ds = make_dataset("blobs", n_classes=5, n_samples=50)
    for _, y in parts(ds):
        assert set(np.unique(y)) == set(range(5))


# --------------------------------------------------------------------------- CSV


def write(tmp_path, text: str, name: str = "data.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def labelled_table(n: int, labels: list[str]) -> tuple[np.ndarray, list[str]]:
    """n rows: an id column 0..n-1 (to find each row again) and two other features."""
    rng = np.random.default_rng(0)
    X = np.column_stack([np.arange(n), rng.normal(5, 3, n), rng.uniform(-100, 0, n)])
    return X, [labels[i % len(labels)] for i in range(n)]


def csv_text(header: list[str], X: np.ndarray, labels: list[str], newline: str = "\n") -> str:
    lines = [",".join(header)]
    for row, label in zip(X, labels, strict=True):
        lines.append(",".join([*(repr(float(v)) for v in row), label]))
    return newline.join(lines) + newline


def raw_ids(ds: Dataset) -> list[np.ndarray]:
    """Each part's rows as indices into the file (the id column is the first feature)."""
    ids = np.concatenate([X[:, 0] for X, _ in parts(ds)])
    ranks = np.empty(len(ids), dtype=int)
    ranks[np.argsort(ids)] = np.arange(len(ids))  # standardising keeps the order of the ids
    sizes = np.cumsum([len(y) for _, y in parts(ds)])[:-1]
    return np.split(ranks, sizes)


def test_csv_scaler_is_fitted_on_the_training_rows_only(tmp_path):
    X, labels = labelled_table(100, ["cat", "dog", "bird"])
    path = write(tmp_path, csv_text(["id", "weight", "depth", "animal"], X, labels))
    ds = load_csv(path)

    assert ds.name == "data.csv"
    assert ds.feature_names == ("id", "weight", "depth")
    assert ds.class_names == ("bird", "cat", "dog")
    assert [len(y) for _, y in parts(ds)] == [60, 20, 20]
    train, val, test = raw_ids(ds)
    assert sorted(np.concatenate([train, val, test]).tolist()) == list(range(100))

    scaler = StandardScaler().fit(X[train])
    for (part_X, part_y), ids in zip(parts(ds), (train, val, test), strict=True):
        assert part_X.dtype == np.float32 and part_y.dtype == np.int64
        np.testing.assert_allclose(part_X, scaler.transform(X[ids]), rtol=1e-5, atol=1e-5)
        assert [ds.class_names[c] for c in part_y] == [labels[i] for i in ids]
    np.testing.assert_allclose(ds.X_train.mean(axis=0), 0.0, atol=1e-5)
    assert np.all(ds.X_val.mean(axis=0) != 0) and np.all(ds.X_test.mean(axis=0) != 0)


def test_csv_split_is_stratified_and_follows_the_fractions(tmp_path):
    X, labels = labelled_table(200, ["a", "b", "b", "b"])  # 50 a, 150 b
    path = write(tmp_path, csv_text(["id", "f", "g", "y"], X, labels))
    ds = load_csv(path, val_fraction=0.1, test_fraction=0.3)
    assert [len(y) for _, y in parts(ds)] == [120, 20, 60]
    assert [np.bincount(y).tolist() for _, y in parts(ds)] == [[30, 90], [5, 15], [15, 45]]


def test_csv_is_deterministic_per_seed(tmp_path):
    X, labels = labelled_table(60, ["0", "1"])
    path = write(tmp_path, csv_text(["id", "f", "g", "y"], X, labels))
    a = load_csv(path, seed=1)
    assert_same(a, load_csv(path, seed=1))
    b = load_csv(path, seed=2)
    assert not np.array_equal(raw_ids(a)[0], raw_ids(b)[0])


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_csv_with_chinese_headers_and_labels_with_or_without_bom(tmp_path, encoding):
    X, labels = labelled_table(30, ["猫", "狗"])
    path = write(tmp_path, csv_text(["特征1", "特征2", "特征3", "标签"], X, labels, "\r\n"),
                 name="数据.csv", encoding=encoding)
    ds = load_csv(path)
    assert ds.feature_names == ("特征1", "特征2", "特征3")  # no BOM glued to the first name
    assert ds.class_names == ("狗", "猫")  # LabelEncoder's order: by code point
    assert ds.name == "数据.csv"
    train, _, _ = raw_ids(ds)
    assert [ds.class_names[c] for c in ds.y_train] == [labels[i] for i in train]


def test_csv_target_by_name_in_the_middle(tmp_path):
    text = "a,label,b\n" + "".join(f"{i},{'yes' if i % 2 else 'no'},{i * i}\n" for i in range(20))
    ds = load_csv(write(tmp_path, text), target="label")
    assert ds.feature_names == ("a", "b")
    assert ds.class_names == ("no", "yes")
    assert ds.n_features == 2 and ds.is_binary
    raw = np.column_stack([np.arange(20.0), np.arange(20.0) ** 2])
    train, val, test = raw_ids(ds)
    scaler = StandardScaler().fit(raw[train])
    for (part_X, part_y), ids in zip(parts(ds), (train, val, test), strict=True):
        np.testing.assert_allclose(part_X, scaler.transform(raw[ids]), rtol=1e-5, atol=1e-5)
        assert part_y.tolist() == [i % 2 for i in ids]


def test_csv_numeric_labels_sort_as_numbers_and_keep_their_text(tmp_path):
    labels = ["10", "2", "1"] * 5 + ["2.0"] * 5
    text = "x,y\n" + "".join(f"{i},{lab}\n" for i, lab in enumerate(labels))
    ds = load_csv(write(tmp_path, text))
    assert ds.class_names == ("1", "2", "10")  # "2.0" is class 2, named by its first text
    counts = np.bincount(np.concatenate([y for _, y in parts(ds)]))
    assert counts.tolist() == [5, 10, 5]


def test_csv_skips_blank_lines_and_reads_quoted_cells(tmp_path):
    rows = "".join(f'"{i}", {i / 2} ,"class {i % 2}"\n' for i in range(20))
    text = "\n" + '"f 1",f2,"the, class"\n\n' + rows + ",,\n\n"
    ds = load_csv(write(tmp_path, text))
    assert ds.feature_names == ("f 1", "f2")
    assert ds.class_names == ("class 0", "class 1")
    assert sum(len(y) for _, y in parts(ds)) == 20


# --------------------------------------------------------------------------- CSV errors


def header_and_rows(n: int = 10) -> list[str]:
    """'id,age,height,label' and n good rows, as lines (line k of the file is item k-1)."""
    return ["id,age,height,label"] + [f"{i},{20 + i},{150 + i},{'ab'[i % 2]}" for i in range(n)]


def file_with(tmp_path, lines: list[str]):
    return write(tmp_path, "\n".join(lines) + "\n")


def test_missing_file_is_a_data_error(tmp_path):
    path = tmp_path / "nowhere.csv"
    with pytest.raises(DataError, match=r"file not found: .*nowhere\.csv"):
        load_csv(path)


def test_directory_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="cannot read"):
        load_csv(tmp_path)


@pytest.mark.parametrize("text", ["", "\n\n", "  \r\n", "\ufeff", ";", ";;\n;;", "\t\t\n",
                                  ",,,\n,,,"])
def test_empty_file(tmp_path, text):
    with pytest.raises(DataError, match=r"data\.csv is empty"):
        load_csv(write(tmp_path, text))


def test_header_only(tmp_path):
    with pytest.raises(DataError, match="has a header but no data rows"):
        load_csv(write(tmp_path, "a,b,label\n\n"))


def test_row_with_wrong_number_of_cells(tmp_path):
    lines = header_and_rows()
    lines[6] = "6,26,a"
    with pytest.raises(DataError, match=r"^line 7 has 3 cells, the header has 4$"):
        load_csv(file_with(tmp_path, lines))


def test_line_numbers_count_blank_lines(tmp_path):
    lines = header_and_rows()
    lines[2] = ""
    lines[4] = "4,abc,154,a"
    with pytest.raises(DataError, match=r"^line 5, column 'age': 'abc' is not a number$"):
        load_csv(file_with(tmp_path, lines))


@pytest.mark.parametrize("cell", ["", "  ", "NA", "nan", "NaN", "n/a", "null", "?", " ? ",
                                  "#N/A"])
def test_missing_feature_value(tmp_path, cell):
    lines = header_and_rows()
    lines[4] = f"4,{cell},154,a"
    with pytest.raises(DataError, match=r"^line 5, column 'age': missing value$"):
        load_csv(file_with(tmp_path, lines))


@pytest.mark.parametrize("cell", ["", "NA", "nan"])
def test_missing_label(tmp_path, cell):
    lines = header_and_rows()
    lines[8] = f"8,28,158,{cell}"
    with pytest.raises(DataError, match=r"^line 9, column 'label': missing value$"):
        load_csv(file_with(tmp_path, lines))


@pytest.mark.parametrize("cell", ["inf", "-inf", "Infinity", "1e999"])
def test_infinite_value(tmp_path, cell):
    lines = header_and_rows()
    lines[3] = f"3,23,{cell},b"
    with pytest.raises(DataError, match=r"^line 4, column 'height': .* is an infinite value$"):
        load_csv(file_with(tmp_path, lines))


def test_first_problem_in_the_file_is_reported(tmp_path):
    lines = header_and_rows()
    lines[3] = "3,x,y,b"
    lines[5] = "5,25"
    with pytest.raises(DataError, match=r"^line 4, column 'age': 'x' is not a number$"):
        load_csv(file_with(tmp_path, lines))


def test_unknown_target_lists_the_columns(tmp_path):
    with pytest.raises(
        DataError, match=r"no column named 'class'; the columns are 'id', 'age', 'height', 'label'"
    ):
        load_csv(file_with(tmp_path, header_and_rows()), target="class")


def test_only_one_class(tmp_path):
    lines = [line.rsplit(",", 1)[0] + ",same" for line in header_and_rows()]
    lines[0] = "id,age,height,label"
    with pytest.raises(DataError, match=r"column 'label' has only one class \('same'\)"):
        load_csv(file_with(tmp_path, lines))


def test_too_few_rows_per_class_names_counts_and_need(tmp_path):
    lines = header_and_rows(10)  # 5 a, 5 b: enough for 20 % parts
    lines += ["10,30,160,c", "11,31,161,c"]
    with pytest.raises(DataError, match=r"at least 5 .*class 'c' has 2 rows$") as info:
        load_csv(file_with(tmp_path, lines))
    assert "class 'a'" not in str(info.value)
    # Smaller parts need more rows per class: 1 / 0.1 = 10.
    with pytest.raises(DataError, match=r"at least 10 .*class 'a' has 5 rows, class 'b' has 5"):
        load_csv(file_with(tmp_path, header_and_rows(10)), val_fraction=0.1)


def test_exactly_enough_rows_puts_every_class_in_every_part(tmp_path):
    ds = load_csv(file_with(tmp_path, header_and_rows(10)))
    for _, y in parts(ds):
        assert sorted(np.unique(y).tolist()) == [0, 1]


def test_many_short_classes_are_summarised(tmp_path):
    lines = ["x,y"] + [f"{i},{i}" for i in range(40)]  # a continuous target: 40 classes
    with pytest.raises(DataError, match=r"class '4' has 1 row and 35 more classes are short$"):
        load_csv(file_with(tmp_path, lines))


def test_latin1_is_read_as_windows_1252_not_as_gbk(tmp_path):
    # "xéa" is also valid GBK ("x閍"), and "café" at a line's end is not.
    path = tmp_path / "data.csv"
    rows = [f"{i % 7},{i % 5},{'café' if i % 2 else 'thé'}" for i in range(40)]
    path.write_bytes("\n".join(["xéa,Größe,label", *rows]).encode("cp1252"))
    ds = load_csv(path)
    assert ds.feature_names == ("xéa", "Größe")
    assert set(ds.class_names) == {"café", "thé"}


def test_a_gbk_file_with_an_ascii_trail_byte_stays_gbk(tmp_path):
    # 丂 (0x81 0x40) has an ASCII second byte; 0x81 is no letter in Windows-1252.
    path = tmp_path / "data.csv"
    rows = [f"{i % 7},{i % 5},{'丂' if i % 2 else '中'}" for i in range(40)]
    path.write_bytes("\n".join(["特征,数值,类别", *rows]).encode("gbk"))
    assert set(load_csv(path).class_names) == {"丂", "中"}


def test_text_in_no_known_encoding_is_refused_with_its_line_and_byte(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(b"a,b,label\n1,2,x\n3,4,\x81\xff\n")
    with pytest.raises(DataError, match=r"not UTF-8, GBK or Windows-1252 text: line 3 has the "
                                        r"byte 0x81"):
        load_csv(path)


def test_a_quoted_header_with_commas_in_a_semicolon_file(tmp_path):
    rows = [f"{i % 7}.5;{i % 5};{i % 2}" for i in range(40)]
    path = file_with(tmp_path, ['"height, cm";"weight, kg";class', *rows])
    ds = load_csv(path)
    assert ds.feature_names == ("height, cm", "weight, kg")


def gbk_table(rows: int = 60) -> str:
    rng = np.random.default_rng(3)
    lines = ["特征一,特征二,类别"] + [
        f"{rng.normal():.3f},{rng.normal():.3f},{'猫' if i % 2 else '狗'}" for i in range(rows)
    ]
    return "\n".join(lines) + "\n"


def test_gbk_file_with_chinese_headers_and_labels(tmp_path):
    ds = load_csv(write(tmp_path, gbk_table(), encoding="gbk"))
    assert ds.feature_names == ("特征一", "特征二")
    assert set(ds.class_names) == {"猫", "狗"}
    assert len(ds.y_train) + len(ds.y_val) + len(ds.y_test) == 60
    same = load_csv(write(tmp_path, gbk_table(), name="utf8.csv"))
    np.testing.assert_array_equal(ds.X_train, same.X_train)


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_semicolon_tab_and_bar_separated_files_are_read(tmp_path, delimiter):
    text = gbk_table().replace(",", delimiter)
    ds = load_csv(write(tmp_path, text))
    assert ds.feature_names == ("特征一", "特征二")
    same = load_csv(write(tmp_path, gbk_table(), name="comma.csv"))
    np.testing.assert_array_equal(ds.X_train, same.X_train)


def test_binary_file_renamed_csv_is_refused(tmp_path):
    rng = np.random.default_rng(0)
    path = tmp_path / "model.csv"
    path.write_bytes(b"PK\x03\x04\x00\x00" + rng.integers(0, 256, 3000, dtype=np.uint8).tobytes())
    with pytest.raises(DataError, match=r"model.csv is a binary file, not CSV text"):
        load_csv(path)


def test_constant_column_is_kept_finite(tmp_path):
    rng = np.random.default_rng(4)
    lines = ["a,constant,y"] + [f"{rng.normal():.3f},5,{i % 2}" for i in range(60)]
    ds = load_csv(file_with(tmp_path, lines))
    assert np.all(np.isfinite(ds.X_train))
    np.testing.assert_array_equal(ds.X_train[:, 1], 0.0)


def test_a_hundred_classes(tmp_path):
    rng = np.random.default_rng(5)
    lines = ["a,b,y"] + [f"{rng.normal():.3f},{rng.normal():.3f},c{i % 100}"
                         for i in range(2000)]
    ds = load_csv(file_with(tmp_path, lines))
    assert ds.n_classes == 100
    assert set(np.unique(ds.y_train)) == set(range(100))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_or_without_a_bom_read_as_utf8_does(tmp_path, encoding):
    # "utf-16" and "utf-32" write a BOM; "utf-16-le"/"-be" write none (Excel's "Unicode text").
    text = gbk_table()
    ds = load_csv(write(tmp_path, text, name="wide.csv", encoding=encoding))
    same = load_csv(write(tmp_path, text, name="utf8.csv"))
    assert ds.feature_names == same.feature_names == ("特征一", "特征二")
    np.testing.assert_array_equal(ds.X_train, same.X_train)


def test_utf16_that_breaks_off_is_refused_with_the_byte(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes("a,b,label\n1,2,x\n".encode("utf-16") + b"\x00\xd8")  # a lone surrogate
    with pytest.raises(DataError, match=r"data.csv is not valid UTF-16-LE text \(at byte"):
        load_csv(path)


def test_decimal_commas_in_a_semicolon_file(tmp_path):
    rows = [f"{i % 7},5;-{i % 5},25;{i % 2}" for i in range(40)]
    with_commas = load_csv(file_with(tmp_path, ["a;b;y", *rows]))
    points = [row.replace(",", ".") for row in rows]
    with_points = load_csv(write(tmp_path, "\n".join(["a;b;y", *points]), name="points.csv"))
    np.testing.assert_array_equal(with_commas.X_train, with_points.X_train)


def test_a_comma_in_a_text_label_of_a_semicolon_file_stays(tmp_path):
    rows = [f"{i % 7};{i % 5};{'yes, sure' if i % 2 else 'no'}" for i in range(40)]
    assert set(load_csv(file_with(tmp_path, ["a;b;y", *rows])).class_names) == {"yes, sure",
                                                                                  "no"}


def test_a_doubled_bom_is_not_part_of_the_first_column_name(tmp_path):
    rows = "\n".join(f"{i},{i % 2}" for i in range(20))
    path = tmp_path / "twice.csv"
    path.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbfage,label\n" + rows.encode() + b"\n")
    assert load_csv(path).feature_names == ("age",)


def test_single_column(tmp_path):
    with pytest.raises(DataError, match=r"^line 1: the header has only one column \('a:b:c'\)"):
        load_csv(write(tmp_path, "a:b:c\n1:2:x\n"))


def test_unnamed_and_duplicate_columns(tmp_path):
    with pytest.raises(DataError, match=r"^line 2: column 2 of the header has no name$"):
        load_csv(write(tmp_path, "\na,,label\n1,2,x\n"))
    with pytest.raises(DataError, match=r"^line 1: the header names column 'a' twice$"):
        load_csv(write(tmp_path, "a,b,a\n1,2,x\n"))


@pytest.mark.parametrize(
    ("val", "test", "message"),
    [
        (0.0, 0.2, "val_fraction must be between 0 and 1"),
        (0.2, 0.0, "test_fraction must be between 0 and 1"),
        (-0.1, 0.2, "val_fraction must be between 0 and 1"),
        (0.2, 1.0, "test_fraction must be between 0 and 1"),
        (0.5, 0.5, re.escape("val_fraction + test_fraction must be below 1")),
        (0.6, 0.7, re.escape("val_fraction + test_fraction must be below 1")),
    ],
)
def test_fractions_out_of_range_are_value_errors(tmp_path, val, test, message):
    path = file_with(tmp_path, header_and_rows(40))
    with pytest.raises(ValueError, match=message) as info:
        load_csv(path, val_fraction=val, test_fraction=test)
    assert not isinstance(info.value, DataError)


def test_reading_reports_progress_and_can_be_stopped(tmp_path, monkeypatch):
    from ce_desktop.core.data import csv_table as data

    monkeypatch.setattr(data, "_PROGRESS_LINES", 10)
    rng = np.random.default_rng(6)
    lines = ["a,b,y"] + [f"{rng.normal():.3f},{rng.normal():.3f},{i % 2}" for i in range(95)]
    path = file_with(tmp_path, lines)
    seen = []
    load_csv(path, progress=lambda done, total: seen.append((done, total)))
    # 96 lines each ending in a newline; the total allows for a last line without one.
    assert seen == [(n, 97) for n in range(10, 100, 10)]
    calls = []
    with pytest.raises(data.LoadCancelled, match=r"reading data\.csv was stopped"):
        load_csv(path, should_stop=lambda: len(calls.append(1) or calls) >= 3)
    assert len(calls) == 3


def test_a_finite_number_too_large_to_compute_with_is_refused(tmp_path):
    lines = header_and_rows()
    lines[3] = "2,22,-1e308,a"
    with pytest.raises(DataError, match=r"^line 4, column 'height': -1e\+308 is too large to "
                                        r"compute with \(at most 1e\+150\); rescale"):
        load_csv(file_with(tmp_path, lines))


def test_a_pipe_a_device_or_a_folder_is_refused_as_a_csv_without_reading_it(tmp_path):
    import os

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)  # reading it would block forever
    for path in (fifo, "/dev/zero", tmp_path):  # /dev/zero would be read until memory ends
        with pytest.raises(DataError, match="not a regular file"):
            load_csv(path)


def test_a_csv_larger_than_the_reader_takes_is_refused_before_reading(tmp_path):
    from ce_desktop.core.data import MAX_CSV_BYTES

    huge = tmp_path / "huge.csv"
    with huge.open("wb") as file:
        file.truncate(MAX_CSV_BYTES + 1)  # sparse: no disk used
    with pytest.raises(DataError, match="larger than 500 MB"):
        load_csv(huge)


def test_a_file_too_large_for_the_free_memory_is_refused_before_reading(tmp_path,
                                                                         monkeypatch):
    from ce_desktop.core.data import csv_table

    path = file_with(tmp_path, ["a,b,y"] + [f"{i},{i},{i % 2}" for i in range(100)])
    size = path.stat().st_size
    monkeypatch.setattr(csv_table, "memory_available", lambda: 10 * size)  # 17× is needed
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))
    with pytest.raises(DataError, match=r"needs about 0\.0 GB of memory to read and 0\.0 GB"):
        load_csv(path)


def test_the_free_memory_is_known_on_linux():
    from ce_desktop.core.data import csv_table

    available = csv_table.memory_available()
    if sys.platform.startswith("linux"):
        assert available is not None and available > 10_000_000


# --------------------------------------------------------------------------- digits


def test_digits_is_split_60_20_20_stratified_and_standardised_on_train():
    from sklearn.datasets import load_digits

    bunch = load_digits()
    ds = make_dataset("digits", seed=5)
    assert (ds.n_features, ds.n_classes) == (64, 10)
    assert ds.feature_names[:2] == ("pixel_0_0", "pixel_0_1") and ds.feature_names[-1] == (
        "pixel_7_7")
    sizes = [len(y) for _, y in parts(ds)]
    assert sum(sizes) == 1797 and sizes == [1079, 359, 359]
    for _, y in parts(ds):  # every class in every part, in proportion (stratified)
        np.testing.assert_allclose(np.bincount(y, minlength=10) / len(y),
                                   np.bincount(bunch.target) / 1797, atol=0.01)
    # Standardised with the training rows' statistics: mean 0, and spread 1 where a pixel
    # varies at all.
    np.testing.assert_allclose(ds.X_train.mean(axis=0), 0.0, atol=1e-5)
    spread = ds.X_train.std(axis=0)
    np.testing.assert_allclose(spread[spread > 0], 1.0, atol=1e-4)
    # The raw test images are the unscaled test rows: scaling them gives X_test.
    images = ds.test_images
    assert images.shape == (359, 8, 8) and images.min() >= 0 and images.max() <= 16
    flat = images.reshape(359, 64)
    rows = [np.flatnonzero((bunch.data == row).all(axis=1)) for row in flat[:20]]
    assert all(len(r) for r in rows)
    assert all(bunch.target[r[0]] == label for r, label in zip(rows, ds.y_test[:20], strict=True))
    # Each standardised test feature is its raw pixel shifted and stretched.
    assert np.corrcoef(flat[:, 20], ds.X_test[:, 20])[0, 1] == pytest.approx(1.0)
    # The validation rows keep theirs too, in the order of X_val.
    val = ds.val_images
    assert val.shape == (359, 8, 8)
    flat_val = val.reshape(359, 64)
    assert np.corrcoef(flat_val[:, 20], ds.X_val[:, 20])[0, 1] == pytest.approx(1.0)
    rows = [np.flatnonzero((bunch.data == row).all(axis=1)) for row in flat_val[:20]]
    assert all(bunch.target[r[0]] == label for r, label in zip(rows, ds.y_val[:20], strict=True))


def test_digits_split_follows_the_seed_and_ignores_size_and_noise():
    assert_same(make_dataset("digits", seed=1, n_samples=100, noise=1.5),
                make_dataset("digits", seed=1))
    other = make_dataset("digits", seed=2)
    assert not np.array_equal(other.y_test, make_dataset("digits", seed=1).y_test)


def test_only_image_data_keeps_test_images():
    assert make_dataset("moons").test_images is None
    with pytest.raises(ValueError, match="test_images has shape"):
        Dataset("bad", np.zeros((2, 1)), np.zeros(2), np.zeros((2, 1)), np.zeros(2),
                np.zeros((2, 1)), np.zeros(2), ("x",), ("0", "1"),
                test_images=np.zeros((3, 2, 2)))
    with pytest.raises(ValueError, match="val_images has shape"):
        Dataset("bad", np.zeros((2, 1)), np.zeros(2), np.zeros((2, 1)), np.zeros(2),
                np.zeros((2, 1)), np.zeros(2), ("x",), ("0", "1"),
                val_images=np.zeros((2, 2)))
