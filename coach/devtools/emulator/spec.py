"""Bot API method table and the call validation the emulator applies to every request."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

SPEC_PATH = Path(__file__).with_name("api.min.json")

# Scalar types arrive as plain form strings; everything else is JSON-serialized by the client.
_SCALARS = frozenset({"Integer", "String", "Boolean", "Float", "InputFile"})
_INT_RE = re.compile(r"-?\d+\Z")
_TRUE = frozenset({"true", "1"})
_FALSE = frozenset({"false", "0"})

TEXT_LIMITS = {  # (method, field) -> (min, max) characters after entity parsing
    ("sendMessage", "text"): (1, 4096),
    ("editMessageText", "text"): (1, 4096),
    ("answerCallbackQuery", "text"): (0, 200),
}
CAPTION_MAX = 1024
CALLBACK_DATA_MAX_BYTES = 64

# Telegram accepts exactly one action per inline button.
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_HTML_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "tg-emoji",
        "code",
        "pre",
        "blockquote",
        "tg-time",
    }
)
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)?>")
# Characters MarkdownV2 never uses as markup, so an unescaped one is always an error.
_MDV2_RESERVED = frozenset("#+-={}.!")
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}\Z")


@dataclass(frozen=True, slots=True)
class Field:
    """One parameter of a Bot API method."""

    name: str
    types: tuple[str, ...]
    required: bool

    @property
    def structured(self) -> bool:
        """True when the value must be a JSON object or array (no scalar type allowed)."""
        return not any(t in _SCALARS for t in self.types)


@dataclass(frozen=True, slots=True)
class Method:
    """A Bot API method: its fields and documented return types."""

    name: str
    fields: dict[str, Field]
    returns: tuple[str, ...]


class Upload:
    """A file part of a multipart request (kept here so validation can recognise uploads)."""

    __slots__ = ("name", "filename", "mime_type", "content")

    def __init__(self, name: str, filename: str, mime_type: str, content: bytes) -> None:
        self.name, self.filename, self.mime_type, self.content = name, filename, mime_type, content

    def summary(self) -> dict[str, Any]:
        """JSON-friendly description without the bytes."""
        return {"upload": self.filename, "mime_type": self.mime_type, "size": len(self.content)}


@cache
def methods() -> dict[str, Method]:
    """Load the method table once per process."""
    raw = json.loads(SPEC_PATH.read_text(encoding="utf-8"))["methods"]
    return {
        name: Method(
            name=name,
            fields={f["name"]: Field(f["name"], tuple(f["types"]), bool(f["required"])) for f in m.get("fields", [])},
            returns=tuple(m.get("returns", [])),
        )
        for name, m in raw.items()
    }


def parse_bool(value: Any) -> bool | None:
    """Telegram's boolean parsing; None when the value is not a boolean."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        low = value.strip().lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
    return None


def parse_int(value: Any) -> int | None:
    """Integer parsing that rejects bools and non-integral strings; None when invalid."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _INT_RE.match(value.strip()):
        return int(value)
    return None


def _parse_float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _parse_structured(value: Any, field: Field) -> Any:
    """Decode a JSON object/array field; raises ValueError when it is not one."""
    if isinstance(value, str):
        value = json.loads(value)
    want_list = all(t.startswith("Array of") for t in field.types)
    if want_list and not isinstance(value, list):
        raise ValueError("expected a JSON array")
    if not want_list and not isinstance(value, dict | list):
        raise ValueError("expected a JSON object")
    return value


def coerce(field: Field, value: Any) -> tuple[Any, str | None]:
    """Convert a raw (form string or JSON) value to its native type; returns (value, problem)."""
    types = field.types
    if isinstance(value, Upload):
        ok = "InputFile" in types
        return value, None if ok else f"field '{field.name}' does not accept a file upload"
    if "InputFile" in types:
        return value, None  # file_id, URL or attach:// reference
    if field.structured:
        try:
            return _parse_structured(value, field), None
        except (ValueError, TypeError) as exc:
            return value, f"field '{field.name}' must be JSON ({types[0]}): {exc}"
    if "Integer" in types:
        number = parse_int(value)
        if number is not None:
            return number, None
        if "String" not in types:
            return value, f"field '{field.name}' must be an Integer, got {value!r}"
    if "Float" in types:
        number = _parse_float(value)
        if number is not None:
            return number, None
        return value, f"field '{field.name}' must be a Float, got {value!r}"
    if "Boolean" in types:
        flag = parse_bool(value)
        if flag is None:
            return value, f"field '{field.name}' must be a Boolean, got {value!r}"
        return flag, None
    if isinstance(value, dict | list):
        return value, f"field '{field.name}' must be a String, got JSON {type(value).__name__}"
    return (value if isinstance(value, str) else json.dumps(value)), None


def markdown_v2_problems(text: str) -> list[str]:
    """Unescaped reserved characters Telegram's MarkdownV2 parser rejects (outside code/URLs)."""
    in_code = in_url = False
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "`":
            in_code = not in_code
        elif in_code:
            pass
        elif in_url:
            in_url = ch != ")"
        elif ch == "(" and i > 0 and text[i - 1] == "]":
            in_url = True
        elif ch in _MDV2_RESERVED:
            return [
                f"can't parse entities: character '{ch}' is reserved and must be escaped "
                f"with the preceding '\\' (offset {i})"
            ]
        i += 1
    return []


