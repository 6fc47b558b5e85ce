"""Detection and checking release the GIL: another Python thread keeps
running while a long call is in Rust."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable, Dict, List

import pytest

import flyconf

BIG_TOML = 'app = "big"\nprimary_region = "iad"\n[env]\n' + "".join(
    f'  KEY_{i} = "value {i}"\n' for i in range(40000)
)
BIG_PROJECT: Dict[str, str] = {
    f"src/pkg{i // 100}/mod{i}.py": "import os\nprint(os.getcwd())\n" * 40 for i in range(8000)
}


EDGE = 0.008  # seconds: more than the 5 ms switch interval


def ran_meanwhile(call: Callable[[], object]) -> bool:
    """Whether another Python thread ran while `call` was in Rust.

    The other thread wakes every millisecond and notes the time; it needs
    the GIL to do so. A call that holds the GIL lets it run only at the
    call's edges (within one switch interval, 5 ms), never in the middle.
    """
    seen: List[float] = []
    stop = threading.Event()

    def tick() -> None:
        while not stop.is_set():
            seen.append(time.perf_counter())
            time.sleep(0.001)

    thread = threading.Thread(target=tick)
    thread.start()
    time.sleep(0.01)
    start = time.perf_counter()
    call()
    end = time.perf_counter()
    stop.set()
    thread.join()
    assert end - start > 4 * EDGE, f"the call took only {(end - start) * 1e3:.0f} ms; make the input bigger"
    return any(start + EDGE <= t <= end - EDGE for t in seen)


@pytest.fixture(scope="module")
def big_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("big")
    for path, text in BIG_PROJECT.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "name", ["check", "parse", "detect_files", "detect", "recommend"],
)
def test_releases_the_gil(name: str, big_dir: Path) -> None:
    calls: Dict[str, Callable[[], object]] = {
        "check": lambda: flyconf.check(BIG_TOML),
        "parse": lambda: flyconf.parse(BIG_TOML),
        "detect_files": lambda: flyconf.detect_files(BIG_PROJECT),
        "detect": lambda: flyconf.detect(big_dir),
        "recommend": lambda: flyconf.recommend(big_dir),
    }
    assert ran_meanwhile(calls[name]), f"{name} held the GIL"


def test_the_probe_sees_a_call_that_holds_the_gil() -> None:
    # sum() over a range is C code that never releases the GIL.
    assert not ran_meanwhile(lambda: sum(range(20_000_000)))


def test_threads_share_the_work() -> None:
    """Concurrent checks from several threads all succeed and agree."""
    text = BIG_TOML
    want = flyconf.check(text)
    results = []

    def work() -> None:
        results.append(flyconf.check(text))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [want] * 4
