"""Where things live: the state root and the bundled assets.

All state sits under one root: `TUTOR_HOME` when set, else the platform's user data directory.
Bundled assets (`curriculum/`, `prompts/`) are found through one resolver that works both from a
source checkout and from an installed wheel, where they ship as `tutor/_data/...`.
"""

from __future__ import annotations

import os
from pathlib import Path

from tutor.errors import StoreError

APP_NAME = "tutor"


def state_root() -> Path:
    """The folder that holds every learner's progress (not created here)."""
    env = os.environ.get("TUTOR_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def database_path(root: Path | None = None) -> Path:
    return (root or state_root()) / "tutor.db"


def cache_dir(root: Path | None = None) -> Path:
    """The compiled-curriculum cache: `TUTOR_CACHE_DIR`, else `cache/` under the state root."""
    env = os.environ.get("TUTOR_CACHE_DIR")
    if env and root is None:
        return Path(env).expanduser()
    return (root or state_root()) / "cache"


def templates_override_dir(root: Path | None = None) -> Path:
    return (root or state_root()) / "prompts"


def ensure_writable_root(root: Path | None = None) -> Path:
    """Create the state root if needed; a one-line error if it cannot be used."""
    root = root or state_root()
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the state folder {root}: {exc.strerror or exc}") from exc
    if not os.access(root, os.W_OK | os.X_OK):
        raise StoreError(f"the state folder {root} is not writable (set TUTOR_HOME to move it)")
    return root


def bundled_asset(name: str) -> Path:
    """Path of a bundled asset folder (`curriculum` or `prompts`).

    Installed wheel: `tutor/_data/<name>` inside the package. Source checkout (editable
    install, tests): `<repo>/<name>`.
    """
    package = Path(__file__).resolve().parent
    packaged = package / "_data" / name  # a wheel installs as plain files next to this module
    if packaged.is_dir():
        return packaged
    source = package.parent / name
    if source.is_dir():
        return source
    raise FileNotFoundError(f"bundled {name} not found (looked in {packaged} and {source})")
