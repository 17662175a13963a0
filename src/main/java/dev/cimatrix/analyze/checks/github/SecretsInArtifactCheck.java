package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.TextSearch;
import dev.cimatrix.analyze.github.JobPrivileges;
import dev.cimatrix.analyze.github.ShellText;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.ExpressionUse;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.expr.ContextPaths;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A secret written into a file that a later step of the job uploads as an artifact or publishes as the Pages site.
 * Everyone who can download the run's artifacts gets the secret: on a public repository every signed-in user, for as
 * long as the artifact is kept. The runner masks secrets in logs, never in files. Found where a script echoes or
 * prints a secret into a file (as an expression, through a variable of the step's, job's or workflow's {@code env},
 * or in a here document), and where google-github-actions/auth leaves its credentials file in the workspace; the
 * upload's paths are matched against the file as upload-artifact matches them, exclusions and hidden files included.
 */
public final class SecretsInArtifactCheck implements Check {
    public static final String ID = "gha-secrets-in-artifact";

    /** A script without a redirection or tee writes no file that this check reads. */
    private static final TextSearch WRITES = TextSearch.anyOf(">", "tee");
    /** A redirection into a file: {@code > f}, {@code >> f}; not {@code 2> f}, {@code &> f}, {@code >&2} or {@code <<}. */
    private static final String TARGET = "(\"[^\"]*\"|'[^']*'|[^\\s;|&)<>]+)";
    private static final Pattern REDIRECT = Pattern.compile("(?<![0-9&<>])>>?(?![&>(])\\s*" + TARGET);
    /** A pipe into tee: {@code | tee -a f}. */
    private static final Pattern TEE = Pattern.compile("\\|\\s*tee\\s+(?:-[a-z]+\\s+)*" + TARGET);
    /** {@code tee FILE} as the command itself, which writes what it reads (a here document). */
    private static final Pattern TEE_COMMAND = Pattern.compile("\\s*tee\\s+(?:-[a-z]+\\s+)*" + TARGET);
    /** The start of a here document: {@code <<EOF}, {@code <<-'EOF'}, {@code << "EOF"}. */
    private static final Pattern HEREDOC = Pattern.compile("<<(-?)\\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\\2");
    /** Commands that write a here document as it is. */
    private static final Pattern HEREDOC_WRITER = Pattern.compile("\\s*(?:cat|tee)\\b");
    /** Commands whose output is the text they are given, so a write by them holds what the command names. */
    private static final Pattern PRINTS_ITS_TEXT = Pattern.compile("\\s*(?:echo|printf)\\b.*", Pattern.DOTALL);
    /** {@code $NAME} or {@code ${NAME}}. */
    private static final Pattern VARIABLE_READ = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");
    /** Standard streams and the runner's own files, which are not uploaded. */
    private static final Pattern NOT_A_FILE = Pattern.compile(
            "/dev/.*|&\\d|\\$\\{?GITHUB_(?:ENV|OUTPUT|PATH|STATE|STEP_SUMMARY)}?");
    /** The workspace folder as a variable: paths under it are the upload's relative paths. */
    private static final Pattern WORKSPACE_PREFIX = Pattern.compile(
            "^(?:\\$\\{\\{\\s*github\\.workspace\\s*}}|\\$\\{?GITHUB_WORKSPACE}?)(?:/|$)");
    /** The credentials file google-github-actions/auth writes into the workspace unless told not to. */
    private static final String GCP_CREDENTIALS_FILE = "gha-creds-*.json";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void job(JobContext context, FindingSink findings) {
        Job job = context.job();
        List<Step> steps = job.steps();
        int lastUpload = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (Upload.isUpload(steps.get(i))) {
                lastUpload = i;
            }
        }
        if (lastUpload < 0) {
            return;
        }
        Map<String, SecretRead> outer = new LinkedHashMap<>(secretVariables(context.workflow().env()));
        outer.putAll(secretVariables(job.env()));
        // The files come first: most jobs write no secret into any, and their uploads' paths are then never read.
        List<Map.Entry<Integer, SecretFile>> files = new ArrayList<>();
        for (int i = 0; i < lastUpload; i++) {
            for (SecretFile file : writes(steps.get(i), outer)) {
                files.add(Map.entry(i, file));
            }
        }
        if (files.isEmpty()) {
            return;
        }
        List<Upload> uploads = new ArrayList<>();
        for (int i = 0; i <= lastUpload; i++) {
            Upload.of(steps.get(i), i).ifPresent(uploads::add);
        }
        MatchBudget budget = new MatchBudget();
        for (Map.Entry<Integer, SecretFile> written : files) {
            int at = written.getKey();
            SecretFile file = written.getValue();
            for (Upload upload : uploads) {
                if (upload.index() <= at) {
                    continue;
                }
                Optional<Coverage> coverage = upload.covers(file.path(), budget);
                if (coverage.isPresent() && !removedBefore(steps, at, upload.index(), file.path())) {
                    report(job, steps.get(at), file, upload, coverage.get(), findings);
                    break;
                }
            }
        }
    }

    private static void report(Job job, Step writer, SecretFile file, Upload upload, Coverage coverage,
                               FindingSink findings) {
        Step uploader = upload.step();
        String what = upload.pages() ? "publishes it with the Pages site" : "uploads it as an artifact";
        String who = upload.pages() ? "anyone who can open the site"
                : "anyone who can download the run's artifacts (on a public repository, every signed-in user)";
        var finding = findings.at(file.location()).subject(job.id() + " " + file.path() + " " + uploader.label());
        if (file.untilJobEnds()) {
            // Usable only while the job runs: whoever downloads the artifact in time, as the ArtiPACKED race did.
            finding.severity(Severity.MEDIUM);
        }
        finding
                .confidence(coverage == Coverage.NAMED ? Confidence.HIGH : Confidence.MEDIUM)
                .related(uploader.uses().location(), switch (coverage) {
                    case NAMED -> "uploads the file";
                    case WORKSPACE -> "uploads the whole workspace, the file included";
                    case UNLESS_HIDDEN_LEFT_OUT -> "uploads the file unless this upload-artifact is v4.4.0 or later, "
                            + "which leaves hidden files out";
                })
                .message("step '" + writer.label() + "' writes " + file.secret().description() + " to " + file.path()
                        + " and step '" + uploader.label() + "' " + what + ": " + who + " gets the secret, which the runner masks in "
                        + "logs but never in files; write it outside the uploaded paths (under $RUNNER_TEMP) and "
                        + "upload only the build's outputs")
                .property("file", file.path())
                .property("secrets", String.join(",", file.secret().names())).report();
    }

    /** A file a step leaves a secret in: its path as the upload's paths are written, what it holds and where. */
    private record SecretFile(String path, SecretRead secret, Location location, boolean untilJobEnds) {
        SecretFile(String path, SecretRead secret, Location location) {
            this(path, secret, location, false);
        }
    }

    /**
     * What a write puts in a file, as messages say it, and the names of the secrets ({@code *} for all of them), as the
     * attack paths name a job's secrets.
     */
    private record SecretRead(String description, List<String> names) {
        SecretRead through(String variable) {
            return new SecretRead("$" + variable + ", which holds " + description + ",", names);
        }
    }

    /** The files a step writes secrets into. */
    private static List<SecretFile> writes(Step step, Map<String, SecretRead> outer) {
        List<SecretFile> files = new ArrayList<>();
        if (step.uses("google-github-actions/auth") && createsCredentialsFile(step)) {
            boolean key = step.input("credentials_json").isPresent();
            List<String> keys = step.input("credentials_json").stream()
                    .flatMap(kv -> kv.value().expressions().stream()).flatMap(e -> secretRead(e).stream())
                    .flatMap(r -> r.names().stream()).distinct().toList();
            files.add(new SecretFile(GCP_CREDENTIALS_FILE, new SecretRead(key
                    ? "the service account key of google-github-actions/auth (its credentials file)"
                    : "the credentials file of google-github-actions/auth, which with workload identity federation "
                    + "gets the service account's tokens until the job ends,", keys), step.uses().location(), !key));
        }
        Scalar run = step.run();
        if (run == null || !WRITES.foundIn(run.value())) {
            return files;
        }
        Map<String, SecretRead> variables = new LinkedHashMap<>(outer);
        variables.putAll(secretVariables(step.env()));
        // Most expressions name no secret at all; their text says so before they are walked.
        List<ExpressionUse> secretUses = run.expressions().stream()
                .filter(e -> e.source().contains("secrets") && secretRead(e).isPresent()).toList();
        if (variables.isEmpty() && secretUses.isEmpty()) {
            return files;
        }
        String folder = step.workingDirectory() == null || step.workingDirectory().hasExpressions() ? ""
                : step.workingDirectory().value().strip();
        String script = run.value();
        int lineStart = 0;
        while (lineStart < script.length()) {
            int lineEnd = script.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = script.length();
            }
            String line = script.substring(lineStart, lineEnd);
            boolean startsDocument = line.contains("<<");
            // Most lines write nothing: without '>', "tee" or a here document they are passed over.
            if (!startsDocument && line.indexOf('>') < 0 && !line.contains("tee")) {
                lineStart = lineEnd + 1;
                continue;
            }
            Matcher heredoc = HEREDOC.matcher(line);
            if (startsDocument && heredoc.find()) {
                int bodyStart = Math.min(script.length(), lineEnd + 1);
                int bodyEnd = heredocEnd(script, bodyStart, heredoc.group(3), !heredoc.group(1).isEmpty());
                // cat <<EOF > file, cat > file <<EOF, cat <<EOF | tee file and tee file <<EOF write the document.
                int start = commandStart(line, heredoc.start());
                String command = start < 0 ? "" : line.substring(start);
                Optional<String> target = start >= 0 && HEREDOC_WRITER.matcher(command).lookingAt()
                        ? firstTarget(REDIRECT.matcher(command)).or(() -> firstTarget(TEE.matcher(command)))
                        .or(() -> firstTarget(TEE_COMMAND.matcher(command)))
                        : Optional.empty();
                // A quoted delimiter keeps the shell from expanding variables; expressions are replaced before.
                Map<String, SecretRead> expanded = heredoc.group(2).isEmpty() ? variables : Map.of();
                int at = lineStart;
                String text = line;
                target.flatMap(t -> secretIn(script, bodyStart, bodyEnd, expanded, secretUses)
                                .map(secret -> new SecretFile(inWorkspace(t, folder), secret, run.locate(at, text.length()))))
                        .ifPresent(files::add);
                lineStart = bodyEnd >= script.length() ? script.length() : script.indexOf('\n', bodyEnd) + 1;
                if (lineStart == 0) {
                    lineStart = script.length();
                }
                continue;
            }
            for (Pattern write : List.of(REDIRECT, TEE)) {
                Matcher m = write.matcher(line);
                while (m.find()) {
                    int commandStart = commandStart(line, m.start());
                    Optional<String> target = targetOf(m);
                    if (commandStart < 0 || target.isEmpty() || !PRINTS_ITS_TEXT.matcher(line.substring(commandStart, m.start())).matches()) {
                        continue;
                    }
                    int from = lineStart + commandStart;
                    int length = m.end() - commandStart;
                    secretIn(script, from, lineStart + m.start(), variables, secretUses).ifPresent(secret -> files.add(
                            new SecretFile(inWorkspace(target.get(), folder), secret, run.locate(from, length))));
                }
            }
            lineStart = lineEnd + 1;
        }
        return files;
    }

    /** google-github-actions/auth writes a credentials file unless {@code create_credentials_file: false}. */
    private static boolean createsCredentialsFile(Step step) {
        String create = step.inputValue("create_credentials_file").map(v -> v.strip().toLowerCase(Locale.ROOT))
                .orElse("true");
        return !create.equals("false")
                && (step.input("credentials_json").isPresent() || step.input("workload_identity_provider").isPresent());
    }

    /**
     * Where the pipeline of a write at {@code writeAt} starts (its first command is what it writes), or -1 when the
     * write is inside a quote or a substitution and so no write.
     */
    private static int commandStart(String line, int writeAt) {
        return ShellText.lastPipelineStart(line.substring(0, writeAt));
    }

    /** Where the line that ends a here document begins, or the script's end when none does. */
    private static int heredocEnd(String script, int from, String word, boolean tabsStripped) {
        int at = from;
        while (at < script.length()) {
            int end = script.indexOf('\n', at);
            if (end < 0) {
                end = script.length();
            }
            String line = script.substring(at, end);
            if ((tabsStripped ? line.replaceFirst("^\t+", "") : line).strip().equals(word)) {
                return at;
            }
            at = end + 1;
        }
        return script.length();
    }

    private static Optional<String> firstTarget(Matcher write) {
        return write.find() ? targetOf(write) : Optional.empty();
    }

    /** The file a write names, unquoted; empty for a stream or a file of the runner's. */
    private static Optional<String> targetOf(Matcher write) {
        String raw = write.group(1);
        String unquoted = raw.length() >= 2 && (raw.charAt(0) == '"' || raw.charAt(0) == '\'')
                ? raw.substring(1, raw.length() - 1) : raw;
        return unquoted.isBlank() || NOT_A_FILE.matcher(unquoted).matches() ? Optional.empty() : Optional.of(unquoted);
    }

    /** The first secret the text from {@code from} to {@code to} reads: an expression, or a variable that holds one. */
    private static Optional<SecretRead> secretIn(String script, int from, int to, Map<String, SecretRead> variables,
                                                 List<ExpressionUse> secretUses) {
        for (ExpressionUse use : secretUses) {
            if (use.offset() >= from && use.offset() < to) {
                return secretRead(use);
            }
        }
        if (!variables.isEmpty() && from < to) {
            Matcher read = VARIABLE_READ.matcher(script).region(from, to);
            while (read.find()) {
                SecretRead secret = variables.get(read.group(1));
                if (secret != null) {
                    return Optional.of(secret.through(read.group(1)));
                }
            }
        }
        return Optional.empty();
    }

    /** The variables of an {@code env} whose values read a secret, with the secret each reads. */
    private static Map<String, SecretRead> secretVariables(List<KeyValue> env) {
        Map<String, SecretRead> found = new LinkedHashMap<>();
        for (KeyValue kv : env) {
            kv.value().expressions().stream().map(SecretsInArtifactCheck::secretRead).flatMap(Optional::stream)
                    .findFirst().ifPresent(secret -> found.put(kv.key(), secret));
        }
        return found;
    }

    /**
     * The secret an expression reads, as messages name it ({@code ${{ secrets.NAME }}}, or every secret at once), with
     * the names it reads; the workflow token, which is no secret of the repository's, is named in the message only.
     */
    private static Optional<SecretRead> secretRead(ExpressionUse use) {
        List<String> paths = ContextPaths.readBy(use.expr());
        if (paths.contains("secrets")) {
            return Optional.of(new SecretRead("every secret (${{ " + use.source().strip() + " }})", List.of("*")));
        }
        if (paths.stream().noneMatch(p -> p.startsWith("secrets."))) {
            return Optional.empty();
        }
        return Optional.of(new SecretRead("${{ " + use.source().strip() + " }}", JobPrivileges.secretsReadBy(use)));
    }

    /**
     * A path as upload paths are written: relative to the workspace when the step's folder or the workspace variable
     * says so, else as written.
     */
    private static String inWorkspace(String target, String folder) {
        Matcher workspace = WORKSPACE_PREFIX.matcher(target);
        if (workspace.lookingAt()) {
            String rest = normalise(target.substring(workspace.end()));
            return rest.isEmpty() ? "." : rest;
        }
        boolean relative = !target.startsWith("/") && !target.startsWith("$") && !target.startsWith("~");
        return normalise(relative && !folder.isEmpty() && !folder.equals(".") ? folder + "/" + target : target);
    }

    private static String normalise(String path) {
        String p = path.replaceAll("/+", "/");
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        if (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? "." : p;
    }

    /** Whether the writer's script or a later one deletes the file before the upload. */
    private static boolean removedBefore(List<Step> steps, int writer, int upload, String path) {
        Pattern removal = Pattern.compile("\\brm\\s+[^\\n;&|]*" + Pattern.quote(path.substring(path.lastIndexOf('/') + 1)));
        for (int i = writer; i < upload; i++) {
            Scalar run = steps.get(i).run();
            if (run != null && removal.matcher(run.value()).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * How an upload takes the file: by a path that names it or its folder, with the whole workspace, or as a hidden
     * file that only the upload's version, unknown at a commit SHA, decides.
     */
    private enum Coverage { NAMED, WORKSPACE, UNLESS_HIDDEN_LEFT_OUT }

    /**
     * A path of an upload as written, with the part before its first wildcard: a file that does not start with that
     * part cannot match, which rules most files out without running the glob.
     */
    private record UploadPath(String text, String folder, boolean wholeWorkspace, String literalPrefix,
                              PathMatcher glob) {
        /** Upload paths that stand for the whole workspace. */
        private static final Set<String> WORKSPACE = Set.of(".", "*", "**", "**/*", "*/**");

        static UploadPath of(String text) {
            int wildcard = firstWildcard(text);
            if (wildcard < 0) {
                return new UploadPath(text, text + "/", WORKSPACE.contains(text), text, null);
            }
            PathMatcher glob;
            try {
                glob = FileSystems.getDefault().getPathMatcher("glob:" + text);
            } catch (IllegalArgumentException e) {
                glob = path -> false;
            }
            return new UploadPath(text, text + "/", WORKSPACE.contains(text), text.substring(0, wildcard), glob);
        }

        private static int firstWildcard(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '*' || c == '?' || c == '[' || c == '{') {
                    return i;
                }
            }
            return -1;
        }

        /** Whether this path names the file or a folder that holds it. */
        boolean names(String file, MatchBudget budget) {
            if (file.startsWith(literalPrefix) && (file.equals(text) || file.startsWith(folder))) {
                return true;
            }
            if (glob == null || !file.startsWith(literalPrefix) || !budget.spend()) {
                return false;
            }
            try {
                if (glob.matches(Path.of(file))) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
            // upload-artifact's ** also matches no folder at all: **/key.json names key.json.
            return text.startsWith("**/") && of(text.substring(3)).names(file, budget);
        }
    }

    /**
     * How many globs one job may still run against its files. A job of thousands of secret files and thousands of
     * uploads whose paths start with a wildcard would otherwise cost their product; past the budget such a glob
     * names nothing, which no workflow written by hand comes near.
     */
    private static final class MatchBudget {
        private int left = 200_000;

        boolean spend() {
            return left-- > 0;
        }
    }

    /** An upload step: its position, its paths and exclusions, and whether it packs hidden files. */
    private record Upload(int index, Step step, List<UploadPath> paths, List<UploadPath> excluded, boolean pages,
                          ArtipackedCheck.HiddenFiles hiddenFiles) {
        static boolean isUpload(Step step) {
            ActionRef uses = step.uses();
            return uses != null && uses.kind() == ActionRef.Kind.REPOSITORY
                    && ArtipackedCheck.UPLOADERS.contains(uses.nameWithPath());
        }

        static Optional<Upload> of(Step step, int index) {
            if (!isUpload(step)) {
                return Optional.empty();
            }
            ActionRef uses = step.uses();
            boolean pages = uses.repository().endsWith("pages-artifact");
            Set<String> paths = new LinkedHashSet<>();
            Set<String> excluded = new LinkedHashSet<>();
            for (String line : step.inputValue("path").orElse(pages ? "_site" : "").split("\n")) {
                String written = line.strip();
                boolean exclusion = written.startsWith("!");
                String path = inWorkspace(exclusion ? written.substring(1).strip() : written, "");
                // An empty line, or a path computed by an expression, names no file this check can tell.
                if (written.isEmpty() || path.isEmpty() || path.contains("${{")) {
                    continue;
                }
                (exclusion ? excluded : paths).add(path);
            }
            if (paths.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Upload(index, step, paths.stream().map(UploadPath::of).toList(),
                    excluded.stream().map(UploadPath::of).toList(), pages,
                    pages ? ArtipackedCheck.HiddenFiles.INCLUDED : ArtipackedCheck.hiddenFiles(step)));
        }

        Optional<Coverage> covers(String file, MatchBudget budget) {
            boolean inWorkspace = !file.startsWith("/") && !file.startsWith("$") && !file.startsWith("~")
                    && !file.startsWith("../");
            for (UploadPath path : paths) {
                String inside;
                Coverage coverage;
                if (path.wholeWorkspace()) {
                    if (!inWorkspace) {
                        continue;
                    }
                    inside = file;
                    coverage = Coverage.WORKSPACE;
                } else if (file.startsWith(path.folder())) {
                    inside = file.substring(path.folder().length());
                    coverage = Coverage.NAMED;
                } else if (path.names(file, budget)) {
                    inside = file.substring(file.lastIndexOf('/') + 1);
                    coverage = Coverage.NAMED;
                } else {
                    continue;
                }
                if (hidden(inside)) {
                    if (hiddenFiles == ArtipackedCheck.HiddenFiles.LEFT_OUT) {
                        continue;
                    }
                    if (hiddenFiles == ArtipackedCheck.HiddenFiles.UNKNOWN) {
                        coverage = Coverage.UNLESS_HIDDEN_LEFT_OUT;
                    }
                }
                Coverage taken = coverage;
                return excluded.stream().anyMatch(x -> x.names(file, budget)) ? Optional.empty() : Optional.of(taken);
            }
            return Optional.empty();
        }

        /** A dot file or a file in a dot folder, below what the upload names. */
        private static boolean hidden(String inside) {
            for (String part : inside.split("/")) {
                if (part.startsWith(".") && !part.equals(".") && !part.equals("..")) {
                    return true;
                }
            }
            return false;
        }
    }
}
