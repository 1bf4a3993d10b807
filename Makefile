# `make run` installs the app into .venv (once; again when pyproject.toml changes) and opens
# it; `make test` also installs the test tools and runs the whole suite (lint included).
# Windows: see the README.
PYTHON ?= python3
VENV ?= .venv
# The CPU build of torch; an unpinned torch can pull a multi-GB CUDA build.
TORCH ?= torch==2.13.0
BIN := $(VENV)/bin
# Stamps: what was installed, so that `make run` does not reinstall on every start.
APP_INSTALLED := $(VENV)/.app-installed
TESTS_INSTALLED := $(VENV)/.tests-installed

.PHONY: install run test lint screenshots benchmark clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip

$(APP_INSTALLED): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install "$(TORCH)" -e .
	touch $@

$(TESTS_INSTALLED): $(APP_INSTALLED)
	$(BIN)/python -m pip install "$(TORCH)" -e ".[test]"
	touch $@

install: $(TESTS_INSTALLED)

run: $(APP_INSTALLED)
	$(BIN)/python -m ce_desktop

lint: install
	$(BIN)/python -m ruff check ce_desktop tests benchmarks

test: install lint
	$(BIN)/python -m pytest

screenshots: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ce_desktop screenshot --width 1280 --height 720 --tab entropy docs/screenshot-entropy.png
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ce_desktop screenshot --width 1280 --height 720 --tab trainer docs/screenshot-trainer.png
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ce_desktop screenshot --width 1280 --height 720 --tab surface docs/screenshot-surface.png
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ce_desktop screenshot --width 1280 --height 720 --tab surface --section curves docs/screenshot-surface-curves.png
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ce_desktop screenshot --width 1280 --height 720 --tab surface --section logistic docs/screenshot-surface-logistic.png
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ce_desktop screenshot --width 1280 --height 720 --lang zh_CN --tab entropy docs/screenshot-entropy-zh_CN.png
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ce_desktop screenshot --width 1280 --height 720 --lang zh_CN --tab surface docs/screenshot-surface-zh_CN.png
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ce_desktop screenshot --width 1280 --height 720 --lang zh_CN --tab trainer docs/screenshot-trainer-zh_CN.png
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ce_desktop screenshot --width 1280 --height 720 --tab trainer --section samples --dataset digits docs/screenshot-samples.png
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ce_desktop screenshot --width 1280 --height 720 --lang zh_CN --tab trainer --section samples --dataset digits docs/screenshot-samples-zh_CN.png
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ce_desktop screenshot --width 1280 --height 720 --tab trainer --section pinned --dataset digits docs/screenshot-pinned.png
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ce_desktop screenshot --width 1280 --height 720 --theme dark --tab trainer docs/screenshot-trainer-dark.png
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ce_desktop screenshot --width 1280 --height 720 --lesson 8 docs/screenshot-lesson-not-bounded.png
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ce_desktop screenshot --width 1280 --height 720 --lesson 13 docs/screenshot-lesson-keras.png

# The one-folder executable in dist/ce-desktop/ (PyInstaller; see packaging/).
.PHONY: build
build: install
	$(BIN)/python -m pip install -e ".[build]"
	$(BIN)/python packaging/build.py

benchmark: install
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/trainer.py
	$(BIN)/python benchmarks/worker.py
	$(BIN)/python benchmarks/landscape.py

clean:
	rm -rf $(VENV) build dist *.egg-info
