"""The email recognizer's public suffix check gives tldextract's answer without importing it."""

import random
import subprocess
import sys

import tldextract

from bot.privacy import public_suffix

_TLDEXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)

AWKWARD_HOSTS = """. a a. .uk co.uk x.co.uk x..uk x.co..uk x.co.uk. 127.0.0.1 x@10.0.0.1 [::1]
        x@[::1]
        [::1]:80 [zz] a.b@c me@school.sch.uk me@SCHOOL.SCH.UK a@b.co http://x.org/y //x.org
        mailto:a@b.org a@b.org:25 a@b.xn--p1ai a@xn--d1acufc.xn--p1ai a@b.xn--zz a@xn--.com
        a@b.city.kawasaki.jp a@city.kawasaki.jp a@x.kawasaki.jp a@x.y.kawasaki.jp a@b.ck
        a@www.ck a@x.www.ck a@b.compute.amazonaws.com a@b.blogspot.com a@b.c@d.org a?@b.org
        a#b@c.org a/b@c.org a@b.org/x@y"""
PIECES = """a co uk com org jp kawasaki city * ! @ . : / xn--p1ai xn--d1acufc [ ] ::1 10 0 ck
        www sch nhs gov blogspot"""


def _tldextract_says(text: str) -> bool:
    return _TLDEXTRACT(text).fqdn != ""


def _suffixes() -> list[str]:
    extractor = _TLDEXTRACT._get_tld_extractor()
    return sorted(extractor.tlds(include_psl_private_domains=True))


def _hosts() -> list[str]:
    """Every suffix of the list (public and private), bare, under a name, under two, as an
    email's domain; wildcards and their exceptions filled in; and awkward hosts."""
    rng = random.Random(12)
    hosts = ["", "a@b\u3002com", "a@b\uff0ecom", "a@b\uff61co\uff61uk", "a@b.com\u3002"]
    hosts += AWKWARD_HOSTS.split()
    for suffix in _suffixes():
        plain = suffix.lstrip("*.!")
        hosts += [suffix, plain, f"x.{plain}", f"a.x.{plain}", f"me@x.{plain}", f"me@{plain}"]
        hosts.append(f"me@{rng.choice(['x', 'a-b', 'xn--d1acufc', ''])}.{plain.upper()}")
    return hosts


def test_the_same_answer_as_tldextract_on_every_suffix_and_around_it() -> None:
    hosts = _hosts()
    differ = [h for h in hosts if public_suffix.has_registered_name(h) != _tldextract_says(h)]
    assert len(hosts) > 50_000
    assert differ == []


def test_random_address_like_strings_get_the_same_answer() -> None:
    rng = random.Random(7)
    pieces = ["\u3002", " "]
    pieces += PIECES.split()
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 9))) for _ in range(20_000)]
    differ = [t for t in texts if public_suffix.has_registered_name(t) != _tldextract_says(t)]
    assert differ == []


def test_the_anonymiser_does_not_import_tldextract_or_requests() -> None:
    code = (
        "import sys; import bot.privacy.anonymiser as a; a.get_anonymiser(b'k' * 32)"
        ".anonymise('mail a@b.co.uk'); print(sorted({'tldextract', 'requests'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
