"""Prints the GB18030 and GBK bytes pasted into DropEncodingTests.swift.

Python's own codecs make them, so the test does not check iconv against itself.
Run: python3 gb18030_bytes.py
"""

GB18030_TEXT = (
    "日期,网点编号,销售额,投诉数,区域\r\n"
    "2024-03-01T08:00:00+08:00,SH-𠮷01,\"1,234.50\",２,华东\r\n"
)
GBK_TEXT = "日期,网点,销售额\n2024-03-01T08:00:00+08:00,北京,88\n"


def swift_array(data: bytes) -> str:
    return ", ".join(f"0x{b:02X}" for b in data)


for name, text, codec in [("gb18030", GB18030_TEXT, "gb18030"), ("gbk", GBK_TEXT, "gbk")]:
    print(f"// {name}: {len(text.encode(codec))} bytes")
    print(swift_array(text.encode(codec)))
