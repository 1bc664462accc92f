"""Semantics of the Bot API methods the emulator serves (everything except getUpdates)."""

from __future__ import annotations

import json
import re
import struct
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from coach.devtools.emulator.spec import Method, Upload, methods, visible_text
from coach.devtools.emulator.state import ApiError, Chat, StoredMessage, World
from coach.devtools.emulator.webhook import DEFAULT_MAX_CONNECTIONS

Handler = Callable[[World, dict[str, Any], dict[str, Any]], Any]

# Methods that deliver something into a chat, hence subject to block_chat/rate_limit.
DELIVERY_PREFIXES = ("send", "copy", "forward", "edit")
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply "
    "markup are exactly the same as a current content and reply markup of the message"
)
SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}\Z")
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"


def bot_user(token: str) -> dict[str, Any]:
    """The bot's own User object for a token (id = the digits before ':')."""
    return {
        "id": int(token.split(":", 1)[0]),
        "is_bot": True,
        "first_name": "Coach",
        "username": "coach_test_bot",
    }


def target_chat(world: World, chat_id: Any) -> Chat:
    """Resolve chat_id; unknown numeric ids become private chats so demos need no setup."""
    if not isinstance(chat_id, int):
        raise ApiError(400, "Bad Request: chat not found")
    return world.chat(chat_id)


def _edited_message(world: World, v: dict[str, Any]) -> StoredMessage:
    if "inline_message_id" in v:
        raise ApiError(400, "Bad Request: message to edit not found")
    if "chat_id" not in v or "message_id" not in v:
        raise ApiError(400, "Bad Request: message identifier is not specified", violation=True)
    msg = world.find_message(target_chat(world, v["chat_id"]).id, v["message_id"])
    if msg is None:
        raise ApiError(400, "Bad Request: message to edit not found")
    if not msg.from_bot:
        raise ApiError(400, "Bad Request: message can't be edited")
    return msg


def _norm_mode(mode: Any) -> str:
    return str(mode).lower() if mode else ""


def _edit_content(world: World, v: dict[str, Any], field_name: str) -> dict[str, Any]:
    msg = _edited_message(world, v)
    if field_name == "text" and msg.kind != "text":
        raise ApiError(400, "Bad Request: there is no text in the message to edit")
    if field_name == "caption" and msg.kind == "text":
        raise ApiError(400, "Bad Request: there is no caption in the message to edit")
    raw = v.get(field_name, "" if field_name == "caption" else None)
    if raw is None:
        raise ApiError(400, "Bad Request: text must be non-empty", violation=True)
    markup = v.get("reply_markup")
    same_text = raw == (msg.raw_text or "") and _norm_mode(v.get("parse_mode")) == _norm_mode(msg.parse_mode)
    if same_text and markup == msg.reply_markup:
        raise ApiError(400, NOT_MODIFIED)
    world.edit(
        msg,
        field_name=field_name,
        raw_text=raw,
        parse_mode=v.get("parse_mode"),
        reply_markup=markup,
    )
    return msg.json


def edit_message_text(world: World, bot: dict[str, Any], v: dict[str, Any]) -> Any:
    """editMessageText: replace text (and markup; omitting markup removes the keyboard)."""
    return _edit_content(world, v, "text")


def edit_message_caption(world: World, bot: dict[str, Any], v: dict[str, Any]) -> Any:
    """editMessageCaption: replace a photo/document caption."""
    return _edit_content(world, v, "caption")


def edit_message_reply_markup(world: World, bot: dict[str, Any], v: dict[str, Any]) -> Any:
    """editMessageReplyMarkup: replace or remove the inline keyboard."""
    msg = _edited_message(world, v)
    markup = v.get("reply_markup")
    if markup == msg.reply_markup:
        raise ApiError(400, NOT_MODIFIED)
    world.edit(msg, field_name=None, raw_text=None, parse_mode=None, reply_markup=markup)
    return msg.json


def delete_message(world: World, bot: dict[str, Any], v: dict[str, Any]) -> Any:
    """deleteMessage: mark a message deleted."""
    msg = world.find_message(target_chat(world, v["chat_id"]).id, v["message_id"])
    if msg is None:
        raise ApiError(400, "Bad Request: message to delete not found")
    msg.deleted = True
    world.message_signal.notify()
    return True


