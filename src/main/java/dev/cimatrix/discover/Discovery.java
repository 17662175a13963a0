package dev.cimatrix.discover;

import dev.cimatrix.discover.github.DependabotReader;
import dev.cimatrix.discover.precommit.PreCommitReader;
import dev.cimatrix.discover.github.SettingsReader;
import dev.cimatrix.discover.gitlab.GitlabSettingsReader;
import dev.cimatrix.discover.github.GithubReader;
import dev.cimatrix.discover.azure.AzureReader;
import dev.cimatrix.discover.bitbucket.BitbucketReader;
import dev.cimatrix.discover.jenkins.JenkinsReader;
import dev.cimatrix.discover.circleci.CircleciReader;
import dev.cimatrix.discover.gitlab.GitlabReader;
import dev.cimatrix.discover.terraform.TerraformReader;
import dev.cimatrix.discover.yaml.YamlDialect;
import dev.cimatrix.discover.yaml.YamlDocumentSet;
import dev.cimatrix.discover.yaml.YamlLoadException;
import dev.cimatrix.discover.yaml.YamlLoader;
import dev.cimatrix.discover.yaml.YamlMapping;
import dev.cimatrix.io.IoReason;
import dev.cimatrix.model.ActionDefinition;
import dev.cimatrix.model.AliasUse;
import dev.cimatrix.model.CloudRole;
import dev.cimatrix.model.DependabotConfig;
import dev.cimatrix.model.AzurePipeline;
import dev.cimatrix.model.BitbucketPipeline;
import dev.cimatrix.model.JenkinsPipeline;
import dev.cimatrix.model.CircleciConfig;
import dev.cimatrix.model.GitlabPipeline;
import dev.cimatrix.model.PreCommitConfig;
import dev.cimatrix.model.GithubSettings;
import dev.cimatrix.model.GitlabSettings;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Platform;
import dev.cimatrix.model.ReadProblem;
import dev.cimatrix.model.SourceFile;
import dev.cimatrix.model.Suppression;
import dev.cimatrix.model.Workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Builds the inventory of a scan: finds definition files under the targets, reads each into the model,
 * and records every file and every problem. A file that cannot be read or parsed is a problem with its
 * path, line and reason; it never stops the others. Files are read in parallel; the result is sorted and
 * so does not depend on the order the work finished in.
 */
public final class Discovery {
    /** The target that stands for standard input, and the file it is read from. */
    private static final String STANDARD_INPUT = "-";
    private static final Path STANDARD_INPUT_PATH = Path.of("/dev/stdin");

    private final YamlLoader loader;
    private final boolean gitignore;

    public Discovery() {
        this(new YamlLoader());
    }

    public Discovery(YamlLoader loader) {
        this(loader, true);
    }

    private Discovery(YamlLoader loader, boolean gitignore) {
        this.loader = loader;
        this.gitignore = gitignore;
    }

    /**
     * This discovery, leaving out of folder walks what git ignores (the default) or not. Named files are read
     * whatever git ignores, as {@code git add -f} adds them.
     */
    public Discovery gitignore(boolean respected) {
        return new Discovery(loader, respected);
    }

