# Loaded on first use, by MicroPython only (compat.loads): surrogate pairs in JSON text.


def join_surrogates(text):
    # JSON text with each escaped surrogate pair replaced by its character; a
    # lone surrogate is a ValueError, as no UTF-8 text can hold it.
    out = []
    i = start = 0
    n = len(text)
    while True:
        i = text.find("\\", i)
        if i < 0 or i + 1 >= n:
            break
        if text[i + 1] != "u":
            i += 2  # an escape such as \\" or \\\\: skip both characters
            continue
        code = int(text[i + 2:i + 6], 16)
        if 0xD800 <= code < 0xDC00 and text[i + 6:i + 8] == "\\u":
            low = int(text[i + 8:i + 12], 16)
            if 0xDC00 <= low < 0xE000:
                out.append(text[start:i])
                out.append(chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)))
                i = start = i + 12
                continue
        if 0xD800 <= code < 0xE000:
            raise ValueError("lone surrogate in JSON text")
        i += 6
    out.append(text[start:])
    return "".join(out)
