package dev.cimatrix.detect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A log flooded with events that alert lists the first alerts of each rule up to the limit and counts the rest, so
 * that its report (and memory) stays small while nothing goes unsaid; other rules are listed as ever.
 */
class AlertLimitTest {
    private static final String TOKEN = """
            title: token created
            id: token
            level: medium
            logsource: {product: github, service: audit}
            detection:
              selection: {action: personal_access_token.request_created}
              condition: selection
            """;
    private static final String RUNNER = """
            title: runner registered
            id: runner
            level: high
            logsource: {product: github, service: audit}
            detection:
              selection: {action: org.register_self_hosted_runner}
              condition: selection
            """;

    @TempDir
    Path dir;

    private static String event(String action, String actor, int minute) {
        return "{\"action\":\"" + action + "\",\"actor\":\"" + actor + "\",\"@timestamp\":\""
                + java.time.Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * minute) + "\"}";
    }

    private Detector run(int limit, List<String> lines) {
        return Detection.run(Detection.rules(TOKEN, RUNNER), new Detector.Options(null, 0, 3_600_000L,
                LogReader.DEFAULT_MAX_EVENT_BYTES, limit), dir, lines.toArray(String[]::new));
    }

    @Test
    void alertsPastTheLimitAreCountedNotListed() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lines.add(event("personal_access_token.request_created", "bot" + i, i));
            // The same group again within the dedup window folds into its alert, listed or not: no new alert.
            lines.add(event("personal_access_token.request_created", "bot" + i, i));
        }
        lines.add(event("org.register_self_hosted_runner", "mallory", 60));
        Detector limited = run(10, lines);
        assertThat(limited.alerts()).extracting(a -> a.rule().key()).containsExactly(
                "token", "token", "token", "token", "token", "token", "token", "token", "token", "token", "runner");
        assertThat(limited.alerts().get(0).eventCount()).isEqualTo(2);
        assertThat(limited.stats().alertsNotListed()).isEqualTo(Map.of("token", 40L));

        Detector unlimited = run(0, lines);
        assertThat(unlimited.alerts()).hasSize(51);
        assertThat(unlimited.stats().alertsNotListed()).isEmpty();
    }
}
