package dev.cimatrix.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ids, names and cells of MATRIX.md, read from its two tables. */
record MatrixSpec(List<Row> tactics, List<Row> techniques) {
    /** A table row: id, name, and for techniques the tactic ids. */
    record Row(String id, String name, List<String> tactics) {
    }

    private static final Pattern TACTIC = Pattern.compile("^\\| ([A-Z]{4,5}) \\| ([^|]+) \\|");
    private static final Pattern TECHNIQUE = Pattern.compile("^\\| (CICD-T\\d{3}) \\| ([^|]+) \\| ([^|]+) \\|");

    static MatrixSpec parse(String markdown) {
        List<Row> tactics = new ArrayList<>();
        List<Row> techniques = new ArrayList<>();
        for (String line : markdown.split("\n")) {
            Matcher t = TECHNIQUE.matcher(line);
            if (t.find()) {
                List<String> cells = Arrays.stream(t.group(3).split(",")).map(String::trim).toList();
                techniques.add(new Row(t.group(1), t.group(2).trim(), cells));
                continue;
            }
            Matcher m = TACTIC.matcher(line);
            if (m.find()) {
                tactics.add(new Row(m.group(1), m.group(2).trim(), List.of()));
            }
        }
        return new MatrixSpec(tactics, techniques);
    }
}
