package dev.cimatrix.fix;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.ChangeDelta;
import com.github.difflib.patch.Chunk;
import com.github.difflib.patch.DeleteDelta;
import com.github.difflib.patch.InsertDelta;
import com.github.difflib.patch.Patch;
import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.checks.azure.ScriptInjectionCheck;
import dev.cimatrix.analyze.checks.github.ArtipackedCheck;
import dev.cimatrix.analyze.checks.github.DependabotCooldownCheck;
import dev.cimatrix.analyze.checks.github.ExcessivePermissionsCheck;
import dev.cimatrix.analyze.checks.github.TemplateInjectionCheck;
import dev.cimatrix.analyze.checks.github.UnsoundConditionCheck;
import dev.cimatrix.analyze.github.CodeSinks;
import dev.cimatrix.discover.yaml.YamlDialect;
import dev.cimatrix.discover.yaml.YamlDocumentSet;
import dev.cimatrix.discover.yaml.YamlLoadException;
import dev.cimatrix.discover.yaml.YamlLoader;
import dev.cimatrix.model.ActionDefinition;
import dev.cimatrix.model.AzureJob;
import dev.cimatrix.model.AzureStep;
import dev.cimatrix.model.CircleciConfig;
import dev.cimatrix.model.JenkinsPipeline;
import dev.cimatrix.model.ExpressionUse;
import dev.cimatrix.model.IfCondition;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites definition files so that findings go away: {@code gha-template-injection}, whose fix passes the value
 * through an environment variable of the step ({@link TemplateInjectionFix}), {@code gha-artipacked}, whose fix
 * stops actions/checkout from keeping the token ({@link ArtipackedFix}), and {@code dependabot-cooldown}
 * ({@link DependabotCooldownFix}). A fix is planned from the
 * scan's model and applied to the file's text, keeping its layout and comments; the changed text is read again and
 * must differ from the old only where the fix meant it to, or the file is left as it was.
 */
public final class Fixer {
    /** The checks whose findings can be fixed. */
    public static final Set<String> FIXABLE = Set.of(ArtipackedCheck.ID, DependabotCooldownCheck.ID,
            ExcessivePermissionsCheck.ID, TemplateInjectionCheck.ID, UnsoundConditionCheck.ID,
            ScriptInjectionCheck.ID, dev.cimatrix.analyze.checks.jenkins.ScriptInjectionCheck.ID,
            dev.cimatrix.analyze.checks.circleci.ScriptInjectionCheck.ID,
            dev.cimatrix.analyze.checks.jenkins.SecretInterpolationCheck.ID);

    /** The start of the reason given when planning a fix failed with an exception: a defect of cimatrix. */
    public static final String FAILED = "the fix failed (a defect of cimatrix, please report it): ";
    private static final String NO_LINE_BREAK = "\u0000";
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Fixer() {
    }

    /** The new text of one file and the findings it fixes. */
    public record FileFix(String path, Path file, boolean byteOrderMark, String before, String after,
                          List<Finding> fixed, List<FileRewrite.Lines> changed) {
        public FileFix {
            fixed = List.copyOf(fixed);
            changed = List.copyOf(changed);
        }
    }

    /** A finding of a fixable check that is left as it is, and why. */
    public record Unfixed(Finding finding, String reason) {
    }

    /** What fixing the findings would change. */
    public record Plan(List<FileFix> files, List<Unfixed> unfixed) {
        public Plan {
            files = List.copyOf(files);
            unfixed = List.copyOf(unfixed);
        }

        public int fixedCount() {
            return files.stream().mapToInt(f -> f.fixed().size()).sum();
        }

        /** The changes as a unified diff, paths relative to the scanned root as {@code a/…} and {@code b/…}. */
        public String diff() {
            StringBuilder out = new StringBuilder();
            for (FileFix file : files) {
                List<String> before = lines(file.before());
                List<String> after = lines(file.after());
                Patch<String> patch = patch(file, before, after);
                // A file named by an absolute path is named without its leading slash, as a/ and b/ take its place.
                String name = file.path().replaceFirst("^/+", "");
                out.append("diff --git a/").append(name).append(" b/").append(name).append('\n');
                for (String line : UnifiedDiffUtils.generateUnifiedDiff("a/" + name, "b/" + name, before, patch, 3)) {
                    if (line.endsWith(NO_LINE_BREAK)) {
                        out.append(line, 0, line.length() - 1).append("\n\\ No newline at end of file\n");
                    } else {
                        out.append(line).append('\n');
                    }
                }
            }
            return out.toString();
        }

