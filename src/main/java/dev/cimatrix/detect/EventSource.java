package dev.cimatrix.detect;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The logs detection reads. The id is both the catalog's log source id and the {@code --source} name; product and
 * service are the Sigma {@code logsource} that selects it.
 */
public enum EventSource {
    GITHUB_AUDIT("github-audit", "github", "audit"),
    GITHUB_WEBHOOK("github-webhook", "github", "webhook"),
    GITLAB_AUDIT("gitlab-audit", "gitlab", "audit"),
    CLOUDTRAIL("cloudtrail", "aws", "cloudtrail"),
    K8S_AUDIT("k8s-audit", "kubernetes", "audit");

    private final String id;
    private final String product;
    private final String service;

    EventSource(String id, String product, String service) {
        this.id = id;
        this.product = product;
        this.service = service;
    }

    public String id() {
        return id;
    }

    public String product() {
        return product;
    }

    public String service() {
        return service;
    }

    public static Optional<EventSource> byId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.id.equals(wanted)).findFirst();
    }

    /** The source a Sigma logsource names; category is not needed to tell these apart. */
    public static Optional<EventSource> byLogsource(String product, String service) {
        return Arrays.stream(values())
                .filter(s -> s.product.equalsIgnoreCase(product) && s.service.equalsIgnoreCase(service))
                .findFirst();
    }
}
