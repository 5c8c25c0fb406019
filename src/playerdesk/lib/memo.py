"""Small per-process caches with a time limit, for configuration read on every request."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
_caches: list[dict[Any, tuple[float, Any]]] = []
_lock = threading.Lock()


def ttl_cache(seconds: float, *, max_entries: int = 1024) -> Callable[[F], F]:
    """Remember a function's result per arguments for ``seconds`` (None is not remembered)."""

    def decorate(fn: F) -> F:
        store: dict[Any, tuple[float, Any]] = {}
        _caches.append(store)

        @functools.wraps(fn)
        def wrapper(*args: Any) -> Any:
            now = time.monotonic()
            hit = store.get(args)
            if hit is not None and now - hit[0] < seconds:
                return hit[1]
            value = fn(*args)
            if value is not None:
                with _lock:
                    if len(store) >= max_entries:
                        store.clear()
                    store[args] = (now, value)
            else:
                store.pop(args, None)
            return value

        wrapper.cache_clear = store.clear  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def clear_all() -> None:
    """Forget everything (tests call this between cases; admin changes call it locally)."""
    for store in _caches:
        store.clear()
