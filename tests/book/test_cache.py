"""The one way the build keeps things (book/cache.py); the stores are tested through their users
(test_exec_cache.py, test_notebook_exec.py)."""

from __future__ import annotations

from pathlib import Path

from book import cache


def test_write_if_changed_writes_only_new_bytes(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "page.txt"
    assert cache.write_if_changed(path, "é\n") is True
    assert path.read_bytes() == "é\n".encode()
    stamp = path.stat().st_mtime_ns
    assert cache.write_if_changed(path, "é\n".encode()) is False
    assert path.stat().st_mtime_ns == stamp
    assert cache.write_if_changed(path, "e\n") is True
    assert path.read_text(encoding="utf-8") == "e\n"


def test_a_store_of_another_digest_is_removed(tmp_path: Path) -> None:
    old = cache.open_store(tmp_path, "old")
    old.put("key", "value")
    assert old.get("key") == "value"
    new = cache.open_store(tmp_path, "new")
    assert new.get("key") is None and not old.directory.exists()
