#!/usr/bin/env python3
"""Screenshots of the running demo's hallway in headless Chromium (through chromedriver's
WebDriver HTTP API, standard library only): light and dark, 1440x900 and 390x844, plus a
360 px check that nothing scrolls sideways.

    hallway demo --bind 127.0.0.1:8088 &
    scripts/screenshots.py http://127.0.0.1:8088 docs/screenshots
"""
import base64, json, os, subprocess, sys, time, urllib.request

APP = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8088"
OUT = sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots"
PORT = 9531


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read() or b"{}").get("value")


def main():
    os.makedirs(OUT, exist_ok=True)
    driver = subprocess.Popen(["chromedriver", f"--port={PORT}"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                call("GET", "/status")
                break
            except OSError:
                time.sleep(0.1)
        caps = {"capabilities": {"alwaysMatch": {"goog:chromeOptions": {"args": [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1440,900",
            "--hide-scrollbars"]}}}}
        s = call("POST", "/session", caps)["sessionId"]
        run = lambda script: call("POST", f"/session/{s}/execute/sync", {"script": script, "args": []})
        go = lambda path: call("POST", f"/session/{s}/url", {"url": APP + path})
        go("/signin")
        run("document.getElementById('email').value='ada@demo.hallway.dev';"
            "document.getElementById('password').value='hallway-demo';"
            "document.querySelector('form[action=\"/signin\"]').submit();")
        time.sleep(1.5)
        report = {}
        for theme in ["light", "dark"]:
            for (w, h) in [(1440, 900), (390, 844), (360, 740)]:
                call("POST", f"/session/{s}/window/rect", {"width": w, "height": h})
                go("/")
                run(f"localStorage.setItem('hallway-theme', '{theme}');")
                go("/")
                for _ in range(100):
                    if run("return performance.getEntriesByName('hallway-live').length > 0"):
                        break
                    time.sleep(0.1)
                time.sleep(0.5)
                wide = run("return [document.documentElement.scrollWidth, window.innerWidth]")
                report[f"{theme}-{w}"] = wide
                if w != 360:
                    png = call("GET", f"/session/{s}/screenshot")
                    with open(f"{OUT}/hallway-{theme}-{w}x{h}.png", "wb") as f:
                        f.write(base64.b64decode(png))
        print(json.dumps(report))
        call("DELETE", f"/session/{s}")
    finally:
        driver.terminate()


if __name__ == "__main__":
    main()
