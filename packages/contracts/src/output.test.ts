import { describe, expect, it } from 'vitest';
import { displayText, isPlainText, outputBytes, outputText, safeText } from './output.js';

const EVERY_BYTE = Uint8Array.from({ length: 256 }, (_, index) => index);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('output bytes as JSON-safe text', () => {
  it('round-trips every byte value 0-255, alone and all together, through JSON', () => {
    for (const bytes of [EVERY_BYTE, ...Array.from(EVERY_BYTE, (byte) => Uint8Array.of(byte))]) {
      const carried = JSON.parse(JSON.stringify(outputText(bytes))) as ReturnType<typeof outputText>;
      expect(outputBytes(carried)).toEqual(bytes);
      expect(carried.text).not.toContain('\u0000');
      // Well-formed: encoding would otherwise replace a lone surrogate.
      expect(new TextDecoder().decode(utf8(carried.text))).toBe(carried.text);
    }
  });

  it('shows NUL as ␀ and each invalid UTF-8 sequence as U+FFFD', () => {
    expect(displayText(Uint8Array.of(0x61, 0x00, 0x62))).toBe('a\u2400b');
    expect(displayText(Uint8Array.of(0x61, 0xff, 0x62))).toBe('a\uFFFDb');
    // Half a character cut at the output cap.
    expect(displayText(utf8('한').subarray(0, 2))).toBe('\uFFFD');
  });

  it('carries plain UTF-8 once, as its text, and binary output with its exact bytes', () => {
    expect(outputText(utf8('한글 ␀ ok\n'))).toEqual({ text: '한글 ␀ ok\n' });
    expect(outputText(Uint8Array.of(0x61, 0x00))).toEqual({ text: 'a\u2400', base64: 'YQA=' });
    expect(isPlainText(utf8('\t\r\n\u001b[0m'))).toBe(true);
    expect(isPlainText(Uint8Array.of(0xc0, 0x80))).toBe(false);
  });

  it('makes a string with NUL or a lone surrogate safe, leaving pairs alone', () => {
    expect(safeText('a\u0000b\uD800c\uDC00d😀')).toBe('a\u2400b\uFFFDc\uFFFDd😀');
  });

  it('encodes a megabyte without overflowing the stack', () => {
    const big = new Uint8Array(1024 * 1024 + 3).fill(0);
    const back = outputBytes(outputText(big));
    expect(back.length === big.length && back.every((byte) => byte === 0)).toBe(true);
  });
});
