package dev.cimatrix.discover;

import dev.cimatrix.model.IssueForm;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.regex.Pattern;

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
    private static final Pattern LABELS_KEY = Pattern.compile("labels\\s*:");

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
            String path = relative + "/" + template.getFileName();
            template(template, path).ifPresent(forms::add);
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
            String text = Files.readString(template, StandardCharsets.UTF_8);
            boolean markdown = template.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md");
            String yaml = markdown ? frontMatter(text) : text;
            List<String> labels = labels(yaml);
            // The front matter starts on the line after the opening ---.
            int line = labels.isEmpty() ? 1 : labelsLine(yaml) + (markdown ? 1 : 0);
            return Optional.of(new IssueForm(path, line, labels));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The 1-based line of the top-level {@code labels:} key, or 1 when there is none. */
    static int labelsLine(String yaml) {
        List<String> lines = yaml.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (LABELS_KEY.matcher(lines.get(i)).lookingAt()) {
                return i + 1;
            }
        }
        return 1;
    }

    /** A Markdown template's front matter: the YAML between a first line of {@code ---} and the next such line. */
    static String frontMatter(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> lines = body.lines().toList();
        if (lines.isEmpty() || !lines.get(0).strip().equals("---")) {
            return "";
        }
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("---")) {
                return String.join("\n", lines.subList(1, i));
            }
        }
        return "";
    }

    /**
     * The top-level {@code labels} of a template's YAML: a list, or one string of names separated by commas, as
     * GitHub takes both.
     */
    static List<String> labels(String yaml) {
        if (yaml.isBlank()) {
            return List.of();
        }
        Object root;
        try {
            LoadSettings settings = LoadSettings.builder()
                    .setSchema(new CoreSchema())
                    .setMaxAliasesForCollections(50)
                    .setAllowDuplicateKeys(true)
                    .build();
            root = new Load(settings).loadFromString(yaml);
        } catch (YamlEngineException e) {
            return List.of();
        }
        if (!(root instanceof Map<?, ?> map)) {
            return List.of();
        }
        Object value = map.get("labels");
        List<String> labels = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String name && !name.isBlank()) {
                    labels.add(name.strip());
                }
            }
        } else if (value instanceof String names) {
            for (String name : names.split(",")) {
                if (!name.isBlank()) {
                    labels.add(name.strip());
                }
            }
        }
        return labels;
    }
}
