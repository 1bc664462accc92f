"""The wording is ready for translation catalogues: every text is a template with named placeholders, every call
site fills exactly those placeholders, and the modules already moved to the catalogue write no reply, toast or
button label in the code, as an f-string or as literal words (a translator must see whole sentences, not pieces
glued together in code)."""

from __future__ import annotations

import ast
import string
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

import coach
from coach.services import texts

PACKAGE_ROOT = Path(coach.__file__).parent
TEXTS_PACKAGE = PACKAGE_ROOT / "services" / "texts"

# The modules whose wording lives in coach.services.texts; add a module here once its inline text has moved.
CATALOGUED = (
    "services/checkins/daily.py",
    "services/checkins/notes.py",
    "services/participants/onboarding.py",
    "services/participants/erasure.py",
    "services/training/sessions.py",
    "services/training/programs.py",
    "services/reminders/schedules.py",
    "services/reminders/wording.py",
    "services/review/week.py",
    "services/free_text/messages.py",
    "services/free_text/questions.py",
    "services/plumbing/gate.py",
)


# --- the catalogue itself -----------------------------------------------------------------------------------------


def _strings(value: object) -> Iterator[str]:
    """The text in a catalogue entry: a template, or the templates inside a dict, tuple or list of them."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _strings(item)


CATALOGUE = {name: value for name, value in vars(texts).items()
             if name.isupper() and any(True for _ in _strings(value))}


def placeholders(template: str) -> set[str]:
    """The named placeholders of a template; ValueError for a positional or computed one."""
    names = set()
    for _, field, _, _ in string.Formatter().parse(template):
        if field is None:
            continue
        if not field.isidentifier():  # "", "0", "item.name", "item[0]": positional or reaching into a value
            raise ValueError(f"placeholder {{{field}}} is not a plain name")
        names.add(field)
    return names


def test_the_catalogue_is_found() -> None:
    """A guard for the tests below: they read the real catalogue, the feature modules' texts included."""
    assert {"INTRO", "FOOT_ANSWER_SAVED_FINE", "ERASE_ASK", "SCHEDULE_LINES", "WEEK_TITLE"} <= set(CATALOGUE)


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_every_template_has_named_placeholders_only_and_formats(name: str) -> None:
    for template in _strings(CATALOGUE[name]):
        template.format(**{field: 7 for field in placeholders(template)})  # 7 suits "{length:,}" as well as text


def test_each_text_has_one_name_across_the_feature_modules() -> None:
    """The feature modules are re-exported into one namespace: a name defined twice would silently hide one."""
    defined: dict[str, list[str]] = defaultdict(list)
    for path in sorted(TEXTS_PACKAGE.glob("*.py")):
        for node in ast.parse(path.read_text()).body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
                if isinstance(node, ast.AnnAssign) else []
            for target in targets:
                if isinstance(target, ast.Name) and target.id.isupper():
                    defined[target.id].append(path.name)
    assert {name: where for name, where in defined.items() if len(where) > 1} == {}


def test_the_feature_modules_are_all_re_exported() -> None:
    init = (TEXTS_PACKAGE / "__init__.py").read_text()
    for path in TEXTS_PACKAGE.glob("*.py"):
        if path.name != "__init__.py":
            assert f"from coach.services.texts.{path.stem} import *" in init, path.name


# --- the call sites ---------------------------------------------------------------------------------------------


def _texts_names(node: ast.AST) -> set[str]:
    """The catalogue names an expression mentions (`texts.NAME`)."""
    return {sub.attr for sub in ast.walk(node)
            if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id == "texts"}


class FormatSites(ast.NodeVisitor):
    """Every `.format(...)` on a catalogue text in one module: directly (`texts.X.format`), through a dict or
    tuple of them (`texts.ANSWERS[topic].format`), or through a name bound to texts (`chosen = texts.A if c else
    texts.B` … `chosen.format`, or a module-level table of them)."""

    def __init__(self, tree: ast.Module) -> None:
        self.scopes = [_bindings(tree.body)]  # the module's names, then the function's being visited
        self.sites: list[tuple[set[str], set[str] | None, int]] = []  # (names, keywords or None for **, line)
        self.formatted: set[str] = set()
        self.visit(tree)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:  # noqa: N802 (the visitor's naming)
        self.scopes.append(_bindings(node.body))
        self.generic_visit(node)
        self.scopes.pop()

    def _bound(self, name: str) -> set[str]:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return set()

    def visit_Call(self, node: ast.Call) -> None:  # noqa: N802 (the visitor's naming)
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "format":
            receiver = func.value
            while isinstance(receiver, ast.Subscript):
                receiver = receiver.value
            names = _texts_names(receiver) if isinstance(receiver, ast.Attribute) else \
                self._bound(receiver.id) if isinstance(receiver, ast.Name) else set()
            if names:
                keywords = None if any(k.arg is None for k in node.keywords) else {k.arg for k in node.keywords}
                self.sites.append((names, keywords, node.lineno))
                self.formatted |= names
        self.generic_visit(node)


