package dev.cimatrix.discover;

import dev.cimatrix.model.AzurePipeline;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.ReadProblem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The templates that Azure Pipelines files take in from their own repository ({@code template: steps/build.yml},
 * {@code extends: template: …}), found on disk so that they are read although their names follow no convention. A
 * relative path is taken from the folder of the file that names it, as Azure Pipelines takes it; a path starting with
 * {@code /} from the repository's root, the nearest folder above with a {@code .git} (or, without one, the folder the
 * scan started from). Templates of other repositories ({@code file.yml@alias}) and paths built from expressions are
 * not followed; nothing outside the root is read, nor links, nor more than {@link #MAX_PER_ROOT} templates per root,
 * Azure Pipelines' own limit on the files of one pipeline.
 */
final class AzureTemplates {
    /** Azure Pipelines refuses a pipeline made of more files than this. */
    static final int MAX_PER_ROOT = 100;

    private final Path base;
    private final Set<String> known;
    private final Set<String> handled = new HashSet<>();
    private final Map<Path, Integer> perRoot = new HashMap<>();
    /** The file each template reference of this repository names, by the naming file and the reference's location. */
    private final Map<String, Map<Location, String>> named = new HashMap<>();

    /**
     * @param base  the folder paths are relative to
     * @param known the relative paths of the files the scan reads, a view the caller adds each wave's files to
     */
    AzureTemplates(Path base, Set<String> known) {
        this.base = base;
        this.known = known;
    }

    /**
     * The templates the files read so far name that are not read yet, each once; empty when there are none. A
     * template that is not there is a warning at the reference, as Azure Pipelines refuses the pipeline.
     */
    List<FoundFile> next(Collection<AzurePipeline> read, Collection<ReadProblem> problems) {
        List<FoundFile> wave = new ArrayList<>();
        Set<String> inWave = new TreeSet<>();
        for (AzurePipeline pipeline : List.copyOf(read)) {
            if (!handled.add(pipeline.path())) {
                continue;
            }
            Path file = base.resolve(pipeline.path()).normalize();
            Path gitRoot = LocalFiles.nearestAbove(file, ".git");
            Path root = gitRoot != null ? gitRoot : base;
            if (!file.startsWith(root)) {
                continue;
            }
            for (AzurePipeline.TemplateUse use : pipeline.templates()) {
                String target = use.path();
                if (use.repository() != null || target.isEmpty() || target.contains("$(") || target.contains("${{")
                        || target.contains("$[")) {
                    continue;
                }
                boolean fromRoot = target.startsWith("/");
                Path template = locate(file, fromRoot ? target.substring(1) : target, fromRoot, root, gitRoot != null);
                Location at = use.at().location();
                if (!template.startsWith(root)) {
                    problems.add(new ReadProblem(at, "template " + target + " is outside the repository, so not read",
                            false));
                    continue;
                }
                // Without a .git, a path from the root may be meant for a folder above the scan: left unsaid.
                boolean sayMissing = !fromRoot || gitRoot != null;
                String relative = LocalFiles.relative(base, template);
                named.computeIfAbsent(pipeline.path(), k -> new HashMap<>()).put(at, relative);
                if (known.contains(relative) || inWave.contains(relative)
                        || !LocalFiles.regularFile(template, "template " + target, at, sayMissing ? problems : null,
                        "Azure Pipelines refuses a run that takes it in")) {
                    continue;
                }
                inWave.add(relative);
                // Without a .git, each top folder of the scan counts as a repository of its own.
                Path counted = gitRoot != null || file.getParent().equals(base) ? root
                        : base.resolve(base.relativize(file).getName(0));
                int count = perRoot.merge(counted, 1, Integer::sum);
                if (count > MAX_PER_ROOT) {
                    if (count == MAX_PER_ROOT + 1) {
                        problems.add(new ReadProblem(at, "more than " + MAX_PER_ROOT + " templates in one repository, "
                                + "Azure Pipelines' limit for a pipeline; the rest are not read", false));
                    }
                    continue;
                }
                wave.add(new FoundFile(template, relative, SourceKind.AZURE_PIPELINES, LocalFiles.size(template)));
            }
        }
        wave.sort(java.util.Comparator.comparing(FoundFile::relativePath));
        return wave;
    }

    /**
     * The files read with each template reference of this repository recorded ({@link AzurePipeline.TemplateUse#file()}),
     * the references being those the waves of {@link #next} resolved. A file none of whose references was followed is
     * returned as it is.
     */
    List<AzurePipeline> withTemplateFiles(Collection<AzurePipeline> read) {
        List<AzurePipeline> out = new ArrayList<>(read.size());
        for (AzurePipeline pipeline : read) {
            Map<Location, String> files = named.get(pipeline.path());
            if (files == null) {
                out.add(pipeline);
                continue;
            }
            List<AzurePipeline.TemplateUse> uses = new ArrayList<>(pipeline.templates().size());
            for (AzurePipeline.TemplateUse use : pipeline.templates()) {
                String file = files.get(use.at().location());
                // A name that leads to a file not read (missing, a link, past the limit) names nothing read.
                uses.add(file != null && known.contains(file) ? use.withFile(file) : use);
            }
            out.add(new AzurePipeline(pipeline.path(), pipeline.location(), pipeline.template(), pipeline.pr(),
                    pipeline.parameters(), pipeline.variables(), pipeline.repositories(), pipeline.containers(), uses,
                    pipeline.jobs()));
        }
        return out;
    }

    /**
     * The file a template path names: from the including file's folder, or for a path from the root (and, as steps
     * passed to another repository's template name files from the root, for a relative path not found beside the
     * file) from the repository's root. Without a {@code .git} the root is not known, so each folder up to the scan's
     * is tried, nearest first. The first that exists is taken; when none does, the first candidate.
     */
    private static Path locate(Path file, String target, boolean fromRoot, Path root, boolean rootKnown) {
        List<Path> candidates = new ArrayList<>();
        if (!fromRoot) {
            candidates.add(file.getParent().resolve(target).normalize());
        }
        if (rootKnown) {
            candidates.add(root.resolve(target).normalize());
        } else {
            for (Path dir = file.getParent(); dir != null && dir.startsWith(root); dir = dir.getParent()) {
                candidates.add(dir.resolve(target).normalize());
            }
        }
        for (Path candidate : candidates) {
            if (java.nio.file.Files.exists(candidate, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return candidate;
            }
        }
        return candidates.isEmpty() ? root.resolve(target).normalize() : candidates.get(0);
    }
}
