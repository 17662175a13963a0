package dev.cimatrix.discover.terraform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The actions a role's own permission policy allows, read from the JSON form ({@code jsonencode} or a JSON string:
 * {@code Statement: [{Effect, Action}]}) or from an {@code aws_iam_policy_document} ({@code statement} blocks with
 * {@code effect} and {@code actions}). A statement that allows by {@code NotAction} allows nearly everything, so it
 * counts as {@code *}; denials are left out, and so are statements only about Terraform's state locks (a DynamoDB
 * lock table, an S3 {@code .tflock} file), which a plan must write.
 */
final class PermissionPolicies {
    /** A resource that is a Terraform state lock: a DynamoDB table named for locks, or an S3 lock file. */
    private static final Pattern LOCK = Pattern.compile("(?i)\\.tflock$|:table/[^/]*lock[^/]*$");

    private PermissionPolicies() {
    }

    /** Whether a statement's resources are all state locks. */
    private static boolean onlyLocks(Object resources) {
        List<Object> all = TrustPolicies.list(resources);
        return !all.isEmpty() && all.stream().allMatch(r -> LOCK.matcher(String.valueOf(r)).find());
    }

    /** The actions a JSON-shaped policy allows, or null when it is not one (computed, or another shape). */
    static List<String> allowedByJson(Object policy) {
        if (!(policy instanceof Map<?, ?> map) || map.get("Statement") == null) {
            return null;
        }
        List<String> actions = new ArrayList<>();
        for (Object item : TrustPolicies.list(map.get("Statement"))) {
            if (!(item instanceof Map<?, ?> statement)) {
                return null;
            }
            if ("Deny".equals(statement.get("Effect")) || onlyLocks(statement.get("Resource"))) {
                continue;
            }
            if (statement.get("NotAction") != null) {
                actions.add("*");
            }
            TrustPolicies.list(statement.get("Action")).forEach(a -> actions.add(String.valueOf(a)));
        }
        return actions;
    }

    /** The actions an {@code aws_iam_policy_document}'s statements allow. */
    static List<String> allowedByDocument(Map<?, ?> document) {
        List<String> actions = new ArrayList<>();
        for (Object item : TrustPolicies.list(document.get("statement"))) {
            if (!(item instanceof Map<?, ?> statement) || "Deny".equals(statement.get("effect"))
                    || onlyLocks(statement.get("resources"))) {
                continue;
            }
            if (statement.get("not_actions") != null) {
                actions.add("*");
            }
            TrustPolicies.list(statement.get("actions")).forEach(a -> actions.add(String.valueOf(a)));
        }
        return actions;
    }
}
