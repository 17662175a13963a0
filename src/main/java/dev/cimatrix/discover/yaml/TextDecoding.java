package dev.cimatrix.discover.yaml;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of a file into text, or says precisely why they are not text: UTF-8 (with or without a
 * byte-order mark) or UTF-16 with a byte-order mark, decoded strictly so that a bad byte is reported where it
 * stands instead of becoming a replacement character.
 */
final class TextDecoding {
    /** How much of the start of a file is inspected to tell binary files from text. */
    private static final int SNIFF_BYTES = 8192;

    private TextDecoding() {
    }

    static String decode(String path, byte[] bytes) throws YamlLoadException {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return utf8(path, bytes, 3);
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return strict(path, bytes, 2, StandardCharsets.UTF_16BE, "UTF-16");
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return strict(path, bytes, 2, StandardCharsets.UTF_16LE, "UTF-16");
        }
        return utf8(path, bytes, 0);
    }

    private static String utf8(String path, byte[] bytes, int offset) throws YamlLoadException {
        rejectBinary(path, bytes, offset);
        boolean ascii = true;
        for (int i = offset; i < bytes.length; i++) {
            if (bytes[i] < 0) {
                ascii = false;
                break;
            }
        }
        // Most CI files are ASCII, where every byte is its own character and nothing can be malformed.
        if (ascii) {
            return new String(bytes, offset, bytes.length - offset, StandardCharsets.ISO_8859_1);
        }
        return strict(path, bytes, offset, StandardCharsets.UTF_8, "UTF-8");
    }

    private static void rejectBinary(String path, byte[] bytes, int offset) throws YamlLoadException {
        int end = Math.min(bytes.length, offset + SNIFF_BYTES);
        int controls = 0;
        for (int i = offset; i < end; i++) {
            int b = bytes[i];
            if (b == 0) {
                throw YamlLoadException.at(path, 1, 1, "not a text file: it contains NUL bytes");
            }
            if ((b < 0x20 && b >= 0 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) {
                controls++;
            }
        }
        if (controls * 10 > end - offset) {
            throw YamlLoadException.at(path, 1, 1, "not a text file: " + (100 * controls / (end - offset)) + "% of its first bytes are control characters");
        }
    }

    private static String strict(String path, byte[] bytes, int offset, Charset charset, String name) throws YamlLoadException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharBuffer out = CharBuffer.allocate(bytes.length - offset);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw invalid(path, bytes, in.position(), out.flip(), name);
        }
        return out.flip().toString();
    }

    /** Reports the first bad byte by the line and column it would have had, counting the text before it. */
    private static YamlLoadException invalid(String path, byte[] bytes, int badByte, CharBuffer decoded, String name) {
        int line = 1;
        int lineStart = 0;
        int length = decoded.limit();
        for (int i = 0; i < length; i++) {
            char c = decoded.get(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= length || decoded.get(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        int column = Character.codePointCount(decoded, lineStart, length) + 1;
        return YamlLoadException.at(path, line, column,
                String.format("not valid %s: byte 0x%02X at offset %d", name, bytes[badByte] & 0xFF, badByte));
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
