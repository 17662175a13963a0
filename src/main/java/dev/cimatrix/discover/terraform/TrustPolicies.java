package dev.cimatrix.discover.terraform;

import dev.cimatrix.model.CloudRole.SubjectScope;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the statements of an IAM trust policy (as JSON-shaped maps, or as the blocks of an
 * {@code aws_iam_policy_document}) and tells which OIDC issuer they accept and how narrowly their
 * {@code sub} condition picks the callers.
 */
final class TrustPolicies {
    /** Issuers of CI platforms' OIDC tokens, as they appear in principals and condition keys. */
    static final List<String> ISSUERS = List.of("token.actions.githubusercontent.com", "gitlab.com");

    private TrustPolicies() {
    }

    /**
     * One trust statement: the issuer it accepts and the subject patterns written literally, with the operator they
     * use; {@code computed} when its {@code sub} condition also has values that are not in the code (from variables,
     * functions or {@code for} expressions).
     */
    record Statement(String issuer, List<Subject> subjects, boolean computed) {
        /**
         * How narrowly the statement picks its callers: from its literal subjects, and at least {@link
         * SubjectScope#COMPUTED} when some are computed, since those may be broad or narrow.
         */
        SubjectScope scope() {
            if (!computed) {
                return classify(subjects);
            }
            SubjectScope literal = subjects.isEmpty() ? SubjectScope.PINNED : classify(subjects);
            return literal.compareTo(SubjectScope.COMPUTED) > 0 ? literal : SubjectScope.COMPUTED;
        }
    }

    /** A {@code sub} value and whether it is matched with wildcards ({@code StringLike}). */
    record Subject(String value, boolean wildcard) {
    }