def send_message(world: World, bot: dict[str, Any], v: dict[str, Any]) -> Any:
    """sendMessage: store and return the new Message."""
    chat = target_chat(world, v["chat_id"])
    text, mode = v["text"], v.get("parse_mode")
    msg = world.add_bot_message(
        chat,
        "text",
        {"text": visible_text(text, mode)},
        raw_text=text,
        parse_mode=mode,
        reply_markup=v.get("reply_markup"),
    )
    return msg.json


def _image_size(content: bytes | None) -> tuple[int, int]:
    # PNG keeps width/height in the IHDR chunk; anything else gets a plausible default.
    if content and content[:8] == b"\x89PNG\r\n\x1a\n" and len(content) >= 24:
        return struct.unpack(">II", content[16:24])
    return 640, 480


def _media_file(world: World, v: dict[str, Any], raw: dict[str, Any], name: str, chat: Chat) -> dict[str, Any]:
    """The file record for an uploaded part, attach:// reference, known file_id or URL."""
    value = v[name]
    if isinstance(value, str) and value.startswith("attach://"):
        value = raw.get(value[len("attach://") :])
        if not isinstance(value, Upload):
            raise ApiError(400, f"Bad Request: file for {v[name]!r} is not attached", violation=True)
    if isinstance(value, Upload):
        return world.add_file(name, value.filename, value.mime_type, value.content, chat.id)
    known = world.files.get(value)
    if known is not None:
        return known
    if not str(value).startswith(("http://", "https://")):
        raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
    return world.add_file(name, str(value).rsplit("/", 1)[-1], None, None, chat.id)


def _send_media(world: World, v: dict[str, Any], raw: dict[str, Any], kind: str) -> Any:
    chat = target_chat(world, v["chat_id"])
    record = _media_file(world, v, raw, kind, chat)
    ids = {
        "file_id": record["file_id"],
        "file_unique_id": record["file_unique_id"],
        "file_size": record["size"],
    }
    if kind == "photo":
        width, height = _image_size(record["content"])
        content: dict[str, Any] = {"photo": [{**ids, "width": width, "height": height}]}
    else:
        content = {
            "document": {
                **ids,
                "file_name": record["filename"] or "file",
                "mime_type": record["mime_type"] or "application/octet-stream",
            }
        }
    caption, mode = v.get("caption"), v.get("parse_mode")
    if caption:
        content["caption"] = visible_text(caption, mode)
    msg = world.add_bot_message(
        chat,
        kind,
        content,
        raw_text=caption,
        parse_mode=mode,
        reply_markup=v.get("reply_markup"),
        file_id=record["file_id"],
    )
    if record["message_id"] is None:
        record["message_id"], record["chat_id"] = msg.message_id, chat.id
    return msg.json


def answer_callback_query(world: World, bot: dict[str, Any], v: dict[str, Any]) -> Any:
    """answerCallbackQuery: each issued query may be answered exactly once."""
    query = world.callback_queries.get(v["callback_query_id"])
    if query is None or query["answered"]:
        raise ApiError(400, QUERY_INVALID, violation=True)
    query["answered"] = True
    world.callback_answers.append(
        {
            "callback_query_id": v["callback_query_id"],
            "text": v.get("text"),
            "show_alert": bool(v.get("show_alert", False)),
            "url": v.get("url"),
            "user_id": query["user_id"],
            "message_id": query["message_id"],
            "data": query["data"],
        }
    )
    return True


def send_chat_action(world: World, bot: dict[str, Any], v: dict[str, Any]) -> Any:
    """sendChatAction: only the documented actions are accepted."""
    target_chat(world, v["chat_id"])
    if v["action"] not in CHAT_ACTIONS:
        raise ApiError(400, "Bad Request: wrong parameter action in request", violation=True)
    return True


def _commands_key(v: dict[str, Any]) -> tuple[str, str]:
    scope = v.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), v.get("language_code") or ""


def set_my_commands(world: World, bot: dict[str, Any], v: dict[str, Any]) -> Any:
    """setMyCommands: remember the list per (scope, language)."""
    world.commands[_commands_key(v)] = v["commands"]
    return True


def get_my_commands(world: World, bot: dict[str, Any], v: dict[str, Any]) -> Any:
    """getMyCommands: the list stored for (scope, language)."""
    return world.commands.get(_commands_key(v), [])


