"""Readable names for browsers, from their User-Agent header (the user-agents package)."""

import hashlib

import user_agents

# The parser's names for mobile builds, as people call them.
BROWSERS = {
    "Mobile Safari": "Safari",
    "Mobile Safari UI/WKWebView": "Safari",
    "Chrome Mobile": "Chrome",
    "Chrome Mobile iOS": "Chrome",
    "Chrome Mobile WebView": "Chrome",
    "Firefox Mobile": "Firefox",
    "Firefox iOS": "Firefox",
    "Edge Mobile": "Edge",
    "Other": "Unknown browser",
}
SYSTEMS = {"Mac OS X": "macOS"}
NAMED_DEVICES = {"iPhone", "iPad", "iPod"}  # more telling than "iOS"


def device_label(user_agent: str) -> str:
    """ "Firefox on Ubuntu", "Safari on iPhone"; "Unknown device" without a header."""
    if not user_agent.strip():
        return "Unknown device"
    parsed = user_agents.parse(user_agent)
    browser = BROWSERS.get(parsed.browser.family, parsed.browser.family)
    if parsed.device.family in NAMED_DEVICES:
        system = parsed.device.family
    else:
        system = SYSTEMS.get(parsed.os.family, parsed.os.family)
    label = browser if system == "Other" else f"{browser} on {system}"
    return label[:100]


def fingerprint(label: str) -> str:
    return hashlib.sha256(label.encode()).hexdigest()
