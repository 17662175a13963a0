package dev.cimatrix.detect;

import dev.cimatrix.fuzz.FormerFindings;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The log reader's properties ({@link LogReadOutcome}) on inputs written to reach its irregular paths, and on every
 * input its fuzzer once failed on (docs/fuzzing.md), in the default build.
 */
class LogReaderPropertyTest {
    private static final Path FORMER_FINDINGS = Path.of("src/test/resources/detect/fuzz-regressions");

    @TempDir
    Path dir;

    private static final Map<String, String> CASES = new LinkedHashMap<>();

    static {
        CASES.put("plain lines", "{\"action\":\"a\"}\n{\"actor\":\"b\"}\n");
        CASES.put("carriage returns before newlines", "{\"action\":\"a\"}\r\n{\"actor\":\"b\"}\r\n\r\n");
        CASES.put("blank and whitespace lines", "\n   \n\t\n{\"k\":1}\n \t \n");
        CASES.put("a lone carriage return after an event", "{\"k\":1}\r{\"k\":2}\n{\"k\":3}\n");
        CASES.put("a lone carriage return inside an event", "{\"k\":\r1}\n{\"k\":2}\n");
        CASES.put("a lone carriage return on a blank line", "{\"k\":1}\n \r \n{\"k\":2}\n");
        CASES.put("blanks after an event", "{\"k\":1}  \t\n{\"k\":2} \n{\"k\":3}   ");
        CASES.put("blanks before an event", "  {\"k\":1}\n\t{\"k\":2}\n");
        CASES.put("two objects on a line", "{\"k\":1}{\"k\":2}\n{\"k\":3}\n");
        CASES.put("an array, a Records wrapper and scalars on lines",
                "[{\"k\":1},{\"k\":2}]\n{\"Records\":[{\"k\":3},4]}\n5\n\"s\"\nnull\n{\"k\":6}\n");
        CASES.put("an object spanning lines", "{\n\"k\":1\n}\n{\"k\":2}\n");
        CASES.put("a lone opening brace", "{\n{\"k\":1}\n");
        CASES.put("garbage", "}\n{]\nnot json\n{\"k\":1}\n{\"k\":\n");
        CASES.put("an unterminated string at the end", "{\"k\":1}\n{\"action\":\"abc");
        CASES.put("an unterminated string before a quote on the next line", "{\"action\":\"abc\nx\"}\n{\"k\":1}\n");
        CASES.put("escapes and text beyond ASCII", "{\"action\":\"a\\\"b\\u0041\",\"actor\":\"Zoë ✓\"}\n"
                + "{\"k\":\"\\n\\t\",\"action\":\"MiXeD\"}\n");
        CASES.put("paths through arrays and nested objects",
                "{\"a\":[{\"b\":\"x\"},{\"b\":\"Y\"},{\"b\":null},{\"b\":{}},[]]}\n"
                        + "{\"data\":{\"x\":{\"y\":[1,true,\"z\"]}},\"a\":{\"b\":[]}}\n");
        CASES.put("literal dotted keys", "{\"a.b\":\"lit\",\"data.x\":{\"y\":\"q\"},\"data.x.y\":\"r\"}\n");
        CASES.put("the same key twice", "{\"action\":\"one\",\"action\":\"two\"}\n");
        CASES.put("containers and nulls at paths", "{\"action\":{\"x\":1},\"actor\":null,\"k\":[]}\n");
        CASES.put("empty objects and deep nesting", "{}\n" + "{\"k\":" + "[".repeat(200) + "]".repeat(200) + "}\n");
        CASES.put("numbers and literals at paths", "{\"k\":-1.5e3,\"action\":true,\"actor\":false}\n");
        CASES.put("a line that is only a carriage return", "{\"k\":1}\n\r\n{\"k\":2}\n");
    }

    @TestFactory
    Stream<DynamicTest> writtenCases() {
        List<DynamicTest> tests = new ArrayList<>();
        CASES.forEach((name, text) -> tests.add(dynamicTest(name,
                () -> LogReadOutcome.check(text.getBytes(StandardCharsets.UTF_8), dir))));
        tests.add(dynamicTest("a byte-order mark at the start of a later line", () -> LogReadOutcome.check(
                bytes("{\"k\":1}\n", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "{\"k\":2}\n"), dir)));
        tests.add(dynamicTest("a byte-order mark at the start", () -> LogReadOutcome.check(
                bytes("", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "{\"k\":1}\n{\"k\":2}\n"), dir)));
        tests.add(dynamicTest("invalid UTF-8 in a value", () -> LogReadOutcome.check(
                bytes("{\"action\":\"", new byte[] {(byte) 0xFF}, "\"}\n{\"k\":1}\n"), dir)));
        tests.add(dynamicTest("a truncated multi-byte character", () -> LogReadOutcome.check(
                bytes("{\"actor\":\"", new byte[] {(byte) 0xE2, (byte) 0x9C}, "\"}\n{\"k\":1}\n"), dir)));
        return tests.stream();
    }

    /**
     * Several megabytes of events, so that a document is read through its window many times over: values at the
     * rules' paths of every length, with escapes and non-ASCII text among them, straddle the reads everywhere; some
     * events are over the size limit, which is smaller than the window, and are skipped in every format.
     */
    @org.junit.jupiter.api.Test
    void largeDocumentsGiveTheEventsOfTheirLines() {
        java.util.Random random = new java.util.Random(20261205);
        List<String> events = new ArrayList<>();
        String[] pieces = {"a", "repo.", "Z", "\\\"", "\\u00e9", "é", "-", "0", " ", "/", "\\n"};
        for (int i = 0; i < 12_000; i++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(10) == 0 ? random.nextInt(3000) : random.nextInt(60);
            for (int k = 0; k < length; k++) {
                value.append(pieces[random.nextInt(random.nextInt(4) == 0 ? pieces.length : 3)]);
            }
            String padding = random.nextInt(400) == 0 ? "x".repeat(LogReader.DEFAULT_MAX_EVENT_BYTES) : "";
            events.add("{\"action\":\"" + value + "\",\"pad\":\"" + padding + "\",\"a\":{\"b\":[" + i
                    + ",\"x" + value + "\"]},\"k\":\"" + "k".repeat(random.nextInt(200)) + "\",\"actor\":\"u" + i
                    + "\"}");
        }
        LogReadOutcome.sameInEveryFormat(events, dir);
    }

    @TestFactory
    Stream<DynamicTest> formerFuzzFindings() throws IOException {
        return FormerFindings.replay(FORMER_FINDINGS, bytes -> LogReadOutcome.check(bytes, dir));
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] c = after.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(middle, 0, out, a.length, middle.length);
        System.arraycopy(c, 0, out, a.length + middle.length, c.length);
        return out;
    }
}
