package dev.cimatrix.analyze.checks.gitlab;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GitlabContext;
import dev.cimatrix.analyze.checks.common.RemoteScriptFindings;
import dev.cimatrix.analyze.checks.common.RemoteScripts;
import dev.cimatrix.model.GitlabJob;

import java.util.ArrayList;
import java.util.List;

/**
 * A script of a GitLab CI job that runs code fetched at run time without checking it ({@code curl … | sh} and its
 * kin, or a download run later in the same shell): whoever controls the server or the file runs code in the job with
 * its variables and token. {@code before_script} and {@code script} run in one shell, so they are read as one script;
 * {@code after_script} runs in a shell of its own.
 */
public final class RemoteScriptCheck implements Check {
    public static final String ID = "gitlab-remote-script";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void gitlab(GitlabContext context, FindingSink findings) {
        for (GitlabJob job : context.pipeline().jobs()) {
            List<GitlabJob.ScriptLine> main = new ArrayList<>();
            List<GitlabJob.ScriptLine> after = new ArrayList<>();
            for (GitlabJob.ScriptLine line : job.scripts()) {
                (line.section().equals("after_script") ? after : main).add(line);
            }
            inspect(job, main, findings);
            inspect(job, after, findings);
        }
    }

    private static void inspect(GitlabJob job, List<GitlabJob.ScriptLine> lines, FindingSink findings) {
        if (lines.isEmpty()) {
            return;
        }
        StringBuilder script = new StringBuilder();
        int[] starts = new int[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            starts[i] = script.length();
            script.append(lines.get(i).line().value()).append('\n');
        }
        String text = script.toString();
        for (RemoteScripts.Match match : RemoteScripts.find(text)) {
            int index = lineAt(starts, match.start());
            GitlabJob.ScriptLine line = lines.get(index);
            int offset = match.start() - starts[index];
            int length = Math.min(match.end(), starts[index] + line.line().value().length()) - match.start();
            RemoteScriptFindings.report(text, match, line.line().locate(offset, Math.max(1, length)),
                    "the " + line.section() + " of " + job.label(), job.name(), findings);
        }
    }

    /** The index of the line whose text holds {@code offset} of the joined script. */
    private static int lineAt(int[] starts, int offset) {
        int index = java.util.Arrays.binarySearch(starts, offset);
        return index >= 0 ? index : -index - 2;
    }
}