def html_problems(text: str) -> list[str]:
    """Problems Telegram's HTML parse mode would reject (unsupported/unbalanced tags, bare '<')."""
    problems: list[str] = []
    stack: list[str] = []
    pos = text.find("<")
    while pos != -1:
        match = _TAG_RE.match(text, pos)
        if match is None:
            problems.append(f"can't parse entities: unescaped '<' at offset {pos}")
            break
        closing, tag = match.group(1), match.group(2).lower()
        if tag not in _HTML_TAGS:
            problems.append(f"can't parse entities: unsupported tag <{closing}{tag}>")
            break
        if not closing:
            stack.append(tag)
        elif not stack or stack.pop() != tag:
            problems.append(f"can't parse entities: unmatched end tag </{tag}>")
            break
        pos = text.find("<", match.end())
    if not problems and stack:
        problems.append(f"can't parse entities: can't find end tag for <{stack[-1]}>")
    return problems


def visible_text(text: str, parse_mode: str | None) -> str:
    """Text as the user sees it, i.e. what Telegram's length limits apply to."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        return html.unescape(_TAG_RE.sub("", text))
    if mode in ("markdown", "markdownv2"):
        # Lenient lower bound: drop escapes and markup characters so we never over-count.
        return re.sub(r"\\(.)|[*_~|`\[\]]", r"\1", text)
    return text


def keyboard_problems(markup: Any) -> list[str]:
    """Problems with an inline keyboard Telegram would answer BUTTON_DATA_INVALID & co. for."""
    if not isinstance(markup, dict) or "inline_keyboard" not in markup:
        return []
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        return ["inline_keyboard must be an array of button rows"]
    problems = []
    for r, row in enumerate(rows):
        for c, button in enumerate(row):
            where = f"inline button [{r}][{c}]"
            if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                problems.append(f"{where} must be an object with a text")
                continue
            if not button["text"]:
                problems.append(f"{where} has an empty text")
            actions = [a for a in _BUTTON_ACTIONS if a in button]
            if len(actions) != 1:
                problems.append(f"{where} must have exactly one action, has {actions}")
            data = button.get("callback_data")
            if data is not None:
                size = len(str(data).encode("utf-8"))
                if not 1 <= size <= CALLBACK_DATA_MAX_BYTES:
                    problems.append(
                        f"BUTTON_DATA_INVALID: {where} callback_data is {size} bytes "
                        f"(allowed 1..{CALLBACK_DATA_MAX_BYTES}): {str(data)[:80]!r}"
                    )
    return problems


def _commands_problems(commands: Any) -> list[str]:
    if not isinstance(commands, list):
        return []
    problems = []
    for cmd in commands:
        name = cmd.get("command") if isinstance(cmd, dict) else None
        desc = cmd.get("description") if isinstance(cmd, dict) else None
        if not isinstance(name, str) or not _COMMAND_RE.match(name):
            problems.append(f"BOT_COMMAND_INVALID: {name!r} (1-32 chars of a-z, 0-9, _)")
        if not isinstance(desc, str) or not 1 <= len(desc) <= 256:
            problems.append(f"command description for {name!r} must be 1-256 characters")
    return problems


def _semantic_problems(method: str, values: dict[str, Any]) -> list[str]:
    """Limits Telegram enforces beyond the type table."""
    problems: list[str] = []
    parse_mode = values.get("parse_mode")
    for name in ("text", "caption"):
        text = values.get(name)
        if not isinstance(text, str):
            continue
        mode = parse_mode.lower() if isinstance(parse_mode, str) else ""
        if mode == "html":
            problems += html_problems(text)
        elif mode == "markdownv2":
            problems += markdown_v2_problems(text)
        limits = TEXT_LIMITS.get((method, name), (0, CAPTION_MAX) if name == "caption" else None)
        if limits is None:
            continue
        size = len(visible_text(text, parse_mode))
        if size < limits[0]:
            problems.append(f"{method}.{name} is empty (message text is empty)")
        elif size > limits[1]:
            problems.append(f"{method}.{name} is too long ({size} > {limits[1]} characters)")
    if "reply_markup" in values:
        problems += keyboard_problems(values["reply_markup"])
    if method == "setMyCommands":
        problems += _commands_problems(values.get("commands"))
    return problems


def check_call(method: str, params: dict[str, Any]) -> tuple[dict[str, Any], list[str], bool]:
    """Coerce and validate one call; returns (native values, problems, method_known)."""
    spec = methods().get(method)
    if spec is None:
        return dict(params), [f"unknown method '{method}'"], False
    # JSON bodies may carry explicit nulls; Telegram treats them as absent.
    params = {k: v for k, v in params.items() if v is not None}
    values: dict[str, Any] = {}
    problems: list[str] = []
    attachments = _attach_refs(params)
    for name, raw in params.items():
        field = spec.fields.get(name)
        if field is None:
            if isinstance(raw, Upload) and name in attachments:
                continue  # multipart part referenced via attach://<name>
            problems.append(f"unknown field '{name}' for method {method}")
            continue
        value, problem = coerce(field, raw)
        values[name] = value
        if problem:
            problems.append(problem)
    for field in spec.fields.values():
        if field.required and field.name not in params:
            problems.append(f"required field '{field.name}' is missing")
    if not problems:
        problems = _semantic_problems(method, values)
    return values, problems, True


def _attach_refs(params: dict[str, Any]) -> set[str]:
    """Names referenced as attach://<name> anywhere in string parameter values."""
    refs: set[str] = set()
    for value in params.values():
        if isinstance(value, str) and "attach://" in value:
            refs.update(re.findall(r"attach://([A-Za-z0-9_-]+)", value))
    return refs


def validate_call(method: str, params: dict[str, Any]) -> list[str]:
    """Problems Telegram would reject this call for (empty list when the call is valid)."""
    return check_call(method, params)[1]
