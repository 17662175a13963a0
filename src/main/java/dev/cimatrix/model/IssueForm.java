package dev.cimatrix.model;

import java.util.List;

/**
 * An issue template of a repository ({@code .github/ISSUE_TEMPLATE/bug.yml}, or a Markdown template with front
 * matter) and the labels it adds to every issue opened with it, for whoever opens it.
 *
 * @param path   the template's path, relative to the scanned root
 * @param line   the line of its {@code labels:} key (1 when it has none)
 * @param labels the labels, as written
 */
public record IssueForm(String path, int line, List<String> labels) {
    public IssueForm {
        labels = List.copyOf(labels);
    }

    /** Where the template names its labels. */
    public Location location() {
        return Location.line(path, line, "labels");
    }
}
