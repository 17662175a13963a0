package dev.cimatrix.report.matrix;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.Cell;
import dev.cimatrix.catalog.Control;
import dev.cimatrix.catalog.ControlKind;
import dev.cimatrix.catalog.Tactic;
import dev.cimatrix.catalog.Technique;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The matrix as Markdown: the grid of cells, then one section per technique with its controls. */
public final class MatrixMarkdown {
    private final Catalog catalog;
    private final boolean withExtensions;

    public MatrixMarkdown(Catalog catalog, boolean withExtensions) {
        this.catalog = catalog;
        this.withExtensions = withExtensions;
    }

    public String render() {
        StringBuilder out = new StringBuilder("# CI/CD threat matrix\n\n");
        List<Tactic> tactics = catalog.tactics();
        List<List<Cell>> columns = new ArrayList<>();
        int rows = 0;
        for (Tactic tactic : tactics) {
            List<Cell> cells = catalog.cellsOf(tactic, withExtensions);
            columns.add(cells);
            rows = Math.max(rows, cells.size());
        }
        out.append('|');
        tactics.forEach(t -> out.append(' ').append(t.name()).append(" (").append(t.id()).append(") |"));
        out.append("\n|");
        tactics.forEach(t -> out.append("---|"));
        out.append('\n');
        for (int row = 0; row < rows; row++) {
            out.append('|');
            for (List<Cell> cells : columns) {
                if (row < cells.size()) {
                    Technique t = cells.get(row).technique();
                    out.append(" [").append(t.id()).append("](#").append(anchor(t)).append(") ")
                            .append(escape(t.name()));
                }
                out.append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
        for (Technique t : techniques()) {
            out.append("## ").append(t.id()).append(" ").append(escape(t.name())).append("\n\n");
            out.append("Cells: ").append(t.tactics().stream().map(x -> "`" + Cell.id(x, t.id()) + "`")
                    .collect(Collectors.joining(", ")));
            if (t.isExtension()) {
                out.append(" (extension; source: ").append(t.extensionSource()).append(')');
            }
            out.append("\n\n").append(t.description()).append("\n\n");
            out.append("Example: ").append(t.example()).append("\n\n");
            if (!t.attack().isEmpty()) {
                out.append("ATT&CK: ").append(String.join(", ", t.attack())).append(". ");
            }
            if (!t.owasp().isEmpty()) {
                out.append("OWASP: ").append(String.join(", ", t.owasp())).append('.');
            }
            out.append("\n\n");
            for (ControlKind kind : ControlKind.values()) {
                List<Control> controls = catalog.controlsFor(t.id(), kind);
                out.append(kind == ControlKind.PREVENTIVE ? "Preventive controls:\n" : "Detective controls:\n");
                for (Control c : controls) {
                    out.append("- ").append(c.id()).append(" ").append(escape(c.name()));
                    if (kind == ControlKind.DETECTIVE) {
                        out.append(" (").append(String.join(", ", c.logSourceIds())).append(')');
                    }
                    out.append('\n');
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private List<Technique> techniques() {
        return withExtensions ? catalog.techniques() : catalog.matrixTechniques();
    }

    private static String anchor(Technique t) {
        return (t.id() + " " + t.name()).toLowerCase().replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
