#!/usr/bin/env python3
"""Reference signatures for the DingTalk and Feishu webhook signers.

Computed with Python's hmac, hashlib, base64 and urllib modules only, independently of
branchwatch's libcrypto code. The values are pasted into
Tests/BranchWatchTests/Notify/SignatureTests.swift.

Run: python3 Tests/BranchWatchTests/Reference/signature_reference.py
"""
import base64
import hashlib
import hmac
import urllib.parse

CASES = [
    # (timestamp in ms for DingTalk / s for Feishu, secret)
    (1700000000000, "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd"),
    (1712345678901, "secret with spaces & ünïcode"),
]
FEISHU_CASES = [
    (1700000000, "feishu-secret-0123"),
    (1712345678, "secret with spaces & ünïcode"),
]


def dingtalk(timestamp_ms, secret):
    # Key: the secret. Message: "timestamp\nsecret". Base64, then URL-encoded.
    message = f"{timestamp_ms}\n{secret}".encode("utf-8")
    digest = hmac.new(secret.encode("utf-8"), message, hashlib.sha256).digest()
    sign = base64.b64encode(digest).decode("ascii")
    return sign, urllib.parse.quote(sign, safe="")


def feishu(timestamp_s, secret):
    # Key: "timestamp\nsecret". Message: empty. Base64.
    key = f"{timestamp_s}\n{secret}".encode("utf-8")
    digest = hmac.new(key, b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def main():
    for timestamp, secret in CASES:
        sign, encoded = dingtalk(timestamp, secret)
        print(f"dingtalk {timestamp} {secret!r}: sign={sign} encoded={encoded}")
    for timestamp, secret in FEISHU_CASES:
        print(f"feishu {timestamp} {secret!r}: sign={feishu(timestamp, secret)}")
    # RFC 4231 test case 2, to check the HMAC primitive itself.
    rfc = hmac.new(b"Jefe", b"what do ya want for nothing?", hashlib.sha256).hexdigest()
    print(f"rfc4231 case 2: {rfc}")


if __name__ == "__main__":
    main()
