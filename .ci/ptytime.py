#!/usr/bin/env python3
"""Times a terminal program in a pseudo-terminal of 80x24, as a person sees it.

  ptytime.py start  READY_RE -- CMD...   start to the first screen matching READY_RE
  ptytime.py keys   READY_RE KEYS -- CMD...
      after READY_RE, types KEYS one at a time; each keystroke is timed from
      the write to the first output after it that changes the count (the
      regex group 1 of READY_RE)

Prints milliseconds (start: one number; keys: one per key) and the peak RSS
of the program in MiB as "rss N". Quits it with ctrl+c. Best of --runs.
"""
import os, pty, re, resource, select, signal, struct, sys, termios, fcntl, time


def spawn(cmd):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd


def read_until(fd, buf, pred, timeout=30.0):
    end = time.monotonic() + timeout
    while not pred(buf):
        left = end - time.monotonic()
        if left <= 0:
            raise TimeoutError(buf[-300:])
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:
                raise TimeoutError(buf[-300:])
            # Answer a background-colour query (OSC 11) and a cursor
            # position query as a terminal would, so nothing stalls.
            if b"\x1b]11;?" in chunk:
                os.write(fd, b"\x1b]11;rgb:0000/0000/0000\x1b\\")
            if b"\x1b[6n" in chunk:
                os.write(fd, b"\x1b[1;1R")
            buf += chunk
    return buf


def strip(b):
    return re.sub(rb"\x1b\[[0-9;?]*[a-zA-Z]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)", b"", b)


def finish(pid, fd):
    try:
        os.write(fd, b"\x03")
    except OSError:
        pass
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        done, status, ru = os.wait4(pid, os.WNOHANG)
        if done:
            return ru.ru_maxrss / 1024
        try:
            os.read(fd, 1 << 16)
        except OSError:
            pass
        time.sleep(0.01)
    os.kill(pid, signal.SIGKILL)
    _, _, ru = os.wait4(pid, 0)
    return ru.ru_maxrss / 1024


def main():
    args = sys.argv[1:]
    runs = 5
    if args[0] == "--runs":
        runs, args = int(args[1]), args[2:]
    mode, ready = args[0], re.compile(args[1].encode())
    keys = args[2] if mode == "keys" else ""
    cmd = args[args.index("--") + 1:]
    best, best_keys, rss = None, None, 0.0
    for _ in range(runs):
        t0 = time.monotonic()
        pid, fd = spawn(cmd)
        buf = read_until(fd, b"", lambda b: ready.search(strip(b)))
        start = (time.monotonic() - t0) * 1000
        if keys:
            # A person reads the first screen before typing: let the
            # program finish what it does after drawing it.
            end = time.monotonic() + 0.5
            while time.monotonic() < end:
                r, _, _ = select.select([fd], [], [], max(0, end - time.monotonic()))
                if r:
                    buf += os.read(fd, 1 << 16)
        times = []
        for k in keys:
            count = ready.findall(strip(buf))[-1]
            mark = len(buf)
            t0 = time.monotonic()
            os.write(fd, k.encode())
            def changed(b):
                found = ready.findall(strip(b[mark:]))
                return found and found[-1] != count
            buf = read_until(fd, buf, changed)
            times.append((time.monotonic() - t0) * 1000)
        rss = max(rss, finish(pid, fd))
        os.close(fd)
        best = start if best is None else min(best, start)
        if times:
            best_keys = times if best_keys is None else [min(a, b) for a, b in zip(best_keys, times)]
    if mode == "start":
        print(f"{best:.1f}")
    else:
        print(" ".join(f"{t:.1f}" for t in best_keys))
    print(f"rss {rss:.1f}")


if __name__ == "__main__":
    main()
