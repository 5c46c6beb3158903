package io.tollgate.http;

/**
 * A position in DER bytes: {@link #next()} reads the element starting there; {@link #content}
 * enters a constructed element.
 */
final class Der {
  private final byte[] bytes;
  final int start;
  private int length = -1;
  private int headerLength;
  private final int limit;

  Der(byte[] bytes, int start) {
    this(bytes, start, bytes.length);
  }

  Der(byte[] bytes, int start, int limit) {
    this.bytes = bytes;
    this.start = start;
    this.limit = limit;
  }

  boolean hasMore() {
    return start < limit;
  }

  byte tag() {
    return bytes[start];
  }

  /** This position read as an element (tag, length). */
  Der next() {
    if (start + 2 > limit) {
      throw new IllegalStateException("truncated");
    }
    int first = bytes[start + 1] & 0xff;
    if (first < 0x80) {
      length = first;
      headerLength = 2;
    } else {
      int count = first & 0x7f;
      if (count == 0 || count > 3) {
        throw new IllegalStateException("unsupported length");
      }
      length = 0;
      for (int i = 0; i < count; i++) {
        length = (length << 8) | (bytes[start + 2 + i] & 0xff);
      }
      headerLength = 2 + count;
    }
    if (end() > limit) {
      throw new IllegalStateException("truncated");
    }
    return this;
  }

  int end() {
    return start + headerLength + length;
  }

  /** Where this element's content begins (after {@link #next()}). */
  int contentStart() {
    return start + headerLength;
  }

  /** The position right after this element. */
  Der after() {
    return new Der(bytes, end(), limit);
  }

  /** The first position inside this element, which must have {@code tag}. */
  Der content(byte tag) {
    next();
    if (tag() != tag) {
      throw new IllegalStateException("unexpected tag");
    }
    return new Der(bytes, start + headerLength, end());
  }
}
