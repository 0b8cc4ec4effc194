#!/usr/bin/env python3
"""Load an HTML file in headless Chromium and list its console errors and resource loads.

Usage: report-console-check.py CHROMIUM REPORT.html

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe: commands
on file descriptor 3, replies and events on 4, each message JSON ended by a NUL byte), so
the check needs only the Python standard library. Host names resolve to nothing, so a report
that references a network resource fails to load it here instead of reaching another host.

Problems, each printed on its own line:
- an uncaught JavaScript exception, console.error or console.assert;
- a browser log entry of level "error", such as "Failed to load resource";
- a failed request, and any request other than the report itself or a data: URL, because a
  self-contained report loads nothing.

Exit status: 0 when the page loaded without problems, 1 when problems were found, 2 when
Chromium could not be started or the page did not finish loading in time.
"""

import fcntl
import json
import os
import pathlib
import select
import subprocess
import sys
import time

LOAD_TIMEOUT_SECONDS = 30
# Time after the load event for late script errors; the reports contain no timers.
SETTLE_SECONDS = 1.0


def move_above(descriptor, minimum):
    """Return a duplicate of `descriptor` numbered `minimum` or higher, and close the original."""
    moved = fcntl.fcntl(descriptor, fcntl.F_DUPFD_CLOEXEC, minimum)
    os.close(descriptor)
    return moved


class DevToolsPipe:
    """A Chromium process driven over the DevTools pipe, with the events it sent so far."""

    def __init__(self, chromium, profile_dir):
        to_chromium_read, self.to_chromium = os.pipe()
        self.from_chromium, from_chromium_write = os.pipe()
        # Move Chromium's ends above 4, so that placing them on 3 and 4 in the child cannot
        # overwrite one with the other.
        to_chromium_read = move_above(to_chromium_read, 10)
        from_chromium_write = move_above(from_chromium_write, 10)

        def attach_pipes():
            os.dup2(to_chromium_read, 3)
            os.dup2(from_chromium_write, 4)

        self.process = subprocess.Popen(
            [
                chromium,
                "--headless",
                "--disable-gpu",
                "--no-sandbox",
                "--no-first-run",
                "--remote-debugging-pipe",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                f"--user-data-dir={profile_dir}",
                "about:blank",
            ],
            # The child closes every descriptor not listed here after attach_pipes runs.
            pass_fds=(3, 4),
            preexec_fn=attach_pipes,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chromium_read)
        os.close(from_chromium_write)
        self.buffer = b""
        self.next_id = 1
        self.events = []

    def send(self, method, params=None, session_id=None):
        """Send one command and return its result, keeping events that arrive meanwhile."""
        command_id = self.next_id
        self.next_id += 1
        message = {"id": command_id, "method": method, "params": params or {}}
        if session_id:
            message["sessionId"] = session_id
        os.write(self.to_chromium, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + LOAD_TIMEOUT_SECONDS
        while True:
            reply = self.receive(deadline)
            if reply is None:
                raise TimeoutError(f"no reply to {method} within {LOAD_TIMEOUT_SECONDS} s")
            if reply.get("id") == command_id:
                if "error" in reply:
                    raise RuntimeError(f"{method} failed: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def receive(self, deadline):
        """Return the next message, or None when none arrives before `deadline`."""
        while b"\0" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([self.from_chromium], [], [], remaining)
            if not ready:
                return None
            chunk = os.read(self.from_chromium, 65536)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_for_event(self, method, timeout):
        """Collect events until `method` arrives, and return whether it did within `timeout`."""
        if any(event.get("method") == method for event in self.events):
            return True
        deadline = time.monotonic() + timeout
        while True:
            event = self.receive(deadline)
            if event is None:
                return False
            self.events.append(event)
            if event.get("method") == method:
                return True

    def drain(self, seconds):
        """Collect the events of the next `seconds` seconds."""
        deadline = time.monotonic() + seconds
        while (event := self.receive(deadline)) is not None:
            self.events.append(event)

    def close(self):
        try:
            self.send("Browser.close")
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def describe_problems(events, report_url):
    """Return one line per problem found in the DevTools events."""
    problems = []
    for event in events:
        method = event.get("method")
        params = event.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            text = details.get("exception", {}).get("description") or details.get("text", "")
            problems.append(f"JavaScript exception: {text}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            values = [str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", [])]
            problems.append(f"console.{params['type']}: {' '.join(values)}")
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            problems.append(f"browser log error: {entry.get('text', '')} {entry.get('url', '')}".rstrip())
        elif method == "Network.requestWillBeSent":
            url = params.get("request", {}).get("url", "")
            if url != report_url and not url.startswith("data:"):
                problems.append(f"resource request (a self-contained report loads nothing): {url}")
        elif method == "Network.loadingFailed":
            problems.append(f"failed resource load: {params.get('errorText', '')} ({params.get('type', '')})")
    return problems


def main():
    if len(sys.argv) != 3:
        print("usage: report-console-check.py CHROMIUM REPORT.html", file=sys.stderr)
        return 2
    chromium, report = sys.argv[1], pathlib.Path(sys.argv[2]).resolve()
    report_url = report.as_uri()
    profile_dir = pathlib.Path(os.environ.get("TMPDIR", "/tmp")) / f"report-check-profile-{os.getpid()}"

    browser = DevToolsPipe(chromium, profile_dir)
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})
        session = browser.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True})
        session_id = session["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            browser.send(f"{domain}.enable", session_id=session_id)
        browser.send("Page.navigate", {"url": report_url}, session_id=session_id)
        if not browser.wait_for_event("Page.loadEventFired", LOAD_TIMEOUT_SECONDS):
            print(f"error: {report} did not finish loading within {LOAD_TIMEOUT_SECONDS} s", file=sys.stderr)
            return 2
        browser.drain(SETTLE_SECONDS)
    except (RuntimeError, TimeoutError, OSError) as error:
        print(f"error: could not check {report} in Chromium: {error}", file=sys.stderr)
        return 2
    finally:
        browser.close()
        subprocess.run(["rm", "-rf", str(profile_dir)], check=False)

    problems = describe_problems(browser.events, report_url)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
