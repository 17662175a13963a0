package dev.cimatrix.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Everything read from one scan: the files, the pipelines and actions in them, and what could not be read.
 * Lists are sorted by path so every later stage is deterministic.
 *
 * @param unread     definition files found in the scanned folders for platforms this version does not read yet
 * @param gitIgnored definition files left out because git ignores them
 * @param repository {@code owner/name} of the repository the scanned root is a clone of, or null when unknown
 * @param packageManagers by repository folder ("" for the scanned root), the package manager its package.json
 *                        declares ("" for none or no file); only repositories a walk went through, and read
 * @param issueForms      by repository folder, its issue templates and the labels they add; only repositories a walk
 *                        went through that have a template folder of their own, read
 * @param notedReleases   the release noted after a commit SHA an action or reusable workflow is pinned to somewhere in
 *                        the inventory, by {@code owner/repo@sha} ({@link #notedReleases(Collection, Collection)})
 * @param aliasUses       the YAML aliases in the documents the workflows and actions were read from
 * @param dependabot      the Dependabot configurations ({@code .github/dependabot.yml})
 * @param preCommit       the pre-commit configurations ({@code .pre-commit-config.yaml})
 * @param gitlab          the GitLab CI configurations ({@code .gitlab-ci.yml} and the files it includes)
 * @param azure           the Azure Pipelines files ({@code azure-pipelines.yml} and the templates it takes in)
 * @param circleci        the CircleCI configurations ({@code .circleci/config.yml})
 * @param bitbucket       the Bitbucket Pipelines configurations ({@code bitbucket-pipelines.yml})
 * @param jenkins         the Jenkins pipeline scripts ({@code Jenkinsfile})
 * @param githubSettings  the GitHub repository settings files ({@code .github/settings.yml}, snapshots)
 * @param gitlabSettings  the GitLab project settings snapshots
 * @param renovateConfigs by repository folder, the path of its Renovate configuration in it ("" for none); only
 *                        repositories a walk went through
 */
public record Inventory(String root, List<SourceFile> files, List<Workflow> workflows, List<ActionDefinition> actions,
                        List<ReadProblem> problems, List<Suppression> suppressions, List<CloudRole> cloudRoles,
                        List<SourceFile> unread, List<String> gitIgnored, String repository,
                        Map<String, String> packageManagers, Map<String, List<IssueForm>> issueForms,
                        Map<String, String> notedReleases, List<AliasUse> aliasUses, List<DependabotConfig> dependabot,
                        List<PreCommitConfig> preCommit, List<GitlabPipeline> gitlab, List<AzurePipeline> azure,
                        List<CircleciConfig> circleci, List<BitbucketPipeline> bitbucket,
                        List<JenkinsPipeline> jenkins, List<GithubSettings> githubSettings,
                        List<GitlabSettings> gitlabSettings, Map<String, String> renovateConfigs) {
    public Inventory {
        renovateConfigs = Map.copyOf(renovateConfigs);
        dependabot = sorted(dependabot, Comparator.comparing(DependabotConfig::path));
        preCommit = sorted(preCommit, Comparator.comparing(PreCommitConfig::path));
        gitlab = sorted(gitlab, Comparator.comparing(GitlabPipeline::path));
        azure = sorted(azure, Comparator.comparing(AzurePipeline::path));
        circleci = sorted(circleci, Comparator.comparing(CircleciConfig::path));
        bitbucket = sorted(bitbucket, Comparator.comparing(BitbucketPipeline::path));
        jenkins = sorted(jenkins, Comparator.comparing(JenkinsPipeline::path));
        githubSettings = sorted(githubSettings, Comparator.comparing(GithubSettings::path));
        gitlabSettings = sorted(gitlabSettings, Comparator.comparing(GitlabSettings::path));
        aliasUses = List.copyOf(aliasUses);
        packageManagers = Map.copyOf(packageManagers);
        issueForms = Map.copyOf(issueForms);
        notedReleases = Map.copyOf(notedReleases);
        gitIgnored = List.copyOf(gitIgnored);
        unread = sorted(unread, Comparator.comparing(SourceFile::path));
        files = sorted(files, Comparator.comparing(SourceFile::path));
        workflows = sorted(workflows, Comparator.comparing(Workflow::path));
        actions = sorted(actions, Comparator.comparing(ActionDefinition::path));
        problems = sorted(problems, Comparator.comparing((ReadProblem p) -> p.location().path())
                .thenComparingInt(p -> p.location().startLine()));
        suppressions = List.copyOf(suppressions);
        cloudRoles = sorted(cloudRoles, Comparator.comparing((CloudRole r) -> r.location().path())
                .thenComparing(CloudRole::address));
    }

    /**
     * Whether a CI pipeline was read: a workflow, an action, a GitLab CI configuration, an Azure Pipelines file, a
     * CircleCI or Bitbucket Pipelines configuration, or a Jenkinsfile.
     */
    public boolean pipelinesRead() {
        return !workflows.isEmpty() || !actions.isEmpty() || !gitlab.isEmpty() || !azure.isEmpty()
                || !circleci.isEmpty() || !bitbucket.isEmpty() || !jenkins.isEmpty();
    }

    /** Whether a GitHub or GitLab settings file was read. */
    public boolean settingsRead() {
        return !githubSettings.isEmpty() || !gitlabSettings.isEmpty();
    }

    /** An inventory of CI definitions only, without infrastructure code. */
    public Inventory(String root, List<SourceFile> files, List<Workflow> workflows, List<ActionDefinition> actions,
                     List<ReadProblem> problems, List<Suppression> suppressions) {
        this(root, files, workflows, actions, problems, suppressions, List.of(), List.of(), List.of(), null, Map.of(),
                Map.of(), notedReleases(workflows, actions), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                Map.of());
    }

    /**
     * The release noted after each commit SHA that a {@code uses:} of the workflows or actions pins
     * ({@code @11bd719… # v4.2.2}), by {@code owner/repo@sha} in lower case: a SHA is the same commit wherever it is
     * used, so a pin written without the note elsewhere is that release too. Of notes that agree ({@code v7},
     * {@code v7.0.0}) the fullest is kept; a SHA noted as two different releases is left out.
     */
    public static Map<String, String> notedReleases(Collection<Workflow> workflows, Collection<ActionDefinition> actions) {
        Map<String, String> noted = new HashMap<>();
        Set<String> conflicting = new HashSet<>();
        Consumer<ActionRef> note = uses -> {
            if (uses == null || uses.refKind() != ActionRef.RefKind.FULL_SHA) {
                return;
            }
            uses.version().ifPresent(version -> noted.merge(releaseKey(uses), version, (before, now) -> {
                // v7 and v7.0.0 name the same release, the longer more closely; v6 and v7 contradict each other.
                String shorter = before.length() <= now.length() ? before : now;
                String longer = shorter == before ? now : before;
                if (!longer.equals(shorter) && !longer.startsWith(shorter + ".")) {
                    conflicting.add(releaseKey(uses));
                }
                return longer;
            }));
        };
        for (Workflow workflow : workflows) {
            for (Job job : workflow.jobs()) {
                note.accept(job.uses());
                job.steps().forEach(step -> note.accept(step.uses()));
            }
        }
        actions.forEach(action -> action.steps().forEach(step -> note.accept(step.uses())));
        conflicting.forEach(noted::remove);
        return noted;
    }

    private static String releaseKey(ActionRef uses) {
        return uses.repository() + "@" + uses.ref().strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The release a {@code uses:} names ({@link ActionRef#version()}), or for a commit SHA without a note the release
     * noted after the same SHA elsewhere in the inventory.
     */
    public Optional<String> release(ActionRef uses) {
        Optional<String> own = uses.version();
        if (own.isPresent() || uses.refKind() != ActionRef.RefKind.FULL_SHA) {
            return own;
        }
        return Optional.ofNullable(notedReleases.get(releaseKey(uses)));
    }

    /** The major number of {@link #release(ActionRef)}: 4 for {@code v4.2.2}. */
    public Optional<Integer> majorRelease(ActionRef uses) {
        return release(uses).flatMap(ActionRef::major);
    }

    private static <T> List<T> sorted(List<T> items, Comparator<T> order) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(order);
        return List.copyOf(copy);
    }

    /**
     * The package manager the repository of a file declares in its root {@code package.json} ("" for none or no
     * such file), when the scan walked that repository and could read it; empty when unknown.
     */
    public Optional<String> packageManager(String path) {
        return Optional.ofNullable(packageManagers.get(repositoryFolder(path).orElse("")));
    }

    /**
     * The issue templates of the repository of a file, with the labels each adds for whoever opens an issue with it,
     * when the scan walked that repository and listed a template folder of its own; empty when unknown (without
     * such a folder GitHub offers the owner's default templates).
     */
    public Optional<List<IssueForm>> issueForms(String path) {
        return Optional.ofNullable(issueForms.get(repositoryFolder(path).orElse("")));
    }

    /**
     * The Renovate configuration of the repository of a file (its path in the repository, "" for none), when the scan
     * walked that repository; empty when unknown.
     */
    public Optional<String> renovateConfig(String path) {
        return Optional.ofNullable(renovateConfigs.get(repositoryFolder(path).orElse("")));
    }

    /**
     * The folder of the repository a file belongs to, the one that holds its {@code .github} ("" for the scanned root
     * itself); empty for a file outside any {@code .github} folder.
     */
    public static Optional<String> repositoryFolder(String path) {
        if (path.startsWith(".github/")) {
            return Optional.of("");
        }
        int github = path.indexOf("/.github/");
        return github < 0 ? Optional.empty() : Optional.of(path.substring(0, github));
    }

    /** The workflows of each repository folder ({@link #repositoryFolder}), in path order; none outside one. */
    public Map<String, List<Workflow>> workflowsByRepositoryFolder() {
        Map<String, List<Workflow>> byFolder = new java.util.HashMap<>();
        for (Workflow workflow : workflows) {
            repositoryFolder(workflow.path())
                    .ifPresent(folder -> byFolder.computeIfAbsent(folder, f -> new ArrayList<>()).add(workflow));
        }
        return byFolder;
    }

    /** Whether {@code owner/name} names the scanned repository itself, as far as its clone says. */
    public boolean isThisRepository(String ownerSlashName) {
        return repository != null && repository.equalsIgnoreCase(ownerSlashName);
    }

    /** The workflow read from the given path, if any; a binary search of the list, which is in path order. */
    public Optional<Workflow> workflow(String path) {
        int at = firstPathAtLeast(workflows, Workflow::path, path);
        return at < workflows.size() && workflows.get(at).path().equals(path)
                ? Optional.of(workflows.get(at)) : Optional.empty();
    }

    /** The local action in the given directory (relative to the root), if one was read. */
    public Optional<ActionDefinition> actionIn(String directory) {
        String dir = normalise(directory);
        if (dir.isEmpty()) {
            return actions.stream().filter(a -> a.directory().isEmpty()).findFirst();
        }
        // The paths under a folder are one run of the list, in path order: the first of them directly in it.
        String prefix = dir + "/";
        for (int i = firstPathAtLeast(actions, ActionDefinition::path, prefix); i < actions.size(); i++) {
            String path = actions.get(i).path();
            if (!path.startsWith(prefix)) {
                break;
            }
            if (path.indexOf('/', prefix.length()) < 0) {
                return Optional.of(actions.get(i));
            }
        }
        return Optional.empty();
    }

    /** The index of the first item whose path is not before {@code key}, in a list in path order. */
    private static <T> int firstPathAtLeast(List<T> items, Function<T, String> path, String key) {
        int low = 0;
        int high = items.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (path.apply(items.get(middle)).compareTo(key) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** Resolves {@code ./path} against the root, as GitHub resolves local {@code uses:}. */
    public static String normalise(String localPath) {
        String p = localPath.strip();
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
