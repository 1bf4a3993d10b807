"""The Chinese translation: complete, compiled, loaded, and chosen in View → Language."""

import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from ce_desktop.ui.common import language

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "resources" / "translations" / "update.py"
TS = ROOT / "resources" / "translations" / "ce_desktop_zh_CN.ts"
QM = ROOT / "ce_desktop" / "translations" / "ce_desktop_zh_CN.qm"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*")


def load_update_script():
    spec = importlib.util.spec_from_file_location("translations_update", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source) → the <translation> element of every message in ``ts``."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source"))] = message.find("translation")
    return found


@pytest.fixture
def chinese(qapp):
    """The zh_CN translators installed for one test, and removed again after it."""
    assert language.install("zh_CN", qapp)
    yield
    language.remove(qapp)
    assert language.current_language() == "en"


@pytest.mark.process
def test_every_interface_string_has_a_finished_translation(tmp_path):
    # lupdate over the same sources into an empty file: what the code asks for today.
    update = load_update_script()
    fresh = tmp_path / "fresh.ts"
    update.lupdate(fresh)
    wanted = messages(fresh)
    committed = messages(TS)
    assert len(wanted) > 400
    missing = [key for key in wanted if key not in committed]
    assert missing == [], f"not in {TS.name}; run resources/translations/update.py: {missing}"
    unfinished = [key for key in wanted
                  if committed[key].get("type") in ("unfinished", "vanished", "obsolete")
                  or not (committed[key].text or "").strip()]
    assert unfinished == [], f"untranslated in {TS.name}: {unfinished}"


def test_translations_keep_placeholders_and_tags():
    for (context, source), translation in messages(TS).items():
        text = translation.text or ""
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (
            context, source)
        assert sorted(TAG.findall(text)) == sorted(TAG.findall(source)), (context, source)


@pytest.mark.process
def test_the_shipped_qm_is_compiled_from_the_committed_ts(tmp_path):
    update = load_update_script()
    compiled = tmp_path / "check.qm"
    update.lrelease(TS, compiled)
    assert QM.read_bytes() == compiled.read_bytes(), "run resources/translations/update.py"


def test_translator_translates_units_and_terms(chinese):
    from ce_desktop.core.info import Unit
    from ce_desktop.ui.common.formatting import format_quantity

    assert format_quantity(1.0, Unit.BITS) == "1 比特"
    assert format_quantity(0.5, Unit.NATS) == "0.5000 奈特"
    assert QCoreApplication.translate("TrainerTab", "epoch") == "轮次"
    assert QCoreApplication.translate("LandscapePanel", "cross-entropy (nats)") == "交叉熵（奈特）"


def test_main_window_speaks_chinese_with_the_translator(qtbot, chinese):
    from ce_desktop.ui.app import MainWindow

    window = MainWindow(store_path=":memory:")
    qtbot.addWidget(window)
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tabs == ["熵探索器", "损失曲面", "训练器"]
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["文件(&F)", "视图(&V)", "运行(&R)", "帮助(&H)"]
    assert window.windowTitle() == "ce-desktop — 看得见的交叉熵"
    sections = [window.surface_tab.sections.tabText(i)
                for i in range(window.surface_tab.sections.count())]
    assert sections == ["单样本损失", "BCE 与 MSE 曲面", "网络损失曲面"]
    assert window.entropy_tab.unit_combo.itemText(0) == "比特 (log₂)"
    assert window.entropy_tab.readouts["entropy_p"].text() == "1.6402 比特"
    assert window.language_actions["zh_CN"].isChecked()
    assert not window.language_actions["en"].isChecked()
    window.close()


def test_without_the_translator_the_window_is_english(main_window):
    assert language.current_language() == "en"
    assert main_window.tabs.tabText(0) == "Entropy explorer"
    assert [a.text() for a in main_window.menuBar().actions()] == [
        "&File", "&View", "&Run", "&Help"]
    assert main_window.language_actions["en"].isChecked()


def test_language_menu_remembers_the_choice_and_says_so_in_both_languages(
        qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    from ce_desktop.ui.app import MainWindow
    from ce_desktop.ui.common.session import Session

    dialogs = []
    monkeypatch.setattr("ce_desktop.ui.main_window.QMessageBox.information",
                        lambda *args: dialogs.append(args[2]))
    window = MainWindow(store_path=":memory:")
    qtbot.addWidget(window)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window.session = Session(settings)
    actions = window.language_menu.actions()
    assert [a.text() for a in actions] == ["English", "简体中文"]
    assert window.language_group.isExclusive()
    actions[1].trigger()
    assert settings.value("view/language") == "zh_CN"
    assert actions[1].isChecked() and not actions[0].isChecked()
    message = window.statusBar().currentMessage()
    assert "restarted" in message
    assert "重新启动" in message
    assert "简体中文" in message
    assert dialogs == [message]  # said in a dialog too
    # Resetting the other settings keeps the language.
    window.reset_to_defaults()
    assert settings.value("view/language") == "zh_CN"
    actions[0].trigger()
    assert settings.value("view/language") == "en"
    window.session = None
    window.close()


def test_startup_language_prefers_the_saved_choice_then_the_system(monkeypatch):
    from PySide6.QtCore import QLocale

    assert language.system_language(QLocale("zh_CN")) == "zh_CN"
    assert language.system_language(QLocale("de_DE")) == "en"
    monkeypatch.setattr(language, "saved_language", lambda: "en")
    monkeypatch.setattr(language, "system_language", lambda locale=None: "zh_CN")
    assert language.startup_language() == "en"
    monkeypatch.setattr(language, "saved_language", lambda: None)
    assert language.startup_language() == "zh_CN"
    assert language.normalise("zh") == "zh_CN"
    assert language.normalise("en_US") == "en"
    assert language.normalise("xx_YY") is None


def test_qt_standard_dialogs_are_translated_too(chinese):
    # qtbase_zh_CN from PySide6's translations folder: QDialogButtonBox says 取消.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"

