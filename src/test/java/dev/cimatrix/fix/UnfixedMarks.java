package dev.cimatrix.fix;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of a fixture marked {@code # unfixed: words} (or {@code // unfixed:} in a script), whose finding the fix
 * leaves, with the words its reason must contain.
 */
record UnfixedMarks(Set<Integer> lines, List<String> reasons) {
    private static final Pattern MARK = Pattern.compile("(?:#|//) unfixed: (.*)");

    static UnfixedMarks of(String text) {
        Set<Integer> lines = new TreeSet<>();
        List<String> reasons = new ArrayList<>();
        List<String> all = text.lines().toList();
        for (int i = 0; i < all.size(); i++) {
            Matcher m = MARK.matcher(all.get(i));
            if (m.find() && !all.get(i).startsWith("#")) {
                lines.add(i + 1);
                reasons.add(m.group(1));
            }
        }
        return new UnfixedMarks(lines, reasons);
    }
}
