"""One Jinja2 environment for every page: the user's override folder first, then the bundled
`prompts/`. StrictUndefined, so a missing variable fails loudly; HTML templates autoescape."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from tutor.paths import bundled_asset, cache_dir, templates_override_dir


@lru_cache(maxsize=4)
def environment(override_dir: Path | None = None) -> Any:
    from jinja2 import (
        Environment,
        FileSystemBytecodeCache,
        FileSystemLoader,
        StrictUndefined,
        select_autoescape,
    )

    search = [str(bundled_asset("prompts"))]
    override = override_dir if override_dir is not None else templates_override_dir()
    if override.is_dir():
        search.insert(0, str(override))
    env = Environment(
        loader=FileSystemLoader(search),
        undefined=StrictUndefined,
        autoescape=select_autoescape(["html", "htm", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(FileSystemBytecodeCache),
    )
    env.filters["duration"] = format_minutes
    env.filters["md_cell"] = lambda text: str(text).replace("|", "\\|").replace("\n", " ")
    return env


def _bytecode_cache(factory: Any) -> Any:
    """Compiled templates kept beside the compiled curriculum, so that a page does not parse
    its template on every run (Jinja checks each template's source checksum)."""
    folder = cache_dir() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return factory(str(folder)) if os.access(folder, os.W_OK) else None


def render(template: str, context: Any, override_dir: Path | None = None) -> str:
    data = context.as_dict() if hasattr(context, "as_dict") else dict(context)
    return str(environment(override_dir).get_template(template).render(**data))


def format_minutes(minutes: int) -> str:
    """95 -> '1 h 35 min'."""
    hours, mins = divmod(int(minutes), 60)
    if hours and mins:
        return f"{hours} h {mins} min"
    if hours:
        return f"{hours} h"
    return f"{mins} min"
