package dev.cimatrix.discover;

import dev.cimatrix.model.Suppression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds inline suppressions: {@code # cimatrix: ignore[check-a, check-b] reason} in a comment on any line.
 * Without brackets every check is silenced on that line.
 */
public final class SuppressionScanner {
    private static final Pattern MARKER = Pattern.compile("#\\s*cimatrix:\\s*ignore(?:\\[([^\\]]*)])?\\s*(.*)$");

    private SuppressionScanner() {
    }

    public static List<Suppression> scan(String path, String text) {
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
