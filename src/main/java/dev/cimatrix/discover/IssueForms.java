package dev.cimatrix.discover;

import dev.cimatrix.discover.yaml.YamlDialect;
import dev.cimatrix.discover.yaml.YamlEntry;
import dev.cimatrix.discover.yaml.YamlLoadException;
import dev.cimatrix.discover.yaml.YamlLoader;
import dev.cimatrix.discover.yaml.YamlMapping;
import dev.cimatrix.discover.yaml.YamlNode;
import dev.cimatrix.discover.yaml.YamlScalar;
import dev.cimatrix.discover.yaml.YamlSequence;
import dev.cimatrix.model.IssueForm;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The issue templates of each walked repository and the labels they add ({@code .github/ISSUE_TEMPLATE}): issue
 * forms ({@code *.yml}) and Markdown templates whose front matter names labels. Whoever opens an issue picks the
 * template, so its labels are an outsider's to set, and a workflow condition on one of them keeps no outsider
 * out. A repository without the folder is left out, its answer unknown: GitHub then offers the default templates of
 * the owner's {@code .github} repository, which the scan does not see. So is one whose folder cannot be listed. A
 * template that cannot be read, or is over the size limit, is passed over.
 */
public final class IssueForms {
    /** The folder GitHub reads issue templates from, relative to a repository's root. */
    static final String FOLDER = ".github/ISSUE_TEMPLATE";
    /** A template larger than this is not read: forms are a few kilobytes. */
    static final long MAX_BYTES = 256 * 1024;
    /** Templates read per repository, at most. */
    static final int MAX_TEMPLATES = 200;

    private IssueForms() {
    }

    /**
     * By repository root (relative to the scan's base, "" for the base itself), its templates, in path order, for
     * each repository with a template folder that could be listed.
     */
    public static Map<String, List<IssueForm>> of(Path base, Collection<String> roots) {
        Map<String, List<IssueForm>> out = new TreeMap<>();
        for (String root : roots) {
            String prefix = root.isEmpty() ? "" : root + "/";
            folder((root.isEmpty() ? base : base.resolve(root)).resolve(FOLDER), prefix + FOLDER)
                    .ifPresent(forms -> out.put(root, forms));
        }
        return out;
    }

    /** The templates in a folder; empty when there is no such folder or it cannot be listed. */
    static Optional<List<IssueForm>> folder(Path folder, String relative) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        List<Path> templates = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString().toLowerCase(Locale.ROOT);
                boolean template = name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".md");
                // config.yml sets the chooser up (blank issues, contact links); it applies no labels.
                if (template && !name.equals("config.yml") && !name.equals("config.yaml")) {
                    templates.add(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        templates.sort(null);
        List<IssueForm> forms = new ArrayList<>();
        for (Path template : templates.subList(0, Math.min(templates.size(), MAX_TEMPLATES))) {
            template(template, relative + "/" + template.getFileName()).ifPresent(forms::add);
        }
        return Optional.of(List.copyOf(forms));
    }

    /** A template and the labels it adds; empty when it cannot be read. */
    static Optional<IssueForm> template(Path template, String path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(template, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile() || attributes.size() > MAX_BYTES) {
                return Optional.empty();
            }
            String text = YamlLoader.decode(path, YamlLoader.read(template, attributes.size(), path, MAX_BYTES));
            boolean markdown = template.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md");
            return Optional.of(labels(path, markdown ? frontMatter(text) : text));
        } catch (IOException | YamlLoadException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A Markdown template's front matter: the YAML between a first line of {@code ---} and the next such line, after
     * an empty line in place of the first, so that its lines keep their numbers in the file; "" when there is none.
     */
    static String frontMatter(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> lines = body.lines().toList();
        if (lines.isEmpty() || !lines.get(0).strip().equals("---")) {
            return "";
        }
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("---")) {
                return "\n" + String.join("\n", lines.subList(1, i));
            }
        }
        return "";
    }

    /**
     * The template at {@code path} with the top-level {@code labels} of its YAML: a list, or one string of names
     * separated by commas, as GitHub takes both. Read with the scan's own YAML limits on size, nesting and aliases;
     * YAML that breaks them, or is not YAML, adds no labels.
     */
    static IssueForm labels(String path, String yaml) {
        YamlEntry entry = null;
        if (!yaml.isBlank()) {
            try {
                Optional<YamlNode> root = new YamlLoader().parse(path, yaml, YamlDialect.GITHUB).firstRoot();
                if (root.isPresent() && root.get() instanceof YamlMapping mapping) {
                    entry = mapping.entry("labels").orElse(null);
                }
            } catch (YamlLoadException e) {
                entry = null;
            }
        }
        List<String> labels = new ArrayList<>();
        if (entry != null && entry.value() instanceof YamlSequence list) {
            for (YamlNode item : list.items()) {
                if (item instanceof YamlScalar name && name.isString() && !name.text().isBlank()) {
                    labels.add(name.text().strip());
                }
            }
        } else if (entry != null && entry.value() instanceof YamlScalar names && names.isString()) {
            for (String name : names.text().split(",")) {
                if (!name.isBlank()) {
                    labels.add(name.strip());
                }
            }
        }
        return new IssueForm(path, labels.isEmpty() ? 1 : entry.key().location().startLine(), labels);
    }
}
