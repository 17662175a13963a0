package dev.cimatrix.report.matrix;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.Cell;
import dev.cimatrix.catalog.CheckInfo;
import dev.cimatrix.catalog.Control;
import dev.cimatrix.catalog.ControlKind;
import dev.cimatrix.catalog.Incident;
import dev.cimatrix.catalog.LogSource;
import dev.cimatrix.catalog.LogSourceUse;
import dev.cimatrix.catalog.Reference;
import dev.cimatrix.catalog.Tactic;
import dev.cimatrix.catalog.Technique;
import dev.cimatrix.report.TextWrap;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A catalog entry explained for a terminal reader: a technique, tactic, control, log source or scan check. */
public final class ExplainText {
    private static final String INDENT = "  ";

    private final Catalog catalog;
    private final int width;

    public ExplainText(Catalog catalog, int width) {
        this.catalog = catalog;
        this.width = Math.max(40, width);
    }

    /** The explanation of the entry with this id, or empty when no entry has it. */
    public Optional<String> explain(String id) {
        String key = id.trim();
        int slash = key.indexOf('/');
        if (slash > 0) {
            return catalog.cell(key).map(c -> technique(c.technique()));
        }
        return catalog.technique(key).map(this::technique)
                .or(() -> catalog.control(key).map(this::control))
                .or(() -> catalog.tactic(key).map(this::tactic))
                .or(() -> catalog.logSource(key).map(this::logSource))
                .or(() -> catalog.check(key).map(this::check));
    }

    /** A scan check, as a finding names it: what it finds, the cells and controls it stands for, how to fix it. */
    private String check(CheckInfo c) {
        StringBuilder out = new StringBuilder();
        out.append(c.id()).append("  ").append(c.title()).append('\n');
        line(out, "Check", c.platform() + "; " + c.severity().label() + " severity and " + c.confidence().label()
                + " confidence as a rule (each finding rates itself); shown from the " + c.profile() + " profile on");
        out.append('\n').append(TextWrap.paragraph(c.description(), width, INDENT));
        out.append('\n').append(INDENT).append("Cells\n");
        for (String cell : c.cells()) {
            item(out, cell + "  " + catalog.cell(cell).map(x -> x.technique().name()).orElse(""));
        }
        if (!c.controls().isEmpty()) {
            out.append('\n').append(INDENT).append("Controls a clean result is evidence for\n");
            for (String id : c.controls()) {
                item(out, id + "  " + catalog.control(id).map(Control::name).orElse(""));
            }
        }
        out.append('\n').append(INDENT).append("How to fix\n").append(TextWrap.paragraph(c.remediation(), width, INDENT + INDENT));
        if (c.fixable()) {
            out.append('\n').append(INDENT).append("Automatic fix\n").append(TextWrap.paragraph("cimatrix scan --fix "
                    + c.fix() + "; --fix-diff shows the change first.", width, INDENT + INDENT));
        }
        references(out, c.references());
        out.append('\n');
        if (!c.options().isEmpty()) {
            line(out, "Options", String.join(", ", c.options()) + ", under checks." + c.id() + " in .cimatrix.yml");
        }
        line(out, "More", "docs/checks/" + c.id() + ".md in the source tree: severity and confidence argued, examples");
        return out.toString();
    }

    private String technique(Technique t) {
        StringBuilder out = new StringBuilder();
        out.append(t.id()).append("  ").append(t.name()).append('\n');
        out.append(INDENT).append("Cells: ").append(t.tactics().stream()
                .map(x -> Cell.id(x, t.id()) + " (" + catalog.tactic(x).map(Tactic::name).orElse(x) + ")")
                .collect(Collectors.joining(", "))).append('\n');
        if (t.isExtension()) {
            out.append(INDENT).append("Extension from: ").append(t.extensionSource()).append('\n');
        }
        out.append('\n').append(TextWrap.paragraph(t.description(), width, INDENT));
        out.append('\n').append(INDENT).append("Example\n").append(TextWrap.paragraph(t.example(), width, INDENT + INDENT));
        out.append('\n');
        line(out, "ATT&CK", String.join(", ", t.attack()));
        if (t.attackNote() != null) {
            out.append(TextWrap.paragraph(t.attackNote(), width, INDENT + INDENT));
        }
        line(out, "OWASP", String.join(", ", t.owasp()));
        line(out, "Suezawa", t.suezawa() == null ? "-" : t.suezawa());
        line(out, "Microsoft", t.microsoft() == null ? "-" : t.microsoft());

        for (ControlKind kind : ControlKind.values()) {
            List<Control> controls = catalog.controlsFor(t.id(), kind);
            out.append('\n').append(INDENT).append(kind == ControlKind.PREVENTIVE ? "Preventive controls" : "Detective controls")
                    .append(" (").append(controls.size()).append(")\n");
            for (Control c : controls) {
                item(out, c.id() + "  " + c.name());
                if (kind == ControlKind.DETECTIVE) {
                    out.append(TextWrap.paragraph("log sources: " + String.join(", ", c.logSourceIds()), width,
                            INDENT.repeat(3) + "  "));
                }
            }
        }
        Set<String> sources = new LinkedHashSet<>();
        catalog.controlsFor(t.id(), ControlKind.DETECTIVE).forEach(c -> sources.addAll(c.logSourceIds()));
        if (!sources.isEmpty()) {
            out.append('\n').append(INDENT).append("Log sources\n");
            for (String s : sources) {
                item(out, s + "  " + catalog.logSource(s).map(LogSource::name).orElse(""));
            }
        }
        if (!t.incidents().isEmpty()) {
            out.append('\n').append(INDENT).append("Incidents\n");
            for (Incident i : t.incidents()) {
                item(out, i.year() + "  " + i.name());
            }
        }
        references(out, t.references());
        return out.toString();
    }

