package dev.cimatrix.analyze.checks.gitlab;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GitlabContext;
import dev.cimatrix.analyze.checks.common.ShellEvaluation;
import dev.cimatrix.analyze.gitlab.JobPipelines;
import dev.cimatrix.analyze.gitlab.PipelineKind;
import dev.cimatrix.model.GitlabJob;
import dev.cimatrix.model.KeyValue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A predefined CI/CD variable whose value an outsider or any developer writes (a commit message, a branch or tag
 * name, a merge request's title or description, a user's display name) expanded where the script reads it again as
 * code: in {@code eval}, {@code sh -c}, an interpreter's one-line program, {@code ssh}'s remote command, a
 * here-document an interpreter runs, or as the command name. GitLab passes variables to the shell as environment
 * variables, so elsewhere their values are data; there, quotes, {@code ;} and {@code $(…)} in the value become code.
 */
public final class VariableInjectionCheck implements Check {
    public static final String ID = "gitlab-variable-injection";

    /** The predefined variables whose values are written by whoever pushes, names a ref or opens a merge request. */
    static final Map<String, String> WRITTEN_BY = Map.ofEntries(
            Map.entry("CI_COMMIT_MESSAGE", "the commit's author"),
            Map.entry("CI_COMMIT_TITLE", "the commit's author"),
            Map.entry("CI_COMMIT_DESCRIPTION", "the commit's author"),
            Map.entry("CI_COMMIT_AUTHOR", "the commit's author"),
            Map.entry("CI_COMMIT_TAG_MESSAGE", "whoever pushes the tag"),
            Map.entry("CI_COMMIT_BRANCH", "whoever names the branch"),
            Map.entry("CI_COMMIT_REF_NAME", "whoever names the branch or tag"),
            Map.entry("CI_COMMIT_TAG", "whoever pushes the tag"),
            Map.entry("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "the merge request's author"),
            Map.entry("CI_MERGE_REQUEST_TITLE", "the merge request's author"),
            Map.entry("CI_MERGE_REQUEST_DESCRIPTION", "the merge request's author"),
            Map.entry("CI_EXTERNAL_PULL_REQUEST_SOURCE_BRANCH_NAME", "the pull request's author"),
            Map.entry("GITLAB_USER_NAME", "the user who started the pipeline, through their display name"));
    /** {@code $NAME} or {@code ${NAME…}} ({@code ${#NAME}}, a length, is not a reference to the text). */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_])");
    /** How many variables deep a value is followed through others that name it. */
    private static final int MAX_DEPTH = 8;

    @Override
    public String id() {
        return ID;
    }

    /**
     * Who writes a variable's value, and the predefined variable it comes from: that decides in which pipelines the
     * writer is someone else (a branch's name is the pusher's, but the default branch's is the project's).
     */
    record Writer(String who, String origin) {
        static final Writer NONE = new Writer("", "");

        boolean none() {
            return who.isEmpty();
        }

        /** Whether the writer is someone other than the project in one of these pipelines. */
        boolean writesIn(Set<PipelineKind> kinds) {
            Set<PipelineKind> writable = PipelineKind.writtenByOthersIn(origin);
            return kinds.stream().anyMatch(writable::contains);
        }
    }

    @Override
    public void gitlab(GitlabContext context, FindingSink findings) {
        Map<String, Writer> pipelineWide = new HashMap<>();
        WRITTEN_BY.forEach((name, who) -> pipelineWide.put(name, new Writer(who, name)));
        writtenBy(pipelineWide::get, context.pipeline().variables()).forEach((name, writer) -> {
            if (writer.none()) {
                pipelineWide.remove(name);
            } else {
                pipelineWide.put(name, writer);
            }
        });
        JobPipelines pipelines = JobPipelines.of(context.inventory(), context.pipeline());
        for (GitlabJob job : context.pipeline().jobs()) {
            // A template's or the default section's pipelines are those of the jobs that take it in.
            Set<PipelineKind> kinds = job.kind() == GitlabJob.Kind.JOB ? pipelines.of(job)
                    : EnumSet.allOf(PipelineKind.class);
            // A job's own variables are looked up first, and hide the pipeline's of the same name.
            Map<String, Writer> own = writtenBy(pipelineWide::get, job.variables());
            Function<String, Writer> lookup = own.isEmpty() ? pipelineWide::get
                    : name -> own.containsKey(name) ? noneToNull(own.get(name)) : pipelineWide.get(name);
            inspect(job, job.scripts(), name -> {
                Writer writer = lookup.apply(name);
                return writer != null && writer.writesIn(kinds) ? writer : null;
            }, findings);
        }
    }

    private static Writer noneToNull(Writer writer) {
        return writer.none() ? null : writer;
    }

    /**
     * Who writes each of {@code variables}: for one that GitLab sets from a variable others write
     * ({@code TITLE: "$CI_COMMIT_TITLE"}), that writer, followed through one another a few deep; for the others, the
     * empty text (they hide an outer variable of the same name). {@code outer} says who writes the variables around.
     */
    private static Map<String, Writer> writtenBy(Function<String, Writer> outer, List<KeyValue> variables) {
        Map<String, Writer> out = new HashMap<>();
        if (variables.isEmpty()) {
            return out;
        }
        Function<String, Writer> lookup = name -> out.containsKey(name) ? noneToNull(out.get(name)) : outer.apply(name);
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            boolean grew = false;
            for (KeyValue variable : variables) {
                if (!out.getOrDefault(variable.key(), Writer.NONE).none()) {
                    continue;
                }
                Matcher m = REFERENCE.matcher(variable.value().value());
                while (m.find()) {
                    Writer writer = m.group(1).equals(variable.key()) ? outer.apply(m.group(1)) : lookup.apply(m.group(1));
                    if (writer != null) {
                        out.put(variable.key(), new Writer(writer.who() + " through $" + m.group(1), writer.origin()));
                        grew = true;
                        break;
                    }
                }
            }
            if (!grew) {
                break;
            }
        }
        variables.forEach(v -> out.putIfAbsent(v.key(), Writer.NONE));
        return out;
    }

    private static void inspect(GitlabJob job, List<GitlabJob.ScriptLine> lines, Function<String, Writer> writtenBy,
                                FindingSink findings) {
        for (GitlabJob.ScriptLine line : lines) {
            // Each line is a script of its own to the shell's parser: a quote or here-document never spans two.
            String script = line.line().value();
            if (script.indexOf('$') < 0) {
                continue;
            }
            Matcher m = REFERENCE.matcher(script);
            List<MatchResult> references = new ArrayList<>();
            while (m.find()) {
                if (writtenBy.apply(m.group(1)) != null) {
                    references.add(m.toMatchResult());
                }
            }
            if (references.isEmpty()) {
                continue;
            }
            List<Optional<String>> evaluators = ShellEvaluation.at(script,
                    references.stream().map(MatchResult::start).toList());
            for (int k = 0; k < references.size(); k++) {
                MatchResult reference = references.get(k);
                String name = reference.group(1);
                Optional<String> evaluator = evaluators.get(k);
                if (evaluator.isEmpty()) {
                    continue;
                }
                findings.at(line.line().locate(reference.start(), reference.end() - reference.start()))
                        .message("the " + line.section() + " of " + job.label() + " expands $" + name
                                + ", written by " + writtenBy.apply(name).who() + ", where " + evaluator.get()
                                + " reads it again as code: quotes, `;` and `$(…)` in it run as commands with the job's "
                                + "variables and token; pass the value as data (an argument, \"$" + name + "\" in the "
                                + "inner script under single quotes, or standard input)")
                        .subject(job.name() + " " + name + " " + evaluator.get())
                        .property("variable", name).property("evaluator", evaluator.get()).report();
            }
        }
    }
}