        /**
         * The differences of a file as the fixes made them: each run of old lines an edit touched, against the new lines
         * that took its place, without searching for them (a search over a file of thousands of changed lines takes
         * seconds). A file whose lines end in a lone CR, which the lines here and in the file's reading count
         * differently, is left to the diff library's search.
         */
        private static Patch<String> patch(FileFix file, List<String> before, List<String> after) {
            if (file.changed().isEmpty() || file.before().replace("\r\n", "").indexOf('\r') >= 0) {
                return DiffUtils.diff(before, after);
            }
            Patch<String> patch = new Patch<>();
            List<FileRewrite.Lines> regions = file.changed();
            int shift = 0;
            int i = 0;
            while (i < regions.size()) {
                int start = regions.get(i).start();
                int end = regions.get(i).end();
                int delta = regions.get(i).delta();
                // Edits on one line, or on overlapping lines, make one change.
                while (i + 1 < regions.size() && (regions.get(i + 1).start() < end
                        || regions.get(i + 1).start() == start)) {
                    i++;
                    end = Math.max(end, regions.get(i).end());
                    delta += regions.get(i).delta();
                }
                i++;
                int newStart = start + shift;
                int newEnd = end + shift + delta;
                Chunk<String> source = new Chunk<>(start, new ArrayList<>(before.subList(start, end)));
                Chunk<String> target = new Chunk<>(newStart, new ArrayList<>(after.subList(newStart, newEnd)));
                patch.addDelta(source.size() == 0 ? new InsertDelta<>(source, target)
                        : target.size() == 0 ? new DeleteDelta<>(source, target) : new ChangeDelta<>(source, target));
                shift += delta;
            }
            return patch;
        }

        /**
         * The lines of a text; a last line without a line break is marked, so that it differs from the same line with
         * one and the diff can say so as patch(1) and git expect.
         */
        private static List<String> lines(String text) {
            List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
            int last = lines.size() - 1;
            if (lines.get(last).isEmpty()) {
                lines.remove(last);
            } else {
                lines.set(last, lines.get(last) + NO_LINE_BREAK);
            }
            return lines;
        }

