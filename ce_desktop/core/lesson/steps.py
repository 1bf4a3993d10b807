"""The lesson's steps, read from a JSON file and checked before any is shown.

A step says one thing (``text``), shows it (``action``: a Show-me action), says what to look
at (``look_at``), and gives one small task whose completion a state predicate (``done``)
notices. Actions and predicates come from the fixed vocabularies of
:mod:`~ce_desktop.core.lesson.vocabulary`; a file that names another, lacks a field, or
gives an argument of the wrong kind is refused with a :class:`LessonFileError` that names
the step and the field. The English texts are translated by the interface in the context
``"Lesson"`` (``resources/translations/update.py`` extracts them from this file).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from ce_desktop.core.entropy.explorer import ExplorerState
from ce_desktop.core.lesson.vocabulary import ACTIONS, PANE_SIDES, PREDICATES, Arg
from ce_desktop.core.messages import QT_TRANSLATE_NOOP, Explained

#: The steps the app ships, beside this module (and inside a frozen build).
STEPS_FILE = Path(__file__).with_name("steps.json")
#: The translation context of every text of a steps file.
CONTEXT = "Lesson"
#: The text fields every step has, in the order the lesson pane shows them.
TEXT_FIELDS = ("title", "text", "look_at", "task")
#: The most a steps file may be: a lesson, not a book.
MAX_BYTES = 1_000_000

ArgValue = float | tuple[float, ...] | str | bool


class LessonFileError(Explained, ValueError):
    """A steps file the lesson cannot use; the message names the step and the field."""


@dataclass(frozen=True)
class Call:
    """An action or predicate by name, with its arguments."""

    name: str
    arguments: tuple[tuple[str, ArgValue], ...] = ()

    @property
    def args(self) -> dict[str, ArgValue]:
        return dict(self.arguments)


@dataclass(frozen=True)
class Step:
    """One step of the lesson: its texts in English, its Show-me action and its task's check."""

    id: str
    title: str
    text: str
    look_at: str
    task: str
    action: Call
    done: Call
    pane: str = PANE_SIDES[0]
    """The side the lesson pane floats on when it cannot dock (vocabulary.PANE_SIDES)."""

    def texts(self) -> tuple[str, ...]:
        """Every text of the step, as the translation files hold them."""
        return tuple(getattr(self, name) for name in TEXT_FIELDS)


