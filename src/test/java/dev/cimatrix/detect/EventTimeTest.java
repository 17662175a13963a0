package dev.cimatrix.detect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class EventTimeTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1763800000|1763800000000",
        "1763800000.25|1763800000250",
        "1763800000123|1763800000123",
        "2025-11-22T08:26:40Z|1763800000000",
        "2025-11-22T08:26:40.123Z|1763800000123",
        "2025-11-22 08:26:40Z|1763800000000",
        "2025-11-22T10:26:40+02:00|1763800000000",
        "2025-11-22T08:26:40|1763800000000",
        "0000-01-01T00:00:00Z|-62167219200000",
        "9999-12-31T23:59:59.999Z|253402300799999"})
    void readsEveryAcceptedForm(String text, long millis) {
        assertThat(EventTime.parse(text)).isEqualTo(millis);
    }

    /** A forged or broken time is unknown rather than an error that stops the run or a window that overflows. */
    @ParameterizedTest
    @ValueSource(strings = {"+999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "-0001-12-31T00:00:00Z",
        "99999999999999999999", "1e308", "2026-13-45T99:99:99+99:99", "NaN", "", " ", "yesterday",
        "9999-12-31T23:59:59.999-01:00"})
    void timesNoEventCanHaveAreUnknown(String text) {
        assertThat(EventTime.parse(text)).isEqualTo(EventTime.UNKNOWN);
    }

    @TempDir
    Path dir;

    private static final String PUSHES = """
            title: pushes
            id: pushes
            logsource: {product: github, service: webhook}
            level: low
            detection:
              selection:
                ref|startswith: refs/heads/
              condition: selection
            """;

    /**
     * A push is timed by the push, in epoch seconds, not by its head commit's own date; a branch deletion, which has
     * no head commit, is timed as well. Elsewhere {@code repository.pushed_at} is an ISO date of some earlier push,
     * which is no time of the event.
     */
    @Test
    void pushWebhooksAreTimedByThePushNotTheCommit() {
        Detector.Options everyMatch = new Detector.Options(null, 0, 0, Detector.Options.defaults().maxEventBytes());
        List<Alert> alerts = Detection.run(Detection.rules(PUSHES), everyMatch, dir,
                "{\"ref\":\"refs/heads/a\",\"created\":true,\"deleted\":false,\"commits\":[],"
                        + "\"head_commit\":{\"id\":\"1\",\"timestamp\":\"2020-01-01T00:00:00Z\"},"
                        + "\"repository\":{\"full_name\":\"o/r\",\"pushed_at\":1763800000}}",
                "{\"ref\":\"refs/heads/b\",\"created\":false,\"deleted\":true,\"commits\":[],\"head_commit\":null,"
                        + "\"repository\":{\"full_name\":\"o/r\",\"pushed_at\":1763803600}}",
                "{\"ref\":\"refs/heads/c\",\"pull_request\":{\"updated_at\":\"2025-11-22T10:00:00Z\"},"
                        + "\"repository\":{\"full_name\":\"o/r\",\"pushed_at\":\"2020-01-01T00:00:00Z\"}}")
                .alerts();
        assertThat(alerts).extracting(a -> a.events().get(0).line(), Alert::firstTime).containsExactly(
                tuple(1L, 1_763_800_000_000L), tuple(2L, 1_763_803_600_000L), tuple(3L, 1_763_805_600_000L));
    }
}
