package dev.cimatrix.fix;

import dev.cimatrix.analyze.checks.common.ScriptQuotes;
import dev.cimatrix.analyze.checks.common.ShellEvaluation;

import java.util.regex.Pattern;

/**
 * How a value pasted into a script's text is replaced by a reference to an environment variable, written for the place
 * it stands, so that the value reaches the script as data: the span to replace (which may take in quotes around it)
 * and the new text, or the reason it is left. Shared by the fixes of every platform's script injection.
 *
 * @param refusal why the value is left as it is; null when it is replaced
 */
record ScriptReplacement(int start, int end, String text, String refusal) {
    /** A shell program that reads its variables itself: {@code eval '…'}, {@code sh -c '…'}. */
    private static final Pattern SHELL_PROGRAM = Pattern.compile("^(?:eval|(?:ba|z|da|k|a)?sh\\b.*)$");

    private static ScriptReplacement refused(String why) {
        return new ScriptReplacement(-1, -1, null, why);
    }

    /**
     * In a POSIX shell script: {@code ${NAME}} unquoted or inside double quotes, as the pasted value was (the words of
     * a list stay words); out of single quotes and back in; {@code "${NAME}"} inside the single-quoted program of
     * {@code eval} or {@code sh -c}, which reads the variable itself. Refused where the value is a command name or part
     * of a program another interpreter runs.
     */
    static ScriptReplacement posix(String script, int start, int end, String name) {
        ScriptQuotes.At at = ScriptQuotes.posix(script, start);
        java.util.Optional<String> program = at.context() == ScriptQuotes.Context.COMMAND ? java.util.Optional.empty()
                : ShellEvaluation.programAt(script, start);
        if (program.isPresent()
                && (at.context() != ScriptQuotes.Context.SINGLE || !SHELL_PROGRAM.matcher(program.get()).find())) {
            return refused("the value is part of a program that " + program.get() + " runs, which would read a "
                    + "variable's value as code too; pass it to that program as data by hand");
        }
        if (program.isPresent()) {
            return new ScriptReplacement(start, end, "\"${" + name + "}\"", null);
        }
        return switch (at.context()) {
            case UNQUOTED, DOUBLE -> new ScriptReplacement(start, end, "${" + name + "}", null);
            case SINGLE -> {
                // Out of the single quotes and back in, leaving out a side that would be left empty.
                boolean opensHere = at.open() == start - 1;
                boolean closesHere = at.close() == end;
                yield new ScriptReplacement(start - (opensHere ? 1 : 0), end + (closesHere ? 1 : 0),
                        (opensHere ? "" : "'") + "\"${" + name + "}\"" + (closesHere ? "" : "'"), null);
            }
            default -> refused(refusal(at.context()));
        };
    }

    /**
     * In a PowerShell script: {@code ${env:NAME}}, unquoted or inside double quotes; a single-quoted string that holds
     * nothing but the value becomes {@code $env:NAME} itself; refused elsewhere.
     */
    static ScriptReplacement powershell(String script, int start, int end, String name) {
        ScriptQuotes.At at = ScriptQuotes.powershell(script, start);
        if (at.context() == ScriptQuotes.Context.SINGLE && at.open() == start - 1 && at.close() == end) {
            return new ScriptReplacement(at.open(), at.close() + 1, "$env:" + name, null);
        }
        if (at.context() != ScriptQuotes.Context.UNQUOTED && at.context() != ScriptQuotes.Context.DOUBLE) {
            return refused(refusal(at.context()));
        }
        return new ScriptReplacement(start, end, "${env:" + name + "}", null);
    }

    /**
     * An environment variable's name made from {@code stem}, with {@code _2}, {@code _3}… appended while it is taken or
     * already a word of the script, where a new variable of that name would change what the script reads.
     */
    static String uniqueName(String stem, java.util.Set<String> taken, String script) {
        String name = stem;
        for (int n = 2; taken.contains(name) || Pattern.compile("\\b" + name + "\\b").matcher(script).find(); n++) {
            name = stem + "_" + n;
        }
        return name;
    }

    /** Why a value standing in this context is left. */
    static String refusal(ScriptQuotes.Context context) {
        return switch (context) {
            case COMMAND -> "the value stands where a command name does, so it is run as a command; passing it as data "
                    + "would change what the step does";
            case UNQUOTED -> "the value is pasted into the code itself, not into a string";
            case SINGLE -> "the expression is inside single quotes, which PowerShell does not expand";
            default -> "the quoting around the expression could not be followed with certainty";
        };
    }
}
