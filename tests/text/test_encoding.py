"""Encoding, binary and newline detection on real byte strings, and byte-exact round trips."""

from __future__ import annotations

import codecs

import pytest

from wordpad_ai.text.encoding import (
    BinaryContent,
    apply_newline,
    decode_bytes,
    detect_newline,
    encode_text,
    to_unix_newlines,
)

SAMPLE = "Grüße aus Köln: “naïve” café — 10 € ✓\nSecond line.\n"


@pytest.mark.parametrize(
    ("data", "expected_encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + SAMPLE.encode("utf-32-le"), "utf-32"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-nobom", "utf16be-nobom",
         "utf32-bom"],
)
def test_unicode_encodings_are_detected_and_bom_is_stripped(data, expected_encoding):
    text, encoding = decode_bytes(data)
    assert text == SAMPLE
    assert encoding == expected_encoding
    assert text.encode(encoding)  # the name is usable with str.encode


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
        SAMPLE.encode("utf-16-le"),
        SAMPLE.encode("utf-16-be"),
        "Le garçon a mangé une crème brûlée.\r\n".encode("latin-1"),
        "He said \u201chello\u201d \u2013 it\u2019s fine\u2026".encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16le", "utf16be", "latin1", "cp1252"],
)
def test_decode_then_encode_gives_the_same_bytes(data):
    text, encoding = decode_bytes(data)
    assert encode_text(text, encoding) == data


def test_utf16_big_endian_bom_round_trips_text_and_keeps_a_bom():
    data = codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be")
    text, encoding = decode_bytes(data)
    saved = encode_text(text, encoding)
    assert saved.startswith(codecs.BOM_UTF16_LE)  # saved little-endian on every platform
    assert decode_bytes(saved) == (SAMPLE, "utf-16")


def test_latin1_accents_are_read_as_western_not_central_european():
    # charset-normalizer alone reads this as cp1250 and turns "naïve" into "naďve"
    data = "Café résumé naïve, über straße.".encode("latin-1")
    assert decode_bytes(data) == ("Café résumé naïve, über straße.", "cp1252")


def test_cp1252_curly_quotes_and_dashes():
    text = "\u201cQuoted\u201d, it\u2019s \u2013 and \u2014 \u20ac5\u2026"
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


def test_non_western_single_byte_text_goes_to_charset_normalizer():
    text = "Привет, как дела? Это небольшой тест для определения кодировки."
    decoded, encoding = decode_bytes(text.encode("cp1251"))
    assert decoded == text
    assert encoding == "cp1251"


def test_utf16_without_bom_in_a_non_latin_script():
    text = "中文文本没有字节顺序标记。\n第二行 文字\n"  # NULs only from the spaces and newlines
    assert decode_bytes(text.encode("utf-16-le")) == (text, "utf-16-le")


def test_polish_cp1250_is_not_mistaken_for_cp1252():
    text = "Zażółć gęślą jaźń, to jest zwykły polski tekst."
    assert decode_bytes(text.encode("cp1250")) == (text, "cp1250")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
        bytes(range(256)) * 4,
        b"ELF" + bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17, 18, 19]) * 20,  # controls, no NUL
    ],
    ids=["png-header", "all-bytes", "control-bytes"],
)
def test_binary_data_is_rejected(data):
    with pytest.raises(BinaryContent):
        decode_bytes(data)


def test_empty_data_is_empty_utf8_text():
    assert decode_bytes(b"") == ("", "utf-8")


def test_encode_text_refuses_characters_the_encoding_cannot_hold():
    with pytest.raises(UnicodeEncodeError):
        encode_text("snowman ☃", "cp1252")


@pytest.mark.parametrize(
    ("text", "newline"),
    [("a\r\nb\r\nc", "\r\n"), ("a\nb\nc", "\n"), ("a\rb\rc", "\r"), ("one line", "\n"),
     ("a\r\nb\r\nc\nd", "\r\n"), ("a\nb\nc\r\nd", "\n")],
)
def test_detect_newline_picks_the_most_common_style(text, newline):
    assert detect_newline(text) == newline


def test_newline_conversion_round_trips_windows_files():
    original = "first\r\nsecond\r\n\r\nthird"
    unix = to_unix_newlines(original)
    assert unix == "first\nsecond\n\nthird"
    assert apply_newline(unix, detect_newline(original)) == original
    assert to_unix_newlines("old\rmac") == "old\nmac"