    /** Told how the reading goes, for progress displays; called from several threads. */
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void read(int done, int total);
    }

    /** A target that does not exist or cannot be listed; the message says which and why. */
    public static final class TargetException extends Exception {
        public TargetException(String message) {
            super(message);
        }
    }

    /**
     * Reads the targets, each a directory searched recursively or a single file (relative paths are taken
     * from the working directory), with paths in the inventory reported relative to {@code root}.
     *
     * @param forced when not null, every explicitly named file is read as this kind
     */
    public Inventory discover(Path root, List<Path> targets, SourceKind forced) throws TargetException {
        return discover(root, targets, forced, Progress.NONE);
    }

    /** As {@link #discover(Path, List, SourceKind)}, telling {@code progress} after each file. */
    public Inventory discover(Path root, List<Path> targets, SourceKind forced, Progress progress)
            throws TargetException {
        Path base = root.toAbsolutePath().normalize();
        Map<String, FoundFile> files = new LinkedHashMap<>();
        ConcurrentLinkedQueue<SourceFile> read = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<ReadProblem> problems = new ConcurrentLinkedQueue<>();
        Set<String> unreadNamed = new HashSet<>();
        Set<String> ignored = new java.util.TreeSet<>();
        Map<String, SourceFile> unreadFound = new TreeMap<>();
        // Standard input, named as -, is read as it comes. Any other file that is not a regular file is refused,
        // named or found: a FIFO waits for a writer and a device may never end, and a name in a file list or a link
        // in a repository can point at either.
        Set<String> standardInputs = new HashSet<>();
        // The repositories a walk went through (the folders holding a .github), whose package.json and issue templates
        // are read.
        Set<String> walkedRoots = new java.util.TreeSet<>();
        for (Path named : targets) {
            boolean standardInput = STANDARD_INPUT.equals(named.toString());
            Path target = standardInput ? STANDARD_INPUT_PATH : named;
            Path absolute = target.toAbsolutePath().normalize();
            // One look at the file system per target: a scan of thousands of named files pays for each.
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(absolute, BasicFileAttributes.class);
            } catch (IOException e) {
                throw new TargetException(target + ": " + IoReason.of(e));
            }
            if (attributes.isDirectory()) {
                try {
                    FileFinder.UnreadSink unread = (platform, path, size) -> {
                        String relative = FileFinder.relativePath(base, absolute.resolve(path));
                        unreadFound.putIfAbsent(relative, new SourceFile(relative, platform, "pipeline", size));
                    };
                    FileFinder.FailureSink failed = (path, e) -> {
                        String relative = FileFinder.relativePath(base, absolute.resolve(path));
                        problems.add(new ReadProblem(Location.line(relative, 1, ""), notListed(e),
                                relative.equals(".github") || relative.startsWith(".github/")));
                    };
                    FileFinder.LeftOutSink leftOut = (path, reason) -> problems.add(new ReadProblem(Location.line(
                            FileFinder.relativePath(base, absolute.resolve(path)), 1, ""), reason, false));
                    GitIgnores.Unread unreadRules = (file, reason) -> problems.add(new ReadProblem(Location.line(
                            FileFinder.relativePath(base, file), 1, ""), reason, false));
                    GitIgnores ignores = gitignore ? GitIgnores.forWalk(absolute, unreadRules) : GitIgnores.none();
                    FileFinder.IgnoredSink ignoredSink = path -> ignored.add(FileFinder.relativePath(base, absolute.resolve(path)));
                    for (FoundFile f : FileFinder.find(absolute, ignores, unread, failed, leftOut, ignoredSink)) {
                        String relative = FileFinder.relativePath(base, f.file());
                        files.putIfAbsent(relative, new FoundFile(f.file(), relative, f.kind(), f.size()));
                        Inventory.repositoryFolder(relative).ifPresent(walkedRoots::add);
                    }
                } catch (IOException e) {
                    throw new TargetException(target + ": cannot list: " + IoReason.of(e));
                }
            } else {
                String relative = absolute.startsWith(base) ? FileFinder.relativePath(base, absolute)
                        : absolute.toString().replace(java.io.File.separatorChar, '/');
                long size = attributes.isRegularFile() ? attributes.size() : -1;
                Optional<SourceKind> byPath = FileFinder.kindByPath(relative);
                Optional<Platform> unread = forced == null && byPath.isEmpty()
                        ? FileFinder.unreadPlatformByPath(relative) : Optional.empty();
                if (unread.isPresent()) {
                    if (!unreadNamed.add(relative)) {
                        continue;
                    }
                    read.add(new SourceFile(relative, unread.get(), "pipeline", size));
                    problems.add(new ReadProblem(Location.line(relative, 1, ""), notReadYet(unread.get()), true));
                    continue;
                }
                // A Groovy file named on the command line is a pipeline script or a library step; in a walk, only those
                // with a Jenkinsfile's name are, among a project's Groovy sources and Gradle scripts.
                SourceKind kind = forced != null ? forced : byPath.orElse(relative.toLowerCase(Locale.ROOT)
                        .endsWith(".groovy") ? SourceKind.JENKINS : SourceKind.GITHUB_WORKFLOW);
                files.putIfAbsent(relative, new FoundFile(absolute, relative, kind, size));
                if (standardInput && !attributes.isRegularFile()) {
                    standardInputs.add(relative);
                }
            }
        }
        ConcurrentLinkedQueue<Workflow> workflows = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<ActionDefinition> actions = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Suppression> suppressions = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<AliasUse> aliasUses = new ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        int total = files.size();
        ConcurrentLinkedQueue<CloudRole> cloudRoles = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<DependabotConfig> dependabot = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<PreCommitConfig> preCommit = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<GithubSettings> settings = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<GitlabSettings> gitlabSettings = new ConcurrentLinkedQueue<>();
        // Terraform reads a folder as one module (a role's policy may sit in another file), so its files are
        // read per folder.
        Map<String, List<FoundFile>> terraformModules = new TreeMap<>();
        files.values().stream().filter(f -> f.kind() == SourceKind.TERRAFORM).forEach(f -> terraformModules
                .computeIfAbsent(folder(f.relativePath()), k -> new ArrayList<>()).add(f));
        terraformModules.values().parallelStream().forEach(module -> {
            List<ReadProblem> moduleProblems = new ArrayList<>();
            for (FoundFile f : module) {
                read.add(new SourceFile(f.relativePath(), Platform.TERRAFORM, f.kind().label(), f.size()));
            }
            try {
                cloudRoles.addAll(TerraformReader.readModule(module, moduleProblems));
            } catch (RuntimeException | StackOverflowError e) {
                moduleProblems.add(new ReadProblem(Location.line(module.get(0).relativePath(), 1, ""),
                        "internal error while reading: " + e, true));
            }
            problems.addAll(toldPerFile(moduleProblems));
            progress.read(done.addAndGet(module.size()), total);
        });
        ConcurrentLinkedQueue<GitlabPipeline> gitlab = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<AzurePipeline> azure = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<CircleciConfig> circleci = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<BitbucketPipeline> bitbucket = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<JenkinsPipeline> jenkins = new ConcurrentLinkedQueue<>();
        java.util.function.Consumer<FoundFile> readOne = f -> {
            List<ReadProblem> fileProblems = new ArrayList<>();
            read.add(new SourceFile(f.relativePath(), f.kind().platform(), f.kind().label(), f.size()));
            try {
                if (f.kind() == SourceKind.JENKINS) {
                    long limit = Math.min(JenkinsReader.MAX_BYTES, loader.limits().maxFileBytes());
                    byte[] bytes = standardInputs.contains(f.relativePath())
                            ? YamlLoader.readStandardInput(f.file(), f.relativePath(), limit)
                            : YamlLoader.read(f.file(), f.size(), f.relativePath(), limit);
                    String text = YamlLoader.decode(f.relativePath(), bytes);
                    suppressions.addAll(SuppressionScanner.scan(f.relativePath(), text, fileProblems));
                    JenkinsReader.read(f.relativePath(), text, fileProblems).ifPresent(jenkins::add);
                } else {
                    YamlDialect dialect = dialect(f.kind());
                    YamlDocumentSet doc = standardInputs.contains(f.relativePath())
                            ? loader.loadStandardInput(f.file(), f.relativePath(), dialect)
                            : loader.load(f.file(), f.size(), f.relativePath(), dialect);
                    suppressions.addAll(SuppressionScanner.scan(f.relativePath(), doc.text(), fileProblems));
                    SourceKind kind = f.kind();
                    if (kind == SourceKind.GITHUB_WORKFLOW && looksLikeAction(doc)) {
                        kind = SourceKind.GITHUB_ACTION;
                    } else if (kind == SourceKind.GITHUB_WORKFLOW && FileFinder.kindByPath(f.relativePath()).isEmpty()) {
                        // Named on the command line under another path, such as a copy kept outside .github, or a file
                        // a GitLab configuration includes.
                        if (looksLikeDependabot(doc)) {
                            kind = SourceKind.DEPENDABOT;
                        } else if (SettingsReader.looksLikeSettings(doc)) {
                            kind = SourceKind.GITHUB_SETTINGS;
                        } else if (GitlabSettingsReader.looksLikeGitlabSettings(doc)) {
                            kind = SourceKind.GITLAB_SETTINGS;
                        } else if (BitbucketReader.looksLikeBitbucket(doc)) {
                            kind = SourceKind.BITBUCKET;
                        } else if (CircleciReader.looksLikeCircleci(doc)) {
                            kind = SourceKind.CIRCLECI;
                        } else if (AzureReader.looksLikeAzure(doc)) {
                            kind = SourceKind.AZURE_PIPELINES;
                        } else if (GitlabReader.looksLikeGitlab(doc)) {
                            kind = SourceKind.GITLAB_CI;
                        }
                    }
                    switch (kind) {
                        case GITHUB_WORKFLOW -> GithubReader.readWorkflow(doc, fileProblems).ifPresent(workflows::add);
                        case GITHUB_ACTION -> GithubReader.readAction(doc, fileProblems).ifPresent(actions::add);
                        case DEPENDABOT -> DependabotReader.read(doc, fileProblems).ifPresent(dependabot::add);
                        case PRE_COMMIT -> PreCommitReader.read(doc, fileProblems).ifPresent(preCommit::add);
                        case GITHUB_SETTINGS -> SettingsReader.read(doc, fileProblems).ifPresent(settings::add);
                        case GITLAB_SETTINGS -> GitlabSettingsReader.read(doc, fileProblems).ifPresent(gitlabSettings::add);
                        case GITLAB_CI -> GitlabReader.read(doc, fileProblems).ifPresent(gitlab::add);
                        case AZURE_PIPELINES -> AzureReader.read(doc, fileProblems).ifPresent(azure::add);
                        case CIRCLECI -> CircleciReader.read(doc, fileProblems).ifPresent(circleci::add);
                        case BITBUCKET -> BitbucketReader.read(doc, fileProblems).ifPresent(bitbucket::add);
                        case JENKINS -> throw new IllegalStateException("Jenkins pipelines are not YAML");
                        case TERRAFORM -> throw new IllegalStateException("Terraform files are read per module");
                    }
                    // The readers take the first document only, and routes repeat from one document to the next.
                    if (!doc.documents().isEmpty()) {
                        aliasUses.addAll(doc.documents().get(0).aliasUses());
                    }
                }
            } catch (YamlLoadException e) {
                fileProblems.add(new ReadProblem(e.location(), e.reason(), true));
            } catch (RuntimeException | StackOverflowError e) {
                // A reader fault must not lose the other files; it is reported against this one.
                fileProblems.add(new ReadProblem(Location.line(f.relativePath(), 1, ""),
                        "internal error while reading: " + e, true));
            }
            problems.addAll(toldPerFile(fileProblems));
            int count = done.incrementAndGet();
            progress.read(count, Math.max(count, total));
        };
        files.values().stream().filter(f -> f.kind() != SourceKind.TERRAFORM).toList().parallelStream().forEach(readOne);
        // GitLab configurations include files of their project by path, and Azure Pipelines files name templates;
        // those not found by their names are read too, wave after wave, as included files include others.
        GitlabIncludes includes = new GitlabIncludes(base, files.keySet());
        AzureTemplates templates = new AzureTemplates(base, files.keySet());
        for (List<FoundFile> wave = nextWave(includes, templates, gitlab, azure, problems); !wave.isEmpty();
             wave = nextWave(includes, templates, gitlab, azure, problems)) {
            wave.forEach(f -> files.putIfAbsent(f.relativePath(), f));
            wave.parallelStream().forEach(readOne);
        }
        return new Inventory(base.toString(), new ArrayList<>(read), new ArrayList<>(workflows),
                new ArrayList<>(actions), new ArrayList<>(problems), new ArrayList<>(suppressions),
                new ArrayList<>(cloudRoles), new ArrayList<>(unreadFound.values()),
                ignored.stream().filter(path -> !files.containsKey(path)).toList(), RepositoryName.of(base).orElse(null),
                PackageManifests.of(base, walkedRoots), IssueForms.of(base, walkedRoots),
                Inventory.notedReleases(workflows, actions), new ArrayList<>(aliasUses), new ArrayList<>(dependabot),
                new ArrayList<>(preCommit), new ArrayList<>(gitlab), templates.withTemplateFiles(azure), new ArrayList<>(circleci), new ArrayList<>(bitbucket),
                new ArrayList<>(jenkins), new ArrayList<>(settings), new ArrayList<>(gitlabSettings),
                RenovateConfigs.of(base, walkedRoots));
    }

    /** The files GitLab configurations include and Azure Pipelines files take in as templates, not read yet. */
    private static List<FoundFile> nextWave(GitlabIncludes includes, AzureTemplates templates,
                                            Collection<GitlabPipeline> gitlab, Collection<AzurePipeline> azure,
                                            Collection<ReadProblem> problems) {
        List<FoundFile> wave = new ArrayList<>(includes.next(gitlab, problems));
        wave.addAll(templates.next(azure, problems));
        return wave;
    }

    /** Warnings told one by one for each file; a generated or hostile file of thousands gets one line for the rest. */
    static final int MAX_WARNINGS_TOLD = 100;

    /**
     * The problems of a file (or of the files of one module), in line order, with the warnings of each file after the
     * first {@link #MAX_WARNINGS_TOLD} counted in one warning at the line of the first left out. Errors are all kept.
     */
    static List<ReadProblem> toldPerFile(List<ReadProblem> problems) {
        if (problems.size() <= MAX_WARNINGS_TOLD) {
            return problems;
        }
        List<ReadProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparing((ReadProblem p) -> p.location().path())
                .thenComparingInt(p -> p.location().startLine()));
        List<ReadProblem> told = new ArrayList<>();
        Map<String, Integer> warnings = new HashMap<>();
        Map<String, ReadProblem> firstUntold = new LinkedHashMap<>();
        for (ReadProblem problem : sorted) {
            String path = problem.location().path();
            if (problem.fatal() || warnings.merge(path, 1, Integer::sum) <= MAX_WARNINGS_TOLD) {
                told.add(problem);
            } else {
                firstUntold.putIfAbsent(path, problem);
            }
        }
        firstUntold.forEach((path, first) -> told.add(new ReadProblem(Location.line(path, first.location().startLine(),
                ""), (warnings.get(path) - MAX_WARNINGS_TOLD) + " more warnings from here on in this file are not "
                + "listed one by one", false)));
        return told;
    }

    /**
     * A folder or file the walk could not look into. Under {@code .github} it may hide workflows, an error; elsewhere
     * it may hold actions or Terraform, a warning.
     */
    private static String notListed(IOException e) {
        return "cannot be looked into (" + IoReason.of(e) + "), so any definitions in it were not read";
    }

    /** Why a file of a platform this version does not read is left out. */
    public static String notReadYet(Platform platform) {
        return platform.label() + " definitions are not read yet: this version reads GitHub Actions workflows and "
                + "actions, GitLab CI, Azure Pipelines, CircleCI and Bitbucket Pipelines configurations, Jenkinsfiles, "
                + "Dependabot and pre-commit configurations, and Terraform";
    }

    private static String folder(String relativePath) {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? "" : relativePath.substring(0, slash);
    }

    /** An explicitly named file with a top-level {@code runs:} and no {@code jobs:} is an action. */
    private static boolean looksLikeAction(YamlDocumentSet doc) {
        return topLevelKeys(doc, "runs");
    }

    /** An explicitly named file with top-level {@code version:} and {@code updates:} and no {@code jobs:} is Dependabot's. */
    private static boolean looksLikeDependabot(YamlDocumentSet doc) {
        return topLevelKeys(doc, "version", "updates");
    }

    /** Whether the first document is a mapping with every one of {@code keys} at its top level and no {@code jobs:}. */
    private static boolean topLevelKeys(YamlDocumentSet doc, String... keys) {
        Optional<YamlMapping> root = doc.firstRoot().filter(YamlMapping.class::isInstance).map(YamlMapping.class::cast);
        return root.isPresent() && !root.get().containsKey("jobs")
                && Arrays.stream(keys).allMatch(root.get()::containsKey);
    }

    /** GitHub's YAML (no merge keys) for its workflows, actions and Dependabot files; merge keys elsewhere. */
    private static YamlDialect dialect(SourceKind kind) {
        return kind.platform() == Platform.GITHUB_ACTIONS || kind == SourceKind.DEPENDABOT ? YamlDialect.GITHUB
                : YamlDialect.MERGING;
    }

}
