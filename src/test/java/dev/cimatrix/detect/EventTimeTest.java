package dev.cimatrix.detect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

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
}
