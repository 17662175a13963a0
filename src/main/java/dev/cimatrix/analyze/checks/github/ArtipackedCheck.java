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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        Uploads uploads = null;
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
            if (uploads == null) {
                uploads = Uploads.of(steps);
            }
            String checkoutPath = checkout.inputValue("path").map(p -> p.strip().toLowerCase(Locale.ROOT)).orElse("");
            int next = uploads.next(i, checkoutPath);
            Step uploadStep = next < 0 ? null : steps.get(next);
            Upload upload = next < 0 ? Upload.NOT_GIT : uploads.what(next);
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

    /**
     * The upload steps of a job, read once, so that finding the first one after each checkout that ships it takes
     * two binary searches rather than a walk over every later step: a job of tens of thousands of checkouts and
     * steps stays linear.
     */
    private static final class Uploads {
        /** Per step: what it ships of any checkout (the .git folder named, or the whole workspace). */
        private final Upload[] anyCheckout;
        /** Per step: what it ships of a checkout whose folder it names. */
        private final Upload[] namedCheckout;
        /** Steps that ship any checkout, in order. */
        private final int[] shippingAny;
        /** Per checkout folder (lower case, without ./ and trailing /): the steps that name it, in order. */
        private final Map<String, int[]> naming;

        private Uploads(Upload[] anyCheckout, Upload[] namedCheckout, int[] shippingAny, Map<String, int[]> naming) {
            this.anyCheckout = anyCheckout;
            this.namedCheckout = namedCheckout;
            this.shippingAny = shippingAny;
            this.naming = naming;
        }

        static Uploads of(List<Step> steps) {
            int n = steps.size();
            Upload[] any = new Upload[n];
            Upload[] named = new Upload[n];
            List<Integer> shipping = new ArrayList<>();
            Map<String, List<Integer>> byFolder = new HashMap<>();
            for (int i = 0; i < n; i++) {
                any[i] = Upload.NOT_GIT;
                named[i] = Upload.NOT_GIT;
                read(steps.get(i), i, any, named, byFolder);
                if (any[i] != Upload.NOT_GIT) {
                    shipping.add(i);
                }
            }
            Map<String, int[]> naming = new HashMap<>();
            byFolder.forEach((folder, at) -> naming.put(folder, at.stream().mapToInt(Integer::intValue).toArray()));
            return new Uploads(any, named, shipping.stream().mapToInt(Integer::intValue).toArray(), naming);
        }

        /** What step {@code i} uploads of the checkout: its .git folder named, the folder that holds it, or neither. */
        private static void read(Step step, int i, Upload[] any, Upload[] named, Map<String, List<Integer>> byFolder) {
            if (step.uses() == null || step.uses().kind() != ActionRef.Kind.REPOSITORY
                    || !UPLOADERS.contains(step.uses().nameWithPath())) {
                return;
            }
            boolean pages = step.uses().repository().endsWith("pages-artifact");
            String paths = step.inputValue("path").orElse(pages ? "_site" : "");
            if (pages) {
                // upload-pages-artifact tars its directory with --exclude=.git: only a path that is the .git
                // directory itself ships the credentials.
                String p = stripDot(paths.strip().toLowerCase(Locale.ROOT));
                any[i] = p.equals(".git") || p.endsWith("/.git") ? Upload.GIT : Upload.NOT_GIT;
                return;
            }
            List<String> listed = Arrays.stream(paths.split("\n")).map(p -> p.strip().toLowerCase(Locale.ROOT))
                    .filter(p -> !p.isEmpty() && !p.startsWith("!")).toList();
            if (listed.stream().anyMatch(p -> p.equals(".git") || p.contains(".git/") || p.endsWith("/.git"))) {
                any[i] = Upload.GIT;
                return;
            }
            if (listed.isEmpty()) {
                return;
            }
            Upload whole = switch (hiddenFiles(step)) {
                case INCLUDED -> Upload.GIT;
                case LEFT_OUT -> Upload.NOT_GIT;
                case UNKNOWN -> Upload.GIT_UNLESS_HIDDEN_LEFT_OUT;
            };
            if (whole == Upload.NOT_GIT) {
                return;
            }
            if (listed.stream().anyMatch(WORKSPACE_PATHS::contains)) {
                any[i] = whole;
                return;
            }
            named[i] = whole;
            for (String p : listed) {
                List<Integer> at = byFolder.computeIfAbsent(stripDot(p), k -> new ArrayList<>());
                if (at.isEmpty() || at.get(at.size() - 1) != i) {
                    at.add(i);
                }
            }
        }

        /** The first step after {@code checkout} that uploads a checkout made into {@code folder}, or -1. */
        int next(int checkout, String folder) {
            int first = after(shippingAny, checkout);
            if (!folder.isEmpty()) {
                int[] naming = this.naming.get(stripDot(folder));
                int byName = naming == null ? -1 : after(naming, checkout);
                if (byName >= 0 && (first < 0 || byName < first)) {
                    first = byName;
                }
            }
            return first;
        }

        Upload what(int step) {
            return anyCheckout[step] != Upload.NOT_GIT ? anyCheckout[step] : namedCheckout[step];
        }

        private static int after(int[] sorted, int index) {
            int at = Arrays.binarySearch(sorted, index + 1);
            int pos = at >= 0 ? at : -at - 1;
            return pos < sorted.length ? sorted[pos] : -1;
        }
    }

    enum HiddenFiles { INCLUDED, LEFT_OUT, UNKNOWN }

    /**
     * Whether upload-artifact packs hidden files and folders, .git among them: from v4.4.0 it leaves them out unless
     * {@code include-hidden-files: true}; earlier versions pack everything. A moving major tag ({@code v4}) and a
     * branch stand for the newest release; a commit SHA could be any version.
     */
    static HiddenFiles hiddenFiles(Step step) {
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