    private String control(Control c) {
        StringBuilder out = new StringBuilder();
        out.append(c.id()).append("  ").append(c.name()).append('\n');
        out.append(INDENT).append("Kind: ").append(c.kind().label())
                .append("    Platforms: ").append(String.join(", ", c.platforms())).append("\n\n");
        out.append(TextWrap.paragraph(c.implementation(), width, INDENT));
        out.append('\n').append(INDENT).append("Counters\n");
        for (String id : c.techniques()) {
            Technique t = catalog.technique(id).orElseThrow();
            item(out, t.id() + "  " + t.name() + "  [" + t.tactics().stream().map(x -> Cell.id(x, t.id()))
                    .collect(Collectors.joining(", ")) + "]");
        }
        if (!c.logSources().isEmpty()) {
            out.append('\n').append(INDENT).append("Log sources\n");
            for (LogSourceUse use : c.logSources()) {
                item(out, use.source() + "  " + catalog.logSource(use.source()).map(LogSource::name).orElse(""));
                if (!use.events().isEmpty()) {
                    out.append(TextWrap.paragraph("events: " + String.join(", ", use.events()), width, INDENT.repeat(3) + "  "));
                }
                if (!use.fields().isEmpty()) {
                    out.append(TextWrap.paragraph("fields: " + String.join(", ", use.fields()), width, INDENT.repeat(3) + "  "));
                }
            }
        }
        return out.toString();
    }

    private String tactic(Tactic t) {
        StringBuilder out = new StringBuilder();
        out.append(t.id()).append("  ").append(t.name()).append('\n');
        line(out, "ATT&CK", String.join(", ", t.attack()));
        out.append('\n').append(TextWrap.paragraph(t.description(), width, INDENT));
        if (t.attackNote() != null) {
            out.append('\n').append(TextWrap.paragraph(t.attackNote(), width, INDENT));
        }
        out.append('\n').append(INDENT).append("Techniques\n");
        for (Cell c : catalog.cellsOf(t, true)) {
            item(out, c.technique().id() + "  " + c.technique().name());
        }
        return out.toString();
    }

    private String logSource(LogSource s) {
        StringBuilder out = new StringBuilder();
        out.append(s.id()).append("  ").append(s.name()).append('\n');
        line(out, "Platform", s.platform());
        out.append('\n').append(INDENT).append("Records\n").append(TextWrap.paragraph(s.records(), width, INDENT + INDENT));
        out.append('\n').append(INDENT).append("Collection\n").append(TextWrap.paragraph(s.collection(), width, INDENT + INDENT));
        out.append('\n').append(INDENT).append("Retention\n").append(TextWrap.paragraph(s.retention(), width, INDENT + INDENT));
        List<Control> users = catalog.controls().stream().filter(c -> c.logSourceIds().contains(s.id())).toList();
        out.append('\n').append(INDENT).append("Detective controls using it (").append(users.size()).append(")\n");
        users.forEach(c -> item(out, c.id() + "  " + c.name()));
        return out.toString();
    }

    private void line(StringBuilder out, String label, String value) {
        out.append(TextWrap.paragraph(label + ": " + value, width, INDENT));
    }

    private void item(StringBuilder out, String text) {
        List<String> lines = TextWrap.wrap(text, width - 6);
        out.append(INDENT).append("- ").append(lines.get(0)).append('\n');
        lines.subList(1, lines.size()).forEach(l -> out.append(INDENT).append("  ").append(l).append('\n'));
    }

    private void references(StringBuilder out, List<Reference> references) {
        if (references.isEmpty()) {
            return;
        }
        out.append('\n').append(INDENT).append("References\n");
        for (Reference r : references) {
            item(out, r.title() + "  " + r.url());
        }
    }
}
