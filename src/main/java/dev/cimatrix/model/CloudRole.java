package dev.cimatrix.model;

import java.util.List;

/**
 * A cloud role read from infrastructure code, with the OIDC issuers its trust policy accepts and its policies.
 *
 * @param address        the resource or data address, such as {@code aws_iam_role.deploy}
 * @param name           the role's name as written ({@code name =}), or the address's last part when not written
 * @param arn            the ARN when it can be told from the code (an account id written in the policy), else null
 * @param account        the cloud account id when written, else null
 * @param trusts         one entry per trust statement that accepts an OIDC issuer
 * @param policies       the managed policies attached to it and the inline policies whose actions were read
 * @param inlinePolicies whether it has an inline policy whose actions could not be read (computed, or of another shape)
 */
public record CloudRole(String provider, String address, String name, String arn, String account, Location location,
                        List<OidcTrust> trusts, List<AttachedPolicy> policies, boolean inlinePolicies) {
    public CloudRole {
        trusts = List.copyOf(trusts);
        policies = List.copyOf(policies);
    }

    public CloudRole(String provider, String address, String name, String arn, String account, Location location,
                     List<OidcTrust> trusts) {
        this(provider, address, name, arn, account, location, trusts, List.of(), false);
    }

    /**
     * Whether everything the role may do is in {@link #policies()} and what each allows is known: AWS managed policies,
     * whose name says it, and inline policies whose actions were read; no inline policy left unread
     * ({@link #inlinePolicies()}) and no managed policy of the account's own.
     */
    public boolean permissionsKnown() {
        return !inlinePolicies && !policies.isEmpty() && policies.stream().allMatch(AttachedPolicy::known);
    }

    /**
     * A policy of the role and where it is given: a managed policy by its ARN as written
     * ({@code arn:aws:iam::aws:policy/ReadOnlyAccess}), attached by an {@code aws_iam_role_policy_attachment} or listed
     * in the role's {@code managed_policy_arns}; or an inline policy ({@code aws_iam_role_policy}, the role's
     * {@code inline_policy}), named {@code inline:<name>}, with the actions it allows.
     *
     * @param actions the actions an inline policy allows; null for a managed policy
     */
    public record AttachedPolicy(String arn, Location location, List<String> actions) {
        private static final String AWS_MANAGED = "arn:aws:iam::aws:policy/";
        /** AWS managed policies that write whatever their name says (the {@code …FullAccess} ones are read by name). */
        private static final java.util.Set<String> WRITING = java.util.Set.of("AdministratorAccess", "PowerUserAccess");
        /** How the actions that only read begin, after the service ({@code s3:GetObject}, {@code ec2:Describe*}). */
        private static final List<String> READING = List.of("Get", "List", "Describe", "View", "Read", "BatchGet",
                "Search", "Query", "Scan", "Select", "Lookup", "Head", "Filter");

        public AttachedPolicy {
            actions = actions == null ? null : List.copyOf(actions);
        }

        public AttachedPolicy(String arn, Location location) {
            this(arn, location, null);
        }

        /**
         * Whether the policy writes: an AWS managed policy for administrators, power users or full access to a service,
         * or an inline one that allows an action other than reading (any {@code *} over verbs included).
         */
        public boolean writes() {
            if (actions != null) {
                return !writingActions().isEmpty();
            }
            String name = awsManagedName();
            return name != null && (WRITING.contains(name) || name.endsWith("FullAccess"));
        }

        /** The actions of an inline policy that do more than read. */
        public List<String> writingActions() {
            if (actions == null) {
                return List.of();
            }
            return actions.stream().filter(a -> {
                int colon = a.indexOf(':');
                String verb = colon < 0 ? a : a.substring(colon + 1);
                return READING.stream().noneMatch(verb::startsWith);
            }).toList();
        }

        /** Whether what the policy allows is known: an AWS managed policy, or an inline one whose actions were read. */
        public boolean known() {
            return actions != null || awsManagedName() != null;
        }

        /** The name a message gives it: the AWS managed policy's, or the inline policy's with what it allows. */
        public String label() {
            if (actions != null) {
                List<String> writing = writingActions();
                return "inline policy " + arn.substring(arn.indexOf(':') + 1)
                        + (writing.isEmpty() ? "" : " (" + String.join(", ", writing.subList(0, Math.min(3, writing.size())))
                        + (writing.size() > 3 ? ", …" : "") + ")");
            }
            String name = awsManagedName();
            return name != null ? name : arn;
        }

        /** The name of an AWS managed policy ({@code AdministratorAccess}), or null for any other policy. */
        public String awsManagedName() {
            if (!arn.startsWith(AWS_MANAGED)) {
                return null;
            }
            String rest = arn.substring(AWS_MANAGED.length());
            return rest.substring(rest.lastIndexOf('/') + 1);
        }
    }

    /** A statement of a trust policy that lets tokens of an OIDC issuer assume the role. */
    public record OidcTrust(String issuer, List<String> subjects, SubjectScope scope, Location location) {
        public OidcTrust {
            subjects = List.copyOf(subjects);
        }
    }

    /** How narrowly the {@code sub} condition picks who may assume the role, narrowest first. */
    public enum SubjectScope {
        /** Every subject names one repository and a branch, tag, environment or pull request. */
        PINNED,
        /**
         * The subject condition's values, or some of them, are computed (from variables, functions or {@code for}
         * expressions), so how narrow it is cannot be read from the code; the rest are pinned.
         */
        COMPUTED,
        /** Some subject accepts every ref of one repository ({@code repo:org/app:*}). */
        REPOSITORY,
        /** Some subject accepts any repository of an organisation ({@code repo:org/*}). */
        ORGANISATION,
        /** No subject condition, or one that accepts any subject: every repository on the platform. */
        ANY;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Whether a role as a workflow or a declaration writes it (an ARN, or a name) is this role: the same ARN, or the same
     * name as the ARN's last part. A role written with an expression names no role.
     */
    public boolean isNamedBy(String written) {
        String text = written.strip();
        String name = nameIn(text);
        return arn != null && arn.equalsIgnoreCase(text) || !name.isEmpty() && this.name.equalsIgnoreCase(name);
    }

    /** The last part of a role ARN ({@code arn:aws:iam::1:role/path/name} gives {@code name}), or the text itself. */
    public static String nameIn(String arnOrName) {
        if (arnOrName.contains("${{")) {
            return "";
        }
        int slash = arnOrName.lastIndexOf('/');
        return slash >= 0 ? arnOrName.substring(slash + 1) : arnOrName;
    }

    /** The broadest scope of its trusts; PINNED when it has none. */
    public SubjectScope broadestScope() {
        return trusts.stream().map(OidcTrust::scope).max(Enum::compareTo).orElse(SubjectScope.PINNED);
    }
}