def delete_my_commands(world: World, bot: dict[str, Any], v: dict[str, Any]) -> Any:
    """deleteMyCommands: forget the list for (scope, language)."""
    world.commands.pop(_commands_key(v), None)
    return True


def get_me(world: World, bot: dict[str, Any], v: dict[str, Any]) -> Any:
    """getMe: the full bot User."""
    return {
        **bot,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def _webhook_url(url: str) -> str:
    # Telegram wants HTTPS; a local emulator delivers to plain http:// test servers too.
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
    return url


def _secret_token(v: dict[str, Any]) -> str | None:
    secret = v.get("secret_token")
    if secret and not SECRET_RE.match(secret):
        # 1-256 characters of A-Z, a-z, 0-9, _ and -: anything else is the bot's bug.
        raise ApiError(400, "Bad Request: secret token contains unallowed characters", violation=True)
    return secret or None


def set_webhook(world: World, bot: dict[str, Any], v: dict[str, Any]) -> Any:
    """setWebhook: deliver updates by POSTing them to url (an empty url removes the webhook)."""
    if not v["url"]:
        world.delete_webhook(bool(v.get("drop_pending_updates")))
        return True
    world.set_webhook(
        _webhook_url(v["url"]),
        _secret_token(v),
        min(max(v.get("max_connections", DEFAULT_MAX_CONNECTIONS), 1), 100),
        v.get("allowed_updates"),
        bool(v.get("drop_pending_updates")),
    )
    return True


def delete_webhook(world: World, bot: dict[str, Any], v: dict[str, Any]) -> Any:
    """deleteWebhook: back to getUpdates, optionally dropping pending updates."""
    world.delete_webhook(bool(v.get("drop_pending_updates")))
    return True


def get_webhook_info(world: World, bot: dict[str, Any], v: dict[str, Any]) -> Any:
    """getWebhookInfo: current webhook, queue size and the last delivery error."""
    info: dict[str, Any] = {
        "url": "",
        "has_custom_certificate": False,
        "pending_update_count": world.pending_count(),
    }
    session = world.webhook.session
    if session is None:
        return info
    info.update(url=session.url, max_connections=session.max_connections)
    if world.allowed_updates:
        info["allowed_updates"] = list(world.allowed_updates)
    if session.last_error_date is not None:
        info.update(last_error_date=session.last_error_date, last_error_message=session.last_error_message)
    return info


def get_chat(world: World, bot: dict[str, Any], v: dict[str, Any]) -> Any:
    """getChat: a ChatFullInfo with the fields PTB requires."""
    chat = target_chat(world, v["chat_id"])
    return {
        **chat.json,
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
        },
    }


def _generic(method: Method) -> Handler:
    """Fallback: plausible result for methods without dedicated semantics."""
    if method.name.startswith("send") and method.returns and method.returns[0] == "Message":
        kind = method.name[4:].lower()

        def generic_send(world: World, bot: dict[str, Any], v: dict[str, Any]) -> Any:
            chat = target_chat(world, v["chat_id"])
            caption = v.get("caption")
            content = {"caption": caption} if caption else {}
            return world.add_bot_message(
                chat,
                kind,
                content,
                raw_text=caption,
                parse_mode=v.get("parse_mode"),
                reply_markup=v.get("reply_markup"),
            ).json

        return generic_send
    return lambda world, bot, v: True


HANDLERS: dict[str, Handler] = {
    "getMe": get_me,
    "sendMessage": send_message,
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "answerCallbackQuery": answer_callback_query,
    "sendChatAction": send_chat_action,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "getChat": get_chat,
}
MEDIA = {"sendPhoto": "photo", "sendDocument": "document"}


def handle(world: World, bot: dict[str, Any], method: str, values: dict[str, Any], raw: dict[str, Any]) -> Any:
    """Run a validated call (getUpdates excluded) and return its result."""
    if method.startswith(DELIVERY_PREFIXES) and isinstance(values.get("chat_id"), int):
        world.check_delivery(values["chat_id"])
    if method in MEDIA:
        return _send_media(world, values, raw, MEDIA[method])
    handler = HANDLERS.get(method)
    if handler is None:
        handler = HANDLERS[method] = _generic(methods()[method])
    return handler(world, bot, values)
