package dev.cimatrix.analyze.checks.gitlab;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GitlabContext;
import dev.cimatrix.analyze.checks.common.CommitIds;
import dev.cimatrix.analyze.checks.common.RemoteScripts;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.GitlabPipeline;
import dev.cimatrix.model.Scalar;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Configuration included from elsewhere at a version that can change under the pipeline: another project's files at
 * a branch, a tag or its default branch; a CI/CD component at a version or {@code ~latest}; a remote URL without an
 * {@code integrity} hash. Whoever can push to that project or serve that URL then writes jobs into this pipeline,
 * which run with its variables and runners. Local files and GitLab's own templates come with the pipeline's commit or
 * with the GitLab instance, and are not reported.
 */
public final class UnpinnedIncludeCheck implements Check {
    public static final String ID = "gitlab-unpinned-include";

    /** A raw file of a GitLab or GitHub repository at a ref: {@code …/-/raw/<ref>/…}, {@code raw.githubusercontent.com/o/r/<ref>/…}. */
    private static final Pattern FORGE_RAW_FILE = Pattern.compile(
            "(?i)^https://(?:[^/]+/(?:[^/]+/)+-/raw/|raw\\.githubusercontent\\.com/[^/]+/[^/]+/)([^/]+)/");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void gitlab(GitlabContext context, FindingSink findings) {
        for (GitlabPipeline.Include include : context.pipeline().allIncludes()) {
            switch (include.kind()) {
                case PROJECT -> project(include, findings);
                case COMPONENT -> component(include, findings);
                case REMOTE -> remote(include, findings);
                case LOCAL, TEMPLATE, ARTIFACT -> {
                }
            }
        }
    }

    private static void project(GitlabPipeline.Include include, FindingSink findings) {
        String project = include.target().value().strip();
        Scalar ref = include.ref();
        if (ref != null && CommitIds.isFull(ref.value())) {
            return;
        }
        String state = ref == null ? "has no ref, so it takes whatever the project's default branch holds when a "
                + "pipeline starts" : "is at ref '" + ref.value().strip() + "', a branch or tag that can be moved";
        var finding = findings.at(ref == null ? include.location() : ref.location())
                .message("the include of project " + project + " " + state + ": whoever can push to " + project
                        + " writes jobs into this pipeline; pin ref to a full commit SHA")
                .subject("project " + project);
        if (ref != null && ref.value().contains("$")) {
            finding.confidence(Confidence.LOW);
        }
        finding.property("kind", "project").report();
    }

    private static void component(GitlabPipeline.Include include, FindingSink findings) {
        String component = include.target().value().strip();
        Scalar version = include.ref();
        if (version != null && CommitIds.isFull(version.value())) {
            return;
        }
        String name = version == null ? null : version.value().strip();
        String state = name == null ? "names no version"
                : name.equals("~latest") ? "is at ~latest, the newest release whenever a pipeline starts"
                : name.matches("\\d+(\\.\\d+)?") ? "is at " + name + ", which follows each new release of that line"
                : "is at " + name + ", a release tag or branch that can be moved";
        findings.at(version == null ? include.target().location() : version.location())
                .message("component " + component + " " + state + ": whoever can release or push to its project writes "
                        + "jobs into this pipeline; pin it to a full commit SHA (component@<sha>)")
                .subject("component " + component.replaceFirst("@[^@]*$", ""))
                .property("kind", "component").report();
    }

    private static void remote(GitlabPipeline.Include include, FindingSink findings) {
        String url = include.target().value().strip();
        boolean plain = url.toLowerCase(Locale.ROOT).startsWith("http://");
        if (include.integrity() && !plain) {
            return;
        }
        var finding = findings.at(include.target().location())
                .message("remote include " + url + (plain ? " is fetched over plain HTTP, so anyone on the network path "
                        + "between GitLab and the server" : " has no integrity hash, so whoever controls the server or the "
                        + "file") + " writes jobs into this pipeline; copy the file into the repository, or add "
                        + "`integrity: sha256-…` of the reviewed content" + (plain ? " and fetch it over https" : ""))
                .subject("remote " + url).severity(Severity.HIGH);
        Matcher forgeRef = FORGE_RAW_FILE.matcher(url);
        if (!plain && RemoteScripts.commitPinned(url)) {
            // A raw file of a forge at a commit: only that repository's history can change it, as for a project include.
            finding.severity(Severity.LOW).clause("the URL names a fixed commit, which limits this to that "
                    + "repository's history");
        } else if (!plain && forgeRef.find()) {
            // A raw file of a forge at a branch or tag: as a project include at that ref.
            finding.severity(Severity.MEDIUM).clause("the URL names ref '" + forgeRef.group(1) + "' of a repository, "
                    + "a branch or tag its maintainers can move, as a project include at that ref would");
        }
        finding.property("kind", "remote").report();
    }
}