def load_steps(path: Path | str = STEPS_FILE) -> tuple[Step, ...]:
    """The steps of the file at ``path``; LessonFileError if it cannot be used."""
    path = Path(path)
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as error:
        raise LessonFileError(QT_TRANSLATE_NOOP("core", "cannot read the lesson {path}: {reason}"),
                              path=str(path), reason=error.strerror or error) from None
    if len(data) > MAX_BYTES:
        raise LessonFileError(QT_TRANSLATE_NOOP(
            "core", "the lesson {path} is larger than {limit} bytes"), path=str(path),
            limit=MAX_BYTES)
    try:
        return parse_steps(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise LessonFileError(QT_TRANSLATE_NOOP("core", "the lesson {path} is not UTF-8 text"),
                              path=str(path)) from None


def parse_steps(text: str) -> tuple[Step, ...]:
    """The steps of a steps file's text (a JSON object with a list "steps"), checked."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise LessonFileError(QT_TRANSLATE_NOOP("core", "the lesson is not valid JSON: {reason}"),
                              reason=error) from None
    steps = data.get("steps") if isinstance(data, dict) else None
    if not isinstance(steps, list) or not steps:
        raise LessonFileError(QT_TRANSLATE_NOOP(
            "core", "the lesson must be a JSON object with a non-empty list \"steps\""))
    parsed = [_step(number, item) for number, item in enumerate(steps, start=1)]
    seen: set[str] = set()
    for number, step in enumerate(parsed, start=1):
        if step.id in seen:
            raise LessonFileError(QT_TRANSLATE_NOOP(
                "core", "lesson step {number}: the id {id!r} is used by an earlier step"),
                number=number, id=step.id)
        seen.add(step.id)
    return tuple(parsed)


def _step(number: int, item: object) -> Step:
    if not isinstance(item, dict):
        raise LessonFileError(QT_TRANSLATE_NOOP("core", "lesson step {number} is not an object"),
                              number=number)
    name = item.get("id")
    if not isinstance(name, str) or not name.strip():
        raise LessonFileError(QT_TRANSLATE_NOOP(
            "core", "lesson step {number}: the field \"id\" is missing or empty"), number=number)
    where = f"{number} ({name})"
    known = {"id", *TEXT_FIELDS, "action", "done", "pane"}
    extra = sorted(str(key) for key in item if key not in known)
    if extra:
        raise LessonFileError(QT_TRANSLATE_NOOP(
            "core", "lesson step {step}: unknown field(s) {fields}"), step=where,
            fields=", ".join(extra))
    texts = {}
    for field in TEXT_FIELDS:
        value = item.get(field)
        if not isinstance(value, str) or not value.strip():
            raise LessonFileError(QT_TRANSLATE_NOOP(
                "core", "lesson step {step}: the field \"{field}\" is missing or not a text"),
                step=where, field=field)
        texts[field] = value
    action = _call(where, "action", item.get("action"), ACTIONS)
    if action.name == "explorer":
        explorer_state(action.args, where)  # refused now, not when the user clicks
    done = _call(where, "done", item.get("done"), PREDICATES)
    pane = item.get("pane", PANE_SIDES[0])
    if pane not in PANE_SIDES:
        raise LessonFileError(QT_TRANSLATE_NOOP(
            "core", "lesson step {step}: the field \"pane\" must be one of {sides}"),
            step=where, sides=", ".join(PANE_SIDES))
    return Step(id=name, action=action, done=done, pane=pane, **texts)


def _call(where: str, field: str, value: object, vocabulary: dict[str, dict[str, Arg]]) -> Call:
    if not isinstance(value, dict) or not isinstance(value.get("name"), str):
        raise LessonFileError(QT_TRANSLATE_NOOP(
            "core", "lesson step {step}: the field \"{field}\" must be an object with a "
                    "\"name\""), step=where, field=field)
    name = value["name"]
    if name not in vocabulary:
        template = (QT_TRANSLATE_NOOP("core", "lesson step {step}: unknown action {name!r}; "
                                              "known actions: {known}") if field == "action"
                    else QT_TRANSLATE_NOOP("core", "lesson step {step}: unknown predicate "
                                                   "{name!r}; known predicates: {known}"))
        raise LessonFileError(template, step=where, name=name, known=", ".join(vocabulary))
    extra = sorted(str(key) for key in value if key not in ("name", "args"))
    arguments = value.get("args", {})
    if extra or not isinstance(arguments, dict):
        raise LessonFileError(QT_TRANSLATE_NOOP(
            "core", "lesson step {step}: \"{field}\" holds only \"name\" and an object "
                    "\"args\""), step=where, field=field)
    spec = vocabulary[name]
    checked: list[tuple[str, ArgValue]] = []
    for key, raw in arguments.items():
        if key not in spec:
            raise LessonFileError(QT_TRANSLATE_NOOP(
                "core", "lesson step {step}: {name} takes no argument {key!r}; it takes: "
                        "{known}"), step=where, name=name, key=key,
                known=", ".join(spec) or "-")
        converted = _converted(spec[key], raw)
        if converted is None:
            raise LessonFileError(QT_TRANSLATE_NOOP(
                "core", "lesson step {step}: {name}'s argument {key!r} must be {kind}"),
                step=where, name=name, key=key, kind=spec[key].kind)
        checked.append((key, converted))
    missing = [key for key, arg in spec.items() if arg.required and key not in arguments]
    if missing:
        raise LessonFileError(QT_TRANSLATE_NOOP(
            "core", "lesson step {step}: {name} needs the argument(s) {keys}"),
            step=where, name=name, keys=", ".join(missing))
    return Call(name, tuple(checked))


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def _converted(arg: Arg, value: object) -> ArgValue | None:
    """``value`` as ``arg`` wants it, or None if it is of another kind."""
    if arg.kind == "number":
        return _number(value)
    if arg.kind == "numbers":
        if not isinstance(value, list) or not value:
            return None
        numbers = [_number(v) for v in value]
        return None if None in numbers else tuple(numbers)
    if arg.kind == "text":
        return value if isinstance(value, str) else None
    return value if isinstance(value, bool) else None


def explorer_state(args: dict[str, ArgValue], where: str = "") -> ExplorerState:
    """The explorer's state an ``explorer`` action shows: its default with ``args`` replacing
    fields; LessonFileError naming the step if the explorer cannot show it."""
    from ce_desktop.core.entropy import explorer
    from ce_desktop.core.entropy.model import default_state

    state = default_state().to_dict()
    for key, value in args.items():
        state[key] = list(value) if isinstance(value, tuple) else value
    k = len(state["p"])
    for key in ("q", "logits"):  # a step that sets p alone compares it with a uniform q
        if key not in args and len(state[key]) != k:
            state[key] = [1.0 / k] * k if key == "q" else [0.0] * k
    try:
        return explorer.check_state(state)
    except ValueError as error:
        raise LessonFileError(QT_TRANSLATE_NOOP(
            "core", "lesson step {step}: the explorer cannot show this action: {reason}"),
            step=where, reason=error) from None
