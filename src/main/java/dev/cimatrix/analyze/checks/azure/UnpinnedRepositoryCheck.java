package dev.cimatrix.analyze.checks.azure;

import dev.cimatrix.analyze.AzureContext;
import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.checks.common.CommitIds;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.AzurePipeline;

import java.util.HashSet;
import java.util.Set;

/**
 * Templates taken from another repository ({@code template: build.yml@tools}) whose repository resource follows a
 * branch: no {@code ref} (the default branch) or {@code refs/heads/…}. Whoever can push to that branch changes the
 * steps this pipeline runs, with its secrets and service connections, without a change here. A tag is reported as
 * low, as it can be moved too; a full commit id is fixed. A ref built from variables is reported with low confidence.
 */
public final class UnpinnedRepositoryCheck implements Check {
    public static final String ID = "azure-unpinned-repository";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void azure(AzureContext context, FindingSink findings) {
        AzurePipeline pipeline = context.pipeline();
        Set<String> reported = new HashSet<>();
        for (AzurePipeline.TemplateUse use : pipeline.templates()) {
            if (use.repository() == null || !reported.add(use.repository())) {
                continue;
            }
            // A template's repositories are the pipeline's that uses it, judged where that pipeline is read.
            pipeline.repository(use.repository()).ifPresent(repository -> report(repository, use, findings));
        }
    }

    private static void report(AzurePipeline.Repository repository, AzurePipeline.TemplateUse use,
                               FindingSink findings) {
        String ref = repository.ref() == null ? "" : repository.ref().value().strip();
        if (CommitIds.isFull(ref)) {
            return;
        }
        String name = repository.name() == null ? repository.alias() : repository.name().value().strip();
        String what = (use.extended() ? "the template this pipeline extends, " : "the template ") + use.path() + "@"
                + repository.alias() + ", comes from " + name;
        String fix = "; pin the repository resource to a full commit id, or to a tag that only its owners can "
                + "create and that branch protection keeps from moving, and require approval for changes to it";
        var finding = findings.at(repository.ref() != null ? repository.ref().location() : repository.location())
                .subject(repository.alias() + " " + name + " " + ref).property("ref", ref);
        if (ref.contains("$")) {
            finding.message(what + " at a ref built from variables or parameters (" + ref + "), so what runs is known "
                    + "only when the pipeline starts" + fix).confidence(Confidence.LOW).report();
        } else if (ref.startsWith("refs/tags/")) {
            finding.message(what + " at the tag " + ref.substring("refs/tags/".length()) + ", which whoever can push "
                    + "tags there can move" + fix).severity(Severity.LOW).report();
        } else {
            String branch = ref.isEmpty() ? "its default branch" : "the branch "
                    + (ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref);
            finding.message(what + " at " + branch + ": whoever can push there changes the steps this pipeline runs, "
                    + "with its secrets and service connections" + fix).report();
        }
    }
}
