"""pydantic's validation errors as the one line the user reads.

::

    auditor.toml: accounts.shop.port: expected an integer, got 'abc'
    auditor.toml: audit.fail_onn: unknown key (known: fail_on, ignore, …)
    auditor.toml: campaigns[0]: missing key 'name'

The first error in the file's order is the one reported; what was expected
is read from the model's annotation at the error's location, so the wording
is the same for every section.
"""

from __future__ import annotations

import types
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from auditor.config.sections import RANGE
from auditor.errors import ConfigError

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)
#: keys that would hold a secret: never accepted, whatever the table
SECRET_KEYS = ("password", "smtp_password", "token")
_NAMES = {
    str: "a string",
    int: "an integer",
    float: "an integer or a number",
    bool: "true or false",
}


def validate(data: Any, model: type[M], where: str, path: str = "") -> M:
    """``data`` checked against ``model``; a :class:`ConfigError` naming
    ``where`` (the file or variable) and the key (under ``path``) otherwise."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    first = min(errors, key=lambda e: _position(data, e["loc"]))
    raise ConfigError(message(first, data, model, where, path)) from None


def message(error: ErrorDetails, data: Any, model: type[BaseModel], where: str, path: str) -> str:
    """One pydantic error as ``WHERE: KEY: what is wrong``."""
    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    if kind == RANGE and "key" in error.get("ctx", {}):
        loc += (error["ctx"]["key"],)
    while loc and isinstance(loc[-1], int) and _is_scalar_list(_type_at(model, loc[:-1])):
        loc = loc[:-1]  # a list of strings is named whole: "select: expected a list of strings"
    full = _join(path, loc)
    at = _at(where, full)
    if kind == "extra_forbidden" and loc[-1] in SECRET_KEYS:
        return (
            f"{at}: secrets are never read from the config file; name where to get it instead "
            "(password_env, password_command or password_keyring)"
        )
    if kind == "extra_forbidden":
        return f"{at}: unknown key (known: {', '.join(_known(_type_at(model, loc[:-1])))})"
    if kind == "missing" and len(loc) > 1 and isinstance(loc[-2], int):
        return f"{_at(where, _join(path, loc[:-1]))}: missing key {loc[-1]!r}"
    if kind == "missing":
        return f"{at}: missing"
    if kind == RANGE:
        return f"{at}: {error['msg']}"
    expected = _describe(_type_at(model, loc), full)
    if expected.startswith(("a table", "an array of tables")):
        return f"{at}: expected {expected}"
    return f"{at}: expected {expected}, got {_value_at(data, loc)!r}"


def _at(where: str, key: str) -> str:
    key = key or "(top level)"
    return f"{where}: {key}" if where else key


def _join(path: str, loc: Loc) -> str:
    for step in loc:
        path = f"{path}[{step}]" if isinstance(step, int) else f"{path}.{step}" if path else step
    return path


def _position(data: Any, loc: Any) -> list[int]:
    """Where the error's key sits in the file: errors are reported in file
    order; a missing key comes after every key of its table."""
    where: list[int] = []
    for step in loc:
        if isinstance(data, dict) and step in data:
            where.append(list(data).index(step))
            data = data[step]
        elif isinstance(data, list) and isinstance(step, int) and step < len(data):
            where.append(step)
            data = data[step]
        else:
            where.append(len(data) if isinstance(data, dict | list) else 0)
            data = None
    return where


def _value_at(data: Any, loc: Loc) -> Any:
    for step in loc:
        data = data[step]
    return data


def _strip(tp: Any) -> Any:
    """The type without ``Annotated`` checks and ``| None``."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _known(tp: Any) -> list[str]:
    tp = _strip(tp)
    return sorted(f.alias or n for n, f in tp.model_fields.items()) if _is_model(tp) else []


def _type_at(model: Any, loc: Loc) -> Any:
    """The annotation the model gives the value at ``loc``."""
    tp = model
    for step in loc:
        tp = _strip(tp)
        if _is_model(tp):
            fields = {f.alias or n: f.annotation for n, f in tp.model_fields.items()}
            tp = fields.get(str(step), Any)
        elif get_origin(tp) is dict:
            tp = get_args(tp)[1]
        elif get_origin(tp) is list:
            tp = get_args(tp)[0]
        else:
            return Any
    return tp


def _is_scalar_list(tp: Any) -> bool:
    tp = _strip(tp)
    return get_origin(tp) is list and not _is_model(_strip(get_args(tp)[0]))


def _describe(tp: Any, path: str) -> str:
    tp = _strip(tp)
    origin = get_origin(tp)
    if origin is Literal:
        return "one of " + ", ".join(repr(v) for v in get_args(tp))
    if origin is list and _is_model(_strip(get_args(tp)[0])):
        return f"an array of tables ([[{path}]])"
    if origin is list:
        return "a list of strings" if _strip(get_args(tp)[0]) is str else "a list"
    if origin is dict or _is_model(tp):
        return "a table"
    return _NAMES.get(tp, getattr(tp, "__name__", str(tp)))
