"""The saver runs saves in order, coalesces a burst, and reports failures."""

import threading
import time

from quorum.tui.saver import Saver


def test_saves_run_in_order_and_flush_waits():
    done: list[int] = []
    gate = threading.Event()
    saver = Saver()
    saver.submit("a", lambda: (gate.wait(5), done.append(1)))
    saver.submit("b", lambda: done.append(2))
    saver.submit("c", lambda: done.append(3))
    gate.set()
    assert saver.flush(5)
    assert done == [1, 2, 3]
    saver.close()


def test_a_newer_save_of_the_same_key_replaces_the_waiting_one():
    done: list[str] = []
    gate = threading.Event()
    saver = Saver()
    saver.submit("block", lambda: gate.wait(5))
    for i in range(5):
        saver.submit("meeting:1", lambda i=i: done.append(f"v{i}"))
    gate.set()
    saver.flush(5)
    assert done == ["v4"]
    saver.close()


def test_failures_are_reported():
    seen = []
    saver = Saver(on_done=lambda key, err: seen.append((key, type(err).__name__ if err else None)))
    saver.submit("x", lambda: 1 / 0)
    saver.submit("y", lambda: None)
    saver.flush(5)
    saver.close()
    assert seen == [("x", "ZeroDivisionError"), ("y", None)]


def test_a_save_the_disk_refuses_is_kept_first_in_line_and_retried_until_it_lands():
    from quorum.store.errors import WriteFailed

    room = threading.Event()
    done: list[str] = []
    seen: list[tuple[str, str | None]] = []

    def save(name: str):
        def run():
            if not room.is_set():
                raise WriteFailed("error.write_failed", path="q.json.journal", detail="full")
            done.append(name)

        return run

    saver = Saver(
        on_done=lambda key, err: seen.append((key, type(err).__name__ if err else None)),
        retry_s=0.01,
    )
    saver.submit("a", save("a1"))
    saver.submit("b", save("b1"))
    assert not saver.flush(5)  # returns at once while failing, nothing lost
    assert saver.failure is not None
    saver.submit("a", save("a2"))  # a newer save of the same key replaces the kept one
    room.set()
    saver.retry_now()
    deadline = time.monotonic() + 5
    while saver.failure is not None and time.monotonic() < deadline:
        time.sleep(0.005)  # the retry runs on the saver's thread
    assert saver.failure is None
    assert saver.flush(5)
    assert sorted(done) == ["a2", "b1"]
    assert ("a", "WriteFailed") in seen
    saver.close()


def test_closing_while_the_disk_refuses_gives_up_after_one_more_try():
    from quorum.store.errors import WriteFailed

    tries: list[int] = []

    def never():
        tries.append(1)
        raise WriteFailed("error.write_failed", path="q.json.journal", detail="full")

    saver = Saver(retry_s=60)
    saver.submit("a", never)
    saver.flush(5)
    saver.close()  # does not wait the minute: one more try, then it stops
    assert len(tries) == 2
    assert saver.failure is not None  # for the caller to tell
