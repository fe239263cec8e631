"""Run a benchmark's entry point in a thread of its own. The browser tests of the same pytest
worker keep Playwright's sync API (an asyncio loop) running in the main thread, where neither
another sync Playwright nor asyncio.run may start."""

from concurrent.futures import ThreadPoolExecutor


def in_own_thread(function, *args, **kwargs):
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()
