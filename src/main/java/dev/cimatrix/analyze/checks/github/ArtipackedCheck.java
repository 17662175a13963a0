package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Step;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * actions/checkout without {@code persist-credentials: false} leaves the job's token in the checkout's git
 * configuration for every later step. When the job then uploads the workspace (or its {@code .git}) as an
 * artifact, the token ships with it to anyone who can download the artifact: every reader of a public
 * repository ("ArtiPACKED", Palo Alto Networks Unit 42, 2024). Without such an upload the persisted token is
 * only reachable by later steps, a low-severity hardening issue.
 */
public final class ArtipackedCheck implements Check {
    public static final String ID = "gha-artipacked";

    /** Actions that upload files of the job as artifacts, which later jobs and workflows can download. */
    static final Set<String> UPLOADERS = Set.of("actions/upload-artifact", "actions/upload-pages-artifact");
    /** Upload paths that cover the whole workspace. */
    private static final Set<String> WORKSPACE_PATHS = Set.of(".", "./", "*", "**", "./*", "./**", "**/*",
            "${{ github.workspace }}", "${{github.workspace}}", "$github_workspace", "${github_workspace}");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void job(JobContext context, FindingSink findings) {
        Job job = context.job();
        List<Step> steps = job.steps();
        for (int i = 0; i < steps.size(); i++) {
            Step checkout = steps.get(i);
            if (!checkout.uses("actions/checkout")) {
                continue;
            }
            Optional<KeyValue> persist = checkout.input("persist-credentials");
            String persistValue = persist.map(kv -> kv.value().value().strip().toLowerCase(Locale.ROOT)).orElse("true");
            if (persistValue.equals("false")) {
                continue;
            }
            String checkoutPath = checkout.inputValue("path").map(p -> p.strip().toLowerCase(Locale.ROOT)).orElse("");
            Optional<Step> upload = steps.subList(i + 1, steps.size()).stream()
                    .filter(s -> uploadsCheckout(s, checkoutPath)).findFirst();
            var finding = findings.at(checkout.uses().location()).subject(job.id() + " " + checkout.label());
            persist.ifPresent(kv -> finding.related(kv.value().location(), "credentials persisted here"));
            if (upload.isPresent()) {
                Step step = upload.get();
                finding.severity(Severity.HIGH).confidence(Confidence.HIGH)
                        .related(step.uses().location(), "uploads the checkout, .git included")
                        .message("actions/checkout in job '" + job.id() + "' keeps the job's token in .git/config and step '"
                                + step.label() + "' uploads the checkout with it as an artifact: anyone who can download "
                                + "the artifact gets the token; set persist-credentials: false");
            } else {
                finding.severity(Severity.LOW).confidence(Confidence.MEDIUM).message("actions/checkout in job '" + job.id() + "' keeps the job's token in .git/config for "
                        + "every later step; set persist-credentials: false unless a later step pushes");
            }
            if (persist.map(kv -> kv.value().hasExpressions()).orElse(false)) {
                finding.lowerConfidence();
            }
            finding.report();
        }
    }

    /** Whether a step uploads the whole checkout or its .git directory. */
    private static boolean uploadsCheckout(Step step, String checkoutPath) {
        if (step.uses() == null || step.uses().kind() != ActionRef.Kind.REPOSITORY
                || !UPLOADERS.contains(step.uses().nameWithPath())) {
            return false;
        }
        boolean pages = step.uses().repository().endsWith("pages-artifact");
        String paths = step.inputValue("path").orElse(pages ? "_site" : "");
        if (pages) {
            // upload-pages-artifact tars its directory with --exclude=.git: only a path that is the .git
            // directory itself ships the credentials.
            String p = stripDot(paths.strip().toLowerCase(Locale.ROOT));
            return p.equals(".git") || p.endsWith("/.git");
        }
        return Arrays.stream(paths.split("\n")).map(p -> p.strip().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty())
                .filter(p -> !p.startsWith("!"))
                .anyMatch(p -> WORKSPACE_PATHS.contains(p) || p.equals(".git") || p.contains(".git/")
                        || p.endsWith("/.git") || (!checkoutPath.isEmpty() && stripDot(p).equals(stripDot(checkoutPath))));
    }

    private static String stripDot(String path) {
        String p = path.startsWith("./") ? path.substring(2) : path;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
