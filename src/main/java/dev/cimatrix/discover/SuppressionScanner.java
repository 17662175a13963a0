package dev.cimatrix.discover;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.CheckInfo;
import dev.cimatrix.catalog.ClosestIds;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.ReadProblem;
import dev.cimatrix.model.Suppression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds inline suppressions: {@code # cimatrix: ignore[check-a, check-b] reason} in a comment on any line, written
 * {@code // cimatrix: ignore[…]} in a Jenkinsfile.
 * Without brackets every check is silenced on that line.
 */
public final class SuppressionScanner {
    private static final Pattern MARKER = Pattern.compile("(?:#|//)\\s*cimatrix:\\s*ignore(?:\\[([^\\]]*)])?\\s*(.*)$");

    private SuppressionScanner() {
    }

    /** The check ids of the built-in catalog, which no configuration can add to. */
    private static final class Known {
        static final Set<String> CHECKS = Catalog.builtin().checks().stream().map(CheckInfo::id)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The suppressions of a file, and a problem for each check id one names that no check has: such a comment
     * silences nothing, which its author would otherwise never learn.
     */
    public static List<Suppression> scan(String path, String text, List<ReadProblem> problems) {
        List<Suppression> found = scan(path, text);
        for (Suppression s : found) {
            for (String id : s.checkIds()) {
                if (Known.CHECKS.contains(id)) {
                    continue;
                }
                List<String> close = ClosestIds.to(id, Known.CHECKS, 3);
                problems.add(new ReadProblem(Location.line(path, s.line(), ""), "the suppression names check '"
                        + id + "', which does not exist" + (close.isEmpty() ? ""
                        : " (did you mean " + String.join(", ", close) + "?)") + ", so it silences nothing", false));
            }
        }
        return found;
    }

    private static List<Suppression> scan(String path, String text) {
        List<Suppression> found = new ArrayList<>();
        if (text.indexOf("cimatrix:") < 0) {
            return found;
        }
        int line = 1;
        int start = 0;
        int length = text.length();
        while (start <= length) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            String current = text.substring(start, end);
            if (current.contains("cimatrix:")) {
                Matcher m = MARKER.matcher(current);
                if (m.find()) {
                    List<String> ids = m.group(1) == null ? List.of()
                            : Arrays.stream(m.group(1).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
                    found.add(new Suppression(path, line, ids, m.group(2).strip()));
                }
            }
            line++;
            start = end + 1;
        }
        return found;
    }
}
