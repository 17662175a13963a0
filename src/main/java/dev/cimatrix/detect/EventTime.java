package dev.cimatrix.detect;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The time of an event, from the fields each source uses, in epoch milliseconds. Accepts epoch seconds or
 * milliseconds (number or digits) and ISO-8601 date-times with {@code T} or a space, with or without an offset
 * (UTC assumed without one). A time outside the years 0 to 9999 is no event's: it counts as unknown, so that a forged
 * or broken one can neither stop a run nor overflow the windows computed from it.
 */
final class EventTime {
    static final long UNKNOWN = Long.MIN_VALUE;
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z. */
    static final long EARLIEST = -62_167_219_200_000L;
    static final long LATEST = 253_402_300_799_999L;

    /**
     * The time of a push webhook, the only one the payload of a push that deletes a branch carries. Push payloads
     * write it as epoch seconds; every other webhook writes it as an ISO date, and there it is the time of the
     * repository's last push, not of the event, so it is read only as a number. It comes before
     * {@code head_commit.timestamp}, which is the commit's own date: whoever commits chooses it, and an older
     * commit pushed today carries its old date.
     */
    private static final String PUSHED_AT = "repository.pushed_at";

    private static final Map<EventSource, List<String>> FIELDS = new EnumMap<>(Map.of(
            EventSource.GITHUB_AUDIT, List.of("@timestamp", "created_at", "at_sign_timestamp", "p_event_time"),
            EventSource.GITHUB_WEBHOOK, List.of("p_event_time", "workflow_run.updated_at", "workflow_job.started_at",
                    PUSHED_AT, "head_commit.timestamp", "pull_request.updated_at", "comment.updated_at",
                    "issue.updated_at"),
            EventSource.GITLAB_AUDIT, List.of("created_at", "time", "@timestamp"),
            EventSource.CLOUDTRAIL, List.of("eventTime", "p_event_time"),
            EventSource.K8S_AUDIT, List.of("requestReceivedTimestamp", "stageTimestamp", "p_event_time")));

    private final Map<EventSource, int[]> slots = new EnumMap<>(EventSource.class);
    /** The slot of {@link #PUSHED_AT}, read only as a number. */
    private final int pushedAtSlot;

    EventTime(FieldTable table) {
        FIELDS.forEach((source, fields) -> slots.put(source, fields.stream().mapToInt(table::slot).toArray()));
        pushedAtSlot = table.slot(PUSHED_AT);
    }

    long of(EventRecord event, EventSource source) {
        for (int slot : slots.get(source)) {
            String text = event.text(slot);
            if (text != null && (slot != pushedAtSlot || isEpochNumber(text))) {
                long t = parse(text);
                if (t != UNKNOWN) {
                    return t;
                }
            }
        }
        return UNKNOWN;
    }

    private static boolean isEpochNumber(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return !text.isEmpty();
    }

    static long parse(String text) {
        long t = parseAnyRange(text);
        return t >= EARLIEST && t <= LATEST ? t : UNKNOWN;
    }

    private static long parseAnyRange(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            return UNKNOWN;
        }
        // One pass tells epoch digits (with at most one dot) from a date-time and sums the digits on the way.
        long digits = 0;
        int dots = 0;
        boolean epoch = s.charAt(0) != '.';
        for (int i = 0; i < s.length() && epoch; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                epoch = ++dots <= 1;
            } else if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
            } else {
                epoch = false;
            }
        }
        if (epoch) {
            double n = dots == 0 && s.length() < 19 ? digits : Double.parseDouble(s);
            // Below 10^11 the number is seconds (year 5138 in seconds; 1973 in milliseconds).
            return n < 1e11 ? (long) (n * 1000) : (long) n;
        }
        long fast = fastIso(s);
        if (fast != UNKNOWN) {
            return fast;
        }
        String iso = s.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            // Not a date-time, or one whose milliseconds overflow a long (years past 292 million).
            try {
                return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeException | ArithmeticException e2) {
                return UNKNOWN;
            }
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} without java.time: the common case, read at every event. */
    private static long fastIso(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || (s.charAt(10) != 'T' && s.charAt(10) != ' ') || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return UNKNOWN;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 60) {
            return UNKNOWN;
        }
        int millis = 0;
        if (s.charAt(19) == '.') {
            int scale = 100;
            for (int i = 20; i < n - 1; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return UNKNOWN;
                }
                millis += (c - '0') * scale;
                scale /= 10;
            }
        } else if (n != 20) {
            return UNKNOWN;
        }
        long days = java.time.LocalDate.of(year, month, Math.min(day, 28)).toEpochDay() + Math.max(0, day - 28);
        return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
