"""Whether an email's domain is a name under a public suffix, by tldextract's own rules and the
public suffix list snapshot it ships, read without importing tldextract.

Importing tldextract imports ``requests`` (16 MB of a server's memory) for a download the bot
never makes, and its two tries of the list take 5 MB more. This module gives the answer
``tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)(text).fqdn != ""`` gave: the host
is found as tldextract finds it (``_host``, from its ``remote.py``, BSD-3-Clause, (c) John
Kurkowski) and walked through the list's public section as its ``suffix_index`` walks its trie
(a node is the tuple of labels from the right). tests/privacy/test_public_suffix.py compares the
two on every suffix of the list and on hosts built around them.
"""

import importlib.util
import re
import sys
from functools import cache
from ipaddress import AddressValueError, IPv6Address
from pathlib import Path
from urllib.parse import scheme_chars

SNAPSHOT = ".tld_set_snapshot"
# tldextract's suffix_list.py: a suffix is a line's first run of non-space characters.
_SUFFIX = re.compile(r"^(?P<suffix>[.*!]*\w[\S]*)", re.UNICODE | re.MULTILINE)
_PRIVATE_SECTION = "// ===BEGIN PRIVATE DOMAINS==="
_SCHEME_CHARS = frozenset(scheme_chars)

Node = tuple[str, ...]


class _Suffixes:
    """The public section of the list as its trie's nodes and the nodes that end a suffix."""

    def __init__(self, suffixes: list[str]) -> None:
        nodes: set[Node] = set()
        ends: set[Node] = set()
        for suffix in suffixes:
            labels = tuple(sys.intern(label) for label in reversed(suffix.split(".")))
            nodes.update(labels[:k] for k in range(1, len(labels) + 1))
            ends.add(labels)
        self.nodes = frozenset(nodes)
        self.ends = frozenset(ends)

    def index(self, labels: list[str]) -> int | None:
        """The index of the first label of the public suffix ``labels`` end in, or None."""
        node: Node = ()
        suffix_index = label_index = len(labels)
        for label in reversed(labels):
            decoded = _decode_punycode(label)
            child = (*node, decoded)
            if child in self.nodes:
                label_index -= 1
                node = child
                if node in self.ends:
                    suffix_index = label_index
                continue
            if (*node, "*") in self.nodes:
                return label_index if (*node, "!" + decoded) in self.nodes else label_index - 1
            break
        return None if suffix_index == len(labels) else suffix_index


@cache
def _public_suffixes() -> _Suffixes:
    spec = importlib.util.find_spec("tldextract")  # finds the package without importing it
    if spec is None or spec.origin is None:
        raise RuntimeError("tldextract, which ships the public suffix list, is not installed")
    text = (Path(spec.origin).parent / SNAPSHOT).read_bytes().decode("utf-8")
    public, _, _private = text.partition(_PRIVATE_SECTION)
    return _Suffixes([m.group("suffix") for m in _SUFFIX.finditer(public)])


def has_registered_name(text: str) -> bool:
    """The host of ``text`` (an email address or URL) is a name under a public suffix:
    ``tldextract``'s ``fqdn`` is not empty."""
    host = (
        _host(_schemeless(text).partition("/")[0].partition("?")[0].partition("#")[0])
        .replace("\u3002", ".")
        .replace("\uff0e", ".")
        .replace("\uff61", ".")
    )
    if len(host) >= 4 and host[0] == "[" and host[-1] == "]" and _looks_like_ipv6(host[1:-1]):
        return False
    labels = host.split(".")
    index = _public_suffixes().index(labels)
    # An IPv4 address (no suffix then either) or no suffix: no name.
    if index is None:
        return False
    return index > 0 and labels[index - 1] != "" and ".".join(labels[index:]) != ""


def _decode_punycode(label: str) -> str:
    lowered = label.lower()
    if lowered.startswith("xn--"):
        import idna  # only for punycode labels: its tables are not needed otherwise

        try:
            decoded: str = idna.decode(lowered)
            return decoded
        except (UnicodeError, IndexError):
            pass
    return lowered


def _host(authority: str) -> str:
    after_userinfo = authority.rpartition("@")[-1]
    if after_userinfo and after_userinfo[0] == "[":
        maybe_ipv6 = after_userinfo.partition("]")
        if maybe_ipv6[1] == "]":
            return f"{maybe_ipv6[0]}]"
    hostname = after_userinfo.partition(":")[0].strip()
    return hostname.rstrip(".\u3002\uff0e\uff61")


def _schemeless(url: str) -> str:
    double_slashes_start = url.find("//")
    if double_slashes_start == 0:
        return url[2:]
    if (
        double_slashes_start < 2
        or url[double_slashes_start - 1] != ":"
        or set(url[: double_slashes_start - 1]) - _SCHEME_CHARS
    ):
        return url
    return url[double_slashes_start + 2 :]


def _looks_like_ipv6(maybe_ip: str) -> bool:
    try:
        IPv6Address(maybe_ip)
    except AddressValueError:
        return False
    return True
