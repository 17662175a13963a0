package dev.cimatrix.fuzz;

import dev.cimatrix.store.DetectionState;
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
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The detection fuzzer's property ({@link DetectOutcome}) in the default build: on events whose times, addresses,
 * actors and shapes are wrong in the ways hostile or broken logs are, and on every input the fuzzer once failed on.
 */
class DetectOutcomeTest {
    private static final Path FORMER_FINDINGS = Path.of("src/test/resources/detect/detect-fuzz-regressions");
    private static final Map<String, String> CASES = new LinkedHashMap<>();

    static {
        String event = "{\"action\":\"%s\",\"actor\":\"mallory\",\"org\":\"acme\",\"repo\":\"acme/app\","
                + "\"actor_ip\":\"%s\",\"hashed_token\":\"abc\",\"programmatic_access_type\":\"OAuth access token\","
                + "\"@timestamp\":%s}";
        UnaryOperator<String> at = time -> String.format(event, "repo.create", "1.2.3.4", time);
        CASES.put("times out of every range", Stream.concat(Stream.of("99999999999999999999",
                        "-9223372036854775808", "1e308", "-0.5", "\"2026-13-45T99:99:99+99:99\"",
                        "\"+999999999-01-01T00:00:00Z\"", "\"NaN\"", "[1,2]", "{\"t\":1}", "null").map(at),
                Stream.of("{\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateUser\","
                                + "\"eventTime\":\"9999-99-99T\"}",
                        "{\"created_at\":\"1970-01-01 00:00:00 +25:00\",\"action\":\"org.add_member\",\"actor\":\"a\"}"))
                .collect(Collectors.joining("\n")));
        List<String> addresses = List.of("", "::ffff:999.1.1.1", "1.2.3.4/99", "fe80::1%eth0", "0x7f.1",
                "a".repeat(5000), "1.2.3.4, 5.6.7.8");
        CASES.put("addresses of every malformed kind", IntStream.range(0, addresses.size())
                .mapToObj(i -> String.format(event, "oauth_access.use", addresses.get(i), 1763800000000L + i))
                .collect(Collectors.joining("\n")));
        CASES.put("fields of the wrong kinds", String.join("\n",
                "{\"action\":[\"repo.create\"],\"actor\":{\"login\":\"x\"},\"@timestamp\":1}",
                "{\"action\":null,\"actor\":null}",
                "{\"action\":7,\"actor\":true,\"actor_is_bot\":\"yes\"}",
                "{\"eventSource\":[1],\"eventName\":{\"a\":1},\"userIdentity\":\"root\",\"sourceIPAddress\":[]}",
                "{\"apiVersion\":\"audit.k8s.io/v1\",\"kind\":\"Event\",\"verb\":null,\"objectRef\":[],\"user\":7}",
                "{\"event_type\":{},\"entity_type\":[],\"target_details\":null,\"details\":\"x\"}",
                "{\"workflow_run\":7,\"sender\":[],\"repository\":\"x\",\"pull_request\":{\"head\":null}}",
                "{\"p_log_type\":\"GitHub.Audit\",\"action\":\"org.add_member\"}",
                "{\"p_log_type\":[\"x\"],\"p_event_time\":\"yesterday\"}"));
        CASES.put("the same key twice and secrets in values", String.join("\n",
                "{\"action\":\"org.add_member\",\"action\":\"repo.destroy\",\"actor\":\"a\",\"actor\":\"b\"}",
                "{\"action\":\"repo.destroy\",\"actor\":\"a\",\"token\":\"ghp_" + "A1b2".repeat(9)
                        + "\",\"data\":{\"password\":\"hunter2\",\"x\":\"AKIAABCDEFGHIJKLMNOP\"}}"));
        CASES.put("not events at all", "[]\n[1,\"x\",null]\n{}\n\"s\"\n{\"Records\":7}\n{\"Records\":[1,[],{}]}\n");
    }

    @TestFactory
    Stream<DynamicTest> hostileEvents(@TempDir Path dir) {
        List<DynamicTest> tests = new ArrayList<>();
        CASES.forEach((name, text) -> tests.add(dynamicTest(name, () -> detect(text.getBytes(StandardCharsets.UTF_8),
                dir))));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> formerFuzzFindings(@TempDir Path dir) throws IOException {
        return FormerFindings.replay(FORMER_FINDINGS, bytes -> detect(bytes, dir));
    }

    /** Twice over one store, as a second run over the same log meets the baselines the first one learned. */
    private static void detect(byte[] bytes, Path dir) throws IOException {
        try (DetectionState state = DetectionState.open(dir.resolve("state.db"))) {
            DetectOutcome.detectCleanly(bytes, dir, state);
            DetectOutcome.detectCleanly(bytes, dir, state);
        }
    }
}
