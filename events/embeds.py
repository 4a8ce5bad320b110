"""Privacy-friendly player addresses for the video sites events use.

Nothing here calls the network: a recognised link gives the address of the provider's
player, loaded in the visitor's browser only after they ask for it.
"""

import re
from urllib.parse import parse_qs, urlparse

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


def player_url(url):
    """The embeddable player for a YouTube or Vimeo link, or "" when there is none."""
    try:
        parsed = urlparse(url)
    except ValueError:
        return ""
    if parsed.scheme not in {"http", "https"}:
        return ""
    host = (parsed.hostname or "").removeprefix("www.").removeprefix("m.")
    video = ""
    if host == "youtu.be":
        video = parsed.path.strip("/")
    elif host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            video = parse_qs(parsed.query).get("v", [""])[0]
        elif parsed.path.startswith(("/embed/", "/live/")):
            video = parsed.path.split("/")[2]
    if video and _YOUTUBE_ID.match(video):
        return f"https://www.youtube-nocookie.com/embed/{video}"
    if host in {"vimeo.com", "player.vimeo.com"}:
        number = parsed.path.rstrip("/").rsplit("/", 1)[-1]
        if number.isdigit():
            return f"https://player.vimeo.com/video/{number}?dnt=1"
    return ""


def provider_name(url):
    try:
        return (urlparse(url).hostname or "").removeprefix("www.")
    except ValueError:
        return ""