def _bindings(body: list[ast.stmt]) -> dict[str, set[str]]:
    """Names assigned catalogue texts in a block (and the blocks inside it, short of a nested function)."""
    bound: dict[str, set[str]] = defaultdict(set)
    pending = list(body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and _texts_names(node.value):
                    bound[target.id] |= _texts_names(node.value)
        pending.extend(ast.iter_child_nodes(node))
    return bound


def _modules() -> list[Path]:
    return sorted(path for path in PACKAGE_ROOT.rglob("*.py") if TEXTS_PACKAGE not in path.parents)


def _sites() -> Iterator[tuple[str, FormatSites]]:
    for path in _modules():
        source = path.read_text()
        if "texts" in source:
            yield str(path.relative_to(PACKAGE_ROOT)), FormatSites(ast.parse(source, str(path)))


def test_every_name_a_module_reads_from_the_catalogue_exists() -> None:
    missing = []
    for path in _modules():
        source = path.read_text()
        if "from coach.services import texts" in source:
            missing += [f"{path.relative_to(PACKAGE_ROOT)}: texts.{name}"
                        for name in sorted(_texts_names(ast.parse(source))) if not hasattr(texts, name)]
    assert missing == []


def mismatches(where: str, sites: FormatSites) -> list[str]:
    """Call sites whose keywords are not exactly the placeholders of the template(s) they format."""
    problems = []
    for names, keywords, line in sites.sites:
        if keywords is None:  # **values: checked where the values are built
            continue
        for name in sorted(names):
            value = getattr(texts, name, None)
            for template in _strings(value):
                wanted = placeholders(template)
                # A table (ANSWERS) shares one call: each entry uses some of the values given.
                exact = isinstance(value, str)
                if not wanted <= keywords or (exact and wanted != keywords):
                    problems.append(f"{where}:{line} {name} wants {sorted(wanted)}, given {sorted(keywords)}")
    return problems


def test_the_call_site_check_catches_a_missing_or_stray_placeholder() -> None:
    """Each function's names are its own: `chosen` is two templates in one function and a third in another."""
    source = ast.parse('''
def screening(answer, q):
    chosen = texts.ANSWERED_YES if answer else texts.ANSWERED_NO
    return chosen.format(question=q)
def condition(q):
    chosen = texts.ANSWERED_CONDITION
    return chosen.format(question=q)
def timezone(zone):
    return texts.TIMEZONE_SET.format(zone=zone, time="09:00", day="Mon")
''')
    assert mismatches("example", FormatSites(source)) == [
        "example:7 ANSWERED_CONDITION wants ['condition', 'question'], given ['question']",
        "example:9 TIMEZONE_SET wants ['time', 'zone'], given ['day', 'time', 'zone']"]


def test_each_call_site_fills_exactly_the_placeholders_of_its_template() -> None:
    """A placeholder left out is a KeyError in front of a participant; one given but not in the text is a
    template that lost a word."""
    assert [problem for where, sites in _sites() for problem in mismatches(where, sites)] == []


def test_no_template_with_placeholders_is_sent_unformatted() -> None:
    """A template with placeholders must be formatted somewhere, or "{name}" would reach a participant."""
    formatted = set().union(*(sites.formatted for _, sites in _sites()))
    unformatted = {name for name, value in CATALOGUE.items() if any(placeholders(t) for t in _strings(value))}
    assert unformatted - formatted == set()


# --- no inline wording in the catalogued modules ------------------------------------------------------------------

# Where a participant-facing text goes in each call: (its position, or None for keyword only; its keyword).
TEXT_ARGUMENTS = {"say": (0, "text"), "Reply": (0, "text"), "Button": (0, "label"), "Notice": (1, "text"),
                  "AdminAlert": (1, "text"), "Outcome": (None, "toast"), "Document": (2, "caption"),
                  "replace": (None, "text")}


def _wording(node: ast.AST) -> Iterator[ast.expr]:
    """f-strings in an expression and words written into it, except inside the values given to `.format(...)`
    (those are data)."""
    yield from (part for part in _text_parts(node)
                if isinstance(part, ast.Constant) and isinstance(part.value, str)
                and any(c.isalpha() for c in part.value))  # separators such as "\\n\\n" have no letters
    yield from _fstrings(node)


def _text_parts(node: ast.AST) -> Iterator[ast.expr]:
    """The pieces that become the text itself: the expression, or what is added, chosen or joined into it
    (not a keyword such as source="typed", a condition, or the values given to a template)."""
    if isinstance(node, ast.BinOp):
        yield from _text_parts(node.left)
        yield from _text_parts(node.right)
    elif isinstance(node, ast.IfExp):
        yield from _text_parts(node.body)
        yield from _text_parts(node.orelse)
    elif isinstance(node, ast.List | ast.Tuple | ast.Starred):
        for element in (node.elts if not isinstance(node, ast.Starred) else [node.value]):
            yield from _text_parts(element)
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join":
        for argument in node.args:
            yield from _text_parts(argument)
    elif isinstance(node, ast.expr):
        yield node


def _fstrings(node: ast.AST) -> Iterator[ast.JoinedStr]:
    """f-strings anywhere in an expression, except inside the values given to `.format(...)`."""
    if isinstance(node, ast.JoinedStr):
        yield node
        return
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        yield from _fstrings(node.func.value)
        return
    for child in ast.iter_child_nodes(node):
        yield from _fstrings(child)


def _called(node: ast.Call) -> str:
    return node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")


def inline_wording(source: str) -> list[int]:
    """Lines where a reply text, toast or button label is written in the code (literal words, or an f-string),
    directly or through a name assigned one."""
    tree = ast.parse(source)
    built: dict[str, int] = {}  # names assigned literal words or an f-string
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and any(True for _ in _wording(node.value)):
                    built[target.id] = node.lineno
    lines = []

    def check(expression: ast.AST) -> None:
        lines.extend(found.lineno for found in _wording(expression))
        lines.extend(built[part.id] for part in _text_parts(expression)
                     if isinstance(part, ast.Name) and part.id in built)

    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        called = _called(node)
        if called in TEXT_ARGUMENTS:
            position, name = TEXT_ARGUMENTS[called]
            if position is not None and len(node.args) > position:
                check(node.args[position])
            for keyword in node.keywords:
                if keyword.arg == name:
                    check(keyword.value)
        elif called == "button_rows":
            for row in node.args:
                for element in ast.walk(row):
                    if isinstance(element, ast.Tuple) and element.elts:
                        check(element.elts[0])  # (label, callback data): the data may well be an f-string
    return sorted(set(lines))


def test_the_inline_wording_check_catches_what_it_should() -> None:
    """The check below would fail for each of these, and passes data handed to a template."""
    caught = inline_wording('''
Outcome().say(f"Saved for {day}.")
Outcome(toast=f"{n} saved")
Reply("Hello " + f"{name}!")
text = f"Paused for {days} days"
outcome.say(text, edit=True)
button_rows([(f"Use {zone}", "tz:1")])
Outcome(toast="Got it")
Document("export.csv", b"", caption=f"Your data, {day}")
outcome.say(texts.CHECKIN_HOW + "\\nSee you!" if late else "Bye")
footer = "Well done."
outcome.say("\\n".join([texts.SCHEDULE_UPDATED, footer]))
''')
    assert caught == [2, 3, 4, 5, 7, 8, 9, 10, 11]
    assert inline_wording('''
Outcome().say(texts.LOG_ADD_DETAILS.format(example=f"/log {day} done"))
button_rows([(texts.BUTTON_YES, f"scr:{index}:1")])
key = f"screen:{index}"
Outcome(toast=texts.TOAST_SAVED).say(texts.SESSION_HEADER.format(session=key))
saved = store.save(source="typed", status="done" if done else "skipped")
Outcome().say(texts.SCHEDULE_UPDATED + "\\n\\n" + saved.text)
kind = "skipped"
outcome.say(texts.SESSION_SKIPPED if kind == "skipped" else texts.SESSION_WELL_DONE)
''') == []


@pytest.mark.parametrize("module", CATALOGUED)
def test_a_catalogued_module_writes_no_text_inline(module: str) -> None:
    assert inline_wording((PACKAGE_ROOT / module).read_text()) == [], f"inline wording in {module}"
