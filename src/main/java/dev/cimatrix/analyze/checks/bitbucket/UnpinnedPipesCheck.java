package dev.cimatrix.analyze.checks.bitbucket;

import dev.cimatrix.analyze.BitbucketContext;
import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.BitbucketPipeline;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pipe ({@code pipe: atlassian/aws-s3-deploy:1.1.0}, or {@code docker://…}) named by a tag rather than a digest. A
 * pipe is a container image that runs inside the step with the variables it is given, often the deployment's keys;
 * its tag is a pointer that its publisher, or whoever takes over the publisher's account, can move. A full version
 * tag is reported as low, a major or minor one ({@code :1}, {@code :1.2}) as medium, no tag or {@code latest} as high.
 */
public final class UnpinnedPipesCheck implements Check {
    public static final String ID = "bitbucket-unpinned-pipes";

    private static final Pattern FULL = Pattern.compile("\\d+\\.\\d+\\.\\d+.*");
    private static final Pattern PARTIAL = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Pattern TAG = Pattern.compile(".*:([^:/]+)");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void bitbucket(BitbucketContext context, FindingSink findings) {
        for (BitbucketPipeline.Step step : context.pipeline().steps()) {
            for (BitbucketPipeline.Pipe pipe : step.pipes()) {
                String text = pipe.reference().value().strip();
                if (text.isEmpty() || text.contains("@sha256:")) {
                    continue;
                }
                String name = text.startsWith("docker://") ? text.substring("docker://".length()) : text;
                Matcher tag = TAG.matcher(name);
                String version = tag.matches() ? tag.group(1) : "";
                String secrets = pipe.variables().isEmpty() ? "" : ", with the variables it is given ("
                        + String.join(", ", pipe.variables().stream().map(v -> v.key()).limit(4).toList())
                        + (pipe.variables().size() > 4 ? ", …" : "") + ")";
                String base = "the pipe " + text + " in " + step.label() + " runs its publisher's image in the step"
                        + secrets;
                var finding = findings.at(pipe.reference().location()).subject(step.pipeline() + " " + name)
                        .property("version", version);
                if (text.contains("$")) {
                    finding.message(base + "; its reference is built from variables, so what runs is known only "
                            + "when the step runs; pin it by digest (@sha256:…)").severity(Severity.MEDIUM)
                            .confidence(Confidence.LOW).report();
                } else if (FULL.matcher(version).matches()) {
                    finding.message(base + ", at a tag its publisher can move; pin it by digest (@sha256:…)")
                            .severity(Severity.LOW).report();
                } else if (PARTIAL.matcher(version).matches()) {
                    finding.message(base + ", at " + version + ", which takes each new release within it; pin it by "
                            + "digest (@sha256:…)").severity(Severity.MEDIUM).report();
                } else {
                    finding.message(base + ", at " + (version.isEmpty() ? "no tag, which is latest" : "'" + version
                            + "', which moves with every release") + "; pin it by digest (@sha256:…)").report();
                }
            }
        }
    }
}
