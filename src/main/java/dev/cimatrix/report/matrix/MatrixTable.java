package dev.cimatrix.report.matrix;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.Cell;
import dev.cimatrix.catalog.Tactic;
import dev.cimatrix.report.TextWrap;

import java.util.ArrayList;
import java.util.List;

/**
 * The matrix for a terminal: tactics as columns in matrix order, each technique as a cell, fitted to the
 * given width. When ten columns do not fit at a readable width, the tactics are laid out in bands of fewer
 * columns, still in matrix order, like a wide table set across two pages; on very narrow terminals they
 * are listed one under another.
 */
public final class MatrixTable {
    /** The narrowest column that keeps ids and most words whole. */
    static final int MIN_COLUMN_WIDTH = 15;
    private static final int MAX_COLUMN_WIDTH = 24;
    /** Border and padding around each column: "| " before the text and " " after it. */
    private static final int COLUMN_FRAME = 3;

    private final Catalog catalog;
    private final boolean withExtensions;

    public MatrixTable(Catalog catalog, boolean withExtensions) {
        this.catalog = catalog;
        this.withExtensions = withExtensions;
    }

    public String render(int width) {
        List<Tactic> tactics = catalog.tactics();
        int fitting = Math.min(tactics.size(), (width - 1) / (MIN_COLUMN_WIDTH + COLUMN_FRAME));
        if (fitting < 2) {
            return renderList(width);
        }
        int bands = (tactics.size() + fitting - 1) / fitting;
        int perBand = (tactics.size() + bands - 1) / bands;
        int columnWidth = Math.min(MAX_COLUMN_WIDTH, (width - 1) / perBand - COLUMN_FRAME);
        StringBuilder out = new StringBuilder();
        for (int from = 0; from < tactics.size(); from += perBand) {
            if (from > 0) {
                out.append('\n');
            }
            renderBand(out, tactics.subList(from, Math.min(tactics.size(), from + perBand)), columnWidth);
        }
        out.append(summary(width));
        return out.toString();
    }

    private void renderBand(StringBuilder out, List<Tactic> tactics, int columnWidth) {
        int columns = tactics.size();
        List<List<Cell>> cellsByTactic = new ArrayList<>();
        int rows = 0;
        for (Tactic tactic : tactics) {
            List<Cell> cells = catalog.cellsOf(tactic, withExtensions);
            cellsByTactic.add(cells);
            rows = Math.max(rows, cells.size());
        }
        String rule = rule(columns, columnWidth);
        out.append(rule);
        List<List<String>> header = new ArrayList<>();
        for (Tactic tactic : tactics) {
            List<String> lines = new ArrayList<>(TextWrap.wrap(tactic.name(), columnWidth));
            lines.add("(" + tactic.id() + ")");
            header.add(lines);
        }
        appendRow(out, header, columnWidth);
        out.append(rule.replace('-', '='));
        for (int row = 0; row < rows; row++) {
            List<List<String>> texts = new ArrayList<>();
            for (List<Cell> cells : cellsByTactic) {
                if (row < cells.size()) {
                    Cell cell = cells.get(row);
                    List<String> lines = new ArrayList<>();
                    lines.add(cell.technique().id());
                    lines.addAll(TextWrap.wrap(cell.technique().name(), columnWidth));
                    texts.add(lines);
                } else {
                    texts.add(List.of());
                }
            }
            appendRow(out, texts, columnWidth);
            out.append(rule);
        }
    }

    private static String rule(int columns, int columnWidth) {
        StringBuilder line = new StringBuilder("+");
        for (int c = 0; c < columns; c++) {
            line.append("-".repeat(columnWidth + 2)).append('+');
        }
        return line.append('\n').toString();
    }

    private static void appendRow(StringBuilder out, List<List<String>> cells, int columnWidth) {
        int height = cells.stream().mapToInt(List::size).max().orElse(0);
        for (int line = 0; line < height; line++) {
            out.append('|');
            for (List<String> cell : cells) {
                String text = line < cell.size() ? cell.get(line) : "";
                out.append(' ').append(text).append(" ".repeat(columnWidth - text.length())).append(" |");
            }
            out.append('\n');
        }
    }

    private String renderList(int width) {
        StringBuilder out = new StringBuilder();
        for (Tactic tactic : catalog.tactics()) {
            out.append(tactic.name()).append(" (").append(tactic.id()).append(")\n");
            for (Cell cell : catalog.cellsOf(tactic, withExtensions)) {
                String prefix = "  " + cell.technique().id() + "  ";
                List<String> name = TextWrap.wrap(cell.technique().name(), Math.max(10, width - prefix.length()));
                out.append(prefix).append(name.get(0)).append('\n');
                for (String more : name.subList(1, name.size())) {
                    out.append(" ".repeat(prefix.length())).append(more).append('\n');
                }
            }
            out.append('\n');
        }
        out.append(summary(width));
        return out.toString();
    }

    private String summary(int width) {
        List<Cell> cells = withExtensions ? catalog.cells() : catalog.matrixCells();
        long techniques = cells.stream().map(c -> c.technique().id()).distinct().count();
        String text = catalog.tactics().size() + " tactics, " + techniques + " techniques, " + cells.size()
                + " cells. `cimatrix explain <id>` describes a technique and its controls.";
        return String.join("\n", TextWrap.wrap(text, width)) + "\n";
    }
}
