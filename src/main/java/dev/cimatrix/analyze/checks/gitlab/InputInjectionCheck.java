package dev.cimatrix.analyze.checks.gitlab;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GitlabContext;
import dev.cimatrix.model.GitlabJob;
import dev.cimatrix.model.GitlabPipeline;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An input of a GitLab CI configuration ({@code $[[ inputs.name ]]}) written into a script. GitLab puts the value into
 * the configuration's text before the runner hands the script to a shell, so quotes, {@code ;} and {@code $(…)} in the
 * value become commands. Safe: inputs whose type is not string, inputs held to a list of options or to a pattern that
 * admits no shell syntax, and values passed through {@code posix_quote}.
 */
public final class InputInjectionCheck implements Check {
    public static final String ID = "gitlab-input-injection";

    /** {@code $[[ inputs.name | function | function(arguments) ]]}. */
    private static final Pattern INTERPOLATION = Pattern.compile(
            "\\$\\[\\[\\s*inputs\\.([A-Za-z0-9_-]+)\\s*((?:\\|\\s*[A-Za-z_]+\\s*(?:\\([^)\\]]*\\))?\\s*)*)\\]\\]");
    private static final Pattern POSIX_QUOTE = Pattern.compile("\\|\\s*posix_quote\\b");
    private static final Pattern EXPAND_VARS = Pattern.compile("\\|\\s*expand_vars\\b");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void gitlab(GitlabContext context, FindingSink findings) {
        GitlabPipeline pipeline = context.pipeline();
        for (GitlabJob job : pipeline.jobs()) {
            for (GitlabJob.ScriptLine line : job.scripts()) {
                String text = line.line().value();
                if (text.indexOf("$[[") < 0) {
                    continue;
                }
                Matcher m = INTERPOLATION.matcher(text);
                while (m.find()) {
                    String name = m.group(1);
                    String functions = m.group(2);
                    Optional<GitlabPipeline.Input> input = pipeline.input(name);
                    if (POSIX_QUOTE.matcher(functions).find()
                            || input.isPresent() && constrained(input.get())) {
                        continue;
                    }
                    boolean expands = EXPAND_VARS.matcher(functions).find();
                    String message = job.label() + " writes input '" + name + "' into its " + line.section()
                            + " as text: GitLab puts the value in before the shell reads the line, so quotes, `;` and "
                            + "`$(…)` in it run as commands with the job's variables and token"
                            + (expands ? ", and expand_vars also writes in the values of the variables it names, such "
                            + "as a branch name" : "")
                            + (input.isEmpty() ? "; the input is not declared in this file's spec:inputs" : "")
                            + "; pass it through a variable (`variables: VALUE: $[[ inputs." + name + " ]]`) and quote "
                            + "the variable (\"$VALUE\"), or use `| posix_quote`";
                    findings.at(line.line().locate(m.start(), m.end() - m.start()))
                            .message(message).subject(job.name() + " " + name)
                            .related(input.map(GitlabPipeline.Input::location).orElse(null), "input declared here")
                            .property("input", name).report();
                }
            }
        }
    }

    /** Whether GitLab holds the input's values to a type, a list or a pattern that admits no shell syntax. */
    private static boolean constrained(GitlabPipeline.Input input) {
        if (!input.type().equals("string") || !input.options().isEmpty()) {
            return true;
        }
        return input.regex() != null && PlainPattern.admitsOnlyPlainText(input.regex());
    }
}
