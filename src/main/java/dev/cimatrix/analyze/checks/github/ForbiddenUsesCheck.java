package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.analyze.UsesContext;
import dev.cimatrix.model.ActionRef;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An action, reusable workflow or image that the organisation's policy does not allow, written as in GitHub's own
 * "allow specified actions and reusable workflows" setting: {@code owner/*}, {@code owner/repo}, {@code owner/repo@*},
 * {@code owner/repo/path@ref}, {@code docker://registry/image*}. With an {@code allow} list, everything it does not
 * match is reported; {@code deny} patterns are reported wherever they match, allowed or not. Local actions
 * ({@code ./…}) are the repository's own code and always allowed. Without either list the check looks for nothing.
 */
public final class ForbiddenUsesCheck implements Check {
    public static final String ID = "gha-forbidden-uses";

    /** One pattern: a glob over the name and, after {@code @}, over the ref. */
    record UsesPattern(String text, Pattern name, Pattern ref) {
        static UsesPattern parse(String text) {
            String pattern = text.strip();
            boolean docker = pattern.regionMatches(true, 0, "docker://", 0, 9);
            int at = docker ? -1 : pattern.lastIndexOf('@');
            String name = at < 0 ? pattern : pattern.substring(0, at);
            String ref = at < 0 ? "*" : pattern.substring(at + 1);
            return new UsesPattern(pattern, glob(name, Pattern.CASE_INSENSITIVE), glob(ref.isEmpty() ? "*" : ref, 0));
        }

        private static Pattern glob(String glob, int flags) {
            StringBuilder regex = new StringBuilder();
            for (String part : glob.split("\\*", -1)) {
                if (!regex.isEmpty()) {
                    regex.append(".*");
                }
                regex.append(Pattern.quote(part));
            }
            return Pattern.compile(regex.toString(), flags);
        }

        /**
         * Whether the pattern names the reference: its {@code owner/repo/path}, or its repository as a whole, so that
         * {@code github/codeql-action} takes in {@code github/codeql-action/init}.
         */
        boolean matches(ActionRef uses) {
            if (uses.kind() == ActionRef.Kind.DOCKER) {
                return name.matcher(uses.raw().strip()).matches();
            }
            String repository = uses.owner() + "/" + uses.repo();
            String full = uses.path().isEmpty() ? repository : repository + "/" + uses.path();
            return (name.matcher(full).matches() || name.matcher(repository).matches()) && ref.matcher(uses.ref()).matches();
        }
    }

    private final List<UsesPattern> allow;
    private final List<UsesPattern> deny;

    public ForbiddenUsesCheck(ScanConfig config) {
        List<String> allowed = config.listOption(ID, "allow").stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
        // GitHub's setting takes '!pattern' in its list to block what the other patterns allow.
        allow = allowed.stream().filter(p -> !p.startsWith("!")).map(UsesPattern::parse).toList();
        deny = Stream.concat(config.listOption(ID, "deny").stream().map(String::strip),
                        allowed.stream().filter(p -> p.startsWith("!")).map(p -> p.substring(1).strip()))
                .filter(p -> !p.isEmpty()).map(UsesPattern::parse).toList();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean active() {
        return !allow.isEmpty() || !deny.isEmpty();
    }

    @Override
    public void uses(UsesContext context, FindingSink findings) {
        ActionRef uses = context.uses();
        // The repository's own actions, and references computed at run time, which gha-tainted-uses judges.
        if (uses.kind() == ActionRef.Kind.LOCAL || uses.kind() == ActionRef.Kind.SELF || uses.raw().contains("${{")) {
            return;
        }
        String what = uses.raw().strip();
        Optional<UsesPattern> denied = deny.stream().filter(p -> p.matches(uses)).findFirst();
        if (denied.isPresent()) {
            findings.at(uses.location())
                    .message(what + " is forbidden by the pattern '" + denied.get().text() + "' of " + ID
                            + ".deny in .cimatrix.yml: replace it with an allowed action, or change the policy.")
                    .subject(what.toLowerCase(Locale.ROOT)).property("pattern", denied.get().text()).report();
        } else if (!allow.isEmpty() && allow.stream().noneMatch(p -> p.matches(uses))) {
            findings.at(uses.location())
                    .message(what + " matches none of the " + allow.size() + " patterns of " + ID + ".allow in "
                            + ".cimatrix.yml: replace it with an allowed action, or add it to the policy after a review.")
                    .subject(what.toLowerCase(Locale.ROOT)).report();
        }
    }
}
