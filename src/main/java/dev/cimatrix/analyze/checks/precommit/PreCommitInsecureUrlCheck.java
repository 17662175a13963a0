package dev.cimatrix.analyze.checks.precommit;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.PreCommitContext;
import dev.cimatrix.model.PreCommitConfig;

import java.util.Locale;

/**
 * A pre-commit hook repository cloned over {@code http://} or {@code git://}: neither authenticates the server nor
 * protects the bytes, so whoever sits on the network path between a developer or a runner and the server serves the
 * hooks that pre-commit then runs.
 */
public final class PreCommitInsecureUrlCheck implements Check {
    public static final String ID = "precommit-insecure-url";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void preCommit(PreCommitContext context, FindingSink findings) {
        for (PreCommitConfig.HookRepository repository : context.config().repositories()) {
            String url = repository.url().value().strip();
            String lower = url.toLowerCase(Locale.ROOT);
            String scheme = lower.startsWith("http://") ? "http" : lower.startsWith("git://") ? "git" : null;
            if (scheme == null) {
                continue;
            }
            findings.at(repository.url().location()).subject(url)
                    .message("hook repository " + url + " is cloned over " + scheme + "://, which neither checks the "
                            + "server nor protects the transfer: anyone on the network path of a developer or a runner "
                            + "can serve their own hooks, which pre-commit then runs; clone it over https://")
                    .property("scheme", scheme).report();
        }
    }
}