        /**
         * Writes every changed file: each through a new file in its folder, given the old one's permissions, and
         * moved over it, so a file is never left half written.
         */
        public void write() throws IOException {
            for (FileFix file : files) {
                byte[] text = file.after().getBytes(StandardCharsets.UTF_8);
                byte[] bytes = file.byteOrderMark() ? concat(UTF8_BOM, text) : text;
                Path temp = Files.createTempFile(file.file().toAbsolutePath().getParent(), ".cimatrix-fix-", ".tmp");
                try {
                    Files.write(temp, bytes);
                    PosixFileAttributeView posix = Files.getFileAttributeView(file.file(), PosixFileAttributeView.class);
                    if (posix != null) {
                        Files.setPosixFilePermissions(temp, posix.readAttributes().permissions());
                    }
                    Files.move(temp, file.file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
        }
    }

    /**
     * Plans the fixes of the findings that {@link #FIXABLE} checks reported on the inventory's files under
     * {@code root}; findings of other checks are passed over.
     */
    public static Plan plan(Path root, Inventory inventory, List<Finding> findings) {
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        for (Finding finding : findings) {
            if (FIXABLE.contains(finding.checkId())) {
                byFile.computeIfAbsent(finding.location().path(), p -> new ArrayList<>()).add(finding);
            }
        }
        List<FileFix> files = new ArrayList<>();
        List<Unfixed> unfixed = new ArrayList<>();
        for (Map.Entry<String, List<Finding>> entry : byFile.entrySet()) {
            planFile(root, inventory, entry.getKey(), entry.getValue(), files, unfixed);
        }
        return new Plan(files, unfixed);
    }

    private static void planFile(Path root, Inventory inventory, String path, List<Finding> findings,
                                 List<FileFix> files, List<Unfixed> unfixed) {
        Path file = root.resolve(path);
        String text;
        boolean bom;
        YamlDocumentSet yaml;
        try {
            if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("it is a link or not a regular file");
            }
            byte[] bytes = Files.readAllBytes(file);
            bom = bytes.length >= 3 && Arrays.equals(Arrays.copyOf(bytes, 3), UTF8_BOM);
            if (!bom && bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                    || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
                throw new IOException("it is written in UTF-16");
            }
            text = YamlLoader.decode(path, bom ? Arrays.copyOfRange(bytes, 3, bytes.length) : bytes);
            Optional<JenkinsPipeline> jenkins = inventory.jenkins().stream().filter(p -> p.path().equals(path))
                    .findFirst();
            if (jenkins.isPresent()) {
                planJenkinsFile(new FileChange(path, file, bom, text), jenkins.get(), findings, files, unfixed);
                return;
            }
            yaml = new YamlLoader().parse(path, text, YamlDialect.GITHUB);
        } catch (IOException | YamlLoadException | RuntimeException e) {
            findings.forEach(f -> unfixed.add(new Unfixed(f, "the file cannot be rewritten: " + e.getMessage())));
            return;
        }
        FileRewrite rewrite = new FileRewrite(path, text, yaml);
        FileSites sites = new FileSites(inventory, path);
        Fixes fixes = new Fixes(new TemplateInjectionFix(rewrite), new ArtipackedFix(rewrite),
                new DependabotCooldownFix(rewrite), new UnsoundConditionFix(rewrite), new ExcessivePermissionsFix(rewrite),
                new AzureInjectionFix(rewrite), new CircleciInjectionFix(rewrite, text));
        rewriteFile(new FileChange(path, file, bom, text), findings,
                finding -> planOne(inventory, path, finding, fixes, sites), rewrite::apply, rewrite::failure,
                rewrite::changedLines, files, unfixed);
    }

    /** Plans the fixes of a Jenkinsfile's findings: each script they are in, rewritten whole. */
    private static void planJenkinsFile(FileChange change, JenkinsPipeline pipeline, List<Finding> findings,
                                        List<FileFix> files, List<Unfixed> unfixed) {
        JenkinsInjectionFix fix = new JenkinsInjectionFix(change.path(), change.text(), pipeline);
        rewriteFile(change, findings, finding -> fix.stepAt(finding.location()).map(fix::add)
                        .orElse(Optional.of("the value was not found in the file as scanned")), fix::apply, fix::failure,
                fix::changedLines, files, unfixed);
    }

    /** A file as read for rewriting: where it is, whether it starts with a byte-order mark, and its text. */
    private record FileChange(String path, Path file, boolean bom, String text) {
    }

    /**
     * Plans each finding's fix ({@code plan} gives why it has none), then makes the planned edits ({@code apply}, empty
     * with {@code failure} when the result is refused): the file's findings are fixed together or, if the rewrite
     * fails, all left with its reason. A fix that throws is a defect: its finding is left, the others still fixed.
     */
    private static void rewriteFile(FileChange change, List<Finding> findings,
                                    java.util.function.Function<Finding, Optional<String>> plan,
                                    java.util.function.Supplier<Optional<String>> apply,
                                    java.util.function.Supplier<String> failure,
                                    java.util.function.Supplier<List<FileRewrite.Lines>> changedLines,
                                    List<FileFix> files, List<Unfixed> unfixed) {
        List<Finding> planned = new ArrayList<>();
        for (Finding finding : findings) {
            Optional<String> refused;
            try {
                refused = plan.apply(finding);
            } catch (RuntimeException e) {
                refused = Optional.of(FAILED + e);
            }
            if (refused.isPresent()) {
                unfixed.add(new Unfixed(finding, refused.get()));
            } else {
                planned.add(finding);
            }
        }
        if (planned.isEmpty()) {
            return;
        }
        Optional<String> after;
        try {
            after = apply.get();
        } catch (RuntimeException e) {
            planned.forEach(f -> unfixed.add(new Unfixed(f, FAILED + e)));
            return;
        }
        if (after.isEmpty()) {
            planned.forEach(f -> unfixed.add(new Unfixed(f, failure.get())));
            return;
        }
        files.add(new FileFix(change.path(), change.file(), change.bom(), change.text(), after.get(), planned,
                changedLines.get()));
    }

    /** The fixes of one file, one per check. */
    private record Fixes(TemplateInjectionFix injections, ArtipackedFix checkouts, DependabotCooldownFix cooldowns,
                         UnsoundConditionFix conditions, ExcessivePermissionsFix permissions,
                         AzureInjectionFix azureInjections, CircleciInjectionFix circleciInjections) {
    }

    private static Optional<String> planOne(Inventory inventory, String path, Finding finding, Fixes fixes,
                                            FileSites sites) {
        return switch (finding.checkId()) {
                case TemplateInjectionCheck.ID -> Optional.ofNullable(sites.expressions.get(finding.location()))
                        .map(s -> fixes.injections().add(s.workflow(), s.job(), s.step(), s.code(), s.use()))
                        .orElse(Optional.of("the expression was not found in the file as scanned"));
                case ArtipackedCheck.ID -> Optional.ofNullable(sites.uses.get(finding.location()))
                        .map(c -> fixes.checkouts().add(inventory, path, c.job(), c.index()))
                        .orElse(Optional.of("the checkout was not found in the file as scanned"));
                case DependabotCooldownCheck.ID -> inventory.dependabot().stream().filter(c -> c.path().equals(path))
                        .findFirst().map(c -> fixes.cooldowns().add(c, finding))
                        .orElse(Optional.of("the configuration was not found as scanned"));
                case UnsoundConditionCheck.ID -> Optional.ofNullable(sites.conditions.get(finding.location()))
                        .map(fixes.conditions()::add)
                        .orElse(Optional.of("the condition was not found in the file as scanned"));
                case ExcessivePermissionsCheck.ID -> inventory.workflow(path).map(w -> fixes.permissions().add(w, finding))
                        .orElse(Optional.of("the workflow was not found as scanned"));
                case ScriptInjectionCheck.ID -> Optional.ofNullable(sites.azureUses.get(finding.location()))
                        .map(u -> fixes.azureInjections().add(u.job(), u.step(), u.use(), u.parameter()))
                        .orElse(Optional.of("the variable was not found in the file as scanned"));
                case dev.cimatrix.analyze.checks.circleci.ScriptInjectionCheck.ID ->
                        Optional.ofNullable(sites.circleciUses.get(finding.location()))
                        .map(u -> fixes.circleciInjections().add(u.unit(), u.run(), u.use()))
                        .orElse(Optional.of("the value was not found in the file as scanned"));
                default -> Optional.of("no fix for " + finding.checkId());
        };
    }

    /** Where a finding's expression is in the model. */
    record Site(Workflow workflow, Job job, Step step, CodeSinks.CodeValue code, ExpressionUse use) {
    }

    /** Where a variable is written into the script of an Azure Pipelines step. */
    record AzureUse(AzureJob job, AzureStep step, ScriptInjectionCheck.Use use, boolean parameter) {
    }

    /** Where a value is written into a run command of a CircleCI job or command. */
    record CircleciUse(CircleciConfig.Unit unit, CircleciConfig.Run run,
                       dev.cimatrix.analyze.checks.circleci.ScriptInjectionCheck.Use use) {
    }

    /** A step of a job by its index. */
    record JobStep(Job job, int index) {
    }

    /**
     * The model's nodes of one file that findings point at, indexed by location once, so that a file of thousands of
     * findings is not searched again for each.
     */
    static final class FileSites {
        final Map<Location, Site> expressions = new HashMap<>();
        final Map<Location, JobStep> uses = new HashMap<>();
        final Map<Location, IfCondition> conditions = new HashMap<>();
        final Map<Location, AzureUse> azureUses = new HashMap<>();
        final Map<Location, CircleciUse> circleciUses = new HashMap<>();

        FileSites(Inventory inventory, String path) {
            inventory.circleci().stream().filter(c -> c.path().equals(path)).forEach(config -> {
                for (CircleciConfig.Unit unit : config.units()) {
                    for (CircleciConfig.Run run : unit.runs()) {
                        for (var use : dev.cimatrix.analyze.checks.circleci.ScriptInjectionCheck.uses(run.command().value())) {
                            circleciUses.putIfAbsent(run.command().locate(use.start(), use.end() - use.start()),
                                    new CircleciUse(unit, run, use));
                        }
                    }
                }
            });
            inventory.azure().stream().filter(p -> p.path().equals(path)).forEach(pipeline -> {
                for (AzureJob job : pipeline.jobs()) {
                    for (AzureStep step : job.steps()) {
                        if (step.script() == null) {
                            continue;
                        }
                        for (ScriptInjectionCheck.Use use : ScriptInjectionCheck.uses(step.script().value())) {
                            azureUses.putIfAbsent(step.script().locate(use.start(), use.end() - use.start()),
                                    new AzureUse(job, step, use, false));
                        }
                        for (ScriptInjectionCheck.Use use : ScriptInjectionCheck.parameterUses(step.script().value())) {
                            azureUses.putIfAbsent(step.script().locate(use.start(), use.end() - use.start()),
                                    new AzureUse(job, step, use, true));
                        }
                    }
                }
            });
            inventory.workflow(path).ifPresent(workflow -> {
                for (Job job : workflow.jobs()) {
                    condition(job.condition());
                    for (int i = 0; i < job.steps().size(); i++) {
                        Step step = job.steps().get(i);
                        step(workflow, job, step);
                        if (step.uses() != null) {
                            uses.putIfAbsent(step.uses().location(), new JobStep(job, i));
                        }
                    }
                }
            });
            for (ActionDefinition action : inventory.actions()) {
                if (action.path().equals(path)) {
                    action.steps().forEach(step -> step(null, null, step));
                }
            }
        }

        private void step(Workflow workflow, Job job, Step step) {
            condition(step.condition());
            for (CodeSinks.CodeValue code : CodeSinks.of(step)) {
                for (ExpressionUse use : code.value().expressions()) {
                    expressions.putIfAbsent(use.location(), new Site(workflow, job, step, code, use));
                }
            }
        }

        private void condition(IfCondition condition) {
            if (condition != null && condition.text() != null) {
                conditions.putIfAbsent(condition.text().location(), condition);
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
