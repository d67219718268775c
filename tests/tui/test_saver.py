"""The saver runs saves in order, coalesces a burst, and reports failures."""

import threading

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
