package dev.cimatrix.detect;

import dev.cimatrix.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Log files in every accepted shape, and bad input that must be reported without losing the rest. */
class LogReaderTest {
    private static final String RULE = """
            title: any runner registration
            id: runner
            logsource: {product: github, service: audit}
            detection:
              selection: {action|endswith: register_self_hosted_runner}
              condition: selection
            """;
    private static final String CT_RULE = """
            title: trail stopped
            id: trail
            logsource: {product: aws, service: cloudtrail}
            detection:
              selection: {eventName: StopLogging}
              condition: selection
            """;
    private static final String HIT = "{\"action\":\"org.register_self_hosted_runner\",\"actor\":\"m\"}";
    private static final String MISS = "{\"action\":\"repo.create\",\"actor\":\"m\"}";

    @TempDir
    Path dir;

    private Detector detect(Path file) {
        Detector detector = new Detector(Detection.rules(RULE, CT_RULE), Detector.Options.defaults(), null, a -> { });
        detector.read(file, file.getFileName().toString(), false, () -> true);
        detector.finish();
        return detector;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private Path gzip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    private static List<Long> alertLines(Detector d) {
        return d.alerts().stream().flatMap(a -> a.events().stream()).map(AlertEvent::line).toList();
    }

    @Test
    void jsonLinesKeepTheirLineNumbers() throws IOException {
        Detector d = detect(write("a.jsonl", MISS + "\n\n" + HIT + "\r\n" + MISS + "\n" + HIT));
        assertThat(d.stats().events()).isEqualTo(4);
        assertThat(d.alerts()).hasSize(1);
        assertThat(d.alerts().get(0).events()).extracting(AlertEvent::line, AlertEvent::json)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, HIT),
                        org.assertj.core.groups.Tuple.tuple(5L, HIT));
        assertThat(d.stats().problemCount()).isZero();
    }

    /** A carriage return is a line break only before a newline; elsewhere it is a blank, and no line is lost. */
    /**
     * Values at the rules' paths are decoded only when a rule reads them: whatever their escapes, script or
     * place (JSON Lines, a line read alone, an array document, an array of values), a rule sees the text written.
     */
    @Test
    void valuesReadByRulesAreTheTextWrittenWhateverTheirEscapes() throws IOException {
        String rule = """
                title: named actor
                id: named
                logsource: {product: github, service: audit}
                detection:
                  selection:
                    action: repo.create
                    actor|contains: ['é', '"', 'tab', '日本']
                  condition: selection
                """;
        String lines = String.join("\n",
                "{\"action\":\"repo.create\",\"actor\":\"ren\\u00e9\"}",
                "{\"action\":\"repo.create\",\"actor\":\"renée\"}",
                "{\"action\":\"repo.create\",\"actor\":\"a\\\"quote\"}",
                "{\"action\":\"repo\\u002ecreate\",\"actor\":\"tab\\there\"}",
                "{\"action\":\"repo.create\",\"actor\":\"plain\"}",
                "{\"action\":\"repo.create\",\"actor\":[\"nobody\",\"日本\"]}",
                "  {\"action\":\"repo.create\",\"actor\":\"é again\"}   ",
                "{\"action\":\"REPO.Create\",\"actor\":\"TABLE\"}",
                "");
        Path jsonLines = write("values.jsonl", lines);
        Path array = write("values.json", "[\n" + String.join(",\n", lines.strip().split("\n")) + "\n]");
        for (Path file : List.of(jsonLines, array)) {
            long first = file.equals(array) ? 2 : 1;
            Detector d = new Detector(Detection.rules(rule), Detector.Options.defaults(), null, a -> { });
            d.read(file, file.getFileName().toString(), false, () -> true);
            d.finish();
            assertThat(d.stats().problemCount()).as(file.toString()).isZero();
            assertThat(alertLines(d)).as(file.toString())
                    .containsExactly(first, first + 1, first + 2, first + 3, first + 5, first + 6, first + 7);
            assertThat(d.alerts()).flatExtracting(a -> a.matched().get("actor")).as(file.toString())
                    .containsExactly("rené", "renée", "a\"quote", "tab\there", "nobody", "日本", "é again", "TABLE");
            assertThat(d.alerts()).flatExtracting(a -> a.matched().get("action")).as(file.toString())
                    .containsOnly("repo.create", "REPO.Create");
        }
    }

    /**
     * Invalid UTF-8 in a value at a rule's path is a parse error of its line whether or not a rule reads the
     * value: only plain ASCII is left for the rules to decode, everything else is decoded (and checked) as read.
     */
    @Test
    void invalidUtf8AtARulesPathIsAParseErrorOfItsLine() throws IOException {
        byte[] badMiddleByte = "{\"action\":\"repo.create\",\"actor\":\"a\u00c3(b\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] encodedSurrogate = "{\"action\":\"repo.create\",\"actor\":\"a\u00ed\u00a0\u0080b\"}\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        log.write(badMiddleByte);
        log.write(encodedSurrogate);
        log.write((HIT + "\n").getBytes(StandardCharsets.UTF_8));
        Path file = Files.write(dir.resolve("utf8.jsonl"), log.toByteArray());
        Detector d = detect(file);
        assertThat(alertLines(d)).containsExactly(3L);
        assertThat(d.stats().events()).isEqualTo(1);
        assertThat(d.stats().problems()).extracting(InputProblem::line, InputProblem::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, InputProblem.Kind.PARSE_ERROR),
                org.assertj.core.groups.Tuple.tuple(2L, InputProblem.Kind.PARSE_ERROR));
    }

    @Test
    void carriageReturnsInsideLinesNeitherShiftNorLoseEvents() throws IOException {
        String hit = "{\"action\":\"org.register_self_hosted_runner\",\r\"actor\":\"m\"}";
        Detector d = detect(write("a.jsonl", HIT + "\r \n" + HIT + "\n" + hit + "\n" + HIT + "\n"));
        assertThat(d.stats().events()).isEqualTo(4);
        assertThat(alertLines(d)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(d.stats().problemCount()).isZero();
    }

    @Test
    void loneCarriageReturnsBetweenEventsShiftNoLineNumber() throws IOException {
        // Jackson counts a lone carriage return as a line break; here they stand where the parser skips blanks:
        // after an event, on blank lines, before an event, before a corrupt line and after the last event.
        String text = HIT + " \r \n"            // 1
                + "\r\n"                         // 2: blank (CR LF)
                + " \r\r \n"                    // 3: blank holding lone returns
                + MISS + "\n"                    // 4
                + " " + HIT + "\n"              // 5
                + "\n"                           // 6
                + "\r\n"                         // 7
                + "{\"action\": \r broken\n"     // 8: corrupt
                + HIT + "\r\n"                   // 9
                + "\r\r\n"                       // 10
                + HIT + "\n"                     // 11
                + "\r \n";                       // 12
        for (Path file : List.of(write("cr.jsonl", text), write("cr-tail.jsonl", text + HIT))) {
            Detector d = detect(file);
            List<Long> expected = file.getFileName().toString().equals("cr.jsonl")
                    ? List.of(1L, 5L, 9L, 11L) : List.of(1L, 5L, 9L, 11L, 13L);
            assertThat(alertLines(d)).as(file.getFileName().toString()).isEqualTo(expected);
            // Events carry exactly their object's bytes, without the blanks around it, whichever way their line
            // was read (line 1 is read alone).
            assertThat(d.alerts()).flatExtracting(Alert::events).extracting(AlertEvent::json).containsOnly(HIT);
            assertThat(d.stats().events()).isEqualTo(expected.size() + 1);
            assertThat(d.stats().problems()).extracting(InputProblem::line, InputProblem::kind).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(8L, InputProblem.Kind.PARSE_ERROR));
        }
    }

    @Test
    void jsonArrayEventsCarryTheLineTheyStartOn() throws IOException {
        Detector d = detect(write("a.json", "[\n  " + MISS + ",\n  " + HIT + "\n]\n"));
        assertThat(d.stats().events()).isEqualTo(2);
        assertThat(alertLines(d)).containsExactly(3L);
        assertThat(d.alerts().get(0).events().get(0).json()).isEqualTo(HIT);
    }

    @Test
    void cloudTrailRecordsFilesAndTheirGzip() throws IOException {
        String records = "{\"Records\": [\n{\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"StopLogging\","
                + "\"eventTime\":\"2026-01-01T00:00:00Z\"},\n{\"eventSource\":\"s3.amazonaws.com\",\"eventName\":"
                + "\"GetObject\"}\n]}";
        Detector plain = detect(write("ct.json", records));
        Detector zipped = detect(gzip("ct.json.whatever", records.getBytes(StandardCharsets.UTF_8)));
        for (Detector d : List.of(plain, zipped)) {
            assertThat(d.stats().events()).isEqualTo(2);
            assertThat(d.stats().eventsBySource()).containsEntry(EventSource.CLOUDTRAIL, 2L);
            assertThat(alertLines(d)).containsExactly(2L);
        }
    }

    /** What {@code aws cloudtrail lookup-events} writes: each record as a JSON string in its element. */
    private static String lookupElement(String eventName, String time) {
        String record = "{\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"" + eventName
                + "\",\"eventTime\":\"" + time + "\",\"userIdentity\":{\"arn\":\"arn:aws:iam::1:user/\u00e9\"}}";
        return "{\n    \"EventId\": \"e-" + eventName + "\",\n    \"EventName\": \"" + eventName + "\",\n"
                + "    \"Resources\": [],\n    \"CloudTrailEvent\": \"" + record.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"\n}";
    }

    @Test
    void cloudTrailLookupEventsOutputIsReadThroughItsEmbeddedRecords() throws IOException {
        String output = "{\n\"Events\": [\n" + lookupElement("StopLogging", "2026-01-01T00:05:00Z") + ",\n"
                + lookupElement("GetObject", "2026-01-01T00:00:00Z") + "\n],\n\"NextToken\": \"abc\"\n}\n";
        Detector pretty = detect(write("lookup.json", output));
        Detector zipped = detect(gzip("lookup.json.gz", output.getBytes(StandardCharsets.UTF_8)));
        // Pages of lookup-events written one per line, as `--output json | jq -c` gives them, newest first.
        String page = output.replace("\n", "");
        Detector lines = detect(write("pages.jsonl", page + "\n" + page.replace("2026-01-01", "2025-12-31") + "\n"));
        for (Detector d : List.of(pretty, zipped, lines)) {
            assertThat(d.stats().problems()).isEmpty();
            assertThat(d.stats().eventsBySource()).containsEntry(EventSource.CLOUDTRAIL, d == lines ? 4L : 2L);
            assertThat(d.alerts()).flatExtracting(Alert::events).allSatisfy(e -> {
                assertThat(e.json()).startsWith("{\"eventSource\"").contains("user/\u00e9");
            });
        }
        assertThat(alertLines(pretty)).containsExactly(3L);
        assertThat(alertLines(lines)).as("the older page first").containsExactly(2L, 1L);
        assertThat(lines.stats().readOldestFirst()).containsExactly("pages.jsonl");
    }

    @Test
    void aLookupEventsElementWithoutAUsableRecordIsReportedAtItsLine() throws IOException {
        String output = "{\"Events\": [\n" + lookupElement("StopLogging", "2026-01-01T00:00:00Z") + ",\n"
                + "{\"EventId\": \"no-record\"},\n"
                + "{\"EventId\": \"x\", \"CloudTrailEvent\": \"[1, 2]\"},\n"
                + "{\"EventId\": \"y\", \"CloudTrailEvent\": \"{\\\"eventName\\\": \"},\n"
                + "7,\n"
                + lookupElement("StopLogging", "2026-01-01T00:01:00Z") + "\n]}\n";
        Detector d = detect(write("lookup.json", output));
        assertThat(d.stats().problems()).extracting(InputProblem::line, InputProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(8L, "an element of the Events array without a CloudTrailEvent string"),
                org.assertj.core.groups.Tuple.tuple(9L, "the CloudTrailEvent string does not hold an event object"),
                org.assertj.core.groups.Tuple.tuple(10L, "in the CloudTrailEvent string: Unexpected end-of-input "
                        + "within/between Object entries, at column 15"),
                org.assertj.core.groups.Tuple.tuple(11L, "a JSON number in the Events array"));
        assertThat(alertLines(d)).containsExactly(2L, 12L);
    }

    /**
     * The Kubernetes audit webhook backend posts batches, {@code {"kind":"EventList", …, "items":[...]}}: a file of
     * them, one per line or pretty-printed, is read as the events of their items, never as one event per batch.
     */
    @Test
    void kubernetesAuditEventListsAreReadThroughTheirItems() throws IOException {
        String rule = """
                title: secrets listed
                id: k8s-secrets
                logsource: {product: kubernetes, service: audit}
                detection:
                  selection: {verb: list, objectRef.resource: secrets}
                  condition: selection
                """;
        String secrets = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"verb\":\"list\","
                + "\"objectRef\":{\"resource\":\"secrets\"},\"stageTimestamp\":\"2026-01-01T00:00:01Z\"}";
        String pods = secrets.replace("secrets", "pods").replace("00:01Z", "00:02Z");
        String batch = "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":["
                + secrets + "," + pods + "]}";
        String pretty = "{\n  \"kind\" : \"EventList\",\n  \"apiVersion\": \"audit.k8s.io/v1\",\n  \"items\": [\n    "
                + secrets + ",\n    " + pods + "\n  ]\n}\n";
        for (Path file : List.of(write("batches.jsonl", batch + "\n" + pods + "\n" + batch + "\n"),
                write("batch.json", pretty))) {
            Detector d = new Detector(Detection.rules(rule), Detector.Options.defaults(), null, a -> { });
            d.read(file, file.getFileName().toString(), false, () -> true);
            d.finish();
            assertThat(d.stats().problems()).isEmpty();
            boolean lines = file.toString().endsWith(".jsonl");
            assertThat(d.stats().eventsBySource()).containsExactly(java.util.Map.entry(EventSource.K8S_AUDIT,
                    lines ? 5L : 2L));
            assertThat(d.alerts()).flatExtracting(Alert::events).extracting(AlertEvent::line, AlertEvent::json)
                    .containsExactlyElementsOf(lines
                            ? List.of(org.assertj.core.groups.Tuple.tuple(1L, secrets),
                                    org.assertj.core.groups.Tuple.tuple(3L, secrets))
                            : List.of(org.assertj.core.groups.Tuple.tuple(5L, secrets)));
        }
    }

    @Test
    void oneLineRecordsFileIsADocumentEvenWhenLarge() throws IOException {
        StringBuilder s = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < 20_000; i++) {
            s.append(i == 0 ? "" : ",").append("{\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"")
                    .append(i == 19_999 ? "StopLogging" : "GetObject").append("\",\"padding\":\"")
                    .append("x".repeat(50)).append("\"}");
        }
        Detector d = detect(write("big-ct.json", s.append("]}").toString()));
        assertThat(d.stats().events()).isEqualTo(20_000);
        assertThat(d.alerts()).hasSize(1);
    }

    @Test
    void gzipOfJsonLinesIsRecognisedByMagicBytes() throws IOException {
        Detector d = detect(gzip("events.log", (MISS + "\n" + HIT + "\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(alertLines(d)).containsExactly(2L);
    }

    /** Progress counts the bytes taken from the file itself: all of a plain file, the compressed bytes of gzip. */
    @Test
    void progressCountsTheFileBytesRead() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            lines.append(i % 100 == 0 ? HIT : MISS).append('\n');
        }
        byte[] text = lines.toString().getBytes(StandardCharsets.UTF_8);
        Path plain = Files.write(dir.resolve("plain.jsonl"), text);
        Path zipped = gzip("zipped.jsonl.gz", text);
        Detector d = new Detector(Detection.rules(RULE, CT_RULE), Detector.Options.defaults(), null, a -> { });
        assertThat(d.progress().file()).isNull();
        assertThat(d.progress().filesStarted()).isZero();

        d.read(plain, "plain label", false, () -> true);
        assertThat(d.progress().file()).isEqualTo("plain label");
        assertThat(d.progress().filesStarted()).isEqualTo(1);
        assertThat(d.progress().size()).isEqualTo(text.length);
        assertThat(d.progress().read()).isEqualTo(text.length);

        d.read(zipped, "zipped label", false, () -> true);
        assertThat(d.progress().file()).isEqualTo("zipped label");
        assertThat(d.progress().filesStarted()).isEqualTo(2);
        assertThat(d.progress().size()).isEqualTo(Files.size(zipped)).isLessThan(text.length / 10);
        assertThat(d.progress().read()).isEqualTo(Files.size(zipped));
        assertThat(d.stats().events()).isEqualTo(100_000);
        assertThat(d.alerts()).hasSize(1);

        d.read(dir.resolve("missing.jsonl"), "missing", false, () -> true);
        assertThat(d.progress().file()).isEqualTo("zipped label");
        assertThat(d.stats().problems(InputProblem.Kind.UNREADABLE)).isEqualTo(1);
    }

    @Test
    void prettyPrintedSingleEvent() throws IOException {
        Detector d = detect(write("one.json", "{\n  \"action\": \"repo.register_self_hosted_runner\",\n"
                + "  \"actor\": \"m\"\n}\n"));
        assertThat(alertLines(d)).containsExactly(1L);
    }

    @Test
    void corruptLinesAreReportedAndTheRestIsRead() throws IOException {
        Detector d = detect(write("bad.jsonl", HIT + "\n{\"action\": \"x\", \n[1,2\n\"just a string\"\n"
                + "{\"a\":1} {\"b\":2}\n" + HIT + "\n{\"action\":\n\"org.register_self_hosted_runner\"}\n" + HIT + "\n"));
        assertThat(alertLines(d)).containsExactly(1L, 6L, 9L);
        assertThat(d.stats().problems()).extracting(InputProblem::line, InputProblem::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2L, InputProblem.Kind.PARSE_ERROR),
                org.assertj.core.groups.Tuple.tuple(3L, InputProblem.Kind.PARSE_ERROR),
                org.assertj.core.groups.Tuple.tuple(4L, InputProblem.Kind.UNKNOWN_SHAPE),
                org.assertj.core.groups.Tuple.tuple(5L, InputProblem.Kind.PARSE_ERROR),
                org.assertj.core.groups.Tuple.tuple(7L, InputProblem.Kind.PARSE_ERROR),
                org.assertj.core.groups.Tuple.tuple(8L, InputProblem.Kind.UNKNOWN_SHAPE));
        assertThat(d.stats().problems().get(0).describe()).startsWith("bad.jsonl:2: parse error: ");
    }

    /**
     * A file padded with zero bytes after a crash, or a line in another encoding: the parser must not take such a
     * line for the start of UTF-16 or UTF-32 text and pass over it and the lines after it as blanks.
     */
    @Test
    void linesOfZeroBytesOrInAnotherEncodingAreProblemsOfTheirLine() throws IOException {
        byte[] zeros = new byte[8];
        byte[] utf16 = "\uFEFF{\"k\":1}".getBytes(StandardCharsets.UTF_16BE);
        byte[] log = concat(HIT + "\n", zeros, "\n" + HIT + "\n", utf16, "\n" + HIT + "\n", zeros);
        Detector d = detect(Files.write(dir.resolve("padded.jsonl"), log));
        assertThat(alertLines(d)).containsExactly(1L, 3L, 5L);
        assertThat(d.stats().problems()).extracting(InputProblem::line, InputProblem::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2L, InputProblem.Kind.PARSE_ERROR),
                org.assertj.core.groups.Tuple.tuple(4L, InputProblem.Kind.PARSE_ERROR),
                org.assertj.core.groups.Tuple.tuple(6L, InputProblem.Kind.PARSE_ERROR));
    }

    /** A UTF-8 byte-order mark starts a file, or a line where a file that had one was joined to another. */
    @Test
    void byteOrderMarksAtTheStartOfFilesAndOfJoinedFilesAreSkipped() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Detector lines = detect(Files.write(dir.resolve("joined.jsonl"),
                concat("", bom, HIT + "\n" + MISS + "\n", bom, HIT + "\n")));
        assertThat(alertLines(lines)).containsExactly(1L, 3L);
        assertThat(lines.stats().events()).isEqualTo(3);
        assertThat(lines.stats().problems()).isEmpty();
        Detector document = detect(Files.write(dir.resolve("array.json"), concat("", bom, "[\n" + HIT + "\n]\n")));
        assertThat(alertLines(document)).containsExactly(2L);
        assertThat(document.stats().problems()).isEmpty();
        // Bytes of a mark that are not one are no blanks: such a file is not passed over as empty.
        Detector stray = detect(Files.write(dir.resolve("stray.jsonl"), concat(" ", new byte[] {(byte) 0xBF, (byte) 0xBB},
                "\n")));
        assertThat(stray.stats().problems()).extracting(InputProblem::line, InputProblem::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, InputProblem.Kind.PARSE_ERROR));
    }

    private static byte[] concat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] b ? b : ((String) part).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /**
     * A parse error says what is wrong and where on its line, and nothing of the parser's own settings. Deep nesting
     * and long numbers are valid JSON: such an event is read (here, of no known shape), not refused.
     */
    /**
     * An event of a JSON array that nests deeply or holds a long number is read like any other, and so are the
     * events after it: the parser's default bounds once ended the array there, losing the rest.
     */
    @Test
    void deepAndLongEventsOfAnArrayAreReadAndSoAreTheRest() throws IOException {
        Detector document = detect(write("array.json", "[\n  {\"action\": \"x\", \"d\": " + "[".repeat(2_000)
                + "]".repeat(2_000) + "},\n  {\"action\": \"x\", \"n\": " + "9".repeat(5_000) + "},\n  " + HIT
                + ",\n  {\"action\": \"x\", \"" + "k".repeat(60_000) + "\": 1},\n  " + HIT + "\n]\n"));
        assertThat(alertLines(document)).containsExactly(4L, 6L);
        assertThat(document.stats().problems()).extracting(InputProblem::line, InputProblem::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2L, InputProblem.Kind.UNKNOWN_SHAPE),
                org.assertj.core.groups.Tuple.tuple(3L, InputProblem.Kind.UNKNOWN_SHAPE),
                org.assertj.core.groups.Tuple.tuple(5L, InputProblem.Kind.UNKNOWN_SHAPE));
    }

    @Test
    void parseErrorsNameTheirColumnAndNotTheParsersSettings() throws IOException {
        String deep = "{\"a\":" + "[".repeat(600) + "]".repeat(600) + "}";
        Detector lines = detect(write("bad.jsonl", "{\"action\": \"x\"\n" + deep + "\n  {\"action\": \"x\" \"actor\": 1}\n"
                + "{\"n\": " + "1".repeat(1200) + "}\n\t[1,\n"));
        assertThat(lines.stats().problems()).extracting(InputProblem::describe).containsExactly(
                "bad.jsonl:1: parse error: Unexpected end-of-input: expected close marker for Object, at column 15",
                "bad.jsonl:2: unknown shape: no known log source has this shape; --source names one",
                "bad.jsonl:3: parse error: Unexpected character ('\"' (code 34)): was expecting comma to separate "
                        + "Object entries, at column 18",
                "bad.jsonl:4: unknown shape: no known log source has this shape; --source names one",
                "bad.jsonl:5: parse error: Unexpected end-of-input within/between Array entries, at column 5");
        // Past the parser's own bound, what is wrong is said without the setting's name.
        Detector nested = detect(write("nested.json", "[".repeat(EventParsers.MAX_NESTING + 1)));
        assertThat(nested.stats().problems()).extracting(InputProblem::describe).containsExactly(
                "nested.json:1: parse error: Document nesting depth (" + (EventParsers.MAX_NESTING + 1)
                        + ") exceeds the maximum allowed (" + EventParsers.MAX_NESTING + ")");
        Detector document = detect(write("array.json", "[\n  " + HIT + ",\n  {\"action\" \"y\"}\n]\n"));
        assertThat(document.stats().problems()).extracting(InputProblem::describe).containsExactly(
                "array.json:3: parse error: Unexpected character ('\"' (code 34)): was expecting a colon to separate "
                        + "property name and value, at column 13");
    }

    @Test
    void unknownShapesAreCountedWithTheirLine() throws IOException {
        Detector d = detect(write("odd.jsonl", "{\"hello\":\"world\"}\n" + HIT + "\n"));
        assertThat(d.stats().problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(InputProblem.Kind.UNKNOWN_SHAPE);
            assertThat(p.line()).isEqualTo(1);
        });
        assertThat(d.stats().events()).isEqualTo(1);
    }

    @Test
    void truncatedGzipKeepsTheEventsBeforeTheDamage() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            lines.append(i % 1000 == 0 ? HIT.replace("\"m\"", "\"m" + i + "\"") : MISS).append('\n');
        }
        Path whole = gzip("whole.gz", lines.toString().getBytes(StandardCharsets.UTF_8));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(bytes, bytes.length / 2));
        Detector d = detect(cut);
        assertThat(d.stats().events()).isGreaterThan(0).isLessThan(5000);
        assertThat(d.alerts()).isNotEmpty();
        assertThat(d.stats().problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(InputProblem.Kind.TRUNCATED);
            assertThat(p.describe()).startsWith("cut.gz: truncated");
        });
    }

    @Test
    void hugeLinesAreSkippedWithANoteWithoutFillingMemory() throws IOException {
        String huge = "{\"action\":\"org.register_self_hosted_runner\",\"actor\":\"m\",\"blob\":\""
                + "x".repeat(3 * LogReader.DEFAULT_MAX_EVENT_BYTES) + "\"}";
        Detector d = detect(write("huge.jsonl", MISS + "\n" + huge + "\n" + HIT + "\n" + huge));
        assertThat(alertLines(d)).containsExactly(3L);
        assertThat(d.stats().problems()).extracting(InputProblem::line, InputProblem::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2L, InputProblem.Kind.OVERSIZED),
                org.assertj.core.groups.Tuple.tuple(4L, InputProblem.Kind.OVERSIZED));
    }

    @Test
    void largeEventsAreSkippedOnLinesReadAloneToo() throws IOException {
        // An event above --max-event-bytes on a regular line, on a line ending in a lone carriage return (read
        // alone) and as the last line without a newline.
        String large = "{\"action\":\"org.register_self_hosted_runner\",\"actor\":\"m\",\"blob\":\""
                + "x".repeat(3000) + "\"}";
        Path file = write("large.jsonl", large + "\n" + HIT + "\n" + large + "\r \n" + HIT + "\n" + large);
        Detector d = new Detector(Detection.rules(RULE), new Detector.Options(null, 0, 0, 2048), null, a -> { });
        d.read(file, "large.jsonl", false, () -> true);
        d.finish();
        assertThat(alertLines(d)).containsExactly(2L, 4L);
        assertThat(d.stats().problems()).extracting(InputProblem::line, InputProblem::kind, InputProblem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, InputProblem.Kind.OVERSIZED,
                                "event of 3066 bytes exceeds the limit of 2048 bytes"),
                        org.assertj.core.groups.Tuple.tuple(3L, InputProblem.Kind.OVERSIZED,
                                "event of 3066 bytes exceeds the limit of 2048 bytes"),
                        org.assertj.core.groups.Tuple.tuple(5L, InputProblem.Kind.OVERSIZED,
                                "line of 3066 bytes exceeds the limit of 2048 bytes"));
    }

    @Test
    void missingFileIsUnreadable() {
        Detector d = detect(dir.resolve("nope.jsonl"));
        assertThat(d.stats().problems()).singleElement()
                .satisfies(p -> assertThat(p.kind()).isEqualTo(InputProblem.Kind.UNREADABLE));
    }

    @Test
    void followReadsWhatIsAppendedUntilStopped() throws Exception {
        Path file = write("growing.jsonl", MISS + "\n");
        List<Alert> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Detector detector = new Detector(Detection.rules(RULE), Detector.Options.defaults(), null, seen::add);
        Thread follower = new Thread(() -> detector.read(file, "growing.jsonl", true, stop::get));
        follower.start();
        Files.writeString(file, HIT.substring(0, 20), StandardOpenOption.APPEND);
        Thread.sleep(300);
        assertThat(seen).as("a half-written line is not read yet").isEmpty();
        Files.writeString(file, HIT.substring(20) + "\n", StandardOpenOption.APPEND);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        stop.set(true);
        follower.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(follower.isAlive()).isFalse();
        assertThat(seen).singleElement().satisfies(a -> assertThat(a.events().get(0).line()).isEqualTo(2));
    }

    /** Rotation, by renaming or by copying and truncating, as tail -F follows it: the new file from its start. */
    @Test
    void followGoesOnThroughRotationAndTruncation() throws Exception {
        Path file = write("rotating.jsonl", MISS + "\n");
        List<Alert> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        // Without folding, so that each match is an alert of its own.
        Detector.Options unfolded = new Detector.Options(null, 0, 0, LogReader.DEFAULT_MAX_EVENT_BYTES);
        Detector detector = new Detector(Detection.rules(RULE), unfolded, null, seen::add);
        Thread follower = new Thread(() -> detector.read(file, "rotating.jsonl", true, stop::get));
        follower.start();
        try {
            Files.writeString(file, HIT.replace("\"m\"", "\"before\"") + "\n", StandardOpenOption.APPEND);
            awaitAlerts(seen, 1);

            // Renamed away and a new file made in its place; the old one's last line had no newline yet.
            Files.writeString(file, HIT.replace("\"m\"", "\"unfinished\""), StandardOpenOption.APPEND);
            Files.move(file, dir.resolve("rotating.jsonl.1"));
            Thread.sleep(300);
            Files.writeString(file, MISS + "\n" + HIT.replace("\"m\"", "\"renamed\"") + "\n");
            awaitAlerts(seen, 3);

            // Copied and cut back to nothing, then written again.
            Files.writeString(file, "", StandardOpenOption.TRUNCATE_EXISTING);
            Thread.sleep(300);
            Files.writeString(file, HIT.replace("\"m\"", "\"truncated\"") + "\n", StandardOpenOption.APPEND);
            awaitAlerts(seen, 4);
        } finally {
            stop.set(true);
            follower.join(TimeUnit.SECONDS.toMillis(10));
        }
        assertThat(follower.isAlive()).isFalse();
        assertThat(seen).extracting(a -> a.events().get(0).json().replaceAll(".*\"actor\":\"(\\w+)\".*", "$1"),
                a -> a.events().get(0).line()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("before", 2L),
                org.assertj.core.groups.Tuple.tuple("unfinished", 3L),
                org.assertj.core.groups.Tuple.tuple("renamed", 2L),
                org.assertj.core.groups.Tuple.tuple("truncated", 1L));
        assertThat(detector.stats().problems()).isEmpty();
    }

    private static void awaitAlerts(List<Alert> seen, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(seen).hasSize(count);
    }

    @Test
    void sharedCorpusReadsWithoutParseErrors() throws IOException {
        assumeTrue(SharedData.present(), "../shared is not available");
        Path corpus = SharedData.file("corpus/audit-logs");
        for (String name : List.of("github-audit", "github-webhook", "gitlab-audit", "cloudtrail", "k8s-audit")) {
            Path file = corpus.resolve(name + ".jsonl");
            Detector d = detect(file);
            long lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count();
            assertThat(d.stats().problems()).as(name).isEmpty();
            assertThat(d.stats().events()).as(name).isEqualTo(lines);
            EventSource expected = EventSource.byId(name).orElseThrow();
            assertThat(d.stats().eventsBySource()).as(name).containsOnlyKeys(expected);
        }
        Detector production = detect(corpus.resolve("gitlab-production.jsonl"));
        assertThat(production.stats().problems(InputProblem.Kind.PARSE_ERROR)).isZero();
        assertThat(production.stats().problems(InputProblem.Kind.UNKNOWN_SHAPE))
                .as("GitLab application logs are not an audit source").isEqualTo(3);
    }
}
