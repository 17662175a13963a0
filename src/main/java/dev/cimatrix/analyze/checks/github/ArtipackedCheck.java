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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** A version tag's major and minor numbers: v4, v4.4.3, 5.0.0-beta. */
    private static final Pattern VERSION = Pattern.compile("v?(\\d{1,6})(?:\\.(\\d{1,6}))?(?:[^0-9].*)?");

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
            Step uploadStep = null;
            Upload upload = Upload.NOT_GIT;
            for (Step later : steps.subList(i + 1, steps.size())) {
                upload = uploadsCheckout(later, checkoutPath);
                if (upload != Upload.NOT_GIT) {
                    uploadStep = later;
                    break;
                }
            }
            var finding = findings.at(checkout.uses().location()).subject(job.id() + " " + checkout.label());
            persist.ifPresent(kv -> finding.related(kv.value().location(), "credentials persisted here"));
            if (uploadStep != null) {
                Step step = uploadStep;
                boolean versionDecides = upload == Upload.GIT_UNLESS_HIDDEN_LEFT_OUT;
                finding.severity(Severity.HIGH).confidence(versionDecides ? Confidence.MEDIUM : Confidence.HIGH)
                        .related(step.uses().location(), "uploads the checkout, .git included")
                        .message("actions/checkout in job '" + job.id() + "' keeps the job's token in .git/config and step '"
                                + step.label() + "' uploads the checkout with it as an artifact: anyone who can download "
                                + "the artifact gets the token"
                                + (versionDecides ? " (unless that upload-artifact commit is v4.4.0 or later, which leaves "
                                + "hidden folders out)" : "") + "; set persist-credentials: false");
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

    /** Whether an upload ships the checkout's .git folder. */
    private enum Upload {
        NOT_GIT,
        GIT,
        /** The checkout's folder, whose .git is left out by upload-artifact v4.4.0 and later, at a ref of unknown version. */
        GIT_UNLESS_HIDDEN_LEFT_OUT
    }

    /** What a step uploads of the checkout: its .git folder named, the folder that holds it, or neither. */
    private static Upload uploadsCheckout(Step step, String checkoutPath) {
        if (step.uses() == null || step.uses().kind() != ActionRef.Kind.REPOSITORY
                || !UPLOADERS.contains(step.uses().nameWithPath())) {
            return Upload.NOT_GIT;
        }
        boolean pages = step.uses().repository().endsWith("pages-artifact");
        String paths = step.inputValue("path").orElse(pages ? "_site" : "");
        if (pages) {
            // upload-pages-artifact tars its directory with --exclude=.git: only a path that is the .git
            // directory itself ships the credentials.
            String p = stripDot(paths.strip().toLowerCase(Locale.ROOT));
            return p.equals(".git") || p.endsWith("/.git") ? Upload.GIT : Upload.NOT_GIT;
        }
        List<String> named = Arrays.stream(paths.split("\n")).map(p -> p.strip().toLowerCase(Locale.ROOT))
                .filter(p -> !p.isEmpty() && !p.startsWith("!")).toList();
        if (named.stream().anyMatch(p -> p.equals(".git") || p.contains(".git/") || p.endsWith("/.git"))) {
            return Upload.GIT;
        }
        boolean wholeCheckout = named.stream().anyMatch(p -> WORKSPACE_PATHS.contains(p)
                || (!checkoutPath.isEmpty() && stripDot(p).equals(stripDot(checkoutPath))));
        if (!wholeCheckout) {
            return Upload.NOT_GIT;
        }
        return switch (hiddenFiles(step)) {
            case INCLUDED -> Upload.GIT;
            case LEFT_OUT -> Upload.NOT_GIT;
            case UNKNOWN -> Upload.GIT_UNLESS_HIDDEN_LEFT_OUT;
        };
    }

    private enum HiddenFiles { INCLUDED, LEFT_OUT, UNKNOWN }

    /**
     * Whether upload-artifact packs hidden files and folders, .git among them: from v4.4.0 it leaves them out unless
     * {@code include-hidden-files: true}; earlier versions pack everything. A moving major tag ({@code v4}) and a
     * branch stand for the newest release; a commit SHA could be any version.
     */
    private static HiddenFiles hiddenFiles(Step step) {
        String include = step.inputValue("include-hidden-files").map(v -> v.strip().toLowerCase(Locale.ROOT)).orElse("false");
        if (include.equals("true")) {
            return HiddenFiles.INCLUDED;
        }
        boolean computed = include.contains("${{");
        ActionRef ref = step.uses();
        HiddenFiles byVersion = switch (ref.refKind()) {
            case BRANCH -> HiddenFiles.LEFT_OUT;
            case TAG -> leavesHiddenOut(ref.ref()) ? HiddenFiles.LEFT_OUT : HiddenFiles.INCLUDED;
            default -> HiddenFiles.UNKNOWN;
        };
        return computed && byVersion == HiddenFiles.LEFT_OUT ? HiddenFiles.UNKNOWN : byVersion;
    }

    /** v4.4.0 and later, v4 itself (a tag that follows the newest v4 release) and later majors. */
    static boolean leavesHiddenOut(String tag) {
        Matcher m = VERSION.matcher(tag);
        if (!m.matches()) {
            return true;
        }
        int major = Integer.parseInt(m.group(1));
        return major > 4 || (major == 4 && (m.group(2) == null || Integer.parseInt(m.group(2)) >= 4));
    }

    private static String stripDot(String path) {
        String p = path.startsWith("./") ? path.substring(2) : path;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