    /** The issuer a text names, if any: an OIDC provider ARN or URL, or a condition key such as {@code …:sub}. */
    static String issuerIn(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String issuer : ISSUERS) {
            if (lower.contains(issuer)) {
                return issuer;
            }
        }
        return null;
    }

    /**
     * The narrowest scope all subjects together allow, or {@link SubjectScope#ANY} when there are none. The
     * broadest subject decides, since any one of them lets a token in.
     */
    static SubjectScope classify(List<Subject> subjects) {
        if (subjects.isEmpty()) {
            return SubjectScope.ANY;
        }
        SubjectScope broadest = SubjectScope.PINNED;
        for (Subject s : subjects) {
            SubjectScope scope = classify(s);
            if (scope.compareTo(broadest) > 0) {
                broadest = scope;
            }
        }
        return broadest;
    }

    /**
     * GitHub subjects look like {@code repo:org/app:ref:refs/heads/main} or {@code repo:org/app:environment:prod};
     * GitLab's like {@code project_path:group/app:ref_type:branch:ref:main}. With StringEquals a {@code *} is
     * an ordinary character, so only StringLike values can widen the scope with wildcards.
     */
    static SubjectScope classify(Subject subject) {
        String v = subject.value().strip();
        boolean wild = subject.wildcard();
        if (v.isEmpty() || (wild && (v.equals("*") || v.equals("repo:*") || v.equals("project_path:*")))) {
            return SubjectScope.ANY;
        }
        String body;
        if (v.startsWith("repo:")) {
            body = v.substring("repo:".length());
        } else if (v.startsWith("project_path:")) {
            body = v.substring("project_path:".length());
        } else {
            // a subject of another shape (a customised claim template): a wildcard in it may match anything
            return wild && (v.contains("*") || v.contains("?")) ? SubjectScope.ORGANISATION : SubjectScope.PINNED;
        }
        int colon = body.indexOf(':');
        String repository = colon < 0 ? body : body.substring(0, colon);
        String rest = colon < 0 ? "" : body.substring(colon + 1);
        if (wild && (repository.contains("*") || repository.contains("?"))) {
            return repository.startsWith("*") ? SubjectScope.ANY : SubjectScope.ORGANISATION;
        }
        if (rest.isEmpty() || (wild && (rest.contains("*") || rest.contains("?")))) {
            return SubjectScope.REPOSITORY;
        }
        boolean names = rest.startsWith("ref:refs/heads/") || rest.startsWith("ref:refs/tags/")
                || rest.startsWith("environment:") || rest.startsWith("ref_type:") || rest.equals("pull_request");
        return names ? SubjectScope.PINNED : SubjectScope.REPOSITORY;
    }

    /** Statements of a JSON-shaped policy ({@code Statement: [{Principal, Condition}]}). */
    static List<Statement> fromJson(Object policy) {
        List<Statement> out = new ArrayList<>();
        if (!(policy instanceof Map<?, ?> map)) {
            return out;
        }
        for (Object item : list(map.get("Statement"))) {
            if (!(item instanceof Map<?, ?> statement) || "Deny".equals(statement.get("Effect"))) {
                continue;
            }
            String issuer = null;
            if (statement.get("Principal") instanceof Map<?, ?> principal) {
                for (Object federated : list(principal.get("Federated"))) {
                    issuer = issuer != null ? issuer : issuerIn(String.valueOf(federated));
                }
            }
            List<Subject> subjects = new ArrayList<>();
            boolean computed = false;
            if (statement.get("Condition") instanceof Map<?, ?> condition) {
                for (Map.Entry<?, ?> test : condition.entrySet()) {
                    boolean like = operator(String.valueOf(test.getKey()));
                    if (test.getValue() instanceof Map<?, ?> keys) {
                        for (Map.Entry<?, ?> key : keys.entrySet()) {
                            String name = String.valueOf(key.getKey());
                            if (name.endsWith(":sub") && issuerIn(name) != null) {
                                issuer = issuer != null ? issuer : issuerIn(name);
                                computed |= addSubjects(key.getValue(), like, subjects);
                            }
                        }
                    }
                }
            }
            if (issuer != null) {
                out.add(new Statement(issuer, subjects, computed));
            }
        }
        return out;
    }

    /**
     * Statements of an {@code aws_iam_policy_document} data block. {@code providerIssuers} maps references
     * to {@code aws_iam_openid_connect_provider} resources to the issuer of their URL.
     */
    static List<Statement> fromDocument(Map<?, ?> document, Map<String, String> providerIssuers) {
        List<Statement> out = new ArrayList<>();
        for (Object item : list(document.get("statement"))) {
            if (!(item instanceof Map<?, ?> statement) || "Deny".equals(statement.get("effect"))) {
                continue;
            }
            String issuer = null;
            for (Object p : list(statement.get("principals"))) {
                if (p instanceof Map<?, ?> principal && "Federated".equals(principal.get("type"))) {
                    for (Object id : list(principal.get("identifiers"))) {
                        String text = String.valueOf(id);
                        String named = issuerIn(text);
                        if (named == null) {
                            named = providerIssuers.get(text.replaceAll("\\.arn$", ""));
                        }
                        issuer = issuer != null ? issuer : named;
                    }
                }
            }
            List<Subject> subjects = new ArrayList<>();
            boolean computed = false;
            for (Object c : list(statement.get("condition"))) {
                if (c instanceof Map<?, ?> condition) {
                    String variable = String.valueOf(condition.get("variable"));
                    if (variable.endsWith(":sub") && issuerIn(variable) != null) {
                        issuer = issuer != null ? issuer : issuerIn(variable);
                        boolean like = operator(String.valueOf(condition.get("test")));
                        computed |= addSubjects(condition.get("values"), like, subjects);
                    }
                }
            }
            if (issuer != null) {
                out.add(new Statement(issuer, subjects, computed));
            }
        }
        return out;
    }

    /**
     * Adds the subjects a {@code sub} condition's values write literally; true when some are computed instead. hcl4j
     * leaves what it cannot evaluate as null (a function it does not know), an empty list (a {@code for} over a
     * variable) or a reference object ({@code var.subjects}): such a condition exists, and is no "no condition".
     */
    private static boolean addSubjects(Object values, boolean like, List<Subject> into) {
        List<Object> items = list(values);
        boolean computed = items.isEmpty();
        for (Object value : items) {
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                into.add(new Subject(String.valueOf(value), like));
            } else {
                computed = true;
            }
        }
        return computed;
    }

    /** True for the operators that treat {@code *} and {@code ?} as wildcards. */
    private static boolean operator(String test) {
        String op = test.contains(":") ? test.substring(test.lastIndexOf(':') + 1) : test;
        return op.startsWith("StringLike") || op.startsWith("StringNotLike");
    }

    /** A value that may be written once or as a list (HCL repeats blocks; JSON allows both). */
    static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        return List.of(value);
    }
}
